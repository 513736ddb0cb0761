//! Replaying the settings vectors (tests/conformance/settings-vectors.json): each release's
//! `wandb.init` given `settings=` — a `wandb.Settings` object or a dict — online, offline and
//! disabled. They compare as the mode vectors do. Shared by the settings conformance test and
//! the rule-mutation check.
#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;

use super::Recorded;

/// The committed vectors, or the file in `WANDB_RESUME_SETTINGS_VECTORS` (another run).
pub fn load() -> Value {
    super::load_json(
        "WANDB_RESUME_SETTINGS_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/settings-vectors.json"
        ),
    )
}

/// The disagreements between the engine and the SDK on one vector, as the mode vectors
/// compare them. Every case is modelled: one the input check refuses is a disagreement too.
/// The cases run through the batch driver (those with its dummy API key) stop before
/// `wandb.init` prints the offline warning, so where the SDK's settings were offline there
/// (which the mode replay requires the engine to say too) the warnings are not compared;
/// everything else is.
pub fn check(v: &Recorded<'_>) -> Vec<String> {
    match super::mode_replay::refused(v) {
        Ok(false) => {}
        Ok(true) => return vec!["refused, though every case here is modelled".to_owned()],
        Err(why) => return vec![why],
    }
    let mut diffs = super::mode_replay::check(v);
    let batch = !v.case["env"]["WANDB_API_KEY"].is_null();
    if batch && v.out["offline"] == true {
        diffs.retain(|d| !d.starts_with("warnings:"));
    }
    diffs
}
