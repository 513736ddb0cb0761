//! Whether a launch runs wandb's service process, and how a release reads
//! `WANDB_DISABLE_SERVICE`.
//!
//! The service process decides what the end of a script does to the auto-resume file: without
//! it (before 0.13.0, or disabled) the user process's exit hook ends the run and deletes the
//! file on a normal exit; with it the hook is the service's teardown, which leaves the file.
//! Each era reads the variable its own way (all run in tests/conformance/ending-vectors.json):
//! 0.13.0–0.13.10 disable the service for any non-empty value; 0.13.11–0.15.5 read a bool and
//! keep a value that is none as text, with three warnings; 0.15.6–0.19.x raise on it; 0.19.0
//! crashes in `wandb.init` once the service is off; 0.20.0 ignores the variable.

use crate::bool_setting::{self, BoolReading};
use crate::check_order::BACKEND_START;
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::env_vars::EnvVars;
use crate::error::InputError;
use crate::model::{Diagnostic, ResumeInput, SettingsArg, Severity};
use crate::profile::{Profile, Rule};
use crate::pyunicode::repr;
use crate::settings_service;

/// The variable that turns the service process off.
pub const DISABLE_SERVICE: &str = "WANDB_DISABLE_SERVICE";

const FIELD: &str = "env.WANDB_DISABLE_SERVICE";

/// Other spellings of the setting that turn the service off as well, through the settings'
/// reading of `WANDB_<setting name>`: `_disable_service` (before 0.20.0) and
/// `x_disable_service` (0.19.x). Refused as input: no vectors record them.
pub const OTHER_SPELLINGS: [&str; 2] = ["WANDB__DISABLE_SERVICE", "WANDB_X_DISABLE_SERVICE"];

/// The input check: another spelling of the variable is not modelled.
pub(crate) fn check_input(input: &ResumeInput) -> Result<(), InputError> {
    let Some(env) = &input.env else {
        return Ok(());
    };
    match OTHER_SPELLINGS.iter().find(|name| env.get(name).is_some()) {
        Some(name) => Err(InputError::Invalid {
            path: format!("env.{name}"),
            reason: format!(
                "{name} is not modelled: the settings read it as their own key that turns the service process off, which the vectors do not cover. Set WANDB_DISABLE_SERVICE instead"
            ),
        }),
        None => Ok(()),
    }
}

/// What a release makes of the variable's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// The service process is off.
    Disabled,
    /// The service process runs (the variable is absent, false, or ignored).
    Enabled,
    /// Not a bool, kept as text with warnings (0.13.11–0.15.5): off unless empty.
    KeptAsText,
    /// Not a bool: `wandb.init` raises (0.15.6–0.19.x).
    Unreadable,
}

fn reading(profile: &Profile, value: &str) -> Reading {
    if !profile.has(Rule::ServiceProcess) || profile.has(Rule::DisableServiceRemoved) {
        return Reading::Enabled;
    }
    if !profile.has(Rule::DisableServiceIsBool) {
        return if value.is_empty() {
            Reading::Enabled
        } else {
            Reading::Disabled
        };
    }
    match bool_setting::read(profile, value) {
        BoolReading::Bool(true) => Reading::Disabled,
        // None (0.12.10's reading, before this variable was a bool) is false too.
        BoolReading::Bool(false) | BoolReading::DefaultedToNone => Reading::Enabled,
        BoolReading::KeptAsText => Reading::KeptAsText,
        BoolReading::Unreadable => Reading::Unreadable,
    }
}

/// True when a launch with `env` and `settings` (the `settings=` argument, whose
/// `_disable_service` / `x_disable_service` some releases obey: [`crate::settings_service`])
/// runs the service process, so a script that ends without `run.finish()` leaves the resume
/// file.
pub fn runs_with(profile: &Profile, env: &EnvVars, settings: Option<&SettingsArg>) -> bool {
    match settings_service::turns_off(profile, settings, env) {
        Some(off) => !off,
        None => runs(profile, env),
    }
}

