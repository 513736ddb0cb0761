//! The run mode: `wandb.init(mode=…)` over `WANDB_MODE`.
//!
//! Offline (`offline`, or `dryrun`, its older name) `wandb.init` settles the settings, the run
//! id and the auto-resume file exactly as online, but never asks W&B about the run: the
//! resume setting is not applied at launch (0.12.0–0.30.0 say so in a warning), nothing that
//! W&B checks "once online" is checked, and nothing reaches W&B until `wandb sync` uploads
//! the run's directory. Disabled (`disabled`, 0.10.10+) `wandb.init` settles the settings as
//! well — their checks still raise, the auto-resume file is still written — then returns a run
//! that logs nothing anywhere, before the run directory. The mode-vectors
//! (tests/conformance/mode-vectors.json) pin both for each release; 0.18.1–0.18.7 take a
//! `settings=` object's mode (online) over `WANDB_MODE` (the settings vectors pin that,
//! [`ModeSources`]), the settings' own `mode` weighs against `mode=` and `WANDB_MODE` by
//! release (the settings-mode vectors), and the workspace settings file `wandb offline` leaves
//! sits below them all, but for its `disabled` line ([`crate::settings_file`]), which
//! `WANDB_DISABLED` overrides in 0.12.10–0.18.7 ([`crate::disabled_env`]). `shared` (0.16.3+) is an
//! online mode whichever source sets it ([`crate::shared_mode`]). `noop` (the disabled mode of
//! 0.10.0–0.10.9) and the values an SDK refuses are not modelled: the input check refuses them
//! with the reason rather than answer as if online.

use crate::check_order;
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::disabled_env::{self, DisabledEnv};
use crate::error::InputError;
use crate::model::{Diagnostic, ResumeInput, Severity};
use crate::profile::{Profile, Rule};
use crate::settings_file::{self, FileModes};

/// The environment variable that selects the mode.
pub const MODE_ENV: &str = "WANDB_MODE";

/// The mode of several processes writing one run: online ([`crate::shared_mode`]).
pub(crate) const SHARED: &str = "shared";

/// Where a launch's data goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RunMode {
    /// To W&B as the run starts.
    Online,
    /// To a local `offline-run-…` directory only.
    Offline,
    /// Nowhere.
    Disabled,
}

