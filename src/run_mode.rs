//! The run mode: `wandb.init(mode=…)` over `WANDB_MODE`.
//!
//! Offline (`offline`, or `dryrun`, its older name) `wandb.init` settles the settings, the run
//! id and the auto-resume file exactly as online, but never asks W&B about the run: the
//! resume setting is not applied at launch (0.12.0–0.30.0 say so in a warning), nothing that
//! W&B checks "once online" is checked, and nothing reaches W&B until `wandb sync` uploads
//! the run's directory. The mode-vectors (tests/conformance/mode-vectors.json) pin this for
//! each release. `disabled`, `shared` and the values an SDK refuses are not modelled yet:
//! the input check refuses them with the reason rather than answer as if online.

use crate::check_order;
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::error::InputError;
use crate::model::{Diagnostic, ResumeInput, Severity};
use crate::profile::{Profile, Rule};

/// The environment variable that selects the mode.
pub const MODE_ENV: &str = "WANDB_MODE";

/// Where a launch's data goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RunMode {
    /// To W&B as the run starts.
    Online,
    /// To a local `offline-run-…` directory only.
    Offline,
}

/// How every modelled release reads `value` (`None`: not modelled).
fn classify(value: &str) -> Option<RunMode> {
    match value {
        "online" | "run" => Some(RunMode::Online),
        "offline" | "dryrun" => Some(RunMode::Offline),
        _ => None,
    }
}

/// The input check: a mode whose outcome is not modelled is refused with the reason.
pub(crate) fn check_input(input: &ResumeInput) -> Result<(), InputError> {
    let given = [
        (
            "init.mode",
            input.init.as_ref().and_then(|i| i.mode.as_deref()),
        ),
        (
            "env.WANDB_MODE",
            input
                .env
                .as_ref()
                .and_then(|e| e.get(MODE_ENV))
                .map(String::as_str),
        ),
    ];
    for (path, value) in given {
        if let Some(value) = value.filter(|v| classify(v).is_none()) {
            return Err(InputError::Invalid {
                path: path.to_owned(),
                reason: format!(
                    "mode {} is not modelled (only online, run, offline, dryrun)",
                    crate::pyunicode::repr(value)
                ),
            });
        }
    }
    // wandb.setup has read the environment as offline before the argument turns the launch
    // online: some releases then warn about the login, 0.10.x–0.12.x behave differently in the
    // vectors' harness. Not guessed.
    if let [(path, Some(init)), (_, Some(env))] = given {
        if classify(init) == Some(RunMode::Online) && classify(env) == Some(RunMode::Offline) {
            return Err(InputError::Invalid {
                path: path.to_owned(),
                reason: "an online mode over an offline WANDB_MODE is not modelled (wandb has read the environment as offline by then)".to_owned(),
            });
        }
    }
    Ok(())
}

/// Whether the launch runs offline, as the field that made it so (`init.mode` or
/// `env.WANDB_MODE`; `None`: online), with what `profile`'s SDK rejects on the way. The init
/// argument beats the environment; 0.9.x has no `mode` argument and knows only `run` and
/// `dryrun` (`wandb/__init__.py`, after the run object is made).
pub(crate) fn settle(
    profile: &Profile,
    init_mode: Option<&str>,
    env_mode: Option<&str>,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) -> Option<&'static str> {
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
                .hint("With wandb 0.9.x use WANDB_MODE=dryrun for offline, run (or unset) for online.")
                .sdk("init() got an unexpected keyword argument 'mode'")
                .at(check_order::CALL_RESUME_FROM),
            );
            *rejected = true;
        }
        return match env_mode {
            Some("dryrun") => Some("env.WANDB_MODE"),
            Some(value @ ("offline" | "online")) => {
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
                    .hint("With wandb 0.9.x use WANDB_MODE=dryrun for offline, run (or unset) for online.")
                    .sdk("The WANDB_MODE environment variable is invalid.")
                    .at(check_order::LATER_SETTINGS),
                );
                *rejected = true;
                None
            }
            _ => None,
        };
    }
    let offline_by = match init_mode {
        Some(mode) => (classify(mode) == Some(RunMode::Offline)).then_some("init.mode"),
        None => (env_mode.and_then(classify) == Some(RunMode::Offline)).then_some("env.WANDB_MODE"),
    };
    // Whether an API key is configured is not part of the input: say what depends on it.
    if offline_by == Some("init.mode")
        && env_mode.and_then(classify) != Some(RunMode::Offline)
        && profile.has(Rule::LoginBeforeInitMode)
        && !profile.has(Rule::InitModeBeforeLogin)
    {
        out.push(
            diagnostic(
                Code::OfflineLoginFirst,
                Severity::Warning,
                Some("init.mode"),
                format!(
                    "wandb {} logs in before it applies mode=: without an API key (wandb login, WANDB_API_KEY) wandb.init raises, offline or not.",
                    profile.version
                ),
            )
            .hint("Set WANDB_MODE=offline as well (it is applied before the login), or upgrade to wandb 0.10.9 or newer.")
            .sdk("api_key not configured (no-tty).  Run wandb login"),
        );
    }
    offline_by
}

/// Offline, the errors the engine knows to be raised once online (the 0.16.5–0.17.x sender's
/// checks, wandb-core's rewind check) are not met at launch: they stay, as warnings.
pub(crate) fn offline_server_checks(out: &mut [Diagnostic]) {
    for d in out {
        if d.severity == Severity::Error && d.stage == Some(check_order::SERVER) {
            d.severity = Severity::Warning;
        }
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
    use crate::model::InitArgs;
    use std::collections::BTreeMap;

    fn input(env_mode: Option<&str>, init_mode: Option<&str>) -> ResumeInput {
        ResumeInput {
            env: env_mode.map(|m| BTreeMap::from([(MODE_ENV.to_owned(), m.to_owned())])),
            init: init_mode.map(|m| InitArgs {
                mode: Some(m.to_owned()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn modelled_modes_pass_the_input_check_and_others_are_refused_by_field() {
        for mode in ["online", "run", "offline", "dryrun"] {
            assert!(input(Some(mode), None).check_limits().is_ok(), "{mode}");
            assert!(input(None, Some(mode)).check_limits().is_ok(), "{mode}");
        }
        for mode in [
            "disabled", "shared", "noop", "", "OFFLINE", " offline", "bogus",
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
    fn what_w_and_b_refuses_once_online_does_not_stop_an_offline_launch() {
        // 0.17.1's sender refuses WANDB_RESUME with fork_from only when it sends the run.
        let mut given = input(None, None);
        given.sdk = Some("0.17.1".to_owned());
        given.init = Some(InitArgs {
            fork_from: Some("other?_step=1".to_owned()),
            ..Default::default()
        });
        let mut env = BTreeMap::from([("WANDB_RESUME".to_owned(), "allow".to_owned())]);
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
}
