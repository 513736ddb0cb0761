//! The snippets against texts verified with the real interpreters: bash (also `--posix`),
//! dash and zsh ran every shell snippet, Python parsed every call, PyYAML loaded every
//! Kubernetes list, and a port of BuildKit's Dockerfile parser read every `ENV` line; each gave
//! back exactly the input's values (scripts/gen_snippet_vectors.py →
//! tests/vectors/snippets.json).
//!
//! The generator gets the Rust texts from this same test: with `WANDB_RESUME_WRITE_SNIPPETS`
//! set to a path, `write_snippets_when_asked` renders the inputs in the JSON array at
//! `WANDB_RESUME_SNIPPET_INPUTS` (or, without it, the committed vectors' inputs) and writes the
//! snippets there, and the comparison test stands aside.

use std::fmt::Write as _;

use serde_json::Value;
use wandb_resume::model::ResumeInput;
use wandb_resume::pyunicode::PYTHON_VERSION;
use wandb_resume::snippets::{Snippets, snippets};

const WRITE_VAR: &str = "WANDB_RESUME_WRITE_SNIPPETS";
const INPUTS_VAR: &str = "WANDB_RESUME_SNIPPET_INPUTS";
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/snippets.json");

fn vectors() -> Value {
    let text = std::fs::read_to_string(VECTORS).expect("tests/vectors/snippets.json");
    serde_json::from_str(&text).expect("valid JSON")
}

fn input_of(value: &Value) -> ResumeInput {
    wandb_resume::codec::from_json(&value.to_string()).expect("a ResumeInput")
}

#[test]
fn write_snippets_when_asked() {
    let Some(out) = std::env::var_os(WRITE_VAR) else {
        return;
    };
    let inputs: Vec<Value> = match std::env::var_os(INPUTS_VAR) {
        Some(path) => serde_json::from_str(&std::fs::read_to_string(path).expect("inputs file"))
            .expect("a JSON array of inputs"),
        None => vectors()["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(|c| c["input"].clone())
            .collect(),
    };
    let outputs: Vec<Snippets> = inputs.iter().map(|v| snippets(&input_of(v))).collect();
    std::fs::write(out, wandb_resume::codec::to_json(&outputs)).expect("writable output");
}

/// Line by line: the lines that differ (common head and tail cut, two lines of the head kept
/// as context), `-` expected and `+` actual, at most six of each.
fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) =
        (expected.split('\n').collect(), actual.split('\n').collect());
    let head = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let tail = e[head..]
        .iter()
        .rev()
        .zip(a[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = String::new();
    for line in &e[head.saturating_sub(2)..head] {
        let _ = writeln!(out, "       {line:?}");
    }
    for (mark, lines) in [
        ("-", &e[head..e.len() - tail]),
        ("+", &a[head..a.len() - tail]),
    ] {
        for line in lines.iter().take(6) {
            let _ = writeln!(out, "    {mark}  {line:?}");
        }
        if lines.len() > 6 {
            let _ = writeln!(out, "    {mark}  … {} more lines", lines.len() - 6);
        }
    }
    out
}

#[test]
fn snippets_match_verified_vectors() {
    if std::env::var_os(WRITE_VAR).is_some() {
        return;
    }
    let v = vectors();
    let meta = &v["meta"];
    assert_eq!(
        meta["python"].as_str(),
        Some(PYTHON_VERSION),
        "vectors made with another Python than the one src/pyunicode_table.rs came from"
    );
    for key in ["generator", "seed", "bash", "pyyaml"] {
        assert!(!meta[key].is_null(), "meta.{key} missing");
    }
    let cases = v["cases"].as_array().expect("cases");
    assert!(cases.len() >= 300, "only {} cases", cases.len());

    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let got = snippets(&input_of(&case["input"]));
        let mut problems = Vec::new();
        for (key, actual) in [
            ("shell", &got.shell),
            ("python", &got.python),
            ("dockerfile", &got.dockerfile),
            ("kubernetes", &got.kubernetes),
        ] {
            let expected = case[key].as_str().expect("text");
            if actual != expected {
                problems.push(format!(
                    "{key} differs from the verified text\n{}",
                    diff(expected, actual)
                ));
            }
        }
        let codes: Vec<&str> = got.notes.iter().map(|n| n.code.as_str()).collect();
        let expected: Vec<&str> = case["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .map(|c| c.as_str().expect("code"))
            .collect();
        if codes != expected {
            problems.push(format!("notes {codes:?}, verified {expected:?}"));
        }
        if !problems.is_empty() {
            failures.push(format!("case {name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ (rerun scripts/gen_snippet_vectors.py if the change is meant):\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
