//! Replaying the shared-mode vectors (made by tests/conformance/generate_shared.py):
//! shared-mode-vectors.json — `shared` from each source, beside the other modes, the settings
//! file and `settings=`, recorded as the settings vectors are, with whether the settled
//! settings are shared — and shared-server-vectors.json — the server outcomes of a primary and
//! a secondary writer, with the warnings each launch printed. Shared by the shared conformance
//! test and the rule-mutation check.
#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;
use wandb_resume::Decision;

use super::Recorded;

/// The shared-mode vectors, or the file in `WANDB_RESUME_SHARED_MODE_VECTORS` (another run).
pub fn load_modes() -> Value {
    super::load_json(
        "WANDB_RESUME_SHARED_MODE_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/shared-mode-vectors.json"
        ),
    )
}

/// The shared-mode server vectors, or the file in `WANDB_RESUME_SHARED_SERVER_VECTORS`.
pub fn load_server() -> Value {
    super::load_json(
        "WANDB_RESUME_SHARED_SERVER_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/shared-server-vectors.json"
        ),
    )
}

/// Whether the engine says the launch is shared: its `shared-mode` note.
fn says_shared(d: &Decision) -> bool {
    d.diagnostics.iter().any(|x| x.code == "shared-mode")
}

/// The disagreements on one mode vector: everything the settings vectors compare, and where
/// the release records whether its settled settings are shared, the engine's note exactly
/// there.
pub fn check_mode(v: &Recorded<'_>) -> Vec<String> {
    let mut diffs = super::settings_replay::check(v);
    if !diffs.is_empty() || super::settings_replay::refused(v) != Ok(false) {
        return diffs;
    }
    if let Some(shared) = v.out["shared"].as_bool() {
        let d = wandb_resume::decide(&super::mode_replay::input(v));
        if says_shared(&d) != shared {
            diffs.push(format!("shared: sdk={shared} engine={}", says_shared(&d)));
        }
    }
    diffs
}

/// The warning a launch printed about the shared mode itself (`None`: none).
fn printed_mode_warning(out: &Value) -> Option<&str> {
    out["printedWarnings"]
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .find(|w| w.contains("feature is experimental"))
}

/// The disagreements on one server vector: the server outcomes' comparison, in the case's
/// environment; the mode's warning quoted exactly where the release printed it; and, where
/// reading `wandb.run.step` raised, the engine saying so with the SDK's words.
pub fn check_server(doc: &Value, v: &Recorded<'_>) -> Vec<String> {
    // Every case runs a release that knows the mode: the package must not refuse it.
    let d = match super::server_replay::decide_case(v.version, v.case) {
        Ok(d) => d,
        Err(refused) => return vec![refused],
    };
    let mut diffs = super::server_replay::check_decision(doc, v, &d);
    let quoted = d
        .diagnostics
        .iter()
        .find(|x| x.code == "shared-mode")
        .and_then(|x| x.sdk_message.as_deref());
    if !says_shared(&d) {
        diffs.push("engine: not in the shared mode".to_owned());
    }
    let printed = printed_mode_warning(v.out);
    if quoted != printed {
        diffs.push(format!(
            "the mode's warning: sdk={printed:?} engine={quoted:?}"
        ));
    }
    // From 0.27.2 reading the step raises on every launch that returned: the engine's step
    // note quotes it (a launch that raised never read it).
    let step_quoted = d
        .diagnostics
        .iter()
        .find(|x| x.code == "shared-mode-step")
        .and_then(|x| x.sdk_message.as_deref());
    match (v.out["step"].as_str(), step_quoted) {
        (Some(raised), Some(q)) if raised.ends_with(q) => {}
        (None, None) => {}
        (None, Some(_)) if v.out["raised"].is_object() => {}
        (raised, q) => diffs.push(format!(
            "reading wandb.run.step: sdk {raised:?}, engine quotes {q:?}"
        )),
    }
    diffs
}

/// Both writers of a server case (the primary and `x_primary=False`) met the same answer.
pub fn writers_agree(doc: &Value) -> Vec<String> {
    let all = super::recorded(doc);
    let mut diffs = Vec::new();
    for a in all
        .iter()
        .filter(|v| v.case["env"]["WANDB__PRIMARY"].is_null())
    {
        let same_case = |b: &&Recorded<'_>| {
            b.version == a.version
                && b.case["env"]["WANDB__PRIMARY"] == "false"
                && b.case["state"] == a.case["state"]
                && b.case.get("resume") == a.case.get("resume")
        };
        match all.iter().find(same_case) {
            Some(b) if b.out == a.out => {}
            Some(b) => diffs.push(format!(
                "[{}] {}: primary {} secondary {}",
                a.version, a.case, a.out, b.out
            )),
            None => diffs.push(format!("[{}] {}: no secondary writer", a.version, a.case)),
        }
    }
    diffs
}
