//! The `settings=` argument of `wandb.init(...)`: a `wandb.Settings(...)` object or a dict.
//!
//! Scripts pass it for things that have nothing to do with resuming
//! (`settings=wandb.Settings(start_method="thread")`), yet it changes the launch in some
//! releases, as the settings vectors (tests/conformance/settings-vectors.json) show for each:
//! 0.9.x has neither `wandb.Settings` (the script raises `AttributeError` before the call) nor
//! the argument (`TypeError`); 0.10.x–0.12.9 raise on a non-empty dict (they read it as a
//! `Settings`, which it is not) — those errors are this module's. And 0.17.7–0.18.7 first read
//! the mode as `mode or settings.get("mode") or WANDB_MODE`, where an object's mode is never
//! empty (online unless it says otherwise): from 0.18.1 on `WANDB_MODE=offline` or `disabled`
//! then launches online — that is the run mode's (`run_mode::ModeSources`), as is the
//! settings' own `mode` key, which each release weighs against `mode=` and `WANDB_MODE` its
//! own way. Keys that set the resume configuration itself (`resume`, `run_id`, …) meet
//! precedences that differ by release and are not modelled: the input check refuses them with
//! the reason.

use crate::check_order;
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::error::InputError;
use crate::model::{Diagnostic, ResumeInput, SettingsArg, SettingsForm, Severity};
use crate::profile::{Profile, Rule};

/// Settings keys that bear on resuming, refused as input: each release weighs them against
/// the init arguments and the environment in its own way (0.10.x let the object's `run_id`
/// beat `id=` and `WANDB_RUN_ID`; 0.12.x ignored an object's `resume`; …), which the vectors do
/// not cover. `mode` is modelled ([`SettingsArg::mode`], the settings-mode vectors).
pub const NOT_MODELLED_KEYS: [&str; 5] = [
    "resume_from",
    "fork_from",
    "run_notes",
    // the older releases' flag for the disabled mode (`wandb disabled` writes it to the
    // settings file), and the sweep that drops an init id
    "disabled",
    "sweep_id",
];

/// The keys that turn the service process off: `_disable_service` until 0.19.0 named it
/// `x_disable_service` (and kept the old name as an alias). Their value is
/// [`SettingsArg::disable_service`].
pub const DISABLE_SERVICE_KEYS: [&str; 2] = ["_disable_service", "x_disable_service"];

/// The most keys one `settings=` may list (wandb has about 200 settings).
pub const MAX_KEYS: usize = 256;

/// The input check: the form is required; a key that sets the resume configuration is not
/// modelled.
pub(crate) fn check_input(input: &ResumeInput) -> Result<(), InputError> {
    let Some(settings) = input.init.as_ref().and_then(|i| i.settings.as_ref()) else {
        return Ok(());
    };
    if settings.form.is_none() {
        return Err(InputError::Invalid {
            path: "init.settings.form".to_owned(),
            reason: "missing: \"object\" for wandb.Settings(...), \"dict\" for a dict".to_owned(),
        });
    }
    let keys = settings.keys.as_deref().unwrap_or_default();
    if keys.len() > MAX_KEYS {
        return Err(InputError::TooLarge {
            path: "init.settings.keys".to_owned(),
            limit: MAX_KEYS,
            actual: keys.len(),
            unit: "keys",
        });
    }
    for (key, given, path) in [
        ("mode", settings.mode.is_some(), "init.settings.mode"),
        ("resume", settings.resume.is_some(), "init.settings.resume"),
        ("run_id", settings.run_id.is_some(), "init.settings.runId"),
    ] {
        if let Some(at) = keys.iter().position(|k| k == key).filter(|_| !given) {
            return Err(InputError::Invalid {
                path: path.to_owned(),
                reason: format!(
                    "missing: the value of the settings key '{key}' (init.settings.keys.{at})"
                ),
            });
        }
    }
    let mut service_keys = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| DISABLE_SERVICE_KEYS.contains(&k.as_str()));
    let first = service_keys.next();
    match (first, settings.disable_service) {
        (Some((at, key)), None) => {
            return Err(InputError::Invalid {
                path: "init.settings.disableService".to_owned(),
                reason: format!(
                    "missing: the value of the settings key '{key}' (init.settings.keys.{at}), True or False"
                ),
            });
        }
        (None, Some(_)) => {
            return Err(InputError::Invalid {
                path: "init.settings.keys".to_owned(),
                reason: "missing: the key disableService is the value of, '_disable_service' or 'x_disable_service'".to_owned(),
            });
        }
        _ => {}
    }
    // (a dict display may repeat a key, and keeps the last value)
    if let Some((at, _)) = service_keys.find(|(_, k)| first.is_some_and(|(_, f)| f != *k)) {
        return Err(InputError::Invalid {
            path: format!("init.settings.keys.{at}"),
            reason:
                "'_disable_service' beside 'x_disable_service' is not modelled: give one of the two"
                    .to_owned(),
        });
    }
    if let Some((at, key)) = keys
        .iter()
        .enumerate()
        .find(|(_, k)| NOT_MODELLED_KEYS.contains(&k.as_str()))
    {
        return Err(InputError::Invalid {
            path: format!("init.settings.keys.{at}"),
            reason: format!(
                "the settings key {} is not modelled: how it weighs against wandb.init's arguments and the environment differs by release. Pass resume, id, resume_from, fork_from and notes as wandb.init arguments (or WANDB_* variables) instead",
                crate::pyunicode::repr(key)
            ),
        });
    }
    Ok(())
}

