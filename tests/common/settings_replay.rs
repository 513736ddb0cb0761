//! Replaying the settings vectors (tests/conformance/settings-vectors.json): each release's
//! `wandb.init` given `settings=` — a `wandb.Settings` object or a dict — online, offline and
//! disabled. They compare as the mode vectors do. Shared by the settings conformance test and
//! the rule-mutation check.
#![allow(dead_code)] // each test binary uses a part

use serde_json::Value;

use super::Recorded;

/// The committed vectors, or the file in `WANDB_RESUME_SETTINGS_VECTORS` (another run).
pub fn load() -> Value {
    super::load_conformance("WANDB_RESUME_SETTINGS_VECTORS", "settings-vectors.json")
}

/// The settings-mode vectors (tests/conformance/settings-mode-vectors.json: the settings'
/// own `mode` beside `mode=` and `WANDB_MODE`), or the file in
/// `WANDB_RESUME_SETTINGS_MODE_VECTORS`.
pub fn load_modes() -> Value {
    super::load_conformance(
        "WANDB_RESUME_SETTINGS_MODE_VECTORS",
        "settings-mode-vectors.json",
    )
}

/// The settings-file vectors (tests/conformance/settings-file-vectors.json: the run mode the
/// wandb CLI leaves in `wandb/settings`, beside `mode=` and `WANDB_MODE`), or the file in
/// `WANDB_RESUME_SETTINGS_FILE_VECTORS`.
pub fn load_files() -> Value {
    super::load_conformance(
        "WANDB_RESUME_SETTINGS_FILE_VECTORS",
        "settings-file-vectors.json",
    )
}

/// The vectors of the settings file beside `settings=`
/// (tests/conformance/settings-file-arg-vectors.json: each file the wandb CLI leaves, under each
/// `WANDB_MODE` and beside each `mode=`, with a settings object or dict that names no mode, and
/// the settings' own mode beside an offline file), or the file in
/// `WANDB_RESUME_SETTINGS_FILE_ARG_VECTORS`.
pub fn load_file_args() -> Value {
    super::load_conformance(
        "WANDB_RESUME_SETTINGS_FILE_ARG_VECTORS",
        "settings-file-arg-vectors.json",
    )
}

/// The settings-mode-pair vectors (tests/conformance/settings-mode-pair-vectors.json: the
/// settings' own mode beside both `mode=` and `WANDB_MODE`), or the file in
/// `WANDB_RESUME_SETTINGS_MODE_PAIR_VECTORS`.
pub fn load_mode_pairs() -> Value {
    super::load_conformance(
        "WANDB_RESUME_SETTINGS_MODE_PAIR_VECTORS",
        "settings-mode-pair-vectors.json",
    )
}

/// The vectors of the settings file beside a `settings=` that names its own mode or resume
/// configuration (tests/conformance/settings-file-key-vectors.json: the settings' `resume` and
/// `run_id` beside the files `wandb offline` and `wandb disabled` write, the settings' mode
/// beside each `mode=` and `WANDB_MODE` over `wandb offline`'s files, and over every other file),
/// or the file in `WANDB_RESUME_SETTINGS_FILE_KEY_VECTORS`.
pub fn load_file_keys() -> Value {
    super::load_conformance(
        "WANDB_RESUME_SETTINGS_FILE_KEY_VECTORS",
        "settings-file-key-vectors.json",
    )
}

/// The WANDB_DISABLED vectors (tests/conformance/disabled-env-vectors.json: the variable alone,
/// beside `mode=`, `WANDB_MODE` and the settings file), or the file in
/// `WANDB_RESUME_DISABLED_ENV_VECTORS`.
pub fn load_disabled_env() -> Value {
    super::load_conformance(
        "WANDB_RESUME_DISABLED_ENV_VECTORS",
        "disabled-env-vectors.json",
    )
}

/// Whether the package refuses the case as not modelled — the settings' own mode online or
/// offline over `WANDB_MODE=disabled`, disabled beside an online or offline `mode=`, an online
/// `mode=` over the settings file's `disabled` line without its offline mode line, an online
/// or offline one over its disabled mode, a file's `shared` line (the wandb CLI writes none),
/// the settings' own online or offline mode over the file's disabled mode, and what the mode
/// vectors refuse — and only those (`Err` otherwise). `shared` counts as online.
pub fn refused(v: &Recorded<'_>) -> Result<bool, String> {
    let class = |mode: Option<&str>| match mode {
        Some("online" | "run" | "shared") => "online",
        Some("offline" | "dryrun") => "offline",
        Some("disabled") => "disabled",
        _ => "",
    };
    let settings = class(v.case["init"]["settings"]["mode"].as_str());
    let init = class(v.case["init"]["mode"].as_str());
    let env = class(v.case["env"]["WANDB_MODE"].as_str());
    let file = &v.case["context"]["settingsFile"];
    let file_offline = !file["disabled"].is_null() || file["mode"] == "offline";
    let online_over_file = init == "online" && file["mode"] == "offline";
    let file_disabled = file["mode"] == "disabled";
    let not_modelled = matches!(
        (settings, init, env),
        ("online" | "offline", _, "disabled") | ("disabled", "online" | "offline", _)
    ) || (file_offline && init == "online" && !online_over_file)
        || (file_disabled && matches!(init, "online" | "offline"))
        || file["mode"] == "shared"
        || (file_disabled && matches!(settings, "online" | "offline"));
    super::mode_replay::refused_where(v, not_modelled || super::mode_replay::not_modelled(v))
}

/// The disagreements between the engine and the SDK on one vector the package models, as the
/// mode vectors compare them (a case it refuses is checked by [`refused`]). The settings
/// vectors' cases run through the batch driver (those with its dummy API key) stop before
/// `wandb.init` prints the offline warning, so where the SDK's settings were offline there
/// (which the mode replay requires the engine to say too) the warnings are not compared;
/// everything else is, and where the SDK raised, the engine's first error must be the one it
/// raised (as on the settings-resume vectors).
pub fn check(v: &Recorded<'_>) -> Vec<String> {
    match refused(v) {
        Ok(false) => {}
        Ok(true) => return Vec::new(),
        Err(why) => return vec![why],
    }
    let input = super::mode_replay::input(v);
    let d = wandb_resume::decide(&input);
    let mut diffs = super::mode_replay::check_decision(v, &input, &d);
    // The settings-mode, settings-file and WANDB_DISABLED vectors ran every launch that is not
    // online through the complete `wandb.init`.
    let batch = !v.case["env"]["WANDB_API_KEY"].is_null()
        && v.case["init"]["settings"]["mode"].is_null()
        && v.case["context"]["settingsFile"].is_null()
        && v.case["env"]["WANDB_DISABLED"].is_null();
    if batch && v.out["offline"] == true {
        diffs.retain(|d| !d.starts_with("warnings:"));
    }
    diffs.extend(super::settings_resume_replay::first_error_diff(v, &d));
    diffs
}
