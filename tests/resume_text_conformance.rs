//! The resume file as text: replays tests/conformance/resume-text-vectors.json (made by
//! tests/conformance/generate_resume_texts.py) against `decide`. Each vector is a release's
//! offline `wandb.init` run with `wandb/wandb-resume.json` holding a given text — empty,
//! truncated, not JSON, JSON that is not what wandb writes — under three configurations; the
//! engine must raise where the SDK raised (quoting what Python said), pass over the file where
//! it did, and otherwise agree on the mode, the run id, the warnings and the file afterwards.
//! Texts whose outcome the package does not model (a `run_id` that is neither a string nor
//! null) must be refused by the input check, and only those. No Python is needed here.

mod common;

use common::replay::compare;
use serde_json::Value;
use wandb_resume::resume_file_text::{self, FileContent};
use wandb_resume::{ResumeFileAction, ResumeInput, codec, decide};

fn load() -> Value {
    common::load_json(
        "WANDB_RESUME_TEXT_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/resume-text-vectors.json"
        ),
    )
}

/// One recorded case: the release, the case, the engine's input, what the SDK did.
struct Recorded<'a> {
    version: &'a str,
    case: &'a Value,
    input: ResumeInput,
    out: &'a Value,
}

/// Every recorded case. A release that ran only the fixed texts (not the random ones) has
/// results for the first cases only.
fn recorded(doc: &Value) -> Vec<Recorded<'_>> {
    let cases = doc["cases"].as_array().expect("cases");
    let mut all = Vec::new();
    for (version, outs) in doc["results"].as_object().expect("results") {
        let outs = outs.as_array().expect("results per release");
        assert!(
            outs.len() > 100 && outs.len() <= cases.len(),
            "{version}: {} results",
            outs.len()
        );
        for (case, out) in cases.iter().zip(outs) {
            let mut json = case.clone();
            json["sdk"] = Value::String(version.clone());
            let input = codec::from_json::<ResumeInput>(&json.to_string())
                .unwrap_or_else(|e| panic!("{case}: {e}"));
            all.push(Recorded {
                version,
                case,
                input,
                out,
            });
        }
    }
    all
}

fn text(case: &Value) -> &str {
    case["context"]["resumeFileText"].as_str().expect("a text")
}

#[test]
fn resume_file_texts_match_the_real_sdk() {
    let doc = load();
    let all = recorded(&doc);
    let mut failures = Vec::new();
    let mut refused = 0;
    for v in &all {
        let unmodeled = matches!(
            resume_file_text::read(text(v.case)),
            FileContent::Unmodeled(_)
        );
        if let Err(e) = v.input.check_limits() {
            assert!(unmodeled, "[{}] {}: refused: {e}", v.version, v.case);
            refused += 1;
            continue;
        }
        assert!(!unmodeled, "[{}] {}: not refused", v.version, v.case);
        let mut diffs = compare(&v.input, v.out);
        // A file the SDK left as it was, though it holds no id: the engine must say so (a
        // null resumeFileAfter alone would also mean "deleted").
        if v.out["resumeFileAfter"]["unparsed"].is_string() && v.out["rejected"] != true {
            let d = decide(&v.input);
            if d.resume_file_action != ResumeFileAction::Untouched {
                diffs.push(format!(
                    "the SDK left the file as it was; the engine says {:?}",
                    d.resume_file_action
                ));
            }
        }
        if !diffs.is_empty() {
            failures.push(format!(
                "[{}] {}\n    {}",
                v.version,
                v.case,
                diffs.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} resume-file texts disagree with the real SDK:\n{}",
        failures.len(),
        all.len(),
        failures[..failures.len().min(30)].join("\n")
    );
    eprintln!(
        "resume-file texts: {} over {} releases agree ({refused} refused as not modelled)",
        all.len() - refused,
        doc["results"].as_object().map_or(0, |r| r.len())
    );
}

/// The vectors see each outcome: the SDK raising on a text, passing over one, and taking the
/// id; and what 0.19.3 changed (an empty file raises before it and is passed over from it).
#[test]
fn resume_text_vectors_cover_each_outcome() {
    let doc = load();
    let all = recorded(&doc);
    let outcome = |version: &str, file: &str, config: usize| {
        let configs = doc["meta"]["configs"].as_array().unwrap();
        all.iter()
            .find(|v| {
                v.version == version
                    && text(v.case) == file
                    && v.case["init"] == configs[config]["init"]
                    && v.case["env"] == configs[config]["env"]
            })
            .map(|v| v.out)
            .unwrap_or_else(|| panic!("{version} {file:?} #{config} recorded"))
    };
    assert_eq!(outcome("0.19.2", "", 0)["rejected"], true);
    assert_eq!(outcome("0.19.3", "", 0)["rejected"], false);
    assert_eq!(outcome("0.19.3", "", 0)["generated"], true);
    assert_eq!(outcome("0.31.0", "[]", 0)["rejected"], true);
    assert_eq!(
        outcome("0.31.0", r#"{"run_id": "abc123"}"#, 0)["runId"],
        "abc123"
    );
    // Random texts, and the decoder's messages they reach.
    let messages: std::collections::BTreeSet<&str> = all
        .iter()
        .filter_map(|v| {
            let e = &v.out["error"];
            let m = e["cause"]["message"].as_str().or(e["message"].as_str())?;
            m.split(": line ").next()
        })
        .collect();
    for expected in [
        "Expecting value",
        "Expecting ',' delimiter",
        "Expecting ':' delimiter",
        "Expecting property name enclosed in double quotes",
        "Unterminated string starting at",
        "Invalid control character at",
        "Invalid \\escape",
        "Invalid \\uXXXX escape",
        "Extra data",
        "Unexpected UTF-8 BOM (decode using utf-8-sig)",
    ] {
        assert!(messages.contains(expected), "no vector raises {expected:?}");
    }
}