/// True when a launch with `env` (and no settings key about the service) runs the service
/// process.
pub fn runs(profile: &Profile, env: &EnvVars) -> bool {
    if env.get(crate::run_mode::MODE_ENV).map(String::as_str) == Some("disabled")
        && disabled_setup_without_service(profile)
    {
        // Only a launch that `mode=` takes out of the disabled mode has an end it acts on.
        return false;
    }
    let Some(value) = env.get(DISABLE_SERVICE) else {
        return profile.has(Rule::ServiceProcess);
    };
    match reading(profile, value) {
        Reading::Disabled => false,
        Reading::KeptAsText => !bool_setting::kept_text_is_true(value),
        Reading::Enabled | Reading::Unreadable => profile.has(Rule::ServiceProcess),
    }
}

/// What `wandb.init` makes of the variable: the error it raises for a value that is not a bool
/// (0.15.6–0.19.x) or the warnings where it keeps it (0.13.11–0.15.5), the deprecation warning
/// when it turns the service off (0.17.8–0.19.x), and 0.19.0's crash without the service —
/// turned off by the variable or by `settings`' key. Returns false when `wandb.init` raises.
pub(crate) fn check(
    profile: &Profile,
    env: &EnvVars,
    settings: Option<&SettingsArg>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let settings_off = settings_service::turns_off(profile, settings, env);
    if !check_env(profile, env, settings_off, out) {
        return false;
    }
    // Off by the settings' key alone (where the variable turns it off, its check says so).
    !(settings_off == Some(true)
        && env
            .get(DISABLE_SERVICE)
            .is_none_or(|v| reading(profile, v) != Reading::Disabled)
        && crashes(profile, settings_service::FIELD, "the settings' key", out))
}

/// [`check`] of the variable; `settings_off` is what the settings' key makes of the service.
fn check_env(
    profile: &Profile,
    env: &EnvVars,
    settings_off: Option<bool>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let Some(value) = env.get(DISABLE_SERVICE) else {
        return true;
    };
    let shown = repr(value);
    let version = profile.version;
    match reading(profile, value) {
        Reading::Unreadable => {
            let sdk_message = if profile.has(Rule::StrictResume) {
                format!(
                    "1 validation error for Settings\nx_disable_service\n  Input should be a valid boolean, unable to interpret input [type=bool_parsing, input_value={shown}, input_type=str]"
                )
            } else {
                bool_setting::unreadable_error("_disable_service", value)
            };
            out.push(
                diagnostic(
                    Code::DisableServiceInvalid,
                    Severity::Error,
                    Some(FIELD),
                    format!(
                        "WANDB_DISABLE_SERVICE={shown} is not a bool; wandb {version} reads it as one, so wandb.init raises."
                    ),
                )
                .hint(bool_setting::BOOL_HINT)
                .sdk(sdk_message),
            );
            false
        }
        Reading::KeptAsText => {
            let state = if runs(profile, env) { "on" } else { "off" };
            out.push(
                diagnostic(
                    Code::DisableServiceInvalid,
                    Severity::Warning,
                    Some(FIELD),
                    format!(
                        "WANDB_DISABLE_SERVICE={shown} is not a bool; wandb {version} warns and keeps the text, so the service process is {state} (later releases raise)."
                    ),
                )
                .hint(bool_setting::BOOL_HINT)
                .sdk(bool_setting::kept_as_text_warnings("_disable_service", value)),
            );
            true
        }
        Reading::Disabled => {
            let kept_on = settings_off == Some(false);
            if profile.has(Rule::DisableServiceDeprecated) {
                out.push(deprecated(profile, &shown, kept_on));
            }
            kept_on
                || !crashes(
                    profile,
                    FIELD,
                    &format!("WANDB_DISABLE_SERVICE={shown}"),
                    out,
                )
        }
        Reading::Enabled => true,
    }
}

