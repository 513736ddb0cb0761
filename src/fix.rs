//! The fixed configuration: the input with every mechanical fix the diagnostics' hints name
//! applied, each one checked by deciding again.
//!
//! Only fixes with one right answer are made: a mode in the wrong case (`"Allow"` →
//! `"allow"`), a literal written as a string (`"True"` → `True`), an empty `WANDB_RESUME`
//! (unset it), a run id the SDK refuses or that breaks URLs (the sanitized id the SDK
//! accepts), a sweep id with whitespace at its ends, a fixed id without resume (add `allow`
//! where the id is set, so restarts continue the run), a `WANDB_MODE` that a settings
//! object overrides in 0.18.1–0.18.7 (pass the same mode to `wandb.init`, as for a settings
//! mode the release ignores or loses, which moves there where `WANDB_MODE` is set), and the
//! `disabled = true` line an older `wandb offline` left in `wandb/settings` (delete it).
//! Whatever needs the user's knowledge — which run to resume, which of `resume` /
//! `fork_from` / `resume_from` they meant — is left alone, and its diagnostics stay in the
//! fixed configuration's decision.

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use crate::engine::decide;
use crate::model::{Decision, ResumeArg, ResumeInput, RunIdSource};
use crate::resume_value::{MeantAs, meant_as};
use crate::sanitize::sanitize_run_id;

/// Most fixes applied to one configuration (each removes a diagnostic, so a handful suffice).
const MAX_FIXES: usize = 12;

/// One change the fixer made.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct FixChange {
    /// The diagnostic it fixes, e.g. `resume-wrong-case`.
    pub code: String,
    /// The field changed, e.g. `env.WANDB_RESUME`.
    pub field: String,
    /// The value before, as written (`null`: absent).
    pub before: Option<String>,
    /// The value after, as it would be written (`null`: removed).
    pub after: Option<String>,
}

crate::json_object!(FixChange {
    "code": code,
    "field": field,
    "before": before,
    "after": after,
});

/// The input with the mechanical fixes applied.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct FixedConfiguration {
    /// The fixed input (equal to the given one when `changes` is empty).
    pub input: ResumeInput,
    /// What changed, in order.
    pub changes: Vec<FixChange>,
    /// The decision for the fixed input: what still needs the user's decision shows here.
    pub decision: Decision,
}

crate::json_object!(FixedConfiguration {
    "input": input,
    "changes": changes,
    "decision": decision,
});

