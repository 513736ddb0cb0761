//! The workspace settings file, `wandb/settings`: the run mode the wandb CLI leaves there.
//!
//! Clusters without internet run `wandb offline` once in the project directory. It writes
//! `mode = offline` under `[default]` (up to 0.19.1 `disabled = true` as well); `wandb disabled`
//! writes `mode = disabled`, `wandb enabled` `mode = online`, and `wandb online` removes the
//! mode line (up to 0.19.1 the disabled line too). Every later launch in that directory reads
//! them when wandb sets itself up, and the settings-file vectors
//! (tests/conformance/settings-file-vectors.json) show how each release weighs them: the mode
//! line sits below `WANDB_MODE` and `mode=` (0.18.1–0.18.7 ignore it); the `disabled` line makes
//! 0.10.x–0.18.x launch offline whatever else says, 0.19.0–0.23.1 raise on it (their settings
//! have no such field), and from 0.24.1 a file that fails to load is ignored as a whole, with
//! an error printed.

use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::error::InputError;
use crate::model::{Diagnostic, ResumeInput, SettingsArg, SettingsFile, Severity};
use crate::profile::{Profile, Rule};

/// The field of the file's mode line.
pub(crate) const MODE: &str = "context.settingsFile.mode";
/// The field of the file's `disabled` line.
pub(crate) const DISABLED: &str = "context.settingsFile.disabled";

/// The hint for a `disabled` line a release does not read as its writer meant.
const REMOVE_DISABLED_LINE: &str =
    "Delete the line `disabled = true` from wandb/settings (wandb online of 0.19.2+ leaves it).";

/// What `profile`'s SDK takes from the file when it sets itself up.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FileModes<'a> {
    /// The mode line, where it is read: below `WANDB_MODE` and `mode=`.
    pub(crate) mode: Option<&'a str>,
    /// The mode line, where this release ignores it (0.18.1–0.18.7).
    pub(crate) ignored_mode: Option<&'a str>,
    /// The `disabled` line makes the launch offline whatever else says (0.10.x–0.18.x).
    pub(crate) forces_offline: bool,
}

/// The input check: only the values the CLI writes are modelled, and only where the vectors
/// show the file beside the rest of the input.
pub(crate) fn check_input(input: &ResumeInput) -> Result<(), InputError> {
    let Some(file) = input
        .context
        .as_ref()
        .and_then(|c| c.settings_file.as_ref())
    else {
        return Ok(());
    };
    let init = input.init.as_ref();
    let refusal = if let Some(mode) = file
        .mode
        .as_deref()
        .filter(|m| !matches!(*m, "online" | "offline" | "disabled"))
    {
        (
            MODE,
            format!(
                "mode {} is not modelled (only online, offline and disabled, as wandb enabled, offline and disabled write it)",
                crate::pyunicode::repr(mode)
            ),
        )
    } else if file.disabled.as_deref().is_some_and(|v| v != "true") {
        (
            DISABLED,
            "only \"true\" is modelled, as wandb offline writes it (releases read other values differently)".to_owned(),
        )
    } else if let Some(path) = init
        .and_then(|i| i.settings.as_ref())
        .and_then(|settings| settings_key_beside_file(settings, file))
    {
        (
            path,
            "this settings key beside a settings file is not modelled (the service keys, and an online or offline settings mode over the file's mode = disabled, where wandb has set itself up without the service process)".to_owned(),
        )
    } else if let Some(p) = input
        .given_profile()
        .filter(|p| !p.has(Rule::SettingsObject))
    {
        (
            "context.settingsFile",
            format!(
                "not modelled for wandb {}, which reads only the disabled line (as dryrun where WANDB_MODE is unset)",
                p.version
            ),
        )
    } else if let Some(reason) = init
        .and_then(|i| i.mode.as_deref())
        .and_then(|m| over_file(m, file))
    {
        ("init.mode", reason.to_owned())
    } else if let Some((path, p)) = shared_beside_disabled(input, file) {
        (
            path,
            format!(
                "mode 'shared' beside the settings file's disabled line is not modelled for wandb {}",
                p.version
            ),
        )
    } else {
        return Ok(());
    };
    Err(InputError::Invalid {
        path: refusal.0.to_owned(),
        reason: refusal.1,
    })
}

