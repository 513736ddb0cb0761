//! `WANDB_DISABLED`: the `disabled` setting, from the environment.
//!
//! Training scripts, and the guides of libraries built on wandb, set `WANDB_DISABLED=true` to
//! turn wandb off. wandb itself reads the variable only in 0.12.10–0.18.7, as its `disabled`
//! setting — the one the `disabled = true` line of `wandb/settings` sets — applied after the
//! file: true makes the launch offline (not disabled) whatever `mode=` or `WANDB_MODE` say, but
//! for the disabled mode; false overrides the file's line. A value `strtobool` cannot read is
//! read as any bool setting's is ([`crate::bool_setting`]: None, text that is true unless
//! empty, or an error, by release). The other releases ignore the variable (0.19.0's
//! settings have no `disabled` field), so the launch is not turned off at all. The
//! disabled-env vectors (tests/conformance/disabled-env-vectors.json) pin each.

use crate::bool_setting::{self, BOOL_HINT, BoolReading};
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::env_vars::EnvVars;
use crate::error::InputError;
use crate::model::{Diagnostic, ResumeInput, Severity};
use crate::profile::{Profile, Rule};
use crate::pyunicode::repr;

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

impl DisabledEnv {
    /// What makes the settings offline through the `disabled` setting, if anything: the
    /// variable as read, else the settings file's `disabled` line (`file_line`, where the
    /// release reads it), which the variable overrides either way.
    pub(crate) fn offline_by(self, file_line: bool) -> Option<OfflineBy> {
        match self {
            DisabledEnv::Read(true) => Some(OfflineBy::Variable),
            DisabledEnv::Read(false) => None,
            DisabledEnv::Unset | DisabledEnv::IgnoredTrue => {
                file_line.then_some(OfflineBy::SettingsFile)
            }
        }
    }
}

/// Where the `disabled` setting that makes a launch offline was set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OfflineBy {
    /// `WANDB_DISABLED`.
    Variable,
    /// The `disabled = true` line of `wandb/settings`.
    SettingsFile,
}

impl OfflineBy {
    /// The input field that set it.
    pub(crate) fn field(self) -> &'static str {
        match self {
            OfflineBy::Variable => FIELD,
            OfflineBy::SettingsFile => crate::settings_file::DISABLED,
        }
    }

    /// The warning for a launch it makes offline that the mode would have sent online.
    pub(crate) fn warn(self, profile: &Profile, out: &mut Vec<Diagnostic>) {
        match self {
            OfflineBy::Variable => forced_offline(profile, out),
            OfflineBy::SettingsFile => crate::settings_file::forced_offline(profile, out),
        }
    }
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
    match input.given_profile() {
        Some(p) if !p.has(Rule::SettingsObject) => Err(InputError::Invalid {
            path: FIELD.to_owned(),
            reason: format!("WANDB_DISABLED is not modelled for wandb {}", p.version),
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
    let reading = bool_setting::read(profile, value);
    if !profile.has(Rule::DisabledEnvRead) || profile.has(Rule::SettingsFileDisabledRaises) {
        return if reading == BoolReading::Bool(true) {
            DisabledEnv::IgnoredTrue
        } else {
            DisabledEnv::Unset
        };
    }
    let shown = repr(value);
    let version = profile.version;
    let (disabled, sdk, how) = match reading {
        BoolReading::Bool(disabled) => return DisabledEnv::Read(disabled),
        BoolReading::Unreadable => {
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
                .sdk(bool_setting::unreadable_error("disabled", value)),
            );
            *rejected = true;
            return DisabledEnv::Unset;
        }
        BoolReading::KeptAsText if bool_setting::kept_text_is_true(value) => (
            true,
            bool_setting::kept_as_text_warnings("disabled", value),
            "keeps it as text, which counts as true",
        ),
        BoolReading::KeptAsText => (
            false,
            bool_setting::kept_as_text_warnings("disabled", value),
            "keeps it as text, which, empty, counts as false",
        ),
        BoolReading::DefaultedToNone => (
            false,
            bool_setting::defaulted_to_none_warning(value),
            "reads it as None, which counts as false",
        ),
    };
    out.push(
        diagnostic(
            Code::DisabledEnvInvalid,
            Severity::Warning,
            Some(FIELD),
            format!(
                "WANDB_DISABLED={shown} is not a bool; wandb {version} warns and {how} (later releases raise)."
            ),
        )
        .hint(BOOL_HINT)
        .sdk(sdk),
    );
    DisabledEnv::Read(disabled)
}

/// The warning for `WANDB_DISABLED=true` making a launch offline that `mode=`, `WANDB_MODE` or
/// the settings file would have sent online (0.12.10–0.18.7).
fn forced_offline(profile: &Profile, out: &mut Vec<Diagnostic>) {
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
