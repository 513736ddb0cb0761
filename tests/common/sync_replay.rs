//! Replaying the sync vectors (tests/conformance/sync-vectors.json): what each release's
//! `wandb sync` does with an offline run's directory. Shared by the sync conformance test and
//! the rule-mutation check.
#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;
use wandb_resume::{ResumeInput, codec, decide};

use super::Recorded;

/// The committed vectors, or the file in `WANDB_RESUME_SYNC_VECTORS` (another run).
pub fn load() -> Value {
    super::load_json(
        "WANDB_RESUME_SYNC_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/sync-vectors.json"
        ),
    )
}

/// The engine's warning about syncing an offline run whose id restarts reuse, in `version`.
pub fn sync_warning(version: &str) -> Option<String> {
    let input: ResumeInput = codec::from_json(&format!(
        r#"{{"sdk":"{version}","env":{{"WANDB_MODE":"offline","WANDB_RESUME":"allow","WANDB_RUN_ID":"abc"}}}}"#
    ))
    .unwrap();
    decide(&input)
        .diagnostics
        .into_iter()
        .find(|x| x.code == "offline-sync-writes-over")
        .map(|x| x.message)
}

/// Whether the engine says `wandb sync --append` exists in `version`: its warning names it
/// as a way to append.
pub fn engine_offers_append(version: &str) -> bool {
    sync_warning(version).is_some_and(|m| m.contains("`wandb sync --append` adds the rows"))
}

/// The disagreements between one recorded sync and what the engine says about it:
/// `--append` offered exactly where the release knows it, and the facts its warning states —
/// a plain sync never asks W&B and sends the history from the first row; `--append` asks, and
/// adds the rows after the run's (`existingHistoryRows`), with the steps as logged.
pub fn check(doc: &Value, v: &Recorded<'_>) -> Vec<String> {
    let mut diffs = Vec::new();
    let out = v.out;
    let append = v.case["append"] == true;
    let rows = out["history"].as_array().cloned().unwrap_or_default();
    let offsets: Vec<i64> = rows.iter().map(|r| r[0].as_i64().unwrap_or(-1)).collect();
    let steps: Vec<i64> = rows.iter().map(|r| r[1].as_i64().unwrap_or(-1)).collect();
    let logged: Vec<i64> = if v.case["explicitSteps"] == true {
        vec![20, 21, 22]
    } else {
        vec![0, 1, 2]
    };
    if append {
        let known = out["appendUnknown"] == false;
        if known != engine_offers_append(v.version) {
            diffs.push(format!(
                "--append: sdk knows it {known}, engine offers it {}",
                !known
            ));
        }
        if !known {
            return diffs;
        }
    }
    let exists = v.case["runId"] == doc["meta"]["existingRun"];
    let start = if append && exists {
        doc["meta"]["existingHistoryRows"].as_i64().unwrap()
    } else {
        0
    };
    if out["askedAboutRun"] != append {
        diffs.push(format!("asked W&B about the run: {}", out["askedAboutRun"]));
    }
    if offsets.iter().any(|&o| o != start) || steps != logged {
        diffs.push(format!(
            "history sent at {offsets:?} with steps {steps:?}, not at {start} with {logged:?}"
        ));
    }
    diffs
}