/// The field of a `settings=` key beside the settings file that the package does not model:
/// the service keys, which no vector crosses with the file, and the settings' own online or
/// offline mode over the file's `mode = disabled` — there, as under an online or offline
/// `mode=` ([`over_file`]), wandb has set itself up without the service process before the
/// settings' mode applies (0.19.0 crashes for the offline one, the settings-file-key vectors
/// show; the ending that follows elsewhere is not recorded). Every other key is modelled: the
/// settings-file-arg vectors cross every file with settings that name none of these keys and
/// with the settings' online or offline mode over `wandb offline`'s file; the
/// settings-file-key vectors, the settings' `resume` and `run_id` beside the files `wandb
/// offline` and `wandb disabled` write, its mode beside each `mode=` and `WANDB_MODE` over
/// `wandb offline`'s, and its mode over every other file.
fn settings_key_beside_file(settings: &SettingsArg, file: &SettingsFile) -> Option<&'static str> {
    use crate::run_mode::{is_offline, is_online};
    let local_over_disabled = settings
        .mode
        .as_deref()
        .is_some_and(|m| is_online(m) || is_offline(m))
        && file.mode.as_deref() == Some("disabled");
    [
        ("init.settings.mode", local_over_disabled),
        (
            "init.settings.disableService",
            settings.disable_service.is_some(),
        ),
    ]
    .into_iter()
    .find_map(|(path, given)| given.then_some(path))
}

/// The field that asks for the shared mode beside `file`'s `disabled` line, with the release,
/// where that release reads the line (up to 0.23.x; 0.24.1+ ignore a file they cannot load,
/// which the vectors show): neither the mode's warning printed under the offline the line
/// forces nor its absence where the line raises is modelled.
fn shared_beside_disabled(
    input: &ResumeInput,
    file: &SettingsFile,
) -> Option<(&'static str, Profile)> {
    file.disabled.as_ref()?;
    let p = input
        .given_profile()
        .filter(|p| !p.has(Rule::SettingsFileErrorsIgnored))?;
    let shared = |v: Option<&String>| v.is_some_and(|m| m == crate::run_mode::SHARED);
    if shared(input.init.as_ref().and_then(|i| i.mode.as_ref())) {
        Some(("init.mode", p))
    } else if shared(
        input
            .env
            .as_ref()
            .and_then(|e| e.get(crate::run_mode::MODE_ENV)),
    ) {
        Some(("env.WANDB_MODE", p))
    } else {
        None
    }
}

/// Why `mode=` (`init_mode`) over `file` is not modelled, where it is not: wandb has set itself up from the file before the argument says
/// otherwise — offline, which the server-file-mode vectors show for each online `mode=` over
/// the lines `wandb offline` writes (its `disabled` line only beside its mode line), or without
/// the service process for the disabled mode (0.19.0 then crashes, as under
/// `WANDB_MODE=disabled`).
fn over_file(init_mode: &str, file: &SettingsFile) -> Option<&'static str> {
    let online = crate::run_mode::is_online(init_mode);
    let offline_line = file.mode.as_deref() == Some("offline");
    if online && file.disabled.is_some() && !offline_line {
        Some(
            "an online mode= over the settings file's disabled line without its offline mode line is not modelled (wandb has set itself up offline by then)",
        )
    } else if init_mode != "disabled" && file.mode.as_deref() == Some("disabled") {
        Some(
            "an online or offline mode= over the settings file's disabled mode is not modelled (wandb has set itself up without the service process by then)",
        )
    } else {
        None
    }
}

/// Reads `file` as `profile`'s SDK does, pushing what it raises or drops to `out`.
pub(crate) fn load<'a>(
    profile: &Profile,
    file: Option<&'a SettingsFile>,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) -> FileModes<'a> {
    let Some(file) = file else {
        return FileModes::default();
    };
    let mode = file.mode.as_deref();
    if file.disabled.is_some() && profile.has(Rule::SettingsFileDisabledRaises) {
        let ignored = profile.has(Rule::SettingsFileErrorsIgnored);
        let (code, severity, what) = match (ignored, mode) {
            (false, _) => (
                Code::SettingsFileRaises,
                Severity::Error,
                "raises".to_owned(),
            ),
            (true, None) => (
                Code::SettingsFileIgnored,
                Severity::Warning,
                "prints the error and ignores every line of the file".to_owned(),
            ),
            (true, Some(mode)) => (
                Code::SettingsFileIgnored,
                Severity::Warning,
                format!("prints the error and ignores every line of the file, `mode = {mode}` too"),
            ),
        };
        out.push(
            diagnostic(
                code,
                severity,
                Some(DISABLED),
                format!(
                    "wandb {} has no `disabled` setting: with `disabled = true` in wandb/settings wandb.init {what}.",
                    profile.version
                ),
            )
            .hint(REMOVE_DISABLED_LINE)
            // 0.19.x-0.24.0 assign each line to the settings and raise; 0.24.1+ build the
            // settings from the file's lines and print pydantic's error for the whole file
            // (the server-file-mode vectors, 0.31.0).
            .sdk(if ignored {
                "Extra inputs are not permitted"
            } else {
                "Object has no attribute 'disabled'"
            }),
        );
        *rejected |= !ignored;
        return FileModes::default();
    }
    if mode == Some("disabled") && !profile.has(Rule::DisabledMode) {
        out.push(
            diagnostic(
                Code::ModeInvalid,
                Severity::Error,
                Some(MODE),
                format!(
                    "wandb {} has no `disabled` mode (0.10.10 added it): with `mode = disabled` in wandb/settings wandb.init raises.",
                    profile.version
                ),
            )
            .hint("Run `wandb online` there to remove the line, or upgrade to wandb 0.10.10 or newer.")
            .sdk(crate::run_mode::MODE_DISABLED_UNKNOWN),
        );
        *rejected = true;
    }
    let ignored = crate::run_mode::setup_takes_first_read(profile);
    FileModes {
        mode: mode.filter(|_| !ignored),
        ignored_mode: mode.filter(|_| ignored),
        forces_offline: file.disabled.is_some(),
    }
}