/// A launch that W&B is not asked about, with the field that made it so (`init.mode` or
/// `env.WANDB_MODE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LocalLaunch {
    /// Into a local directory, uploaded by `wandb sync`.
    Offline(&'static str),
    /// Nowhere: `wandb.init` returns a run that logs nothing.
    Disabled(&'static str),
}

/// How the modelled releases read `value` (`None`: not modelled).
fn classify(value: &str) -> Option<RunMode> {
    match value {
        "online" | "run" | SHARED => Some(RunMode::Online),
        "offline" | "dryrun" => Some(RunMode::Offline),
        "disabled" => Some(RunMode::Disabled),
        _ => None,
    }
}

/// Whether the modelled releases read `value` as an online mode (`online`, `run`, `shared`).
pub(crate) fn is_online(value: &str) -> bool {
    classify(value) == Some(RunMode::Online)
}

/// Whether the modelled releases read `value` as the offline mode (`offline`, `dryrun`).
pub(crate) fn is_offline(value: &str) -> bool {
    classify(value) == Some(RunMode::Offline)
}

/// The input check: a mode whose outcome is not modelled is refused with the reason.
pub(crate) fn check_input(input: &ResumeInput) -> Result<(), InputError> {
    let init = input.init.as_ref();
    // The values each source may take; the settings' `run` is in no vector.
    let given = [
        (
            SETTINGS_MODE,
            init.and_then(|i| i.settings.as_ref())
                .and_then(|s| s.mode.as_deref()),
            "online, offline, dryrun, disabled, shared",
        ),
        (
            "init.mode",
            init.and_then(|i| i.mode.as_deref()),
            "online, run, offline, dryrun, disabled, shared",
        ),
        (
            "env.WANDB_MODE",
            input
                .env
                .as_ref()
                .and_then(|e| e.get(MODE_ENV))
                .map(String::as_str),
            "online, run, offline, dryrun, disabled, shared",
        ),
    ];
    for (path, value, modelled) in given {
        let not_modelled =
            |v: &&str| classify(v).is_none() || (path == SETTINGS_MODE && *v == "run");
        if let Some(value) = value.filter(not_modelled) {
            return Err(InputError::Invalid {
                path: path.to_owned(),
                reason: format!(
                    "mode {} is not modelled (only {modelled})",
                    crate::pyunicode::repr(value)
                ),
            });
        }
    }
    if let Some((path, _, _)) = given.iter().find(|(_, v, _)| *v == Some(SHARED)) {
        // A dict's settings raise before their mode is read where a non-empty dict raises
        // (0.10.x–0.12.9, `settings-dict-raises`): the release's refusal of the mode is never
        // reached (the server-settings-mode vectors).
        let settings_arg = init.and_then(|i| i.settings.as_ref());
        let dict_raises_first = *path == SETTINGS_MODE
            && settings_arg
                .zip(input.given_profile())
                .is_some_and(|(s, p)| s.dict_raises(&p));
        if !dict_raises_first {
            crate::shared_mode::check_input(input, path)?;
        }
    }
    let [(_, settings, _), (path, init, _), (_, env, _)] = given;
    if let Some(settings_value) = settings {
        check_settings_mode(settings_value, init.and_then(classify), env)?;
    }
    // wandb.setup has read the environment as disabled before the argument says otherwise
    // ([`over_disabled_setup`], from the server-disabled-mode, mode and ending vectors). Beside
    // `settings=` (whose mode, or an object's default, changes what 0.17.7–0.18.7 set the
    // library up with) or the `disabled` setting (`WANDB_DISABLED`, the settings file's line)
    // no vector shows the outcome.
    if let (Some(init), Some(env)) = (init, env) {
        if matches!(
            (classify(init), classify(env)),
            (
                Some(RunMode::Online | RunMode::Offline),
                Some(RunMode::Disabled)
            )
        ) {
            let file_disabled_line = input
                .context
                .as_ref()
                .and_then(|c| c.settings_file.as_ref())
                .is_some_and(|f| f.disabled.is_some());
            if init_settings_given(input)
                || file_disabled_line
                || input
                    .env
                    .as_ref()
                    .is_some_and(|e| e.get(disabled_env::DISABLED_ENV).is_some())
            {
                return Err(InputError::Invalid {
                    path: path.to_owned(),
                    reason: LOCAL_OVER_DISABLED_BESIDE.to_owned(),
                });
            }
        }
    }
    Ok(())
}

/// Whether the call passes `settings=`.
fn init_settings_given(input: &ResumeInput) -> bool {
    input.init.as_ref().is_some_and(|i| i.settings.is_some())
}

/// Why an online or offline mode over `WANDB_MODE=disabled` is refused beside the sources no
/// vector crosses with it.
const LOCAL_OVER_DISABLED_BESIDE: &str = "an online or offline mode over WANDB_MODE=disabled beside settings=, WANDB_DISABLED or the settings file's disabled line is not modelled";

/// The settings' own mode (`settings`) beside `mode=` (`init`) and `WANDB_MODE` (`env`):
/// refused where the settings-mode vectors (one other source at a time) and the
/// settings-mode-pair vectors (both) show what the pairs of `check_input` show — wandb set up
/// without the service process before the settings or `mode=` say otherwise.
fn check_settings_mode(
    settings_value: &str,
    init: Option<RunMode>,
    env_value: Option<&str>,
) -> Result<(), InputError> {
    let (Some(settings), env) = (classify(settings_value), env_value.and_then(classify)) else {
        return Ok(());
    };
    let (path, reason) = match (init, env, settings) {
        (_, Some(RunMode::Disabled), RunMode::Online | RunMode::Offline) => (
            SETTINGS_MODE,
            "the settings' online or offline mode over WANDB_MODE=disabled is not modelled",
        ),
        (Some(RunMode::Online | RunMode::Offline), _, RunMode::Disabled) => (
            "init.mode",
            "an online or offline mode over a disabled settings mode is not modelled (those settings turn the service process off)",
        ),
        _ => return Ok(()),
    };
    Err(InputError::Invalid {
        path: path.to_owned(),
        reason: reason.to_owned(),
    })
}

/// What 0.10.0–0.10.9 raise for the `disabled` mode.
pub(crate) const MODE_DISABLED_UNKNOWN: &str = "Settings field mode: disabled not in";

/// The hint for a mode 0.9.x does not know.
const MODE_HINT_09: &str =
    "With wandb 0.9.x use WANDB_MODE=dryrun for offline, run (or unset) for online.";

/// Where a launch's mode can come from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ModeSources<'a> {
    /// `wandb.init(mode=…)`.
    pub(crate) init: Option<&'a str>,
    /// `WANDB_MODE`.
    pub(crate) env: Option<&'a str>,
    /// Whether `settings=` is a `wandb.Settings` object. 0.17.7–0.18.7 first read the mode as
    /// `mode or settings.get("mode") or WANDB_MODE`, and an object's mode is never empty
    /// (online unless it says otherwise): 0.17.7–0.18.0 then decide from it whether the
    /// disabled mode turns the service process off, 0.18.1–0.18.7 the launch's mode itself.
    pub(crate) settings_object: bool,
    /// The `mode` key of `settings=` (object or dict): an object's beat `mode=` and
    /// `WANDB_MODE` until 0.12.9, is ignored in 0.12.10–0.12.15 and sits between them from
    /// 0.12.16; a dict's (0.12.10+, which raise on it before) sits between them.
    pub(crate) settings: Option<&'a str>,
    /// What the release takes from the workspace settings file: its mode line below
    /// `WANDB_MODE`, its `disabled` line over everything ([`settings_file::load`]).
    pub(crate) file: FileModes<'a>,
    /// What the release takes from `WANDB_DISABLED`: the `disabled` setting over the file's
    /// line ([`disabled_env::read`]).
    pub(crate) disabled_env: DisabledEnv,
}

/// The field `settings=`'s own mode is read from.
const SETTINGS_MODE: &str = "init.settings.mode";

impl<'a> ModeSources<'a> {
    /// The settings' mode as `profile`'s SDK applies it, and whether it beats `mode=`
    /// (the settings-mode vectors; `None`: not applied).
    fn settings_mode(&self, profile: &Profile) -> Option<(&'a str, bool)> {
        let mode = self.settings?;
        if !self.settings_object {
            return Some((mode, false));
        }
        if !profile.has(Rule::SettingsObjectIgnored) {
            Some((mode, true))
        } else if profile.has(Rule::SettingsObjectBelowInit) {
            Some((mode, false))
        } else {
            None
        }
    }
}

