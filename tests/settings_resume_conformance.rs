//! The settings' own `resume` and `run_id`: replays
//! tests/conformance/settings-resume-vectors.json (made by
//! tests/conformance/generate_settings_resume.py) against `decide`. Each vector is a release's
//! `wandb.init` given `resume` / `run_id` inside a `wandb.Settings(...)` object or a dict,
//! beside `resume=`, `id=`, `WANDB_RESUME`, `WANDB_RUN_ID`, the resume file, a sweep and
//! `resume_from=`. The engine must agree as on the mode vectors — where the SDK raises and
//! with what, the resume setting, the run id, the warnings, the file afterwards — and refuse
//! exactly the cases it does not model. No Python is needed here.

mod common;

use common::mode_replay::not_modelled;
use common::settings_resume_replay::{check, load};
use common::{assert_all_agree, recorded};
use serde_json::{Value, json};

#[test]
fn settings_resume_and_run_id_match_the_real_sdk() {
    let doc = load();
    assert_all_agree("settings-resume vectors", &doc, check, |v| {
        v.case.to_string()
    });
    // Every settings `resume` and `run_id` is modelled: `check` compares each vector (it
    // reports one the package refuses), and none may be left out as not modelled.
    let all = recorded(&doc);
    let refused = all.iter().filter(|v| not_modelled(v)).count();
    assert_eq!(refused, 0, "{refused} of {} left out", all.len());
}

/// The vectors see each boundary from both sides: an object's values over the arguments until
/// 0.12.9, ignored in 0.12.10–0.12.15, below them after; kept in a sweep until 0.18.7; `True`
/// stored as given until 0.15.5, raising until 0.18.7 and read as `auto` from 0.19.0.
#[test]
fn the_vectors_see_each_era_from_both_sides() {
    let doc = load();
    let all = recorded(&doc);
    let out = |version: &str, settings: Value, init: Value, env: Value| -> &Value {
        all.iter()
            .find(|v| {
                v.version == version
                    && v.case["init"]["settings"] == settings
                    && v.case["env"]["WANDB_RUN_ID"] == env["WANDB_RUN_ID"]
                    && v.case["env"]["WANDB_SWEEP_ID"] == env["WANDB_SWEEP_ID"]
                    && v.case["env"]["WANDB_RESUME"].is_null()
                    && v.case.get("context").is_none()
                    && ["id", "resume", "resumeFrom"]
                        .iter()
                        .all(|k| v.case["init"][k] == init[k])
            })
            .map(|v| v.out)
            .unwrap_or_else(|| panic!("{version} {settings} {init} {env} recorded"))
    };
    let object_id = json!({"form": "object", "keys": ["run_id"], "runId": "abc"});
    let dict_id = json!({"form": "dict", "keys": ["run_id"], "runId": "abc"});
    let beside_id = json!({"id": "xyz"});
    let env_id = json!({"WANDB_RUN_ID": "env1"});
    let run_id = |o: &Value| o["runId"].as_str().unwrap_or("").to_owned();
    for (version, with_id, with_env) in [
        ("0.12.9", "abc", "abc"),
        ("0.12.10", "xyz", "env1"),
        ("0.12.15", "xyz", "env1"),
        ("0.12.16", "xyz", "abc"),
        ("0.31.0", "xyz", "abc"),
    ] {
        let o = out(version, object_id.clone(), beside_id.clone(), json!({}));
        assert_eq!(run_id(o), with_id, "{version} object beside id=");
        let o = out(version, object_id.clone(), json!({}), env_id.clone());
        assert_eq!(run_id(o), with_env, "{version} object over WANDB_RUN_ID");
    }
    for version in ["0.12.10", "0.12.15"] {
        let o = out(version, dict_id.clone(), json!({}), env_id.clone());
        assert_eq!(run_id(o), "abc", "{version} dict over WANDB_RUN_ID");
    }
    let sweep = json!({"WANDB_SWEEP_ID": "sw1", "WANDB_RUN_ID": "sweeprun"});
    for (version, id) in [("0.18.7", "abc"), ("0.19.0", "sweeprun")] {
        let o = out(version, object_id.clone(), json!({}), sweep.clone());
        assert_eq!(run_id(o), id, "{version} in a sweep");
    }
    let object_true = json!({"form": "object", "keys": ["resume"], "resume": true});
    let o = out("0.14.1", object_true.clone(), json!({}), json!({}));
    assert_eq!(o["resume"], true, "0.14.1 stores True");
    // 0.15.6–0.16.1 raise inside the service's inform-init, which only the complete
    // wandb.init reaches (backend_checks.py records it there).
    for version in ["0.15.12", "0.16.1", "0.16.2", "0.18.7"] {
        let o = out(version, object_true.clone(), json!({}), json!({}));
        assert_eq!(o["rejected"], true, "{version} raises on a stored True");
    }
    let o = out("0.19.0", object_true, json!({}), json!({}));
    assert_eq!(o["resume"], "auto", "0.19.0 reads True as auto");
}