/// The warning for the `disabled` line that makes a launch offline which `mode=`,
/// `WANDB_MODE` or the file's own mode line would have sent online (0.10.x–0.18.x).
pub(crate) fn forced_offline(profile: &Profile, out: &mut Vec<Diagnostic>) {
    out.push(
        diagnostic(
            Code::SettingsFileOffline,
            Severity::Warning,
            Some(DISABLED),
            format!(
                "wandb {} launches offline while wandb/settings holds `disabled = true` (as wandb offline wrote it), whatever mode= or WANDB_MODE say.",
                profile.version
            ),
        )
        .hint("Run `wandb online` in that directory to remove the line, to launch online."),
    );
}

/// The warning for the file's mode line that 0.18.1–0.18.7 ignore where it would decide the
/// launch.
pub(crate) fn mode_ignored(profile: &Profile, ignored: &str, out: &mut Vec<Diagnostic>) {
    out.push(
        diagnostic(
            Code::SettingsFileIgnored,
            Severity::Warning,
            Some(MODE),
            format!(
                "wandb {} ignores `mode = {ignored}` in wandb/settings: this launch is not {ignored}, it goes as below.",
                profile.version
            ),
        )
        .hint(format!(
            "Set WANDB_MODE={ignored} or pass mode=\"{ignored}\" as well, or upgrade to wandb 0.19.0 or newer."
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::codec::from_json;
    use crate::error::InputError;
    use crate::model::ResumeInput;

    fn input_from_json(json: &str) -> Result<ResumeInput, InputError> {
        from_json::<ResumeInput>(json)
    }

    fn refusal(json: &str) -> Option<(String, String)> {
        match input_from_json(json).unwrap().check_limits() {
            Ok(()) => None,
            Err(InputError::Invalid { path, reason }) => Some((path, reason)),
            Err(e) => panic!("{json}: {e}"),
        }
    }

    #[test]
    fn only_what_the_cli_writes_is_modelled() {
        let (path, reason) =
            refusal(r#"{"context":{"settingsFile":{"mode":"dryrun"}}}"#).expect("refused");
        assert_eq!(path, "context.settingsFile.mode");
        assert!(reason.contains("'dryrun' is not modelled"), "{reason}");
        let (path, reason) =
            refusal(r#"{"context":{"settingsFile":{"disabled":"false"}}}"#).expect("refused");
        assert_eq!(path, "context.settingsFile.disabled");
        assert!(reason.contains("only \"true\""), "{reason}");
        for json in [
            r#"{"context":{"settingsFile":{"mode":"offline"}}}"#,
            r#"{"context":{"settingsFile":{"disabled":"true","mode":"disabled"}}}"#,
            r#"{"env":{"WANDB_MODE":"online"},"context":{"settingsFile":{"mode":"offline"}}}"#,
            r#"{"init":{"mode":"offline"},"context":{"settingsFile":{"mode":"online"}}}"#,
            r#"{"context":{"settingsFile":{}}}"#,
            r#"{"init":{"settings":{"form":"object","keys":["start_method"]}},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
            r#"{"init":{"settings":{"form":"dict","keys":["mode"],"mode":"online"}},"context":{"settingsFile":{"mode":"offline"}}}"#,
            // The settings-file-key vectors: the settings' resume and run_id beside each file,
            // their mode beside mode= or WANDB_MODE, disabled, and over the other files.
            r#"{"init":{"settings":{"form":"object","keys":["run_id"],"runId":"abc"}},"context":{"settingsFile":{"mode":"offline"}}}"#,
            r#"{"init":{"settings":{"form":"dict","keys":["resume"],"resume":"must"}},"context":{"settingsFile":{"mode":"disabled"}}}"#,
            r#"{"env":{"WANDB_MODE":"offline"},"init":{"settings":{"form":"object","keys":["mode"],"mode":"online"}},"context":{"settingsFile":{"mode":"offline"}}}"#,
            r#"{"init":{"mode":"online","settings":{"form":"dict","keys":["mode"],"mode":"offline"}},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
            r#"{"init":{"settings":{"form":"object","keys":["mode"],"mode":"disabled"}},"context":{"settingsFile":{"mode":"offline"}}}"#,
            r#"{"init":{"settings":{"form":"object","keys":["mode"],"mode":"disabled"}},"context":{"settingsFile":{"mode":"disabled"}}}"#,
            r#"{"init":{"settings":{"form":"object","keys":["mode"],"mode":"offline"}},"context":{"settingsFile":{"disabled":"true"}}}"#,
        ] {
            assert_eq!(refusal(json), None, "{json}");
        }
    }

    #[test]
    fn what_no_vector_shows_is_refused_with_the_reason() {
        for (json, at, why) in [
            (
                r#"{"init":{"settings":{"form":"object","keys":["mode"],"mode":"online"}},"context":{"settingsFile":{"mode":"disabled"}}}"#,
                "init.settings.mode",
                "over the file's mode = disabled",
            ),
            (
                r#"{"init":{"settings":{"form":"dict","keys":["mode"],"mode":"dryrun"}},"context":{"settingsFile":{"disabled":"true","mode":"disabled"}}}"#,
                "init.settings.mode",
                "without the service process",
            ),
            (
                r#"{"init":{"settings":{"form":"dict","keys":["_disable_service"],"disableService":true}},"context":{"settingsFile":{"mode":"offline"}}}"#,
                "init.settings.disableService",
                "beside a settings file",
            ),
            (
                r#"{"sdk":"0.9.7","context":{"settingsFile":{"disabled":"true"}}}"#,
                "context.settingsFile",
                "wandb 0.9.7",
            ),
            (
                r#"{"init":{"mode":"run"},"context":{"settingsFile":{"disabled":"true"}}}"#,
                "init.mode",
                "without its offline mode line",
            ),
            (
                r#"{"init":{"mode":"offline"},"context":{"settingsFile":{"mode":"disabled"}}}"#,
                "init.mode",
                "service process",
            ),
            (
                r#"{"sdk":"0.18.7","init":{"mode":"shared"},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
                "init.mode",
                "'shared' beside the settings file's disabled line is not modelled for wandb 0.18.7",
            ),
            (
                r#"{"sdk":"0.23.1","env":{"WANDB_MODE":"shared"},"context":{"settingsFile":{"disabled":"true"}}}"#,
                "env.WANDB_MODE",
                "for wandb 0.23.1",
            ),
        ] {
            let (path, reason) = refusal(json).unwrap_or_else(|| panic!("{json} refused"));
            assert_eq!(path, at, "{json}");
            assert!(reason.contains(why), "{json}: {reason}");
        }
    }

    /// What the server-file-mode vectors show passes the input check: each online `mode=`
    /// over the lines `wandb offline` writes, on every release that reads the file (0.10.3 is
    /// the oldest they run) and for the newest rules.
    #[test]
    fn an_online_mode_over_the_offline_lines_is_modelled() {
        for json in [
            r#"{"init":{"mode":"online"},"context":{"settingsFile":{"mode":"offline"}}}"#,
            r#"{"sdk":"0.10.3","init":{"mode":"online"},"context":{"settingsFile":{"mode":"offline"}}}"#,
            r#"{"sdk":"0.12.9","init":{"mode":"online"},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
            r#"{"sdk":"0.15.12","init":{"mode":"online"},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
            r#"{"sdk":"0.12.9","init":{"mode":"run"},"context":{"settingsFile":{"mode":"offline"}}}"#,
            r#"{"init":{"mode":"shared"},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
            r#"{"sdk":"0.31.0","init":{"mode":"shared"},"context":{"settingsFile":{"disabled":"true","mode":"offline"}}}"#,
            r#"{"sdk":"0.18.7","init":{"mode":"shared"},"context":{"settingsFile":{"mode":"offline"}}}"#,
        ] {
            assert_eq!(refusal(json), None, "{json}");
        }
    }

    #[test]
    fn a_value_too_long_is_refused_before_it_is_quoted() {
        let json = format!(
            r#"{{"context":{{"settingsFile":{{"mode":"{}"}}}}}}"#,
            "x".repeat(crate::error::MAX_STRING_BYTES + 1)
        );
        let err = input_from_json(&json).unwrap().check_limits().unwrap_err();
        assert!(
            matches!(err, InputError::TooLarge { ref path, .. } if path == "context.settingsFile.mode"),
            "{err}"
        );
    }
}