/// Where the launch goes when not to W&B ([`LocalLaunch`]; `None`: online), with what
/// `profile`'s SDK rejects on the way. The init argument beats the environment, and in
/// 0.18.1–0.18.7 a settings object does too; 0.9.x has no `mode` argument and knows only `run`
/// and `dryrun` (`wandb/__init__.py`, after the run object is made); 0.10.0–0.10.9 know no
/// `disabled` (the settings refuse it as each value is applied, the environment's when the
/// library is set up).
pub(crate) fn settle(
    profile: &Profile,
    sources: ModeSources<'_>,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
    shared: &mut Option<&'static str>,
) -> Option<LocalLaunch> {
    let ModeSources {
        init: init_mode,
        env: mut env_mode,
        settings_object,
        settings: settings_mode,
        file,
        disabled_env,
    } = sources;
    if !profile.has(Rule::SettingsObject) {
        if init_mode.is_some() {
            out.push(
                diagnostic(
                    Code::NeedsNewerSdk,
                    Severity::Error,
                    Some("init.mode"),
                    format!(
                        "wandb {} has no `mode` argument; it needs wandb 0.10.0 or newer.",
                        profile.version
                    ),
                )
                .hint(MODE_HINT_09)
                .sdk("init() got an unexpected keyword argument 'mode'")
                .at(check_order::CALL_RESUME_FROM),
            );
            *rejected = true;
        }
        return match env_mode {
            Some("dryrun") => Some(LocalLaunch::Offline("env.WANDB_MODE")),
            Some(value @ ("offline" | "online" | "disabled")) => {
                out.push(
                    diagnostic(
                        Code::ModeInvalid,
                        Severity::Error,
                        Some("env.WANDB_MODE"),
                        format!(
                            "wandb {} knows only WANDB_MODE=run and dryrun; with {value} wandb.init raises.",
                            profile.version
                        ),
                    )
                    .hint(MODE_HINT_09)
                    // It prints why, then raises a launch error that says only that the
                    // variable is invalid (`wandb/__init__.py:1286-1288`, 0.9.7).
                    .prints_first(format!(
                        "wandb: ERROR Invalid run mode \"{value}\". Please unset WANDB_MODE."
                    ))
                    .sdk("The WANDB_MODE environment variable is invalid.")
                    // after the run object is made (its directory, the auto-resume file)
                    .at(check_order::RUN_START),
                );
                *rejected = true;
                None
            }
            _ => None,
        };
    }
    // 0.17.7–0.18.7 first read the mode as `mode or settings.get("mode") or WANDB_MODE`, where
    // a settings object's mode is never empty (online unless it says otherwise; `None` here).
    // That read turns the service off for the disabled mode (0.17.8–0.18.0 print the
    // deprecation warning), and 0.18.1–0.18.7 keep it as the launch's mode.
    let first_read = match (init_mode, settings_mode, settings_object) {
        (Some(mode), _, _) => Some(("init.mode", mode)),
        (None, Some(mode), _) => Some((SETTINGS_MODE, mode)),
        (None, None, true) => None,
        (None, None, false) => env_mode.map(|mode| ("env.WANDB_MODE", mode)),
    };
    // The `disabled` setting — `WANDB_DISABLED`, else the file's line — makes the settings
    // offline whatever the mode says, but for the disabled mode, whose run is returned first.
    let offline_by = disabled_env.offline_by(file.forces_offline);
    let object_sets_the_mode = settings_object
        && settings_mode.is_none()
        && init_mode.is_none()
        && setup_takes_first_read(profile);
    if object_sets_the_mode {
        // The object's online replaces an offline or disabled WANDB_MODE; the `disabled`
        // setting then still keeps the launch offline.
        if let Some(mode) = env_mode
            .filter(|m| classify(m) != Some(RunMode::Online))
            .filter(|_| offline_by.is_none())
        {
            object_mode_overrides(profile, mode, out);
        }
        if env_mode == Some(SHARED) {
            crate::shared_mode::lost_to_object(profile, out);
        }
        env_mode = None;
    }
    let env_class = env_mode.and_then(classify);
    if !profile.has(Rule::DisabledMode) {
        // An object refuses `disabled` as it is built, while the call's arguments are
        // evaluated; a dict raises on its own first (`settings_arg`).
        let object_mode = settings_mode.filter(|_| settings_object);
        for (field, value) in [
            (SETTINGS_MODE, object_mode),
            ("env.WANDB_MODE", env_mode),
            ("init.mode", init_mode),
        ] {
            if value.and_then(classify) == Some(RunMode::Disabled) {
                let mut d = diagnostic(
                    Code::ModeInvalid,
                    Severity::Error,
                    Some(field),
                    format!(
                        "wandb {} has no `disabled` mode (0.10.10 added it): wandb.init raises.",
                        profile.version
                    ),
                )
                .hint("Upgrade to wandb 0.10.10 or newer to turn wandb off with mode disabled.")
                .sdk(MODE_DISABLED_UNKNOWN);
                if field == SETTINGS_MODE {
                    d = d.at(check_order::CALL_ARGUMENTS);
                }
                out.push(d);
                *rejected = true;
            }
        }
    }
    if let Some((field, "disabled")) = first_read {
        crate::service_process::mode_deprecation(profile, field, out);
    }
    let applied_settings_mode = sources.settings_mode(profile);
    let file_class = file.mode.and_then(classify);
    let (mut field, value) = match (init_mode, applied_settings_mode) {
        (_, Some((mode, true))) | (None, Some((mode, false))) => (SETTINGS_MODE, Some(mode)),
        (Some(mode), _) => ("init.mode", Some(mode)),
        (None, None) if env_class.is_none() && file_class.is_some() => {
            (settings_file::MODE, file.mode)
        }
        (None, None) => ("env.WANDB_MODE", env_mode),
    };
    let mut class = value.and_then(classify);
    // The server-settings-mode vectors: the library set up offline stays offline under the
    // object's `"online"`, its default (its `"shared"` is told apart); the settings-file-arg
    // vectors: set up offline by the file's mode line too (its `disabled` line says so itself).
    if field == SETTINGS_MODE
        && value == Some("online")
        && settings_object
        && object_online_lost(profile)
    {
        let kept = match (env_mode, env_class, file_class) {
            (Some(env), Some(RunMode::Offline), _) => Some((
                "env.WANDB_MODE",
                format!("WANDB_MODE={env}"),
                "Unset WANDB_MODE",
            )),
            (None, _, Some(RunMode::Offline)) if offline_by.is_none() => Some((
                settings_file::MODE,
                "the settings file's offline mode".to_owned(),
                "Run wandb online in that directory",
            )),
            _ => None,
        };
        if let Some((by, kept, undo)) = kept {
            object_online_lost_warning(profile, &kept, undo, out);
            (field, class) = (by, Some(RunMode::Offline));
        }
    }
    if let Some(by) =
        offline_by.filter(|_| !matches!(class, Some(RunMode::Offline | RunMode::Disabled)))
    {
        by.warn(profile, out);
        (field, class) = (by.field(), Some(RunMode::Offline));
    }
    // Offline as wandb sets itself up (the file, then the environment): no login follows.
    let setup_offline = offline_by.is_some() || env_class.or(file_class) == Some(RunMode::Offline);
    let local = match class {
        Some(RunMode::Offline) => Some(LocalLaunch::Offline(field)),
        Some(RunMode::Disabled) if profile.has(Rule::DisabledMode) => {
            Some(LocalLaunch::Disabled(field))
        }
        _ => None,
    };
    // (A release without the mode gets here only through a dict's, which raises first.)
    if local.is_none() && value == Some(SHARED) && profile.has(Rule::SharedMode) {
        *shared = Some(field);
    }
    // Whether an API key is configured is not part of the input: say what depends on it. The
    // settings' mode is applied with mode=, after the login.
    if matches!(field, "init.mode" | SETTINGS_MODE)
        && !matches!(class, Some(RunMode::Online) | None)
        && !setup_offline
        && profile.has(Rule::LoginBeforeInitMode)
        && !profile.has(Rule::InitModeBeforeLogin)
    {
        out.push(
            diagnostic(
                Code::OfflineLoginFirst,
                Severity::Warning,
                Some(field),
                format!(
                    "wandb {} logs in before it applies mode= (or the settings' mode): without an API key (wandb login, WANDB_API_KEY) wandb.init raises, offline or not.",
                    profile.version
                ),
            )
            .hint("Set WANDB_MODE=offline as well (it is applied before the login), or upgrade to wandb 0.10.9 or newer.")
            .sdk("api_key not configured (no-tty).  Run wandb login"),
        );
    }
    // An online `mode=` or settings mode over a library set up offline: by WANDB_MODE, or by
    // the settings file's mode line where no WANDB_MODE is set (the server-mode,
    // server-file-mode and server-settings-mode vectors). 0.18.1–0.18.7 set the library up
    // with a settings object's mode itself.
    let sets_up_with_object = settings_object && setup_takes_first_read(profile);
    if matches!(field, "init.mode" | SETTINGS_MODE)
        && class == Some(RunMode::Online)
        && !(field == SETTINGS_MODE && sets_up_with_object)
    {
        let setup = match (env_mode, env_class, file_class) {
            (Some(env), Some(RunMode::Offline), _) => Some(OfflineSetup::Env(env)),
            // (the settings' mode here only where neither mode= nor WANDB_MODE is set)
            (_, None, Some(RunMode::Offline)) => Some(OfflineSetup::File),
            _ => None,
        };
        if let (Some(setup), Some(online)) = (setup, value) {
            *rejected |= online_over_offline_setup(profile, field, online, setup, out);
        }
    }
    // An online or offline `mode=` over a library set up disabled (the input check refuses
    // it beside `settings=` and the `disabled` setting).
    if field == "init.mode"
        && env_class == Some(RunMode::Disabled)
        && profile.has(Rule::DisabledMode)
    {
        if let (Some(mode), Some(class @ (RunMode::Online | RunMode::Offline))) = (value, class) {
            *rejected |= over_disabled_setup(profile, mode, class == RunMode::Online, out);
        }
    }
    if let (Some(ignored), None, None) = (settings_mode, init_mode, applied_settings_mode) {
        if classify(ignored) != class.or(Some(RunMode::Online)) {
            object_mode_ignored(profile, ignored, out);
        }
    }
    if disabled_env == DisabledEnv::IgnoredTrue && local.is_none() {
        disabled_env::ignored(profile, out);
    }
    if let (Some(ignored), None, None, None) =
        (file.ignored_mode, init_mode, settings_mode, env_mode)
    {
        if classify(ignored) != class.or(Some(RunMode::Online)) {
            settings_file::mode_ignored(profile, ignored, out);
        }
    }
    local
}

