//! Replaying the settings-resume vectors (tests/conformance/settings-resume-vectors.json): each
//! release's `wandb.init` given `resume` and `run_id` inside `settings=` — a `wandb.Settings`
//! object or a dict — beside `resume=`, `id=`, the environment, the resume file, a sweep and
//! `resume_from=`. Shared by the settings-resume conformance test and the rule-mutation check.
#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;
use wandb_resume::{Decision, Severity, decide};

use super::Recorded;
use super::mode_replay;

/// The committed vectors, or the file in `WANDB_RESUME_SETTINGS_RESUME_VECTORS` (another run).
pub fn load() -> Value {
    super::load_json(
        "WANDB_RESUME_SETTINGS_RESUME_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/settings-resume-vectors.json"
        ),
    )
}

/// The disagreements between the engine and the SDK on one vector ([`check_batch_launch`]),
/// once the engine refuses exactly what is not modelled.
pub fn check(v: &Recorded<'_>) -> Vec<String> {
    match mode_replay::refused_where(v, mode_replay::not_modelled(v)) {
        Ok(false) => {}
        Ok(true) => return Vec::new(),
        Err(why) => return vec![why],
    }
    check_batch_launch(v).1
}

/// The engine's decision on a launch the batch driver recorded offline, and its disagreements
/// with the SDK: everything the mode replay compares (but the engine's offline warning where
/// the SDK's settings were offline: the driver stops before it is printed), and the error the
/// answer quotes first.
pub fn check_batch_launch(v: &Recorded<'_>) -> (Decision, Vec<String>) {
    let input = mode_replay::input(v);
    let mut d = decide(&input);
    if v.out["offline"] == true {
        d.diagnostics.retain(|x| x.code != "offline-resume-ignored");
    }
    let mut diffs = mode_replay::check_decision(v, &input, &d);
    diffs.extend(sender_diffs(v));
    diffs.extend(first_error_diff(v, &d));
    (d, diffs)
}

/// Where the SDK raised, the engine's first error (the one its answer quotes) must be what it
/// raised: an object's checks come before the call's own errors, the settings' before the
/// arguments', and a run id's before a resume's. Two keywords a release does not know raise in
/// the order the call writes them, which the input does not hold. `d` is the engine's
/// decision on the case.
pub fn first_error_diff(v: &Recorded<'_>, d: &Decision) -> Option<String> {
    let unknown_keyword = v.out["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("unexpected keyword argument"));
    (!unknown_keyword && super::replay::first_error_quotes(d, v.out) == Some(false)).then(|| {
        format!(
            "first error: sdk={} engine={:?}",
            v.out["error"],
            d.diagnostics
                .iter()
                .find(|x| x.severity == Severity::Error)
                .and_then(|x| x.sdk_message.as_deref())
        )
    })
}

/// 0.16.5–0.17.x's Python sender refuses more than one of resume, resume_from and fork_from
/// only online: the generator ran such a launch once more online, its `WANDB_MODE` dropped
/// (`out.sender`), and the engine must quote what that raised for the same launch online.
fn sender_diffs(v: &Recorded<'_>) -> Vec<String> {
    let Some(raised) = v.out["sender"]["error"]["message"].as_str() else {
        return Vec::new();
    };
    let mut case = v.case.clone();
    if let Some(env) = case["env"].as_object_mut() {
        env.remove("WANDB_MODE");
    }
    let online = Recorded {
        version: v.version,
        case: &case,
        out: v.out,
    };
    let d = decide(&mode_replay::input(&online));
    let quoted = d
        .diagnostics
        .iter()
        .find(|x| x.code == "branching-args-exclusive" && x.severity == Severity::Error)
        .and_then(|x| x.sdk_message.as_deref());
    if quoted.is_some_and(|q| raised.contains(q)) {
        Vec::new()
    } else {
        vec![format!(
            "online (the sender): sdk raises {raised:?}, engine quotes {quoted:?}"
        )]
    }
}