/// The errors `profile`'s SDK raises for `settings` (pushed to `out`, `rejected` set). What an
/// object does to the mode is the run mode's ([`crate::run_mode::ModeSources`]).
pub(crate) fn settle(
    profile: &Profile,
    settings: &SettingsArg,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) {
    let object = settings.is_object();
    if !profile.has(Rule::SettingsObject) {
        let (message, sdk, stage) = if object {
            (
                "has no wandb.Settings: the script raises AttributeError evaluating the call",
                "module 'wandb' has no attribute 'Settings'",
                check_order::CALL_ARGUMENTS,
            )
        } else {
            (
                "has no `settings` argument",
                "init() got an unexpected keyword argument 'settings'",
                check_order::CALL_RESUME_FROM,
            )
        };
        out.push(
            diagnostic(
                Code::NeedsNewerSdk,
                Severity::Error,
                Some("init.settings"),
                format!(
                    "wandb {} {message}; settings= needs wandb 0.10.0 or newer.",
                    profile.version
                ),
            )
            .hint("Drop settings= with wandb 0.9.x (WANDB_* variables set what it would).")
            .sdk(sdk)
            .at(stage),
        );
        *rejected = true;
        return;
    }
    if settings.dict_raises(profile) {
        out.push(
            diagnostic(
                Code::SettingsDictRaises,
                Severity::Error,
                Some("init.settings"),
                format!(
                    "wandb {} reads settings= as a wandb.Settings object: a non-empty dict makes wandb.init raise.",
                    profile.version
                ),
            )
            .hint("Pass wandb.Settings(...) instead of a dict, or upgrade to wandb 0.12.10 or newer.")
            .sdk("'dict' object has no attribute '_public_keys'")
            .at(check_order::LEGACY_SETTINGS_ARGUMENT),
        );
        *rejected = true;
    }
}

impl SettingsArg {
    /// Whether this is a `wandb.Settings(...)` object (the form defaults to one).
    pub fn is_object(&self) -> bool {
        self.form.unwrap_or(SettingsForm::Object) == SettingsForm::Object
    }

    /// Whether `profile`'s SDK raises on these settings for being a non-empty dict
    /// (0.10.x–0.12.9 read `settings=` as an object: `settings-dict-raises`), before any of
    /// its keys is read.
    pub(crate) fn dict_raises(&self, profile: &Profile) -> bool {
        !self.is_object()
            && self.keys.as_ref().is_some_and(|k| !k.is_empty())
            && !profile.has(Rule::SettingsDictAccepted)
    }