/// What set the library up offline before an online `mode=` (the call's or the settings')
/// says otherwise.
#[derive(Clone, Copy)]
enum OfflineSetup<'a> {
    /// An offline `WANDB_MODE` (`offline` or `dryrun`).
    Env(&'a str),
    /// The settings file's `mode = offline` (`wandb offline`), with `WANDB_MODE` unset.
    File,
}

/// An online mode `online` (`online`, `run` or `shared`; `field`: the call's or the settings')
/// over an offline setup (`setup`): `wandb.setup` has set the library up offline, then the
/// launch goes online, as the server-mode, server-file-mode and server-settings-mode vectors
/// show for each name — but 0.10.9–0.12.9, which then read the user's settings from a server
/// object the offline setup never made, raise "problem"; 0.19.5–0.23.0 warn as they log in.
/// Returns true when `wandb.init` raises.
fn online_over_offline_setup(
    profile: &Profile,
    field: &'static str,
    online: &str,
    setup: OfflineSetup<'_>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    // What asked for it, as a message begins with it and as a hint names it.
    let (asked, named) = if field == SETTINGS_MODE {
        (
            format!("The settings' mode=\"{online}\""),
            format!("the settings' mode=\"{online}\""),
        )
    } else {
        let named = format!("mode=\"{online}\"");
        (named.clone(), named)
    };
    let (code, source, hint) = match setup {
        OfflineSetup::Env(env) => (
            Code::OnlineOverOfflineEnv,
            format!("WANDB_MODE={env}"),
            format!("Drop {named} to keep WANDB_MODE's offline."),
        ),
        OfflineSetup::File => (
            Code::OnlineOverOfflineFile,
            "the settings file's offline mode (wandb offline)".to_owned(),
            format!(
                "Run wandb online in that directory, or drop {named} to keep the file's offline."
            ),
        ),
    };
    let crashes = profile.has(Rule::OnlineOverOfflineSetupCrashes)
        && !profile.has(Rule::OnlineOverOfflineSetupRepaired);
    let d = if crashes {
        diagnostic(
            code,
            Severity::Error,
            Some(field),
            format!(
                "{asked} over {source} makes wandb {} raise \"problem\" (repaired in 0.12.10).",
                profile.version
            ),
        )
        .sdk("'NoneType' object has no attribute '_flags'")
        .at(check_order::USER_SETTINGS)
    } else {
        let d = diagnostic(
            code,
            Severity::Warning,
            Some(field),
            format!("{asked} overrides {source}: the launch goes online."),
        );
        if profile.has(Rule::LoginWarnsOfflineSetup) && !profile.has(Rule::LoginOfflineWarningMoved)
        {
            d.sdk("Unable to verify login in offline mode.")
        } else {
            d
        }
    };
    out.push(d.hint(hint));
    crashes
}