/// Before 0.19.0 the variable's warnings are printed as the library is set up, in
/// `wandb.init`: where the call raised before (a `wandb.Settings` object that refuses a key
/// as it is built, a keyword argument the release does not know), none is printed.
pub(crate) fn setup_reached(profile: &Profile, out: &mut Vec<Diagnostic>) {
    let printed_at_setup =
        |d: &Diagnostic| d.field.as_deref() == Some(FIELD) && d.severity == Severity::Warning;
    if !profile.has(Rule::StrictResume)
        && out.iter().any(printed_at_setup)
        && crate::check_order::raises_before(profile, out, crate::check_order::LEGACY_ENV)
    {
        out.retain(|d| !printed_at_setup(d));
    }
}

/// Whether `profile`'s SDK sets the library up without the service process under
/// `WANDB_MODE=disabled`, which an online or offline `mode=` then launches with (the ending,
/// mode and server-disabled-mode vectors): 0.17.7–0.18.0 and 0.19.0–0.19.1 — 0.18.1–0.18.7
/// set the library up with `mode=` itself, and from 0.19.2 the service starts for the run.
pub(crate) fn disabled_setup_without_service(profile: &Profile) -> bool {
    profile.has(Rule::DisabledEnvSetsUpWithoutService)
        && !crate::run_mode::setup_takes_first_read(profile)
        && !profile.has(Rule::ServiceStartsForTheRun)
}

/// 0.19.0 crashes in `wandb.init` with the service process off (turned off by `source`, the
/// input's `field`): the error, and true. Other releases: false.
pub(crate) fn crashes(
    profile: &Profile,
    field: &str,
    source: &str,
    out: &mut Vec<Diagnostic>,
) -> bool {
    if !profile.has(Rule::StrictResume) || profile.has(Rule::DisabledServiceRepaired) {
        return false;
    }
    out.push(
        diagnostic(
            Code::DisabledServiceCrashes,
            Severity::Error,
            Some(field),
            format!(
                "{source} turns the service process off, and wandb {} then crashes in wandb.init (its old in-process backend was broken by the new settings; fixed in 0.19.1).",
                profile.version
            ),
        )
        .hint("Unset what turns the service process off, or use wandb 0.19.1 or newer.")
        .sdk("SettingsStatic has no attribute __pydantic_private__")
        .at(BACKEND_START),
    );
    true
}

/// 0.17.8–0.18.0: for the disabled mode (`field`) `wandb.init` turns the service process off
/// (`_disable_service` for `wandb.setup`), so it prints the deprecation warning about that;
/// harmless.
pub(crate) fn mode_deprecation(profile: &Profile, field: &str, out: &mut Vec<Diagnostic>) {
    if !profile.has(Rule::DisableServiceDeprecated) || profile.has(Rule::DisabledKeepsService) {
        return;
    }
    out.push(
        diagnostic(
            Code::DisableServiceDeprecated,
            Severity::Info,
            Some(field),
            format!(
                "mode disabled turns the service process off in wandb {}, which prints its deprecation warning about that; nothing to act on.",
                profile.version
            ),
        )
        .sdk(deprecation_text(profile)),
    );
}

/// What 0.17.8+ print when the service process is turned off.
pub(crate) fn deprecation_text(profile: &Profile) -> String {
    let removed = if profile.has(Rule::CoreBackend) {
        "in future versions"
    } else {
        "in version 0.19.0"
    };
    format!(
        "Disabling the wandb service is deprecated as of version 0.18.0 and will be removed {removed}."
    )
}

/// What turning the service off does to the resume file (the end of the deprecation warnings).
pub(crate) const WITHOUT_SERVICE: &str = "; without it a script that ends without run.finish() deletes wandb/wandb-resume.json at exit, as before 0.13.0.";

