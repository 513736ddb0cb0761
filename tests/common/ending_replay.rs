//! Replaying the ending vectors (tests/conformance/ending-vectors.json, made by
//! tests/conformance/generate_endings.py): each release's complete offline `wandb.init`, the
//! script then ended one way or another, and what `wandb/wandb-resume.json` held once every
//! process had gone — compared with `simulate`'s first attempt. Shared by the ending
//! conformance test and the rule-mutation check.

use std::sync::OnceLock;

use serde_json::Value;
use wandb_resume::{Action, Decision, Severity, codec, simulate, timeline::SimulateArgs};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/conformance/ending-vectors.json"
);

/// How the driver ends a script → the timeline's `after` that stands for it: one table for
/// both replays (the JS replay reads the same file).
const AFTERS: &str = include_str!("../conformance/ending-afters.json");

/// Each ending the driver knows, with its `after`.
pub fn endings() -> &'static serde_json::Map<String, Value> {
    static TABLE: OnceLock<Value> = OnceLock::new();
    TABLE.get_or_init(|| serde_json::from_str(AFTERS).expect("ending-afters.json is JSON"))["after"]
        .as_object()
        .expect("ending-afters.json has `after`")
}

/// The committed ending vectors, or the file named by `WANDB_RESUME_ENDING_VECTORS`.
pub fn load() -> Value {
    super::load_json("WANDB_RESUME_ENDING_VECTORS", VECTORS)
}

/// The committed settings-service vectors (generate_settings_service.py: the ending `exit`
/// with the settings' key that turns the service off), or the file named by
/// `WANDB_RESUME_SETTINGS_SERVICE_VECTORS`. The same replay reads them.
pub fn load_settings_service() -> Value {
    super::load_json(
        "WANDB_RESUME_SETTINGS_SERVICE_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/settings-service-vectors.json"
        ),
    )
}

/// The timeline's `after` for the driver's ending; a new ending must be mapped here first.
pub fn after(ending: &str) -> &'static str {
    endings()
        .get(ending)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("the ending {ending:?} has no `after` in ending-afters.json"))
}

/// One recorded case: `case` is `{resume, resumeFileBefore, env, ending}`, with `mode` where
/// the call passes one.
pub type EndingVector<'a> = super::Recorded<'a>;

/// Every recorded case of `doc`, release by release.
pub fn vectors(doc: &Value) -> Vec<EndingVector<'_>> {
    super::recorded(doc)
}

/// The configuration of one case, as `decide` and `simulate` take it. A case of the
/// settings-service vectors also passes `settings=` with the key that turns the service off.
pub fn input(doc: &Value, v: &EndingVector<'_>) -> Value {
    let mut input = serde_json::json!({
        "sdk": v.version,
        "env": v.case["env"],
        "init": { "id": doc["meta"]["runId"], "resume": v.case["resume"] },
    });
    if let Some(settings) = v.case.get("settings") {
        // Every case ran with WANDB_MODE=offline (generate_endings.py's `child_env`); it
        // matters where a settings object's mode replaces it (0.18.1–0.18.7).
        input["env"]["WANDB_MODE"] = "offline".into();
        input["init"]["settings"] = serde_json::json!({
            "form": settings["form"],
            "keys": [settings["key"]],
            "disableService": settings["value"],
        });
        if let Some(mode) = settings.get("mode") {
            input["init"]["settings"]["mode"] = mode.clone();
        }
    }
    if let Some(mode) = v.case.get("mode").filter(|m| !m.is_null()) {
        // An offline `mode=` over WANDB_MODE=disabled.
        input["init"]["mode"] = mode.clone();
    }
    if !v.case["resumeFileBefore"].is_null() {
        input["context"] = serde_json::json!({ "resumeFile": v.case["resumeFileBefore"] });
    }
    input
}

/// The fields of the diagnostics about turning the service process off.
const SERVICE_FIELDS: [&str; 2] = ["env.WANDB_DISABLE_SERVICE", "init.settings.disableService"];

/// Whether a diagnostic is about turning the service process off: by its field, or the
/// deprecation warning for the service `WANDB_MODE=disabled` turns off in some releases.
fn about_the_service(x: &wandb_resume::Diagnostic) -> bool {
    x.field.as_deref().is_some_and(|f| {
        SERVICE_FIELDS.contains(&f)
            || (f == "env.WANDB_MODE" && x.code == "disable-service-deprecated")
    })
}