/// An online or offline `mode=` (`mode`) over `WANDB_MODE=disabled`: `wandb.setup` has set the
/// library up disabled, then the launch goes as `mode=` says — online as any online launch of
/// its release (no crash in 0.10.10–0.12.9, no login warning in 0.19.5–0.23.0: the
/// server-disabled-mode vectors), offline as `mode="offline"` alone (the mode vectors) — but
/// 0.17.7–0.19.x set the library up without the service process, so a script that ends
/// without `run.finish()` deletes the resume file at exit ([`crate::service_process::runs`],
/// the ending vectors); 0.17.8–0.18.0 print the deprecation warning about that and 0.19.0
/// crashes. Returns true when `wandb.init` raises.
fn over_disabled_setup(
    profile: &Profile,
    mode: &str,
    online: bool,
    out: &mut Vec<Diagnostic>,
) -> bool {
    use crate::service_process;
    const FIELD: &str = "env.WANDB_MODE";
    let without_service = service_process::disabled_setup_without_service(profile);
    if without_service {
        service_process::mode_deprecation(profile, FIELD, out);
        if service_process::crashes(profile, FIELD, "WANDB_MODE=disabled", out) {
            return true;
        }
    }
    let goes = if online {
        "goes online as any online launch"
    } else {
        "runs offline"
    };
    let mut message = format!("mode=\"{mode}\" overrides WANDB_MODE=disabled: the launch {goes}.");
    if without_service {
        message += &format!(
            " wandb {} has set itself up without the service process{}",
            profile.version,
            service_process::WITHOUT_SERVICE
        );
    }
    out.push(
        diagnostic(
            Code::ModeOverDisabledEnv,
            Severity::Warning,
            Some("init.mode"),
            message,
        )
        .hint(format!(
            "Drop mode=\"{mode}\" to keep the job disabled, or unset WANDB_MODE."
        )),
    );
    false
}

/// 0.18.1–0.18.7 hand `wandb.setup` the mode read as `mode or settings.get("mode") or
/// WANDB_MODE`: a settings object's mode (online unless it says otherwise) replaces
/// `WANDB_MODE`, and the settings file's mode line, which that read leaves out, is dropped.
pub(crate) fn setup_takes_first_read(profile: &Profile) -> bool {
    profile.has(Rule::SettingsObjectModeOverEnv) && !profile.has(Rule::SettingsObjectModeFixed)
}

/// Whether `profile`'s SDK keeps a library set up offline by `WANDB_MODE` offline under a
/// settings object's online mode (the settings-mode and server-settings-mode vectors): before
/// 0.10.9, which began applying the object's mode at the call (and crash there, as under
/// `mode="online"`), and while the object is read below `wandb.init`'s arguments, until
/// 0.18.1 sets the library up with the object's mode itself. (0.12.10–0.12.15 ignore the
/// object's mode altogether.) A dict's online mode goes online.
fn object_online_lost(profile: &Profile) -> bool {
    !profile.has(Rule::OnlineOverOfflineSetupCrashes)
        || (profile.has(Rule::SettingsObjectBelowInit)
            && !profile.has(Rule::SettingsObjectModeOverEnv))
}

/// The warning for a settings object's `mode="online"` that an offline setup keeps offline:
/// `kept` names what set it up (`WANDB_MODE=offline`, the settings file's mode line), `undo`
/// how to take that away.
fn object_online_lost_warning(
    profile: &Profile,
    kept: &str,
    undo: &str,
    out: &mut Vec<Diagnostic>,
) {
    settings_mode_ignored(
        format!(
            "wandb {} keeps {kept} over the wandb.Settings object's mode=\"online\": the launch is offline.",
            profile.version
        ),
        format!("{undo}, or pass mode=\"online\" to wandb.init in place of the settings' mode."),
        out,
    );
}

