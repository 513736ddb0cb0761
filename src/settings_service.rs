//! The settings' key that turns the service process off: `_disable_service` or
//! `x_disable_service` in `settings=` (`wandb.Settings(_disable_service=True)`, for years the
//! advice for jobs the service process troubled).
//!
//! Whether the service runs decides whether a script that ends without `run.finish()` leaves
//! the auto-resume file ([`crate::service_process`]), so whether the restart resumes. The
//! settings-service vectors (tests/conformance/settings-service-vectors.json: each release's
//! complete offline `wandb.init`, the script then falling off its end) show each release:
//!
//! - a name the release does not know: a `wandb.Settings` object raises `TypeError`
//!   (0.10.0–0.12.9), ignores it with a warning (0.12.10–0.15.5) or raises
//!   `SettingsUnexpectedArgsError` (0.15.6+); a dict raises `KeyError` (0.12.10+; before, any
//!   non-empty dict raises, [`crate::settings_arg`]). `_disable_service` is a setting from
//!   0.13.11, `x_disable_service` from 0.19.0 (the old name its alias);
//! - 0.13.11–0.18.0 know the key but never act on it: `wandb.setup` has started the service by
//!   then (an object's `True` still prints the deprecation warning from 0.17.8);
//! - 0.18.1–0.18.7 take the key where `WANDB_DISABLE_SERVICE` is unset (the variable, even
//!   `false`, wins); 0.19.0–0.19.1 turn the service off for either; from 0.19.2 the key wins
//!   over the variable;
//! - 0.20.0 has no such setting: either name makes the settings raise `ValidationError`.

use crate::check_order::{self, Stage};
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::env_vars::EnvVars;
use crate::model::{Diagnostic, SettingsArg, Severity};
use crate::profile::{Profile, Rule};
use crate::service_process::DISABLE_SERVICE;

/// The input field of the key's value.
pub(crate) const FIELD: &str = "init.settings.disableService";

/// The name of the key from 0.19.0 (`_disable_service` is its alias there).
const NEW_NAME: &str = crate::settings_arg::DISABLE_SERVICE_KEYS[1];

/// What `profile`'s release makes of the key `name`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// Not a setting of the release: an error or a warning, nothing else.
    Unknown,
    /// A setting, which `wandb.init` never acts on (0.13.11–0.18.0).
    NotActedOn,
    /// Decides where `WANDB_DISABLE_SERVICE` is unset: the variable, `false` too, wins
    /// (0.18.1–0.18.7).
    BelowEnv,
    /// Turns the service off together with `WANDB_DISABLE_SERVICE`: either is enough
    /// (0.19.0–0.19.1).
    OrEnv,
    /// Turns the service off or keeps it on, whatever `WANDB_DISABLE_SERVICE` says (0.19.2+).
    OverEnv,
    /// The setting is gone: the settings raise (0.20.0+).
    Removed,
}

fn reading(profile: &Profile, name: &str) -> Reading {
    if profile.has(Rule::DisableServiceRemoved) {
        return Reading::Removed;
    }
    let known = if name == NEW_NAME {
        profile.has(Rule::DisableServiceRenamed)
    } else {
        profile.has(Rule::DisableServiceIsBool)
    };
    if !known {
        Reading::Unknown
    } else if profile.has(Rule::SettingsDisableServiceOverEnv) {
        Reading::OverEnv
    } else if profile.has(Rule::DisableServiceRenamed) {
        Reading::OrEnv
    } else if profile.has(Rule::SettingsDisableServiceRead) {
        Reading::BelowEnv
    } else {
        Reading::NotActedOn
    }
}

/// What the settings make of the service process where they decide it (beside `env`):
/// `Some(true)` off, `Some(false)` on whatever `WANDB_DISABLE_SERVICE` says, `None` where the
/// variable decides (alone, or together with a `False` the release reads as "not set").
pub(crate) fn turns_off(
    profile: &Profile,
    settings: Option<&SettingsArg>,
    env: &EnvVars,
) -> Option<bool> {
    let (name, value) = settings?.disable_service_key()?;
    match reading(profile, name) {
        Reading::OverEnv => Some(value),
        Reading::OrEnv => value.then_some(true),
        Reading::BelowEnv if env.get(DISABLE_SERVICE).is_none() => value.then_some(true),
        Reading::BelowEnv | Reading::Unknown | Reading::NotActedOn | Reading::Removed => None,
    }
}

