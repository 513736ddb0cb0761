//! `WANDB_DISABLED`: the `disabled` setting, from the environment.
//!
//! Training scripts, and the guides of libraries built on wandb, set `WANDB_DISABLED=true` to
//! turn wandb off. wandb itself reads the variable only in 0.12.10–0.18.7, as its `disabled`
//! setting — the one the `disabled = true` line of `wandb/settings` sets — applied after the
//! file: true makes the launch offline (not disabled) whatever `mode=` or `WANDB_MODE` say, but
//! for the disabled mode; false overrides the file's line. A value `strtobool` cannot read is
//! none after a warning in 0.12.10, kept as text after three warnings in 0.12.11–0.15.5 (true
//! unless empty), and raises from 0.15.6. The other releases ignore the variable (0.19.0's
//! settings have no `disabled` field), so the launch is not turned off at all. The
//! disabled-env vectors (tests/conformance/disabled-env-vectors.json) pin each.

use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::env_vars::EnvVars;
use crate::error::InputError;
use crate::model::{Diagnostic, ResumeInput, Severity};
use crate::profile::{Profile, Rule};
use crate::pyunicode::repr;
use crate::service_process::{BOOL_HINT, kept_as_text_warnings, parse_bool, unreadable_bool_error};

/// The variable.
pub const DISABLED_ENV: &str = "WANDB_DISABLED";
/// Its field in the input.
pub(crate) const FIELD: &str = "env.WANDB_DISABLED";

/// What a release takes from the variable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum DisabledEnv {
    /// Absent, or read as nothing: the settings file's `disabled` line decides.
    #[default]
    Unset,
    /// Read as the `disabled` setting, over the settings file's line.
    Read(bool),
    /// A value that turns wandb off where it is read, which this release ignores.
    IgnoredTrue,
}

/// The input check: the variable is not modelled with 0.9.x, whose launches fail in the
/// vectors' harness under it.
pub(crate) fn check_input(input: &ResumeInput) -> Result<(), InputError> {
    if input
        .env
        .as_ref()
        .and_then(|e| e.get(DISABLED_ENV))
        .is_none()
    {
        return Ok(());
    }
    match input.sdk.as_deref().map(crate::parse_sdk_version) {
        Some(Ok(v)) if !Profile::new(v).has(Rule::SettingsObject) => Err(InputError::Invalid {
            path: FIELD.to_owned(),
            reason: format!("WANDB_DISABLED is not modelled for wandb {v}"),
        }),
        _ => Ok(()),
    }
}

/// Reads the variable as `profile`'s SDK does, pushing what it prints or raises to `out`.
pub(crate) fn read(
    profile: &Profile,
    env: &EnvVars,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) -> DisabledEnv {
    let Some(value) = env.get(DISABLED_ENV).map(String::as_str) else {
        return DisabledEnv::Unset;
    };
    let parsed = parse_bool(value);
    if !profile.has(Rule::DisabledEnvRead) || profile.has(Rule::SettingsFileDisabledRaises) {
        return if parsed == Some(true) {
            DisabledEnv::IgnoredTrue
        } else {
            DisabledEnv::Unset
        };
    }
    if let Some(disabled) = parsed {
        return DisabledEnv::Read(disabled);
    }
    let shown = repr(value);
    let version = profile.version;
    if profile.has(Rule::UnreadableSettingRaises) {
        out.push(
            diagnostic(
                Code::DisabledEnvInvalid,
                Severity::Error,
                Some(FIELD),
                format!(
                    "WANDB_DISABLED={shown} is not a bool; wandb {version} reads it as one, so wandb.init raises."
                ),
            )
            .hint(BOOL_HINT)
            .sdk(unreadable_bool_error("disabled", value)),
        );
        *rejected = true;
        return DisabledEnv::Unset;
    }
    let (disabled, sdk, reading) = if profile.has(Rule::UnreadableBoolKept) {
        let disabled = !value.is_empty();
        let reading = if disabled {
            "keeps it as text, which counts as true"
        } else {
            "keeps it as text, which, empty, counts as false"
        };
        (disabled, kept_as_text_warnings("disabled", value), reading)
    } else {
        (
            false,
            format!(
                "Could not parse value {value} as a bool. Defaulting to None.This will raise an error in the future."
            ),
            "reads it as None, which counts as false",
        )
    };
    out.push(
        diagnostic(
            Code::DisabledEnvInvalid,
            Severity::Warning,
            Some(FIELD),
            format!(
                "WANDB_DISABLED={shown} is not a bool; wandb {version} warns and {reading} (later releases raise)."
            ),
        )
        .hint(BOOL_HINT)
        .sdk(sdk),
    );
    DisabledEnv::Read(disabled)
}