/// The warning for a settings object's mode (`ignored`) that 0.12.10–0.12.15 do not read.
fn object_mode_ignored(profile: &Profile, ignored: &str, out: &mut Vec<Diagnostic>) {
    settings_mode_ignored(
        format!(
            "wandb {} ignores the mode of the wandb.Settings object passed as settings=: this launch is not {ignored}, it goes as below.",
            profile.version
        ),
        format!(
            "Pass mode=\"{ignored}\" to wandb.init as well, pass settings as a dict, or upgrade to wandb 0.12.16 or newer."
        ),
        out,
    );
}

/// `settings-mode-ignored`: the launch does not go as the settings object's mode says.
fn settings_mode_ignored(message: String, hint: impl Into<String>, out: &mut Vec<Diagnostic>) {
    out.push(
        diagnostic(
            Code::SettingsModeIgnored,
            Severity::Warning,
            Some(SETTINGS_MODE),
            message,
        )
        .hint(hint),
    );
}

/// The warning for a `WANDB_MODE` (`env_mode`) that a settings object replaces with online.
fn object_mode_overrides(profile: &Profile, env_mode: &str, out: &mut Vec<Diagnostic>) {
    out.push(
        diagnostic(
            Code::SettingsObjectOverridesMode,
            Severity::Warning,
            Some("env.WANDB_MODE"),
            format!(
                "wandb {} takes the mode from the wandb.Settings object passed as settings= (online unless it says otherwise) and ignores WANDB_MODE={env_mode}: this launch goes online, logs in (without an API key wandb.init raises) and resumes as below.",
                profile.version
            ),
        )
        .hint(format!(
            "Pass mode=\"{env_mode}\" to wandb.init as well, pass settings as a dict, or upgrade to wandb 0.19.0 or newer."
        ))
        .sdk("api_key not configured (no-tty). call wandb.login(key=[your_api_key])"),
    );
}

/// 0.10.3–0.10.8 log in after the call's own checks and the environment's: where one of those
/// raises first, the login — and what [`settle`] says of it — is never reached.
pub(crate) fn login_reached(profile: &Profile, out: &mut Vec<Diagnostic>) {
    let warned = |d: &Diagnostic| d.code == Code::OfflineLoginFirst.as_str();
    if out.iter().any(warned) && check_order::raises_before(profile, out, check_order::LOGIN) {
        out.retain(|d| !warned(d));
    }
}

impl LocalLaunch {
    /// The first point in `wandb.init`'s flow the launch does not reach. Offline: W&B, which
    /// is never asked (the 0.16.5–0.17.x sender's checks, wandb-core's rewind check). Disabled:
    /// `wandb.init` returns its run after the settings and the auto-resume file — before the
    /// run directory from 0.10.30, just after it before.
    fn stops_at(self, profile: &Profile) -> check_order::Stage {
        match self {
            LocalLaunch::Offline(_) => check_order::SERVER,
            LocalLaunch::Disabled(_) if profile.has(Rule::DisabledSkipsRunDirectory) => {
                check_order::RUN_DIRECTORY
            }
            LocalLaunch::Disabled(_) => check_order::RUN_START,
        }
    }
}

/// What a local launch does not reach is not met: those errors stay, as warnings. Returns
/// whether `wandb.init` still raises.
pub(crate) fn stop_short(profile: &Profile, local: LocalLaunch, out: &mut [Diagnostic]) -> bool {
    let stops_at = local.stops_at(profile);
    let raises = check_order::raises_before(profile, out, stops_at);
    check_order::not_reached(profile, out, stops_at);
    raises
}

/// What `wandb.run.id` is in a disabled run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DisabledRunId {
    /// The settled id, or a fresh one where none was settled (0.29.0+: `make_disabled_run`
    /// copies the settled settings).
    Settled,
    /// A new random one on every launch, whatever the settings hold (0.10.19–0.28.x:
    /// `_make_run_disabled`'s `RunDisabled`, then `make_disabled_run` on fresh settings).
    Fresh,
    /// A `Dummy` placeholder that prints as an empty string (0.10.10–0.10.18).
    Placeholder,
}

impl DisabledRunId {
    /// The disabled run's id in `profile`'s SDK.
    pub(crate) fn of(profile: &Profile) -> Self {
        if profile.has(Rule::DisabledRunKeepsId) {
            DisabledRunId::Settled
        } else if profile.has(Rule::DisabledRunGetsId) {
            DisabledRunId::Fresh
        } else {
            DisabledRunId::Placeholder
        }
    }

    /// The id in words, given the settled one.
    pub(crate) fn describe(self, settled_id: Option<&str>) -> String {
        match (self, settled_id) {
            (DisabledRunId::Settled, Some(id)) => crate::pyunicode::repr(id),
            (DisabledRunId::Placeholder, _) => {
                "a placeholder that prints as an empty string".to_owned()
            }
            _ => "a new random one on every launch".to_owned(),
        }
    }
}

/// Disabled: nothing the job logs is kept; with wandb before 0.29.0 the run's id is not the
/// one set ([`DisabledRunId`]).
pub(crate) fn disabled_warnings(
    profile: &Profile,
    field: &str,
    settled_id: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    out.push(
        diagnostic(
            Code::DisabledMode,
            Severity::Warning,
            Some(field),
            "disabled: wandb.init returns a run that keeps nothing this job logs, on W&B or on disk; resume and restarts change nothing while it stays disabled.".to_owned(),
        )
        .hint("Unset WANDB_MODE (and mode=) to log to W&B, or use offline to keep the run on disk."),
    );
    let run_id = DisabledRunId::of(profile);
    if let Some(id) = settled_id.filter(|_| run_id != DisabledRunId::Settled) {
        let effect = if run_id == DisabledRunId::Fresh {
            "finds nothing after a restart"
        } else {
            "gives every job the same name"
        };
        let what = run_id.describe(None);
        out.push(
            diagnostic(
                Code::DisabledRunIdDiffers,
                Severity::Warning,
                Some(field),
                format!(
                    "with wandb {} the disabled run's id is {what}, not {}: code that names checkpoints or directories after wandb.run.id {effect}.",
                    profile.version,
                    crate::pyunicode::repr(id)
                ),
            )
            .hint("Name them after the id you set (or upgrade to wandb 0.29.0 or newer, where the disabled run keeps it)."),
        );
    }
}