/// The errors and warnings of the key for `profile`'s release with `env` (pushed to `out`,
/// `rejected` set where `wandb.init` raises); `WANDB_DISABLE_SERVICE`'s own warnings are
/// [`crate::service_process::check`]'s.
pub(crate) fn settle(
    profile: &Profile,
    settings: &SettingsArg,
    env: &EnvVars,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) {
    let Some((name, value)) = settings.disable_service_key() else {
        return;
    };
    if !profile.has(Rule::SettingsObject) {
        // 0.9.x: no settings at all (settings_arg's error).
        return;
    }
    let object = settings.is_object();
    let version = profile.version;
    // Whether the variable alone turns the service off.
    let env_turns_off =
        profile.has(Rule::ServiceProcess) && !crate::service_process::runs(profile, env);
    let python = if value { "True" } else { "False" };
    match reading(profile, name) {
        Reading::Unknown => unknown(profile, name, object, out, rejected),
        Reading::Removed => {
            let stage = check_order::CALL_ARGUMENTS;
            out.push(
                raises(
                    format!(
                        "wandb {version} has no `{name}` setting (0.20.0 removed it): the settings raise ValidationError whatever its value."
                    ),
                    format!(
                        "1 validation error for Settings\n{NEW_NAME}\n  Extra inputs are not permitted [type=extra_forbidden, input_value={python}, input_type=bool]"
                    ),
                    stage,
                )
                .hint(format!("Drop `{name}` from the settings.")),
            );
            *rejected = true;
        }
        Reading::NotActedOn if value && !env_turns_off => out.push(ignored(
            profile,
            object,
            format!(
                "wandb {version} never acts on the settings' {name}=True (wandb.setup has started the service by then): {KEPT}"
            ),
            "Set WANDB_DISABLE_SERVICE=true instead, or use wandb 0.18.1 or newer.",
        )),
        Reading::BelowEnv if value && !env_turns_off && env.get(DISABLE_SERVICE).is_some() => {
            out.push(ignored(
                profile,
                object,
                format!(
                    "wandb {version} takes WANDB_DISABLE_SERVICE over the settings' {name}=True: {KEPT}"
                ),
                "Leave WANDB_DISABLE_SERVICE unset, or set it to true.",
            ));
        }
        Reading::NotActedOn => {}
        Reading::BelowEnv | Reading::OrEnv | Reading::OverEnv => {
            if value && !env_turns_off {
                out.push(crate::service_process::settings_deprecated(profile, name));
            }
        }
    }
}

/// What keeping the service process on does to the resume file.
const KEPT: &str = "the service process runs, and a script that ends without run.finish() keeps wandb/wandb-resume.json, which a restart in this directory reads.";

/// The warning for a `True` the release does not act on. A `wandb.Settings` object checks the
/// value as it is built, which prints the deprecation from 0.17.8 (a dict's is not checked).
fn ignored(profile: &Profile, object: bool, message: String, hint: &str) -> Diagnostic {
    let d = diagnostic(
        Code::SettingsDisableServiceIgnored,
        Severity::Warning,
        Some(FIELD),
        message,
    )
    .hint(hint);
    if object && profile.has(Rule::DisableServiceDeprecated) {
        d.sdk(crate::service_process::deprecation_text(profile))
    } else {
        d
    }
}

/// What a release that does not know one of the two names says of it (the SDK's texts, fixed
/// per name).
struct UnknownName {
    /// The release that added the name.
    since: &'static str,
    hint: &'static str,
    /// A dict's `KeyError` (printed quoted), 0.12.10+.
    key_error: &'static str,
    /// An object's `TypeError`, 0.10.0–0.12.9.
    type_error: &'static str,
    /// An object's warning, 0.12.10–0.15.5.
    ignored: &'static str,
    /// An object's `SettingsUnexpectedArgsError`, 0.15.6+.
    unexpected: &'static str,
}

const OLD_NAME_UNKNOWN: UnknownName = UnknownName {
    since: "0.13.11",
    hint: "Set WANDB_DISABLE_SERVICE=true instead.",
    key_error: "\"Unknown settings: ['_disable_service']\"",
    type_error: "__init__() got an unexpected keyword argument '_disable_service'",
    ignored: "Ignoring unexpected arguments: ['_disable_service']. This will raise an error in the future.",
    unexpected: "Got unexpected arguments: ['_disable_service']. ",
};

