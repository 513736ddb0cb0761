//! Replaying the mode vectors (tests/conformance/mode-vectors.json): each release's
//! `wandb.init` with `WANDB_MODE` / `mode=` naming an offline or an online mode. Shared by the
//! mode conformance test and the rule-mutation check.
#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;
use wandb_resume::{Action, ResumeInput, codec, decide};

use super::Recorded;
use super::replay::compare;

/// The committed vectors, or the file in `WANDB_RESUME_MODE_VECTORS` (another run).
pub fn load() -> Value {
    super::load_json(
        "WANDB_RESUME_MODE_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/mode-vectors.json"
        ),
    )
}

/// The case as the engine's input, for the release it was recorded from.
pub fn input(v: &Recorded<'_>) -> ResumeInput {
    let mut json = v.case.clone();
    json["sdk"] = Value::String(v.version.to_owned());
    codec::from_json::<ResumeInput>(&json.to_string()).unwrap_or_else(|e| panic!("{}: {e}", v.case))
}

/// Whether the package refuses the case as not modelled: an online `mode=` over an offline
/// `WANDB_MODE`, and only that (`Err` otherwise).
pub fn refused(v: &Recorded<'_>) -> Result<bool, String> {
    let online_over_offline = matches!(v.case["init"]["mode"].as_str(), Some("online" | "run"))
        && matches!(
            v.case["env"]["WANDB_MODE"].as_str(),
            Some("offline" | "dryrun")
        );
    match (input(v).check_limits(), online_over_offline) {
        (Err(_), true) => Ok(true),
        (Ok(()), false) => Ok(false),
        (Err(e), false) => Err(format!("refused: {e}")),
        (Ok(()), true) => Err("not refused, though not modelled".to_owned()),
    }
}

/// The disagreements between the engine and the SDK: everything the offline vectors compare,
/// and whether the launch is offline — where the SDK's settings say (`offline`, 0.10.0+),
/// the engine's two branches must both be `offline`, and neither otherwise.
pub fn check(v: &Recorded<'_>) -> Vec<String> {
    let input = input(v);
    let mut diffs = compare(&input, v.out);
    let d = decide(&input);
    // The offline cases ran without an API key: where the engine warns that the release logs
    // in first, that launch must have raised for want of one, and only there.
    if v.case["env"]["WANDB_API_KEY"].is_null() {
        let warned = d
            .diagnostics
            .iter()
            .any(|x| x.code == "offline-login-first");
        let no_key = v.out["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("api_key not configured"));
        if warned != no_key {
            diffs.push(format!(
                "login before mode=: engine warns {warned}, sdk raised for the key {no_key}"
            ));
        }
    }
    if let Some(offline) = v.out["offline"].as_bool() {
        let ours = [d.if_exists.action, d.if_missing.action].map(|a| a == Action::Offline);
        if ours != [offline; 2] {
            diffs.push(format!(
                "offline: sdk={offline} engine={:?}/{:?}",
                d.if_exists.action, d.if_missing.action
            ));
        }
    }
    diffs
}
