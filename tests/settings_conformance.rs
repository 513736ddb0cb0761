//! The `settings=` argument: replays tests/conformance/settings-vectors.json (made by
//! tests/conformance/generate_settings.py) against `decide`. Each vector is a release's
//! `wandb.init` given a `wandb.Settings(...)` object or a dict that sets nothing about resuming,
//! with the mode vectors' configurations online, offline and disabled: offline and disabled
//! launches run complete and unmodified, online ones through the batch driver. The engine
//! must agree as on the mode vectors: where the SDK raises and with what, the resume setting,
//! the run id, the warnings, the file afterwards, and offline / disabled exactly where the
//! SDK's own settings say so. No Python is needed here.

mod common;

use common::settings_replay::{check, load};
use common::{assert_all_agree, recorded};
use serde_json::Value;

/// How a recorded launch went: it raised, or went offline, disabled or online.
fn launch(out: &Value) -> &'static str {
    match (out["rejected"] == true, out["offline"] == true) {
        (true, _) => "raises",
        (false, true) => "offline",
        (false, false) if out["disabled"] == true => "disabled",
        (false, false) => "online",
    }
}

#[test]
fn settings_match_the_real_sdk() {
    assert_all_agree("settings vectors", &load(), check, |v| v.case.to_string());
}

/// The vectors see each boundary from both sides: 0.9.x without settings, the dict raising up
/// to 0.12.9, and the object's mode replacing `WANDB_MODE` in 0.18.1–0.18.7 only.
#[test]
fn settings_vectors_cover_each_rule() {
    let doc = load();
    let all = recorded(&doc);
    let find = |version: &str, case: &str| {
        let case: Value = serde_json::from_str(case).unwrap();
        all.iter()
            .find(|v| v.version == version && *v.case == case)
            .map(|v| v.out)
            .unwrap_or_else(|| panic!("{version} {case} recorded"))
    };
    let dict = r#"{"init":{"resume":"must","id":"abc","settings":{"form":"dict","keys":["console"]}},"env":{"WANDB_API_KEY":"0000000000000000000000000000000000000000","WANDB_BASE_URL":"http://127.0.0.1:9"}}"#;
    let object = r#"{"init":{"resume":"must","id":"abc","settings":{"form":"object","keys":[]}},"env":{"WANDB_API_KEY":"0000000000000000000000000000000000000000","WANDB_BASE_URL":"http://127.0.0.1:9"}}"#;
    let offline_object = r#"{"env":{"WANDB_MODE":"offline"},"init":{"resume":"must","id":"abc","settings":{"form":"object","keys":[]}}}"#;
    let raised = |out: &Value| out["rejected"] == true;
    for version in ["0.9.7", "0.12.9"] {
        assert!(raised(find(version, dict)), "{version} raises on the dict");
    }
    assert!(raised(find("0.9.7", object)), "0.9.7 has no wandb.Settings");
    for version in ["0.10.3", "0.12.10", "0.31.0"] {
        assert!(!raised(find(version, object)), "{version} takes the object");
    }
    assert!(!raised(find("0.12.10", dict)), "0.12.10 takes the dict");
    for (version, offline) in [
        ("0.18.0", true),
        ("0.18.1", false),
        ("0.18.7", false),
        ("0.19.0", true),
    ] {
        let out = find(version, offline_object);
        let launched_offline = out["offline"] == true;
        let needed_key = out["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("api_key not configured"));
        assert_eq!(
            (launched_offline, needed_key),
            (offline, !offline),
            "{version}: {out}"
        );
    }
}

/// The settings' own `mode` (tests/conformance/settings-mode-vectors.json, made by
/// tests/conformance/generate_settings_modes.py): every case the package models agrees, and it
/// refuses exactly the ones it does not (ten per release, in both forms: an online, offline or
/// dryrun settings mode over `WANDB_MODE=disabled`; a disabled one beside an online or offline
/// `mode=`). The settings' "online" over `WANDB_MODE=offline` is modelled, by the
/// server-settings-mode vectors.
#[test]
fn settings_modes_match_the_real_sdk() {
    let doc = common::settings_replay::load_modes();
    assert_agree_refusing("settings-mode vectors", &doc, 10);
}

/// The settings' own mode beside both `mode=` and `WANDB_MODE`
/// (tests/conformance/settings-mode-pair-vectors.json, made by
/// tests/conformance/generate_settings_mode_pairs.py): every case agrees, and the package
/// refuses none — each online or offline settings mode with each online or offline `mode=` and
/// `WANDB_MODE`, each settings mode beside `mode="disabled"`, and the disabled mode from all
/// three. (The pairs the settings-mode vectors refuse stay refused with a third source.)
#[test]
fn settings_mode_pairs_match_the_real_sdk() {
    let doc = common::settings_replay::load_mode_pairs();
    assert_agree_refusing("settings-mode-pair vectors", &doc, 0);
}

/// Every vector of `doc` the package models agrees, and it refuses `per_release` cases of each
/// release (exactly the ones [`common::settings_replay::refused`] names).
fn assert_agree_refusing(name: &str, doc: &Value, per_release: usize) {
    assert_agree_refusing_by_release(name, doc, |_| per_release);
}

/// [`assert_agree_refusing`] with the count of refused cases by release.
fn assert_agree_refusing_by_release(name: &str, doc: &Value, per_release: impl Fn(&str) -> usize) {
    assert_all_agree(name, doc, check, |v| v.case.to_string());
    for version in doc["results"].as_object().expect("results").keys() {
        let refused = recorded(doc)
            .iter()
            .filter(|v| v.version == version)
            .filter(|v| common::settings_replay::refused(v) == Ok(true))
            .count();
        assert_eq!(
            refused,
            per_release(version),
            "{name}: refused cases of {version}"
        );
    }
}

/// Each era of the settings' mode is seen from both sides: an object's `offline` beats
/// `mode="online"` until 0.12.9, is ignored in 0.12.10–0.12.15 (the launch goes online) and
/// loses to `mode=` from 0.12.16, while a dict's loses to `mode=` from its first release; and
/// 0.10.3–0.10.8 log in before applying it.
#[test]
fn settings_mode_vectors_cover_each_era() {
    let doc = common::settings_replay::load_modes();
    let all = recorded(&doc);
    let outcome = |version: &str, form: &str, init_mode: Option<&str>| {
        let v = all
            .iter()
            .find(|v| {
                v.version == version
                    && v.case["init"]["settings"]["form"] == form
                    && v.case["init"]["settings"]["mode"] == "offline"
                    && v.case["init"]["mode"].as_str() == init_mode
                    && v.case["env"]["WANDB_MODE"].is_null()
            })
            .unwrap_or_else(|| panic!("{version} {form} {init_mode:?} recorded"));
        launch(v.out)
    };
    for (version, alone, under_online_init) in [
        ("0.12.9", "offline", "offline"),
        ("0.12.10", "online", "online"),
        ("0.12.15", "online", "online"),
        ("0.12.16", "offline", "online"),
        ("0.31.0", "offline", "online"),
    ] {
        assert_eq!(
            (
                outcome(version, "object", None),
                outcome(version, "object", Some("online"))
            ),
            (alone, under_online_init),
            "{version}: an object's mode"
        );
    }
    assert_eq!(outcome("0.12.9", "dict", None), "raises");
    // Without an API key, 0.10.8 logs in before applying the object's mode; 0.10.9 does not.
    for (version, needs_key) in [("0.10.8", true), ("0.10.9", false)] {
        let v = all
            .iter()
            .find(|v| {
                v.version == version
                    && v.case["env"].is_null()
                    && v.case["init"]["settings"]["form"] == "object"
                    && v.case["init"]["settings"]["mode"] == "offline"
                    && v.case["init"]["mode"].is_null()
            })
            .unwrap_or_else(|| panic!("{version}: the keyless case recorded"));
        let raised_for_key = v.out["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("api_key not configured"));
        assert_eq!(raised_for_key, needs_key, "{version}: {}", v.out);
    }
    assert_eq!(
        (
            outcome("0.12.10", "dict", None),
            outcome("0.12.10", "dict", Some("online"))
        ),
        ("offline", "online"),
        "0.12.10: a dict's mode"
    );
}

/// The run mode the wandb CLI leaves in `wandb/settings` (tests/conformance/
/// settings-file-vectors.json, made by tests/conformance/generate_settings_files.py): every
/// case the package models agrees, and it refuses exactly the ones it does not (six per
/// release: `mode="online"` over each file holding `mode = disabled` or `disabled = true`
/// without `mode = offline`, and `mode="offline"` over each holding `mode = disabled`; the two
/// files `wandb offline` writes under `mode="online"` are modelled by the server-file-mode
/// vectors).
#[test]
fn settings_files_match_the_real_sdk() {
    let doc = common::settings_replay::load_files();
    assert_agree_refusing("settings-file vectors", &doc, 6);
}

/// Each era of the settings file is seen from both sides: the `disabled` line makes 0.18.7
/// launch offline under `WANDB_MODE=online`, 0.19.0 and 0.23.1 raise on it, 0.24.1 drops the
/// whole file (online, its `mode = offline` lost); the mode line alone is read by 0.18.0, ignored
/// by 0.18.1–0.18.7, read again by 0.19.0; `mode = disabled` raises on 0.10.9 and disables
/// 0.10.10; and without an API key 0.10.8 logs in before applying `mode=` unless the file has
/// set the launch offline first.
#[test]
fn settings_file_vectors_cover_each_era() {
    let doc = common::settings_replay::load_files();
    let all = recorded(&doc);
    let find = |version: &str, file: &str, env_mode: Option<&str>, keyless: bool| {
        let file: Value = serde_json::from_str(file).unwrap();
        all.iter()
            .find(|v| {
                v.version == version
                    && v.case["context"]["settingsFile"] == file
                    && v.case["context"]["resumeFile"].is_null()
                    && v.case["init"]["resume"] == "must"
                    && v.case["init"]["mode"].as_str() == keyless.then_some("offline")
                    && v.case["env"]["WANDB_MODE"].as_str() == env_mode
                    && v.case["env"]["WANDB_API_KEY"].is_null() == keyless
            })
            .map(|v| v.out)
            .unwrap_or_else(|| panic!("{version} {file} {env_mode:?} recorded"))
    };
    let both = r#"{"disabled":"true","mode":"offline"}"#;
    for (version, expected) in [
        ("0.18.7", "offline"),
        ("0.19.0", "raises"),
        ("0.23.1", "raises"),
        ("0.24.1", "online"),
        ("0.31.0", "online"),
    ] {
        let out = find(version, both, Some("online"), false);
        assert_eq!(launch(out), expected, "{version}: the disabled line, {out}");
    }
    let mode_line = r#"{"mode":"offline"}"#;
    for (version, expected) in [
        ("0.18.0", "offline"),
        ("0.18.1", "online"),
        ("0.18.7", "online"),
        ("0.19.0", "offline"),
    ] {
        let out = find(version, mode_line, None, false);
        assert_eq!(launch(out), expected, "{version}: the mode line, {out}");
    }
    for (version, expected) in [("0.10.9", "raises"), ("0.10.10", "disabled")] {
        let out = find(version, r#"{"mode":"disabled"}"#, None, false);
        assert_eq!(launch(out), expected, "{version}: mode = disabled, {out}");
    }
    let needed_key = |out: &Value| {
        out["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("api_key not configured"))
    };
    for (version, file, needs_key) in [
        ("0.10.8", r#"{"mode":"online"}"#, true),
        ("0.10.8", mode_line, false),
        ("0.10.9", r#"{"mode":"online"}"#, false),
    ] {
        let out = find(version, file, None, true);
        assert_eq!(
            needed_key(out),
            needs_key,
            "{version} {file} keyless: {out}"
        );
    }
}

/// The settings file beside `settings=` (tests/conformance/settings-file-arg-vectors.json, made
/// by tests/conformance/generate_settings_file_args.py): every case the package models agrees,
/// and it refuses exactly the ones it does not — twelve per release: the settings-file
/// vectors' six in each form. The settings' own mode beside the two files `wandb offline`
/// writes (an object's `online`, `offline`, a dict's `online`) is modelled: an object's online
/// is lost over the file's offline in 0.10.3, 0.12.16, 0.17.7 and 0.18.0, as over
/// `WANDB_MODE=offline`.
#[test]
fn settings_files_beside_settings_match_the_real_sdk() {
    let doc = common::settings_replay::load_file_args();
    assert_agree_refusing("settings-file-arg vectors", &doc, 12);
}

/// The settings file beside a `settings=` that names its own mode or resume configuration
/// (tests/conformance/settings-file-key-vectors.json, made by
/// tests/conformance/generate_settings_file_keys.py): every case the package models agrees
/// (where the SDK raised, with the engine's first error the one raised, as `check` asks of every
/// settings vector), and it refuses exactly the ones it does not — eighteen per release: the settings-mode vectors' refusals (an online or
/// offline settings mode over `WANDB_MODE=disabled`, eight; a disabled one beside an online or
/// offline `mode=`, four) and the settings' online or offline mode over the file's
/// `mode = disabled` (six). The settings' `resume` and `run_id` beside every file are modelled.
#[test]
fn settings_files_beside_settings_keys_match_the_real_sdk() {
    let doc = common::settings_replay::load_file_keys();
    assert_agree_refusing("settings-file-key vectors", &doc, 18);
}

/// What a `settings=` that names no mode does beside the file, seen from both sides of each
/// boundary: an object's default mode replaces an offline or disabled `WANDB_MODE` in
/// 0.18.1–0.18.7 only, which ignore the file's mode line (so the launch goes online) but not its
/// `disabled` line (offline, where the variable alone would disable it); elsewhere the file
/// weighs as without the argument; a dict raises up to 0.12.9.
#[test]
fn settings_file_arg_vectors_cover_each_era() {
    let doc = common::settings_replay::load_file_args();
    let all = recorded(&doc);
    let outcome = |version: &str, form: &str, file: &str, env_mode: Option<&str>| {
        let file: Value = serde_json::from_str(file).unwrap();
        let v = all
            .iter()
            .find(|v| {
                v.version == version
                    && v.case["init"]["settings"]["form"] == form
                    && v.case["init"]["settings"]["mode"].is_null()
                    && v.case["init"]["mode"].is_null()
                    && v.case["env"]["WANDB_MODE"].as_str() == env_mode
                    && v.case["context"]["settingsFile"] == file
            })
            .unwrap_or_else(|| panic!("{version} {form} {file} {env_mode:?} recorded"));
        launch(v.out)
    };
    let mode_line = r#"{"mode":"offline"}"#;
    let both = r#"{"disabled":"true","mode":"offline"}"#;
    for (version, alone, under_offline, disabled_beside_line) in [
        ("0.17.7", "offline", "offline", "disabled"),
        ("0.18.0", "offline", "offline", "disabled"),
        ("0.18.1", "online", "online", "offline"),
        ("0.18.7", "online", "online", "offline"),
        ("0.19.0", "offline", "offline", "raises"),
        ("0.31.0", "offline", "offline", "disabled"),
    ] {
        assert_eq!(
            (
                outcome(version, "object", mode_line, None),
                outcome(version, "object", mode_line, Some("offline")),
                outcome(version, "object", both, Some("disabled")),
            ),
            (alone, under_offline, disabled_beside_line),
            "{version}: an object beside the file"
        );
    }
    for (version, expected) in [("0.12.9", "raises"), ("0.12.10", "offline")] {
        assert_eq!(
            outcome(version, "dict", mode_line, None),
            expected,
            "{version}: a dict beside the file"
        );
    }
}

/// `WANDB_DISABLED` (tests/conformance/disabled-env-vectors.json, made by
/// tests/conformance/generate_disabled_env.py): every case agrees — the variable alone with each
/// value `strtobool` reads and two it cannot, under each `WANDB_MODE`, beside each `mode=` and
/// beside the settings file's lines — and the package refuses none of them.
#[test]
fn disabled_env_matches_the_real_sdk() {
    let doc = common::settings_replay::load_disabled_env();
    assert_agree_refusing("WANDB_DISABLED vectors", &doc, 0);
}

/// Each era of `WANDB_DISABLED` is seen from both sides: 0.12.9 ignores `true`, 0.12.10–0.18.7
/// launch offline for it even under `WANDB_MODE=online`, 0.19.0 ignores it again; a value
/// `strtobool` cannot read is nothing in 0.12.10, true in 0.12.11–0.15.5 and raises in
/// 0.15.6; and `false` overrides the settings file's `disabled = true` from 0.12.10 only.
#[test]
fn disabled_env_vectors_cover_each_era() {
    let doc = common::settings_replay::load_disabled_env();
    let all = recorded(&doc);
    let outcome = |version: &str, value: &str, env_mode: Option<&str>, file: Option<&str>| {
        let file: Value = file.map_or(Value::Null, |f| serde_json::from_str(f).unwrap());
        let v = all
            .iter()
            .find(|v| {
                v.version == version
                    && v.case["env"]["WANDB_DISABLED"] == value
                    && v.case["env"]["WANDB_MODE"].as_str() == env_mode
                    && v.case["env"]["WANDB_API_KEY"].is_string()
                    && v.case["init"]["mode"].is_null()
                    && v.case["init"]["settings"].is_null()
                    && v.case["init"]["resume"] == "must"
                    && v.case["context"]["settingsFile"] == file
            })
            .unwrap_or_else(|| panic!("{version} {value:?} {env_mode:?} {file:?} recorded"));
        launch(v.out)
    };
    for (version, alone, under_online) in [
        ("0.12.9", "online", "online"),
        ("0.12.10", "offline", "offline"),
        ("0.18.7", "offline", "offline"),
        ("0.19.0", "online", "online"),
    ] {
        assert_eq!(
            (
                outcome(version, "true", None, None),
                outcome(version, "true", Some("online"), None)
            ),
            (alone, under_online),
            "{version}: WANDB_DISABLED=true"
        );
    }
    for (version, expected) in [
        ("0.12.10", "online"),
        ("0.12.11", "offline"),
        ("0.15.5", "offline"),
        ("0.15.6", "raises"),
        ("0.19.0", "online"),
    ] {
        assert_eq!(
            outcome(version, "maybe", None, None),
            expected,
            "{version}: WANDB_DISABLED=maybe"
        );
    }
    let line = Some(r#"{"disabled":"true"}"#);
    for (version, expected) in [
        ("0.12.9", "offline"),
        ("0.12.10", "online"),
        ("0.18.7", "online"),
    ] {
        assert_eq!(
            outcome(version, "false", None, line),
            expected,
            "{version}: WANDB_DISABLED=false over the file's disabled line"
        );
    }
}