    /// The key that turns the service process off, as `keys` names it, with its value.
    pub fn disable_service_key(&self) -> Option<(&str, bool)> {
        let key = self
            .keys
            .as_deref()?
            .iter()
            .find(|k| DISABLE_SERVICE_KEYS.contains(&k.as_str()))?;
        Some((key, self.disable_service?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, InitArgs};
    use crate::{codec, decide};

    fn input(json: &str) -> ResumeInput {
        codec::from_json::<ResumeInput>(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    fn codes(json: &str) -> Vec<&'static str> {
        decide(&input(json))
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn the_settings_mode_needs_its_value_and_a_modelled_one() {
        let err = input(r#"{"init":{"settings":{"form":"object","keys":["console","mode"]}}}"#)
            .check_limits()
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("init.settings.mode") && err.contains("init.settings.keys.1"),
            "{err}"
        );
        for mode in ["Shared", "run", "noop", "OFFLINE", ""] {
            let json = format!(r#"{{"init":{{"settings":{{"form":"dict","mode":"{mode}"}}}}}}"#);
            let err = input(&json).check_limits().unwrap_err().to_string();
            assert!(
                err.contains("init.settings.mode") && err.contains("not modelled"),
                "{mode}: {err}"
            );
        }
        for (json, path) in [
            (
                r#"{"sdk":"0.12.9","env":{"WANDB_MODE":"dryrun"},"init":{"settings":{"form":"object","keys":["mode"],"mode":"shared"}}}"#,
                "init.settings.mode",
            ),
            // a dict that names no key does not raise there, so the release refuses the mode
            (
                r#"{"sdk":"0.12.9","env":{"WANDB_MODE":"dryrun"},"init":{"settings":{"form":"dict","mode":"shared"}}}"#,
                "init.settings.mode",
            ),
            (
                r#"{"env":{"WANDB_MODE":"disabled"},"init":{"settings":{"form":"dict","mode":"dryrun"}}}"#,
                "init.settings.mode",
            ),
            (
                r#"{"init":{"mode":"offline","settings":{"form":"object","mode":"disabled"}}}"#,
                "init.mode",
            ),
            // with a third source, what the pair alone refuses
            (
                r#"{"env":{"WANDB_MODE":"disabled"},"init":{"mode":"disabled","settings":{"form":"object","mode":"online"}}}"#,
                "init.settings.mode",
            ),
        ] {
            let err = input(json).check_limits().unwrap_err().to_string();
            assert!(
                err.contains(path) && err.contains("not modelled"),
                "{json}: {err}"
            );
        }
        for json in [
            r#"{"init":{"settings":{"form":"object","keys":["mode"],"mode":"offline"}}}"#,
            r#"{"env":{"WANDB_MODE":"online"},"init":{"settings":{"form":"dict","mode":"disabled"}}}"#,
            r#"{"init":{"mode":"online","settings":{"form":"object","mode":"offline"}}}"#,
            // the settings-mode-pair vectors
            r#"{"env":{"WANDB_MODE":"online"},"init":{"mode":"offline","settings":{"form":"object","mode":"offline"}}}"#,
            r#"{"env":{"WANDB_MODE":"offline"},"init":{"mode":"disabled","settings":{"form":"dict","mode":"online"}}}"#,
            r#"{"env":{"WANDB_MODE":"disabled"},"init":{"mode":"disabled","settings":{"form":"object","mode":"disabled"}}}"#,
            // the server-settings-mode vectors
            r#"{"env":{"WANDB_MODE":"offline"},"init":{"settings":{"form":"object","mode":"online"}}}"#,
            r#"{"env":{"WANDB_MODE":"offline"},"init":{"settings":{"form":"dict","mode":"online"}}}"#,
            r#"{"env":{"WANDB_MODE":"dryrun"},"init":{"settings":{"form":"object","mode":"online"}}}"#,
            r#"{"env":{"WANDB_MODE":"offline"},"init":{"settings":{"form":"dict","mode":"shared"}}}"#,
            // a dict raises before its mode is read, where the release refuses `shared`
            r#"{"sdk":"0.12.9","env":{"WANDB_MODE":"dryrun"},"init":{"settings":{"form":"dict","keys":["mode"],"mode":"shared"}}}"#,
        ] {
            assert!(input(json).check_limits().is_ok(), "{json}");
        }
    }

    #[test]
    fn keys_that_set_the_resume_configuration_are_refused() {
        for key in NOT_MODELLED_KEYS {
            let json = format!(
                r#"{{"init":{{"settings":{{"form":"object","keys":["console","{key}"]}}}}}}"#
            );
            let err = input(&json).check_limits().unwrap_err().to_string();
            assert!(
                err.contains("init.settings.keys.1") && err.contains(key),
                "{err}"
            );
        }
        let err = input(r#"{"init":{"settings":{"keys":[]}}}"#)
            .check_limits()
            .unwrap_err();
        assert!(err.to_string().contains("init.settings.form"), "{err}");
        let err = codec::from_json::<ResumeInput>(r#"{"init":{"settings":{"form":"Settings"}}}"#);
        assert!(err.unwrap_err().to_string().contains("not a settings form"));
        let many = vec!["console".to_owned(); MAX_KEYS + 1];
        let too_many = ResumeInput {
            init: Some(InitArgs {
                settings: Some(SettingsArg {
                    form: Some(SettingsForm::Dict),
                    keys: Some(many),
                    ..SettingsArg::default()
                }),
                ..InitArgs::default()
            }),
            ..ResumeInput::default()
        };
        assert_eq!(
            too_many.check_limits().unwrap_err().code(),
            "input-too-large"
        );
    }

    #[test]
    fn each_release_meets_the_argument_as_the_vectors_show() {
        // 0.9.x: no wandb.Settings, no settings argument.
        let object = r#"{"sdk":"0.9.7","init":{"settings":{"form":"object"}}}"#;
        let d = decide(&input(object));
        assert_eq!(d.if_missing.action, Action::Fail);
        assert!(
            d.if_missing
                .message
                .contains("module 'wandb' has no attribute 'Settings'")
        );
        assert!(
            codes(r#"{"sdk":"0.9.7","init":{"settings":{"form":"dict"}}}"#)
                .contains(&"needs-newer-sdk")
        );
        // A non-empty dict raises up to 0.12.9; an empty one is skipped.
        let dict = |sdk: &str, keys: &str| {
            format!(r#"{{"sdk":"{sdk}","init":{{"settings":{{"form":"dict","keys":[{keys}]}}}}}}"#)
        };
        assert!(codes(&dict("0.12.9", r#""console""#)).contains(&"settings-dict-raises"));
        assert!(!codes(&dict("0.12.9", "")).contains(&"settings-dict-raises"));
        assert!(!codes(&dict("0.12.10", r#""console""#)).contains(&"settings-dict-raises"));
    }

    #[test]
    fn an_object_replaces_wandb_mode_in_0_18_1_to_0_18_7_only() {
        let launch = |sdk: &str, form: &str, env_mode: &str, init_mode: &str| {
            let json = format!(
                r#"{{"sdk":"{sdk}","env":{{"WANDB_MODE":"{env_mode}"}},"init":{{"resume":"allow","id":"abc"{init_mode},"settings":{{"form":"{form}"}}}}}}"#
            );
            let d = decide(&input(&json));
            let warned = d
                .diagnostics
                .iter()
                .any(|x| x.code == "settings-object-overrides-mode");
            (d.if_exists.action, warned)
        };
        for sdk in ["0.18.1", "0.18.7"] {
            assert_eq!(launch(sdk, "object", "offline", ""), (Action::Resume, true));
            assert_eq!(
                launch(sdk, "object", "disabled", ""),
                (Action::Resume, true)
            );
            assert_eq!(launch(sdk, "object", "online", ""), (Action::Resume, false));
            // mode= still wins; a dict has no mode of its own.
            let init_mode = r#","mode":"offline""#;
            assert_eq!(
                launch(sdk, "object", "offline", init_mode),
                (Action::Offline, false)
            );
            assert_eq!(launch(sdk, "dict", "offline", ""), (Action::Offline, false));
        }
        for sdk in ["0.18.0", "0.19.0", "0.31.0"] {
            assert_eq!(
                launch(sdk, "object", "offline", ""),
                (Action::Offline, false)
            );
            assert_eq!(
                launch(sdk, "object", "disabled", ""),
                (Action::Disabled, false)
            );
        }
    }
}