/// Offline, with a run id that restarts reuse (`id`; `None`: the one `wandb-resume.json`
/// will keep): what `wandb sync` does with each restart's directory (tests/conformance/
/// sync-vectors.json: it never asks W&B and sends the history from the run's first row;
/// `--append`, 0.13.10–0.29.x, asks and adds the rows after the run's, steps as logged).
pub(crate) fn sync_warning(
    profile: &Profile,
    id: Option<&str>,
    field: &str,
    out: &mut Vec<Diagnostic>,
) {
    let run = match id {
        Some(id) => format!("run id {}", crate::pyunicode::repr(id)),
        None => "the id wandb-resume.json keeps".to_owned(),
    };
    let append = profile.has(Rule::SyncAppend) && !profile.has(Rule::SyncAppendRemoved);
    let mut message = format!(
        "offline, each launch with {run} writes its own directory; `wandb sync` uploads it without asking W&B, from the run's first history row, so each restart's directory writes over the last (wandb/wandb#3841)."
    );
    let hint = if append {
        message.push_str(" `wandb sync --append` adds the rows after the run's instead, with the steps as logged: from 0 again unless wandb.log got step=.");
        "Log with step=<global step> and sync the directories in order with `wandb sync --append`."
            .to_owned()
    } else {
        format!(
            "wandb {} has no `wandb sync --append` (0.13.10–0.29.x): run online so restarts resume, or give each restart its own id.",
            profile.version
        )
    };
    out.push(
        diagnostic(
            Code::OfflineSyncWritesOver,
            Severity::Warning,
            Some(field),
            message,
        )
        .hint(hint),
    );
}

