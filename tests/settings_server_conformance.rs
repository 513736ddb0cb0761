//! Server outcomes of the settings' own `resume`: replays
//! tests/conformance/settings-server-vectors.json (made by
//! tests/conformance/generate_settings_server.py) against `decide`'s two branches, as the
//! server replay does. Each vector is a release's complete, online `wandb.init` given
//! `settings=wandb.Settings(resume=…)` (or a dict) of `True`, `False` or a run id — the values
//! releases before 0.19.0 store as given — against a fake W&B server that says the run exists,
//! does not exist, or was created but never started, or with no id given. No Python is needed
//! here.

mod common;

use common::server_replay::{check, continued, load_settings as load};
use serde_json::Value;

#[test]
fn stored_settings_resume_values_meet_the_server_as_the_real_sdk() {
    let doc = load();
    common::assert_all_agree(
        "settings-server outcomes",
        &doc,
        |v| check(&doc, v),
        |v| format!("run {}, {}", v.case["state"], v.case),
    );
}

/// The vectors show what the engine models from them, so a replay over vectors that never
/// resumed, or never raised, would prove nothing: a stored `True` and a run id resume an
/// existing run where nothing raises; `False` never asks about the run, and an object's is not
/// applied over `WANDB_RESUME=must` from 0.15.6; 0.15.6–0.18.7 raise on a stored `True`, with
/// the service process off too, and 0.15.5 and before do not.
#[test]
fn the_vectors_see_each_reading_of_a_stored_value() {
    let doc = load();
    let last_step = doc["meta"]["server"]["lastStep"]
        .as_u64()
        .expect("lastStep");
    let all = common::recorded(&doc);
    let find = |version: &str, form: &str, resume: Value, state: &str, env: &Value| {
        all.iter()
            .find(|v| {
                v.version == version
                    && v.case["settings"]["form"] == form
                    && v.case["settings"]["resume"] == resume
                    && v.case["state"] == state
                    && v.case["env"] == *env
            })
            .unwrap_or_else(|| panic!("{version} {form} {resume} {state} {env} recorded"))
            .out
    };
    let none = Value::Null;
    let no_service = &doc["meta"]["noService"];
    let must = &doc["meta"]["mustEnv"];
    for version in ["0.10.3", "0.12.16", "0.15.5"] {
        for resume in [Value::Bool(true), Value::from("abc")] {
            let out = find(version, "object", resume.clone(), "exists", &none);
            assert!(continued(out, last_step), "{version} {resume}: {out}");
            let out = find(version, "object", resume, "missing", &none);
            assert!(out["raised"].is_null() && !continued(out, last_step));
        }
        let out = find(version, "object", Value::Bool(true), "exists", no_service);
        assert!(out["raised"].is_null(), "{version}");
    }
    for version in ["0.15.6", "0.16.1", "0.18.7"] {
        for env in [&none, no_service] {
            let out = find(version, "object", Value::Bool(true), "exists", env);
            assert!(out["raised"].is_object(), "{version} {env}");
        }
    }
    for (version, object_applied) in [
        ("0.10.3", true),
        ("0.15.5", true),
        ("0.15.6", false),
        ("0.18.7", false),
    ] {
        let out = find(version, "object", Value::Bool(false), "exists", &none);
        assert!(!continued(out, last_step), "{version}: {out}");
        assert_eq!(out["operations"], serde_json::json!(["UpsertBucket"]));
        // Over WANDB_RESUME=must: cleared (a fresh start, no question asked), or not applied
        // (must: the missing run fails).
        let out = find(version, "object", Value::Bool(false), "missing", must);
        assert_eq!(out["raised"].is_null(), object_applied, "{version}: {out}");
    }
    let out = find("0.18.7", "dict", Value::Bool(false), "missing", must);
    assert!(
        out["raised"].is_null(),
        "a dict's False clears WANDB_RESUME: {out}"
    );
}