const NEW_NAME_UNKNOWN: UnknownName = UnknownName {
    since: "0.19.0",
    hint: "Use `_disable_service` before wandb 0.19.0.",
    key_error: "\"Unknown settings: ['x_disable_service']\"",
    type_error: "__init__() got an unexpected keyword argument 'x_disable_service'",
    ignored: "Ignoring unexpected arguments: ['x_disable_service']. This will raise an error in the future.",
    unexpected: "Got unexpected arguments: ['x_disable_service']. ",
};

/// The key is not a setting of the release.
fn unknown(
    profile: &Profile,
    name: &str,
    object: bool,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) {
    let texts = if name == NEW_NAME {
        &NEW_NAME_UNKNOWN
    } else {
        &OLD_NAME_UNKNOWN
    };
    let (severity, sdk, stage, what) = if !object {
        // Before 0.12.10 any non-empty dict raises (settings_arg's error).
        if !profile.has(Rule::SettingsDictAccepted) {
            return;
        }
        let stage = check_order::LEGACY_SETTINGS_ARGUMENT;
        (
            Severity::Error,
            texts.key_error,
            stage,
            "the dict with it raises",
        )
    } else if !profile.has(Rule::SettingsDictAccepted) {
        let stage = check_order::CALL_ARGUMENTS;
        (
            Severity::Error,
            texts.type_error,
            stage,
            "wandb.Settings with it raises",
        )
    } else if !profile.has(Rule::UnreadableSettingRaises) {
        let stage = check_order::CALL_ARGUMENTS;
        (
            Severity::Warning,
            texts.ignored,
            stage,
            "wandb.Settings ignores it with a warning",
        )
    } else {
        let stage = check_order::CALL_ARGUMENTS;
        (
            Severity::Error,
            texts.unexpected,
            stage,
            "wandb.Settings with it raises",
        )
    };
    out.push(
        diagnostic(
            Code::SettingsKeyUnknown,
            severity,
            Some(FIELD),
            format!(
                "wandb {} has no `{name}` setting ({} added it): {what}.",
                profile.version, texts.since
            ),
        )
        .hint(texts.hint)
        .sdk(sdk)
        .at(stage),
    );
    *rejected |= severity == Severity::Error;
}