/// The warning for `WANDB_DISABLED=true` making a launch offline that `mode=`, `WANDB_MODE` or
/// the settings file would have sent online (0.12.10–0.18.7).
pub(crate) fn forced_offline(profile: &Profile, out: &mut Vec<Diagnostic>) {
    out.push(
        diagnostic(
            Code::DisabledEnvOffline,
            Severity::Warning,
            Some(FIELD),
            format!(
                "wandb {} reads WANDB_DISABLED as its `disabled` setting: the launch is offline (not disabled), whatever mode= or WANDB_MODE say, and the run reaches W&B only through wandb sync.",
                profile.version
            ),
        )
        .hint("Unset WANDB_DISABLED to launch online; set WANDB_MODE=disabled to turn wandb off."),
    );
}

/// The warning for `WANDB_DISABLED=true` that `profile`'s SDK ignores on a launch that goes
/// online.
pub(crate) fn ignored(profile: &Profile, out: &mut Vec<Diagnostic>) {
    out.push(
        diagnostic(
            Code::DisabledEnvIgnored,
            Severity::Warning,
            Some(FIELD),
            format!(
                "wandb {} ignores WANDB_DISABLED (only 0.12.10–0.18.7 read it, as offline): this launch is not turned off, it goes online as below.",
                profile.version
            ),
        )
        .hint("Set WANDB_MODE=disabled to turn wandb off, or WANDB_MODE=offline to keep the run local."),
    );
}

#[cfg(test)]
mod tests {
    use crate::codec::from_json;
    use crate::error::InputError;
    use crate::model::ResumeInput;

    fn refusal(json: &str) -> Option<(String, String)> {
        match from_json::<ResumeInput>(json).unwrap().check_limits() {
            Ok(()) => None,
            Err(InputError::Invalid { path, reason }) => Some((path, reason)),
            Err(e) => panic!("{json}: {e}"),
        }
    }

    /// 0.18.1–0.18.7 let a settings object's online replace `WANDB_MODE=offline`, but the
    /// `disabled` setting keeps the launch offline (the WANDB_DISABLED vectors record it): the
    /// answer must not say the launch goes online and logs in.
    #[test]
    fn a_settings_object_does_not_send_a_disabled_launch_online() {
        let input = from_json::<ResumeInput>(
            r#"{"sdk":"0.18.7","env":{"WANDB_DISABLED":"true","WANDB_MODE":"offline"},"init":{"resume":"must","id":"abc","settings":{"form":"object","keys":[]}}}"#,
        )
        .unwrap();
        let d = crate::decide(&input);
        let codes: Vec<&str> = d.diagnostics.iter().map(|x| x.code).collect();
        assert!(codes.contains(&"disabled-env-offline"), "{codes:?}");
        assert!(
            !codes.contains(&"settings-object-overrides-mode"),
            "{codes:?}"
        );
        assert_eq!(d.if_exists.action, crate::model::Action::Offline);
        // Without the variable the object does send it online, and says so.
        let input = from_json::<ResumeInput>(
            r#"{"sdk":"0.18.7","env":{"WANDB_MODE":"offline"},"init":{"resume":"must","id":"abc","settings":{"form":"object","keys":[]}}}"#,
        )
        .unwrap();
        let d = crate::decide(&input);
        assert!(
            d.diagnostics
                .iter()
                .any(|x| x.code == "settings-object-overrides-mode")
        );
        assert_ne!(d.if_exists.action, crate::model::Action::Offline);
    }

    #[test]
    fn only_0_9_x_is_refused_with_the_reason() {
        let json = r#"{"sdk":"0.9.7","env":{"WANDB_DISABLED":"false"}}"#;
        let (path, reason) = refusal(json).unwrap_or_else(|| panic!("{json} refused"));
        assert_eq!(path, "env.WANDB_DISABLED", "{json}");
        assert!(reason.contains("wandb 0.9.7"), "{json}: {reason}");
        for json in [
            r#"{"env":{"WANDB_DISABLED":"true"}}"#,
            r#"{"env":{"WANDB_DISABLED":"true"},"init":{"settings":{"form":"object","keys":[]}}}"#,
            r#"{"sdk":"0.10.0","env":{"WANDB_DISABLED":"maybe"}}"#,
            r#"{"env":{"WANDB_DISABLED":""},"context":{"settingsFile":{"disabled":"true"}}}"#,
        ] {
            assert_eq!(refusal(json), None, "{json}");
        }
    }
}