/// 0.17.8–0.19.x: turning the service off with the variable is deprecated; the warning is
/// printed even where the settings' key keeps the service on (`kept_on`, 0.19.2+).
fn deprecated(profile: &Profile, shown: &str, kept_on: bool) -> Diagnostic {
    let message = if kept_on {
        format!(
            "WANDB_DISABLE_SERVICE={shown} is deprecated in wandb {}; the settings' key keeps the service process on, so it only warns.",
            profile.version
        )
    } else {
        format!(
            "WANDB_DISABLE_SERVICE={shown} turns the service process off, which wandb {} deprecates{WITHOUT_SERVICE}",
            profile.version
        )
    };
    diagnostic(
        Code::DisableServiceDeprecated,
        Severity::Warning,
        Some(FIELD),
        message,
    )
    .hint("Leave WANDB_DISABLE_SERVICE unset (0.20.0 ignores it).")
    .sdk(deprecation_text(profile))
}

/// 0.18.1–0.19.x: turning the service off with the settings' key `name` is deprecated.
pub(crate) fn settings_deprecated(profile: &Profile, name: &str) -> Diagnostic {
    diagnostic(
        Code::DisableServiceDeprecated,
        Severity::Warning,
        Some(crate::settings_service::FIELD),
        format!(
            "the settings' {name}=True turns the service process off, which wandb {} deprecates{WITHOUT_SERVICE}",
            profile.version
        ),
    )
    .hint("Drop the key (0.20.0 raises on it).")
    .sdk(deprecation_text(profile))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::parse_sdk_version;

    fn env(value: &str) -> EnvVars {
        EnvVars::from([(DISABLE_SERVICE, value)])
    }

    fn profile(version: &str) -> Profile {
        Profile::new(parse_sdk_version(version).unwrap())
    }

    /// The variable's other spellings are refused with the reason, naming the field.
    #[test]
    fn other_spellings_are_refused() {
        for name in OTHER_SPELLINGS {
            let json = format!(r#"{{"env":{{"{name}":"true"}},"init":{{"resume":true}}}}"#);
            let input: ResumeInput = crate::codec::from_json(&json).expect("an input");
            let err = input.check_limits().unwrap_err().to_string();
            assert!(
                err.contains(&format!("env.{name}")) && err.contains("not modelled"),
                "{err}"
            );
        }
        let input: ResumeInput =
            crate::codec::from_json(r#"{"env":{"WANDB_DISABLE_SERVICE":"true"}}"#).unwrap();
        assert!(input.check_limits().is_ok());
    }

    /// 0.17.8–0.18.0 print the deprecation warning for the service the disabled mode turns off.
    #[test]
    fn the_disabled_mode_warns_of_the_service_in_0_17_8_to_0_18_0() {
        for (version, warns) in [
            ("0.17.7", false),
            ("0.17.8", true),
            ("0.18.0", true),
            ("0.18.1", false),
        ] {
            let mut out = Vec::new();
            mode_deprecation(&profile(version), "init.mode", &mut out);
            assert_eq!(out.len(), usize::from(warns), "{version}");
        }
    }

    /// The warning 0.13.11–0.15.5 get for text they keep says what `runs` says of it (which
    /// tests/ending_conformance.rs checks against the SDK).
    #[test]
    fn the_kept_text_warning_says_whether_the_service_runs() {
        let profile = profile("0.15.5");
        // Both states are met: kept text turns the service off unless it is empty.
        assert_ne!(runs(&profile, &env("bogus")), runs(&profile, &env("")));
        for value in ["bogus", ""] {
            let mut out = Vec::new();
            assert!(check(&profile, &env(value), None, &mut out));
            let state = if runs(&profile, &env(value)) {
                "on"
            } else {
                "off"
            };
            assert!(
                out[0]
                    .message
                    .contains(&format!("service process is {state}")),
                "{value:?}: {}",
                out[0].message
            );
        }
    }
}