/// Offline, the warning 0.12.0–0.30.0 print when a resume setting is given, once the
/// settings are settled (`wandb_init.py`, before the run is handed to the backend).
pub(crate) fn offline_warning(
    profile: &Profile,
    field: &str,
    run_id: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if !profile.has(Rule::OfflineResumeWarning) || profile.has(Rule::OfflineResumeWarningDropped) {
        return;
    }
    out.push(
        diagnostic(
            Code::OfflineResumeIgnored,
            Severity::Info,
            Some(field),
            "offline, resume is not applied at launch; wandb says so.".to_owned(),
        )
        .sdk(format!(
            "`resume` will be ignored since W&B syncing is set to `offline`. Starting a new run with run id {}.",
            run_id.unwrap_or("<new id>")
        ))
        .at(check_order::RUN_START),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env_vars::EnvVars;
    use crate::model::InitArgs;

    fn input(env_mode: Option<&str>, init_mode: Option<&str>) -> ResumeInput {
        ResumeInput {
            env: env_mode.map(|m| EnvVars::from([(MODE_ENV, m)])),
            init: init_mode.map(|m| InitArgs {
                mode: Some(m.to_owned()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn modelled_modes_pass_the_input_check_and_others_are_refused_by_field() {
        for mode in ["online", "run", "offline", "dryrun", "disabled", "shared"] {
            assert!(input(Some(mode), None).check_limits().is_ok(), "{mode}");
            assert!(input(None, Some(mode)).check_limits().is_ok(), "{mode}");
        }
        for mode in [
            "SHARED", "noop", "", "OFFLINE", " offline", "Disabled", "bogus",
        ] {
            for (given, path) in [
                (input(Some(mode), None), "env.WANDB_MODE"),
                (input(None, Some(mode)), "init.mode"),
            ] {
                match given.check_limits() {
                    Err(InputError::Invalid { path: p, reason }) => {
                        assert_eq!(p, path);
                        assert!(reason.contains("not modelled"), "{reason}");
                    }
                    other => panic!("{mode:?} at {path}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn a_mode_over_a_local_environment_is_refused_where_not_modelled() {
        // Over WANDB_MODE=disabled, beside what no vector crosses with it: settings=, the
        // `disabled` setting from the environment or the settings file.
        type AddTo = fn(&mut ResumeInput);
        let beside: [(&str, AddTo); 3] = [
            ("settings=", |i| {
                i.init.as_mut().unwrap().settings = Some(crate::model::SettingsArg::default());
            }),
            ("WANDB_DISABLED", |i| {
                i.env
                    .as_mut()
                    .unwrap()
                    .insert("WANDB_DISABLED".into(), "true".into());
            }),
            ("the settings file's disabled line", |i| {
                i.context = Some(crate::model::LaunchContext {
                    settings_file: Some(crate::model::SettingsFile {
                        mode: None,
                        disabled: Some("true".to_owned()),
                    }),
                    ..Default::default()
                });
            }),
        ];
        for init_mode in ["online", "run", "shared", "offline", "dryrun"] {
            let alone = input(Some("disabled"), Some(init_mode));
            assert!(alone.check_limits().is_ok(), "{init_mode}");
            for (what, add) in &beside {
                let mut given = input(Some("disabled"), Some(init_mode));
                add(&mut given);
                match given.check_limits() {
                    Err(InputError::Invalid { path, reason }) => {
                        assert_eq!(path, "init.mode");
                        assert!(
                            reason.contains("not modelled") && reason.contains(what),
                            "{reason}"
                        );
                    }
                    other => panic!("{init_mode} beside {what}: {other:?}"),
                }
            }
        }
        for (env_mode, init_mode) in [
            ("offline", "disabled"),
            ("online", "disabled"),
            ("disabled", "disabled"),
            ("offline", "dryrun"),
            ("run", "offline"),
            // Modelled from the server-mode vectors.
            ("offline", "online"),
            ("dryrun", "online"),
            ("offline", "run"),
            ("dryrun", "run"),
            ("offline", "shared"),
            ("dryrun", "shared"),
        ] {
            let given = input(Some(env_mode), Some(init_mode));
            assert!(given.check_limits().is_ok(), "{env_mode} {init_mode}");
        }
    }

    #[test]
    fn disabled_launches_keep_nothing_and_meet_only_the_settings_checks() {
        let at = |sdk: &str, init: InitArgs| {
            let mut given = input(Some("disabled"), None);
            given.sdk = Some(sdk.to_owned());
            given.init = Some(init);
            crate::decide(&given)
        };
        // must without a run W&B has: fails online on every launch, passes disabled.
        let must = InitArgs {
            resume: Some(crate::model::ResumeArg::Text("must".to_owned())),
            ..Default::default()
        };
        let d = at("0.31.0", must);
        assert!(d.valid, "{:#?}", d.diagnostics);
        assert_eq!(d.if_exists.action, crate::model::Action::Disabled);
        assert_eq!(d.if_missing.action, crate::model::Action::Disabled);
        assert!(!d.if_exists.resumed);
        // A settings check still raises: a reserved character in the id (0.21.0+).
        let bad_id = InitArgs {
            id: Some("a/b".to_owned()),
            ..Default::default()
        };
        let d = at("0.31.0", bad_id.clone());
        assert_eq!(d.if_missing.action, crate::model::Action::Fail);
        // Before 0.29.0 the disabled run's id is a fresh one, and the warning says so.
        let id = InitArgs {
            id: Some("abc".to_owned()),
            ..Default::default()
        };
        let d = at("0.28.0", id.clone());
        assert_eq!(d.run_id, None);
        assert!(
            d.diagnostics
                .iter()
                .any(|x| x.code == "disabled-run-id-differs")
        );
        let d = at("0.29.0", id.clone());
        assert_eq!(d.run_id.as_deref(), Some("abc"));
        assert!(
            !d.diagnostics
                .iter()
                .any(|x| x.code == "disabled-run-id-differs")
        );
        // 0.10.9 has no disabled mode: wandb.init raises.
        let d = at("0.10.9", id);
        assert_eq!(d.if_missing.action, crate::model::Action::Fail);
        assert!(d.diagnostics.iter().any(|x| x.code == "mode-invalid"));
    }

    #[test]
    fn what_w_and_b_refuses_once_online_does_not_stop_an_offline_launch() {
        // 0.17.1's sender refuses WANDB_RESUME with fork_from only when it sends the run.
        let mut given = input(None, None);
        given.sdk = Some("0.17.1".to_owned());
        given.init = Some(InitArgs {
            fork_from: Some("other?_step=1".to_owned()),
            ..Default::default()
        });
        let mut env = EnvVars::from([("WANDB_RESUME", "allow")]);
        given.env = Some(env.clone());
        let online = crate::decide(&given);
        assert!(!online.valid);
        env.insert(MODE_ENV.to_owned(), "offline".to_owned());
        given.env = Some(env);
        let offline = crate::decide(&given);
        assert!(offline.valid, "{:#?}", offline.diagnostics);
        assert!(
            offline
                .diagnostics
                .iter()
                .any(|d| d.code == "branching-args-exclusive" && d.severity == Severity::Warning)
        );
    }

    #[test]
    fn offline_launches_answer_offline_on_both_branches() {
        let d = crate::decide(&input(Some("online"), Some("offline")));
        assert_eq!(d.if_exists.action, crate::model::Action::Offline);
        assert_eq!(d.if_missing.action, crate::model::Action::Offline);
        assert!(!d.if_missing.resumed);
        let online = crate::decide(&input(Some("run"), None));
        assert_ne!(online.if_missing.action, crate::model::Action::Offline);
    }

    /// The warning names the online mode and the offline environment as the input gives them
    /// (the server-mode vectors show `run`, `shared` and `dryrun` doing what `online` and
    /// `offline` do), in its message and its hint; 0.12.9 raises for each the same way.
    #[test]
    fn an_online_mode_over_an_offline_environment_is_named_as_given() {
        for (env_mode, init_mode) in [
            ("offline", "online"),
            ("dryrun", "run"),
            ("dryrun", "shared"),
        ] {
            let d = crate::decide(&input(Some(env_mode), Some(init_mode)));
            let note = d
                .diagnostics
                .iter()
                .find(|x| x.code == "online-over-offline-env")
                .unwrap_or_else(|| panic!("{init_mode} over {env_mode}: {:#?}", d.diagnostics));
            assert_eq!(
                note.message,
                format!(
                    "mode=\"{init_mode}\" overrides WANDB_MODE={env_mode}: the launch goes online."
                )
            );
            assert_eq!(
                note.hint.as_deref(),
                Some(format!("Drop mode=\"{init_mode}\" to keep WANDB_MODE's offline.").as_str())
            );
            let mut old = input(Some(env_mode), Some(init_mode));
            old.sdk = Some("0.12.9".to_owned());
            if init_mode != SHARED {
                let d = crate::decide(&old);
                assert!(!d.valid, "{init_mode} over {env_mode}");
                assert!(d.diagnostics.iter().any(|x| x.code == "online-over-offline-env"
                    && x.message.starts_with(&format!("mode=\"{init_mode}\" over WANDB_MODE={env_mode} makes wandb 0.12.9 raise"))));
            }
        }
    }
}