/// An error of the key: `wandb.init` (or the call's arguments) raises `sdk` at `stage`.
fn raises(message: String, sdk: String, stage: Stage) -> Diagnostic {
    diagnostic(
        Code::SettingsKeyUnknown,
        Severity::Error,
        Some(FIELD),
        message,
    )
    .sdk(sdk)
    .at(stage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env_vars::EnvVars;
    use crate::model::{ResumeInput, SettingsForm};
    use crate::version::parse_sdk_version;
    use crate::{codec, decide};
    use serde_json::Value;

    fn profile(version: &str) -> Profile {
        Profile::new(parse_sdk_version(version).expect("a release"))
    }

    fn settings(form: SettingsForm, key: &str, value: bool) -> SettingsArg {
        SettingsArg {
            form: Some(form),
            keys: Some(vec![key.to_owned()]),
            disable_service: Some(value),
            ..SettingsArg::default()
        }
    }

    /// What `sdk` recorded for the key `key` = `value` in `form` beside `WANDB_DISABLE_SERVICE`
    /// = `env` (None: unset), in tests/conformance/settings-service-vectors.json.
    fn recorded(
        sdk: &str,
        form: &str,
        key: &str,
        value: bool,
        env: Option<&str>,
    ) -> &'static Value {
        let what = format!("{form} {key}={value} env {env:?}");
        crate::recorded::result("settings-service-vectors.json", sdk, &what, |c| {
            let s = &c["settings"];
            s["form"] == form
                && s["key"] == key
                && s["value"] == value
                && s["mode"].is_null()
                && c["env"]["WANDB_DISABLE_SERVICE"].as_str() == env
        })
    }

    /// Each era of the key, read off the records at both of its ends: whether the service ran
    /// is whether the resume file survived the script's end.
    #[test]
    fn each_era_turns_the_service_off_as_recorded() {
        for (sdk, env) in [
            // never acted on
            ("0.13.11", None),
            ("0.18.0", None),
            // either the key or the variable
            ("0.18.1", None),
            ("0.19.1", Some("true")),
            // the key over the variable
            ("0.19.2", Some("true")),
            ("0.19.11", Some("false")),
        ] {
            for value in [true, false] {
                let out = recorded(sdk, "dict", "_disable_service", value, env);
                let kept = out["resumeFileAtEnd"].is_string();
                let env = env.map(|v| EnvVars::from([("WANDB_DISABLE_SERVICE", v)]));
                let runs = crate::service_process::runs_with(
                    &profile(sdk),
                    &env.unwrap_or_default(),
                    Some(&settings(SettingsForm::Dict, "_disable_service", value)),
                );
                assert_eq!(runs, kept, "{sdk} {value}: the SDK's file {out}");
            }
        }
        // The eras differ in the records: 0.18.0 kept the service, 0.18.1 turned it off; 0.19.1
        // let the variable turn it off over False, 0.19.2 did not.
        let kept = |sdk, value, env| {
            recorded(sdk, "dict", "_disable_service", value, env)["resumeFileAtEnd"].is_string()
        };
        assert_ne!(kept("0.18.0", true, None), kept("0.18.1", true, None));
        assert_ne!(
            kept("0.19.1", false, Some("true")),
            kept("0.19.2", false, Some("true"))
        );
    }

    /// A name the release does not know raises or warns with the SDK's words, as recorded.
    #[test]
    fn unknown_names_fail_with_the_sdks_words() {
        for (sdk, form, key) in [
            ("0.12.9", "object", "_disable_service"),
            ("0.12.16", "object", "_disable_service"),
            ("0.12.16", "dict", "x_disable_service"),
            ("0.15.6", "object", "x_disable_service"),
            ("0.20.0", "dict", "_disable_service"),
        ] {
            let out = recorded(sdk, form, key, true, None);
            let json = format!(
                r#"{{"sdk":"{sdk}","env":{{"WANDB_MODE":"offline"}},"init":{{"settings":{{"form":"{form}","keys":["{key}"],"disableService":true}}}}}}"#
            );
            let input: ResumeInput = codec::from_json(&json).expect("an input");
            let d = decide(&input);
            let unknown = d
                .diagnostics
                .iter()
                .find(|x| x.code == Code::SettingsKeyUnknown.as_str())
                .unwrap_or_else(|| panic!("{sdk} {form} {key}: {:?}", d.diagnostics));
            let sdk_text = unknown.sdk_message.as_deref().unwrap_or_default();
            let raised = &out["raised"];
            if raised.is_object() {
                assert_eq!(unknown.severity, Severity::Error, "{sdk} {form} {key}");
                let said = [&raised["message"], &raised["cause"]["message"]];
                assert!(
                    said.iter().any(|m| m.as_str() == Some(sdk_text)),
                    "{sdk} {form} {key}: {sdk_text:?} vs {raised}"
                );
            } else {
                assert_eq!(unknown.severity, Severity::Warning, "{sdk} {form} {key}");
                assert_eq!(out["serviceWarnings"][0].as_str(), Some(sdk_text));
            }
        }
    }

    /// The key needs its value and one name; the value needs its key.
    #[test]
    fn the_input_names_one_key_with_its_value() {
        for (json, path) in [
            (
                r#"{"init":{"settings":{"form":"object","keys":["_disable_service"]}}}"#,
                "init.settings.disableService",
            ),
            (
                r#"{"init":{"settings":{"form":"dict","disableService":true}}}"#,
                "init.settings.keys",
            ),
            (
                r#"{"init":{"settings":{"form":"dict","keys":["x_disable_service","_disable_service"],"disableService":true}}}"#,
                "init.settings.keys.1",
            ),
        ] {
            let err = codec::from_json::<ResumeInput>(json)
                .expect("JSON")
                .check_limits()
                .unwrap_err()
                .to_string();
            assert!(err.contains(path), "{json}: {err}");
        }
        // A dict display may repeat a key (Python keeps the last value).
        let repeated = r#"{"init":{"settings":{"form":"dict","keys":["_disable_service","_disable_service"],"disableService":true}}}"#;
        let input = codec::from_json::<ResumeInput>(repeated).expect("JSON");
        assert!(input.check_limits().is_ok());
    }
}