/// The warnings about WANDB_DISABLE_SERVICE (and the settings' key) the engine quotes and the
/// SDK printed must be the same: each printed one quoted (as the SDK's text or in the
/// message), each quoted one printed.
fn service_warnings(d: &Decision, out: &Value) -> Vec<String> {
    let printed: Vec<&str> = out["serviceWarnings"]
        .as_array()
        .map(|w| w.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // A diagnostic may quote several printed lines, one per line of its SDK text.
    let quotes = |text: &str| {
        d.diagnostics.iter().any(|x| {
            about_the_service(x)
                && (x
                    .sdk_message
                    .as_deref()
                    .unwrap_or_default()
                    .lines()
                    .any(|l| l == text)
                    || x.message.contains(text))
        })
    };
    let mut diffs: Vec<String> = printed
        .iter()
        .filter(|w| !quotes(w))
        .map(|w| format!("the SDK printed \"wandb: WARNING {w}\"; the engine does not say so"))
        .collect();
    for x in &d.diagnostics {
        if x.severity == Severity::Warning && about_the_service(x) {
            for line in x.sdk_message.as_deref().unwrap_or_default().lines() {
                if !printed.contains(&line) {
                    diffs.push(format!(
                        "the engine quotes \"{line}\"; the SDK printed {printed:?}"
                    ));
                }
            }
        }
    }
    diffs
}

/// 0.10.x wrap what `wandb.init` raised in `Exception("problem")`, whose cause the ending
/// driver does not record: the engine's failure is all there is to compare (the mode vectors
/// check its reason against the cause for the same configurations).
fn wrapped_without_cause(raised: &serde_json::Map<String, Value>) -> bool {
    raised["type"] == "Exception" && raised["message"] == "problem" && raised.get("cause").is_none()
}

/// The disagreements between the engine and what the SDK did in one recorded case. One
/// `simulate` answers every question: its first attempt's decision is `decide(input)`.
pub fn check(doc: &Value, v: &EndingVector<'_>) -> Vec<String> {
    let ending = v.case["ending"].as_str().expect("ending");
    let args = serde_json::json!({
        "input": input(doc, v),
        "attempts": [{ "after": after(ending), "where": "sameDirectory" }],
    });
    let args: SimulateArgs = codec::from_json(&args.to_string()).expect("simulate arguments");
    let timeline = match simulate(&args.input, &args.attempts) {
        Ok(t) => t,
        Err(e) => return vec![format!("simulate failed: {e}")],
    };
    let first = &timeline.attempts[0];
    let d = &first.decision;
    let mut diffs = service_warnings(d, v.out);
    if let Some(raised) = v.out["raised"].as_object() {
        let said = raised["message"].as_str().unwrap_or_default();
        // The cases ran offline without an API key: a launch a settings object turns online
        // (0.18.1–0.18.7) logs in and raises for want of one. The engine, which does not know
        // the key, must warn that it logs in.
        if said.starts_with("api_key not configured") {
            if !super::replay::warns_of_login(d) {
                diffs.push(format!(
                    "SDK raised for want of an API key; the engine does not warn that it logs in: {:?}",
                    d.diagnostics.iter().map(|x| x.code).collect::<Vec<_>>()
                ));
            }
            return diffs;
        }
        // wandb.init raised: the engine must say the launch fails, quoting the SDK (or the
        // error a release wrapped in its own, which the settings-service vectors record).
        let branch = &d.if_missing;
        let cause = raised
            .get("cause")
            .and_then(|c| c["message"].as_str())
            .filter(|c| !c.is_empty());
        // Whatever the server holds: both branches fail (0.19.0's crash with the service off
        // comes after the resume file is written, so the file action does not tell).
        if d.if_exists.action != Action::Fail
            || branch.action != Action::Fail
            || !(branch.message.contains(said)
                || cause.is_some_and(|c| branch.message.contains(c))
                || wrapped_without_cause(raised))
        {
            diffs.push(format!(
                "SDK raised {}: {said}\n      engine: {:?} ({})",
                raised["type"], branch.action, branch.message
            ));
        }
        return diffs;
    }
    // wandb.init returned: the engine must not say it fails (where it did, the resume file
    // alone would not tell: 0.19.0's crash with the service off comes after it is written).
    if let Some(failing) = [&d.if_exists, &d.if_missing]
        .into_iter()
        .find(|b| b.action == Action::Fail)
    {
        diffs.push(format!(
            "SDK: wandb.init returned; engine: fail ({})",
            failing.message
        ));
    }
    if v.out["unsupported"] == true {
        return diffs;
    }
    let at_init = v.out["resumeFileAtInit"].as_str();
    if first.decision.resume_file_after.as_deref() != at_init {
        diffs.push(format!(
            "the file once wandb.init returned: engine {:?}, SDK {at_init:?}",
            first.decision.resume_file_after
        ));
    }
    let at_end = v.out["resumeFileAtEnd"].as_str();
    if first.resume_file_at_end.as_deref() != at_end {
        diffs.push(format!(
            "the file after `{ending}` (after: {}): engine {:?}, SDK {at_end:?}",
            after(ending),
            first.resume_file_at_end
        ));
    }
    diffs
}