/// Applies every mechanical fix to `input`; see the module documentation.
pub fn fix_configuration(input: &ResumeInput) -> FixedConfiguration {
    let mut current = input.clone();
    let mut changes = Vec::new();
    let mut tried: Vec<(&'static str, String)> = Vec::new();
    let mut decision = decide(&current);
    while changes.len() < MAX_FIXES {
        let candidate = decision.diagnostics.iter().find_map(|d| {
            let field = d.field.clone()?;
            let key = (d.code, field.clone());
            if tried.contains(&key) {
                return None;
            }
            let mut next = current.clone();
            let change = apply(&mut next, d.code, &field, &decision)?;
            Some((key, next, change))
        });
        let Some((key, next, change)) = candidate else {
            break;
        };
        tried.push(key.clone());
        // A fix that makes an input the package refuses is no fix (none does today: the
        // settings' mode is moved, not copied, beside WANDB_MODE; kept as a guard).
        if next.check_limits().is_err() {
            continue;
        }
        let next_decision = decide(&next);
        // Keep a fix only if it removed what it was for and added no error.
        let gone = !next_decision
            .diagnostics
            .iter()
            .any(|d| d.code == key.0 && d.field.as_deref() == Some(key.1.as_str()));
        let errors = |d: &Decision| {
            d.diagnostics
                .iter()
                .filter(|x| x.severity == crate::model::Severity::Error)
                .count()
        };
        if gone && errors(&next_decision) <= errors(&decision) {
            current = next;
            decision = next_decision;
            changes.extend(change);
        }
    }
    FixedConfiguration {
        input: current,
        changes,
        decision,
    }
}

/// Applies the fix for diagnostic `code` at `field` to `input`; `None` when there is no
/// mechanical fix.
fn apply(
    input: &mut ResumeInput,
    code: &str,
    field: &str,
    decision: &Decision,
) -> Option<Vec<FixChange>> {
    let change = |before: Option<String>, after: Option<String>| {
        vec![FixChange {
            code: code.to_owned(),
            field: field.to_owned(),
            before,
            after,
        }]
    };
    match (code, field) {
        ("resume-wrong-case" | "resume-looks-like-literal", "init.resume") => {
            let init = input.init.as_mut()?;
            let before = init.resume.clone()?;
            let ResumeArg::Text(text) = &before else {
                return None;
            };
            init.resume = match meant_as(text) {
                MeantAs::Mode(mode) => Some(ResumeArg::Text(mode.as_str().to_owned())),
                MeantAs::True => Some(ResumeArg::Bool(true)),
                MeantAs::False => None,
                MeantAs::Unknown => return None,
            };
            let after = init.resume.as_ref().map(ResumeArg::python_literal);
            Some(change(Some(before.python_literal()), after))
        }
        (
            "resume-wrong-case" | "resume-looks-like-literal" | "resume-env-empty",
            "env.WANDB_RESUME",
        ) => {
            let env = input.env.as_mut()?;
            let before = env.get("WANDB_RESUME")?.clone();
            // The hints' advice for the environment: `auto` for true, unset for false.
            let after = match meant_as(&before) {
                MeantAs::Mode(mode) => Some(mode.as_str().to_owned()),
                MeantAs::True => Some("auto".to_owned()),
                MeantAs::False => None,
                MeantAs::Unknown => return None,
            };
            match &after {
                Some(value) => env.insert("WANDB_RESUME".to_owned(), value.clone()),
                None => env.remove("WANDB_RESUME"),
            };
            Some(change(Some(before), after))
        }
        (
            "run-id-whitespace-ends" | "run-id-reserved-char" | "run-id-discouraged-char",
            "init.id" | "env.WANDB_RUN_ID" | "init.settings.runId",
        ) => {
            let slot = match field {
                "init.id" => input.init.as_mut()?.id.as_mut()?,
                "init.settings.runId" => input.init.as_mut()?.settings.as_mut()?.run_id.as_mut()?,
                _ => input.env.as_mut()?.get_mut("WANDB_RUN_ID")?,
            };
            let suggested = sanitize_run_id(slot, Some(&decision.sdk)).suggested?;
            if suggested == *slot {
                return None;
            }
            let before = std::mem::replace(slot, suggested.clone());
            Some(change(Some(before), Some(suggested)))
        }
        ("sweep-id-invalid", "env.WANDB_SWEEP_ID") => {
            let slot = input.env.as_mut()?.get_mut("WANDB_SWEEP_ID")?;
            let trimmed = slot.trim().to_owned();
            if trimmed.is_empty() || trimmed == *slot {
                return None;
            }
            let before = std::mem::replace(slot, trimmed.clone());
            Some(change(Some(before), Some(trimmed)))
        }
        // The mode a settings object replaces (0.18.1–0.18.7), its own mode, which
        // 0.12.10–0.12.15 ignore, or the settings file's, which 0.18.1–0.18.7 ignore: passed to
        // wandb.init as well, where nothing overrides it.
        ("settings-object-overrides-mode", "env.WANDB_MODE")
        | ("settings-mode-ignored", "init.settings.mode")
        | ("settings-file-ignored", crate::settings_file::MODE) => {
            let mode = match field {
                "env.WANDB_MODE" => input.env.as_ref()?.get("WANDB_MODE")?.clone(),
                "init.settings.mode" => input.init.as_ref()?.settings.as_ref()?.mode.clone()?,
                _ => input
                    .context
                    .as_ref()?
                    .settings_file
                    .as_ref()?
                    .mode
                    .clone()?,
            };
            // Beside WANDB_MODE the settings' mode is moved rather than copied: the call's,
            // the settings' and the environment's mode together are refused as input.
            let moved = field == "init.settings.mode"
                && input
                    .env
                    .as_ref()
                    .is_some_and(|e| e.contains_key("WANDB_MODE"));
            let init = input.init.get_or_insert_with(Default::default);
            if init.mode.is_some() {
                return None;
            }
            init.mode = Some(mode.clone());
            let mut changes = vec![FixChange {
                code: code.to_owned(),
                field: "init.mode".to_owned(),
                before: None,
                after: Some(mode.clone()),
            }];
            if moved {
                let settings = init.settings.as_mut()?;
                settings.mode = None;
                if let Some(keys) = settings.keys.as_mut() {
                    keys.retain(|k| k != "mode");
                }
                changes.push(FixChange {
                    code: code.to_owned(),
                    field: field.to_owned(),
                    before: Some(mode),
                    after: None,
                });
            }
            Some(changes)
        }
        // The settings' key that turns the service off, where the release has no such setting
        // (0.20.0+ raise on either name): dropped, as the SDK's error asks.
        ("settings-key-unknown", crate::settings_service::FIELD) => {
            let settings = input.init.as_mut()?.settings.as_mut()?;
            let (name, value) = settings.disable_service_key()?;
            let before = format!("{name}={}", if value { "True" } else { "False" });
            let name = name.to_owned();
            settings.keys.as_mut()?.retain(|k| *k != name);
            settings.disable_service = None;
            Some(change(Some(before), None))
        }
        // The `disabled = true` line an older `wandb offline` left: 0.19.0–0.23.1 raise on it,
        // 0.24.1+ drop the whole file over it, 0.10.x–0.18.x launch offline whatever the mode
        // says. Deleting it leaves the mode line to say what the user set.
        (
            "settings-file-raises" | "settings-file-ignored" | "settings-file-offline",
            crate::settings_file::DISABLED,
        ) => {
            let context = input.context.as_mut()?;
            let file = context.settings_file.as_mut()?;
            let before = file.disabled.take()?;
            if file.mode.is_none() {
                context.settings_file = None;
            }
            Some(change(Some(before), None))
        }
        ("run-id-without-resume", _) => match decision.run_id_source {
            RunIdSource::Init | RunIdSource::InitResume => {
                let init = input.init.get_or_insert_with(Default::default);
                let before = init.resume.as_ref().map(ResumeArg::python_literal);
                init.resume = Some(ResumeArg::Text("allow".to_owned()));
                Some(vec![FixChange {
                    code: code.to_owned(),
                    field: "init.resume".to_owned(),
                    before,
                    after: init.resume.as_ref().map(ResumeArg::python_literal),
                }])
            }
            RunIdSource::Env => {
                let env = input.env.get_or_insert_with(Default::default);
                let before = env.insert("WANDB_RESUME".to_owned(), "allow".to_owned());
                Some(vec![FixChange {
                    code: code.to_owned(),
                    field: "env.WANDB_RESUME".to_owned(),
                    before,
                    after: Some("allow".to_owned()),
                }])
            }
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::input_from_json;

    fn fix(json: &str) -> FixedConfiguration {
        fix_configuration(&input_from_json(json).unwrap())
    }

    fn changed(f: &FixedConfiguration) -> Vec<(&str, &str, Option<&str>)> {
        f.changes
            .iter()
            .map(|c| (c.code.as_str(), c.field.as_str(), c.after.as_deref()))
            .collect()
    }

    #[test]
    fn wrong_case_and_literals_in_init_and_env() {
        let f = fix(r#"{"sdk":"0.19.0","init":{"resume":"Allow","id":"abc"}}"#);
        assert_eq!(
            changed(&f),
            [("resume-wrong-case", "init.resume", Some("'allow'"))]
        );
        assert!(f.decision.valid);
        let f = fix(r#"{"sdk":"0.19.0","init":{"resume":"True"}}"#);
        assert_eq!(f.input.init.unwrap().resume, Some(ResumeArg::Bool(true)));
        let f = fix(r#"{"sdk":"0.19.0","env":{"WANDB_RESUME":"MUST","WANDB_RUN_ID":"abc"}}"#);
        assert_eq!(f.input.env.unwrap()["WANDB_RESUME"], "must");
        let f = fix(r#"{"sdk":"0.19.0","env":{"WANDB_RESUME":""}}"#);
        assert!(!f.input.env.unwrap().contains_key("WANDB_RESUME"));
        assert!(f.decision.valid);
    }

    #[test]
    fn ids_are_sanitized_and_resume_added_where_the_id_is() {
        let f = fix(r#"{"sdk":"0.21.0","env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"exp:1"}}"#);
        assert_eq!(f.input.env.as_ref().unwrap()["WANDB_RUN_ID"], "exp-1");
        assert!(f.decision.valid, "{:?}", f.decision.diagnostics);
        let f = fix(r#"{"sdk":"0.31.0","init":{"id":"abc"}}"#);
        assert_eq!(
            changed(&f),
            [("run-id-without-resume", "init.resume", Some("'allow'"))]
        );
        let f = fix(r#"{"sdk":"0.31.0","env":{"WANDB_RUN_ID":"abc"}}"#);
        assert_eq!(f.input.env.unwrap()["WANDB_RESUME"], "allow");
        let f = fix(r#"{"sdk":"0.19.0","env":{"WANDB_SWEEP_ID":" sw1 "}}"#);
        assert_eq!(f.input.env.unwrap()["WANDB_SWEEP_ID"], "sw1");
        // the settings' own id is sanitized where it is
        let f = fix(
            r#"{"sdk":"0.21.0","init":{"resume":"allow","settings":{"form":"object","runId":"exp:1"}}}"#,
        );
        let settings = f.input.init.as_ref().and_then(|i| i.settings.as_ref());
        assert_eq!(settings.and_then(|s| s.run_id.as_deref()), Some("exp-1"));
        assert!(f.decision.valid, "{:?}", f.decision.diagnostics);
    }

    #[test]
    fn a_mode_a_settings_object_overrides_is_passed_to_wandb_init() {
        let f = fix(
            r#"{"sdk":"0.18.7","env":{"WANDB_MODE":"offline"},"init":{"resume":"allow","id":"abc","settings":{"form":"object","keys":["start_method"]}}}"#,
        );
        assert_eq!(
            changed(&f),
            [(
                "settings-object-overrides-mode",
                "init.mode",
                Some("offline")
            )]
        );
        assert_eq!(f.decision.if_exists.action, crate::model::Action::Offline);
        assert_eq!(f.input.init.unwrap().mode.as_deref(), Some("offline"));
    }

    #[test]
    fn a_settings_mode_the_release_ignores_is_passed_to_wandb_init() {
        let f = fix(
            r#"{"sdk":"0.12.15","init":{"resume":"allow","id":"abc","settings":{"form":"object","keys":["mode"],"mode":"offline"}}}"#,
        );
        assert_eq!(
            changed(&f),
            [("settings-mode-ignored", "init.mode", Some("offline"))]
        );
        assert_eq!(f.decision.if_exists.action, crate::model::Action::Offline);
    }

    #[test]
    fn a_service_key_the_release_has_not_is_dropped() {
        let f = fix(
            r#"{"sdk":"0.21.0","init":{"resume":"allow","id":"abc","settings":{"form":"object","keys":["console","_disable_service"],"disableService":true}}}"#,
        );
        assert_eq!(
            changed(&f),
            [("settings-key-unknown", crate::settings_service::FIELD, None)]
        );
        assert_eq!(
            f.changes[0].before.as_deref(),
            Some("_disable_service=True")
        );
        let settings = f.input.init.as_ref().and_then(|i| i.settings.as_ref());
        assert_eq!(
            settings.and_then(|s| s.keys.as_deref()),
            Some(&["console".to_owned()][..])
        );
        assert!(f.decision.valid, "{:?}", f.decision.diagnostics);
    }

    #[test]
    fn the_disabled_line_of_the_settings_file_is_deleted() {
        // 0.21.0 raises on it; without it, the file's mode line is what the launch follows.
        let f = fix(
            r#"{"sdk":"0.21.0","init":{"resume":"allow","id":"abc"},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
        );
        assert_eq!(
            changed(&f),
            [("settings-file-raises", crate::settings_file::DISABLED, None)]
        );
        assert!(f.decision.valid, "{:?}", f.decision.diagnostics);
        assert_eq!(f.decision.if_exists.action, crate::model::Action::Offline);
        // 0.18.7 launches offline for it over WANDB_MODE=online; a file of that line alone goes.
        let f = fix(
            r#"{"sdk":"0.18.7","env":{"WANDB_MODE":"online"},"init":{"resume":"allow","id":"abc"},"context":{"settingsFile":{"disabled":"true"}}}"#,
        );
        assert_eq!(
            changed(&f),
            [(
                "settings-file-offline",
                crate::settings_file::DISABLED,
                None
            )]
        );
        assert_eq!(f.input.context.unwrap().settings_file, None);
        assert_eq!(f.decision.if_exists.action, crate::model::Action::Resume);
        // 0.18.1–0.18.7 ignore the mode line: passed to wandb.init instead.
        let f = fix(
            r#"{"sdk":"0.18.1","init":{"resume":"allow","id":"abc"},"context":{"settingsFile":{"mode":"offline"}}}"#,
        );
        assert_eq!(
            changed(&f),
            [("settings-file-ignored", "init.mode", Some("offline"))]
        );
        assert_eq!(f.decision.if_exists.action, crate::model::Action::Offline);
    }

    #[test]
    fn a_settings_mode_beside_wandb_mode_is_moved_to_wandb_init() {
        // Copying it as mode= would give the call's, the settings' and the environment's mode
        // together, which the input check refuses: it is moved instead, and the fixed input
        // is one the package models. 0.12.15 ignores the object's mode; 0.17.8 keeps
        // WANDB_MODE=offline over its "online", and mode="online" in its place goes online
        // (the server-mode vectors), as the warning's hint says.
        for (json, mode, action) in [
            (
                r#"{"sdk":"0.12.15","env":{"WANDB_MODE":"online"},"init":{"resume":"allow","id":"abc","settings":{"form":"object","keys":["mode"],"mode":"offline"}}}"#,
                "offline",
                crate::model::Action::Offline,
            ),
            (
                r#"{"sdk":"0.17.8","env":{"WANDB_MODE":"offline"},"init":{"resume":"allow","id":"abc","settings":{"form":"object","keys":["mode"],"mode":"online"}}}"#,
                "online",
                crate::model::Action::Resume,
            ),
        ] {
            let f = fix(json);
            assert_eq!(
                changed(&f),
                [
                    ("settings-mode-ignored", "init.mode", Some(mode)),
                    ("settings-mode-ignored", "init.settings.mode", None)
                ],
                "{json}"
            );
            assert!(f.input.check_limits().is_ok(), "{json}");
            let settings = f.input.init.as_ref().unwrap().settings.as_ref().unwrap();
            assert_eq!(settings.mode, None, "{json}");
            assert_eq!(settings.keys.as_deref(), Some(&[][..]), "{json}");
            assert_eq!(f.decision.if_exists.action, action, "{json}");
            let goes_online = f
                .decision
                .diagnostics
                .iter()
                .any(|d| d.code == "online-over-offline-env");
            assert_eq!(goes_online, mode == "online", "{json}");
        }
    }

    #[test]
    fn what_needs_the_user_is_left_alone() {
        for json in [
            r#"{"env":{"WANDB_RESUME":"must"}}"#,
            r#"{"init":{"resume":"allow","forkFrom":"abc?_step=1"}}"#,
            r#"{"env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"abc"}}"#,
        ] {
            let f = fix(json);
            assert!(f.changes.is_empty(), "{json}: {:?}", f.changes);
            assert_eq!(f.input, input_from_json(json).unwrap());
        }
        assert!(!fix(r#"{"env":{"WANDB_RESUME":"must"}}"#).decision.valid);
    }
}
