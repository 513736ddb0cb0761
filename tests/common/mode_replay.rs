//! Replaying the mode vectors (tests/conformance/mode-vectors.json): each release's
//! `wandb.init` with `WANDB_MODE` / `mode=` naming an offline, a disabled or an online mode. Shared by the
//! mode conformance test and the rule-mutation check.
#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;
use wandb_resume::profile::{Profile, Rule};
use wandb_resume::{
    Action, Decision, ResumeInput, codec, decide, parse_sdk_version, service_process,
};

use super::Recorded;
use super::replay::compare_decision;

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

/// Whether the package refuses the case as not modelled: an online or offline `mode=` over a
/// disabled `WANDB_MODE` beside `settings=` or the `disabled` setting, `noop` (0.10.0–0.10.9's
/// disabled mode) and `shared` where the release refuses it, and only those (`Err`
/// otherwise).
pub fn refused(v: &Recorded<'_>) -> Result<bool, String> {
    refused_where(v, not_modelled(v))
}

/// Whether the case's `mode=` and `WANDB_MODE` make a launch the package does not model.
pub fn not_modelled(v: &Recorded<'_>) -> bool {
    let init_mode = v.case["init"]["mode"].as_str();
    let env_mode = v.case["env"]["WANDB_MODE"].as_str();
    let beside_disabled_setting = !v.case["init"]["settings"].is_null()
        || !v.case["env"]["WANDB_DISABLED"].is_null()
        || !v.case["context"]["settingsFile"]["disabled"].is_null();
    (matches!(
        init_mode,
        Some("online" | "run" | "shared" | "offline" | "dryrun")
    ) && env_mode == Some("disabled")
        && beside_disabled_setting)
        || init_mode == Some("noop")
        || env_mode == Some("noop")
        || shared_refused(v)
}

/// The shared mode where the release refused it (its settings raise, naming the value): not
/// modelled. Where that is, is the vectors' to say.
pub fn shared_refused(v: &Recorded<'_>) -> bool {
    let named = [
        &v.case["init"]["mode"],
        &v.case["env"]["WANDB_MODE"],
        &v.case["init"]["settings"]["mode"],
    ]
    .iter()
    .any(|m| *m == "shared");
    named
        && v.out["rejected"] == true
        && v.out["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("shared"))
}

/// Whether the package refuses the case, which it must exactly where `not_modelled` (`Err`
/// otherwise, with what went wrong).
pub fn refused_where(v: &Recorded<'_>, not_modelled: bool) -> Result<bool, String> {
    match (input(v).check_limits(), not_modelled) {
        (Err(_), true) => Ok(true),
        (Ok(()), false) => Ok(false),
        (Err(e), false) => Err(format!("refused: {e}")),
        (Ok(()), true) => Err("not refused, though not modelled".to_owned()),
    }
}

/// The disagreements between the engine and the SDK: everything the offline vectors compare,
/// and whether the launch is offline or disabled — where the SDK's settings say (`offline`,
/// 0.10.0+) or it returned its disabled run (`disabled`), the engine's two branches must both
/// be `offline` (`disabled`), and neither otherwise.
pub fn check(v: &Recorded<'_>) -> Vec<String> {
    let input = input(v);
    check_decision(v, &input, &decide(&input))
}

/// [`check`] of the engine's decision `d` on `input` (the case, as [`input`] reads it).
pub fn check_decision(v: &Recorded<'_>, input: &ResumeInput, d: &Decision) -> Vec<String> {
    let mut diffs = compare_decision(d, v.out);
    // The offline cases ran without an API key: where the engine warns that the release logs
    // in first, that launch must have raised for want of one, and only there.
    if v.case["env"]["WANDB_API_KEY"].is_null() {
        let warned = super::replay::warns_of_login(d);
        let no_key = v.out["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("api_key not configured"));
        if warned != no_key {
            diffs.push(format!(
                "login before mode=: engine warns {warned}, sdk raised for the key {no_key}"
            ));
        }
    }
    // Where the settings say whether the service process is off (a setting from 0.13.0), the
    // engine's reading of the environment must agree — it decides what the end of the script
    // does to the resume file. A disabled run has no service to end; an offline `mode=` over
    // `WANDB_MODE=disabled` turns the flag on in 0.17.7–0.18.0.
    // From 0.19.0 the flag does not say what `wandb.setup` made of a disabled `WANDB_MODE` under
    // another `mode=` (the ending vectors show it set up without the service in 0.19.1).
    let profile = Profile::new(parse_sdk_version(v.version).expect("a release"));
    let disabled_setup =
        v.case["env"]["WANDB_MODE"] == "disabled" && profile.has(Rule::DisableServiceRenamed);
    if let (Some(off), false, false) = (
        v.out["serviceOff"].as_bool(),
        v.out["disabled"] == true,
        disabled_setup,
    ) {
        let env = input.env.clone().unwrap_or_default();
        if profile.has(Rule::ServiceProcess) && service_process::runs(&profile, &env) == off {
            diffs.push(format!("service process off: sdk={off} engine={}", !off));
        }
    }
    // 0.10.10–0.10.18's disabled run is a placeholder without an id: the answer must say so
    // exactly there.
    if v.out["disabled"] == true {
        let placeholder = v.out["placeholderId"] == true;
        if d.if_missing.message.contains("placeholder") != placeholder {
            diffs.push(format!(
                "disabled run id: sdk placeholder={placeholder}, engine says {:?}",
                d.if_missing.message
            ));
        }
    }
    for (key, action) in [("offline", Action::Offline), ("disabled", Action::Disabled)] {
        if let Some(sdk) = v.out[key].as_bool() {
            let ours = [d.if_exists.action, d.if_missing.action].map(|a| a == action);
            if ours != [sdk; 2] {
                diffs.push(format!(
                    "{key}: sdk={sdk} engine={:?}/{:?}",
                    d.if_exists.action, d.if_missing.action
                ));
            }
        }
    }
    diffs
}
