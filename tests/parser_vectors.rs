//! The paste parsers against the real bash and the real Python: every case recorded by
//! scripts/gen_parser_vectors.py in tests/vectors/{env_block,init_call}.json is replayed here.
//! Neither bash nor Python is needed at test time.

use std::collections::BTreeMap;

use serde_json::Value;
use wandb_resume::env_block::parse_env_block;
use wandb_resume::init_call::parse_init_call;

/// The committed vectors, or those in `$PARSER_VECTORS_DIR` (a stress run of the generator:
/// `scripts/gen_parser_vectors.py --seed N --random 5000 --out DIR`).
fn load(name: &str) -> Value {
    let dir = std::env::var("PARSER_VECTORS_DIR")
        .unwrap_or_else(|_| format!("{}/tests/vectors", env!("CARGO_MANIFEST_DIR")));
    let path = format!("{dir}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn cases(v: &Value) -> &Vec<Value> {
    v["cases"].as_array().expect("cases")
}

/// Reports every disagreement at once, each with the case index, text, expected and actual.
fn finish(kind: &str, total: usize, failures: Vec<String>) {
    if !failures.is_empty() {
        let shown: Vec<&String> = failures.iter().take(40).collect();
        panic!(
            "{} of {total} {kind} vectors disagree:\n\n{}",
            failures.len(),
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n\n")
        );
    }
}

#[test]
fn env_blocks_match_bash() {
    let v = load("env_block.json");
    let ignored: Vec<&str> = v["meta"]["ignoredNames"]
        .as_array()
        .expect("ignoredNames")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let all = cases(&v);
    assert!(all.len() >= 300, "only {} env cases", all.len());
    let mut failures = Vec::new();
    for (index, case) in all.iter().enumerate() {
        let text = case["text"].as_str().expect("text");
        let expect = &case["expect"];
        let result = parse_env_block(text);
        let mut problem = |expected: String, actual: String| {
            failures.push(format!(
                "case {index}: {text:?}\n  expected: {expected}\n  actual:   {actual}"
            ));
        };
        if let Some(code) = expect["error"].as_str() {
            match result {
                // "any": bash -n refuses it; which error comes first is not compared.
                Err(e) if e.code() == code || code == "any" => {}
                Err(e) => problem(format!("error {code}"), format!("error {}: {e}", e.code())),
                Ok(block) => problem(format!("error {code}"), format!("Ok {:?}", block.env)),
            }
            continue;
        }
        let block = match result {
            Ok(b) => b,
            Err(e) => {
                problem(format!("Ok {expect}"), format!("error {}: {e}", e.code()));
                continue;
            }
        };
        if expect["syntaxOnly"].as_bool() == Some(true) {
            // bash -n accepts it; running it is not safe, so only acceptance is checked.
            continue;
        }
        let expected_unresolved: Vec<&str> = expect["unresolved"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let expected: BTreeMap<&str, &str> = expect["env"]
            .as_object()
            .expect("env")
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().expect("value")))
            .collect();
        let actual: BTreeMap<&str, &str> = block
            .env
            .iter()
            .filter(|(k, _)| !ignored.contains(&k.as_str()) && !block.is_unresolved(k))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let actual_unresolved: Vec<&str> = block
            .unresolved
            .iter()
            .map(String::as_str)
            .filter(|k| !ignored.contains(k))
            .collect();
        if actual != expected || actual_unresolved != expected_unresolved {
            problem(
                format!("env {expected:?}, unresolved {expected_unresolved:?}"),
                format!("env {actual:?}, unresolved {actual_unresolved:?}"),
            );
            continue;
        }
        for code in expect["notes"].as_array().into_iter().flatten() {
            let code = code.as_str().expect("note code");
            if !block.notes.iter().any(|n| n.code == code) {
                let got: Vec<&str> = block.notes.iter().map(|n| n.code.as_str()).collect();
                problem(format!("a note {code}"), format!("notes {got:?}"));
            }
        }
    }
    finish("env block", all.len(), failures);
}

#[test]
fn init_calls_match_python() {
    let v = load("init_call.json");
    let all = cases(&v);
    assert!(all.len() >= 300, "only {} init cases", all.len());
    let mut failures = Vec::new();
    for (index, case) in all.iter().enumerate() {
        let text = case["text"].as_str().expect("text");
        let expected = &case["expect"];
        let result = parse_init_call(text);
        let mut problem = |expected: String, actual: String| {
            failures.push(format!(
                "case {index}: {text:?}\n  expected: {expected}\n  actual:   {actual}"
            ));
        };
        if let Some(code) = expected["error"].as_str() {
            let at = match (expected["line"].as_u64(), expected["column"].as_u64()) {
                (Some(l), Some(c)) => Some((l, c)),
                _ => None,
            };
            match result {
                Err(e)
                    if e.code() == code
                        && at.is_none_or(|(l, c)| {
                            (u64::from(e.position.line), u64::from(e.position.column)) == (l, c)
                        }) => {}
                Err(e) => problem(
                    format!("error {code} at {at:?}"),
                    format!("error {}: {e}", e.code()),
                ),
                Ok(call) => problem(
                    format!("error {code}"),
                    format!("Ok {}", wandb_resume::codec::to_json(&call)),
                ),
            }
            continue;
        }
        match result {
            Err(e) => problem(expected.to_string(), format!("error {}: {e}", e.code())),
            Ok(call) => {
                let mut actual: Value =
                    serde_json::from_str(&wandb_resume::codec::to_json(&call)).expect("valid JSON");
                if let Some(obj) = actual.as_object_mut() {
                    obj.remove("notes");
                }
                if &actual != expected {
                    problem(expected.to_string(), actual.to_string());
                }
            }
        }
    }
    finish("init call", all.len(), failures);
}
