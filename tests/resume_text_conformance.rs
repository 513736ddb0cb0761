//! The resume file as text: replays tests/conformance/resume-text-vectors.json (made by
//! tests/conformance/generate_resume_texts.py) against `decide`. Each vector is a release's
//! offline `wandb.init` run with `wandb/wandb-resume.json` holding a given text — empty,
//! truncated, not JSON, JSON that is not what wandb writes — under three configurations; the
//! engine must raise where the SDK raised (quoting what Python said), pass over the file where
//! it did, and otherwise agree on the mode, the run id, the warnings and the file afterwards.
//! Texts whose outcome the package does not model (a `run_id` that is neither a string nor
//! null) must be refused by the input check, and only those. No Python is needed here.

mod common;

use common::resume_text_replay::{TextVector, check, load, refused, vectors};
use wandb_resume::resume_file_text::{FileContent, read};

#[test]
fn resume_file_texts_match_the_real_sdk() {
    let doc = load();
    let all = vectors(&doc);
    let mut failures = Vec::new();
    let mut refusals = 0;
    let label = |v: &TextVector<'_>| format!("[{}] {}", v.version, v.case);
    for v in &all {
        match refused(v) {
            Err(why) => panic!("{}: {why}", label(v)),
            Ok(true) => refusals += 1,
            Ok(false) => {
                let diffs = check(v);
                if !diffs.is_empty() {
                    failures.push(format!("{}\n    {}", label(v), diffs.join("\n    ")));
                }
            }
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
        "resume-file texts: {} over {} releases agree ({refusals} refused as not modelled)",
        all.len() - refusals,
        doc["results"].as_object().map_or(0, |r| r.len())
    );
}

/// The vectors see each outcome: the SDK raising on a text, passing over one, and taking the
/// id; and what 0.19.3 changed (an empty file raises before it and is passed over from it).
#[test]
fn resume_text_vectors_cover_each_outcome() {
    let doc = load();
    let all = vectors(&doc);
    let outcome = |version: &str, file: &str, config: usize| {
        let configs = doc["meta"]["configs"].as_array().unwrap();
        all.iter()
            .find(|v| {
                v.version == version
                    && v.text() == file
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

/// The decoder says what CPython says: wherever a release raised `JSONDecodeError` (itself
/// or as the cause of wandb's wrapper), the decoder reads that text as not JSON with exactly
/// that message — position, line and column (after `open()`'s newline translation) included.
#[test]
fn the_decoders_messages_are_cpythons() {
    let doc = load();
    let mut seen = 0;
    for v in vectors(&doc) {
        let error = &v.out["error"];
        let raised = [error, &error["cause"]]
            .into_iter()
            .find(|e| e["type"] == "JSONDecodeError");
        let Some(raised) = raised else { continue };
        let message = raised["message"].as_str().expect("a message");
        assert_eq!(
            read(v.text()),
            FileContent::NotJson(message.to_owned()),
            "[{}] {:?}",
            v.version,
            v.text()
        );
        seen += 1;
    }
    assert!(seen > 1000, "{seen} decode errors recorded");
}
