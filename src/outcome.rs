//! What a settled configuration means: the method-table cell, the two server branches (run
//! exists / run missing), the auto-resume file afterwards, and the warnings about restarts.

use crate::check_order::SERVER;
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::engine::{Settled, env_keys};
use crate::env_vars::EnvVars;
use crate::method_table::is_documented;
use crate::model::{
    Action, Behaviour, Cell, Diagnostic, InitArgs, Method, Outcome, ResumeMode, RunIdSource,
    Severity, ValueSource,
};
use crate::profile::Rule;
use crate::pyunicode::repr;
use crate::resume_value::{self, ResumeSetting, ServerCase};
use crate::run_mode::LocalLaunch;

/// The method-table cell of a resume setting.
pub(crate) fn cell(resume: &ResumeSetting) -> Cell {
    let method = match resume.source {
        ValueSource::Init => Method::Init,
        ValueSource::Env => Method::Environment,
        ValueSource::Default => Method::Default,
    };
    let behaviour = match resume.mode {
        None | Some(ResumeMode::Never) => Behaviour::Never,
        Some(ResumeMode::Must) => Behaviour::Always,
        Some(ResumeMode::Allow) => Behaviour::SpecifyId,
        Some(ResumeMode::Auto) => Behaviour::SameDirectory,
    };
    Cell {
        method,
        behaviour,
        documented: is_documented(method, behaviour),
    }
}

fn outcome(action: Action, message: String) -> Outcome {
    Outcome {
        action,
        resumed: action == Action::Resume,
        message,
    }
}

/// wandb-core in 0.18.0 resumed the run but left `wandb.run.resumed` False (wandb/wandb#8395);
/// with the service process off the Python internal process runs the launch and sets it (the
/// timeline and server-service vectors of 0.18.0).
fn resumed_flag_broken(s: &Settled<'_>) -> bool {
    s.core_backend && !s.profile.has(Rule::CoreResumedFlagFixed)
}

/// wandb-core 0.18.0–0.18.5 hand the resumed run's config back in a form the SDK drops, so
/// `wandb.config` starts empty (wandb/wandb#8775; seen against a fake server); not with the
/// service process off, where the Python internal process loads it (the server-service
/// vectors).
fn resumed_config_lost(s: &Settled<'_>) -> bool {
    s.core_backend && !s.profile.has(Rule::CoreResumedConfigFixed)
}

/// A successful resume of run `q`, with the flag, step and config the SDK really reports
/// (where reading `wandb.run.step` raises, [`crate::shared_mode::step_unreadable`], it says
/// where logging continues instead).
fn resumed(s: &Settled<'_>, q: &str) -> Outcome {
    let profile = &s.profile;
    let step = if crate::shared_mode::step_unreadable(s) {
        "logging continues after the last logged step (wandb.run.starting_step)"
    } else if profile.has(Rule::RunStepFromBackend) {
        "logging continues after the last logged step (wandb.run.starting_step; wandb.run.step reads 0 until the first log)"
    } else {
        "wandb.run.step is where logging continues (steps logged below it are dropped)"
    };
    let config = if resumed_config_lost(s) {
        "; wandb.config comes back empty: the run's saved config is not loaded (fixed in 0.18.6), so pass the config to wandb.init again"
    } else {
        ""
    };
    if resumed_flag_broken(s) {
        return Outcome {
            action: Action::Resume,
            resumed: false,
            message: format!(
                "wandb resumes run {q}, but wandb {} leaves wandb.run.resumed False (fixed in 0.18.1); {step}{config}.",
                profile.version
            ),
        };
    }
    outcome(
        Action::Resume,
        format!("wandb resumes run {q}: wandb.run.resumed is True and {step}{config}."),
    )
}

/// Both branches of the launch: (run exists, run missing).
pub(crate) fn branches(s: &Settled<'_>, diagnostics: &[Diagnostic]) -> (Outcome, Outcome) {
    if s.rejected {
        let first = diagnostics.iter().find(|d| d.severity == Severity::Error);
        let raised = first.map_or("", |d| d.sdk_message.as_deref().unwrap_or(&d.message));
        // Where the error alone does not say why, what the SDK printed before it does.
        let text = match first.and_then(|d| d.printed_first.as_deref()) {
            Some(printed) => format!(
                "wandb.init raises before contacting W&B: {raised} (it prints first: {printed})"
            ),
            None => format!("wandb.init raises before contacting W&B: {raised}"),
        };
        return (
            outcome(Action::Fail, text.clone()),
            outcome(Action::Fail, text),
        );
    }
    if let Some(local) = s.local {
        // Every backend refusal the engine knows happens once online.
        let (action, text) = match local {
            LocalLaunch::Offline(_) => (Action::Offline, offline_text(s)),
            LocalLaunch::Disabled(_) => (Action::Disabled, disabled_text(s)),
        };
        return (outcome(action, text.clone()), outcome(action, text));
    }
    if let Some(error) = &s.backend_error {
        let text = format!(
            "wandb.init starts, then fails once it contacts W&B: {}",
            error.message
        );
        // The Python sender goes on after that refusal to check the resume: where that fails
        // too (must on a run W&B does not have, never on one it has), it answers the launch
        // twice, and wandb.init raises whichever answer it reads first (the server-service
        // vectors saw both).
        let twice = |case| {
            let id = s.run_id.as_deref().unwrap_or("<new id>");
            let second = match case {
                ServerCase::MustMissing => must_missing_failure(s, id),
                ServerCase::NeverExists => {
                    resume_value::server_message(&s.profile, s.core_backend, case, id)
                }
            };
            outcome(
                Action::Fail,
                format!("{text} — or, as the sender answers twice, with: {second}"),
            )
        };
        if !error.resume_checked_after {
            return (
                outcome(Action::Fail, text.clone()),
                outcome(Action::Fail, text),
            );
        }
        let answer = |exists| match sender_resume_check_fails(s.resume.mode, exists) {
            Some(case) => twice(case),
            None => outcome(Action::Fail, text.clone()),
        };
        return (answer(true), answer(false));
    }
    let profile = &s.profile;
    let Some(id) = s.run_id.as_deref() else {
        // A generated id is new by construction: nothing on the server can match it.
        let missing = match s.resume.mode {
            Some(ResumeMode::Must) => outcome(
                Action::Fail,
                format!(
                    "resume is must but no run id is set: wandb generates a new id, no run has it, and wandb.init fails with: {}",
                    must_missing_failure(s, "<new id>")
                ),
            ),
            _ if s.fork_from.is_some() => outcome(
                Action::Create,
                format!(
                    "wandb creates a new run with a generated id, forked from {}.",
                    fork_text(s)
                ),
            ),
            _ => outcome(
                Action::Create,
                "wandb creates a new run with a freshly generated id.".to_owned(),
            ),
        };
        let exists = Outcome {
            message: format!(
                "The id is generated at launch, so no existing run can have it: {}",
                lowercase_first(&missing.message)
            ),
            ..missing.clone()
        };
        return (exists, missing);
    };
    let q = repr(id);
    if let Some(moment) = &s.resume_from {
        return (
            Outcome {
                action: Action::Resume,
                // A rewind sets `forked`, not `resumed`.
                resumed: false,
                message: format!(
                    "wandb rewinds run {q} to step {}: history logged after that step is dropped, logging continues at the next step, and wandb.run.resumed stays False.",
                    moment.step
                ),
            },
            outcome(
                Action::Fail,
                format!(
                    "run {q} does not exist, so there is nothing to rewind; W&B rejects resume_from{}.",
                    if s.core_backend {
                        " (wandb-core: failed to rewind run: run not found)"
                    } else if profile.has(Rule::MailboxRewritten) {
                        // The Python sender takes an answer without the rewound run for one
                        // and fails an assertion on it, and its internal process dies; the
                        // wait's progress display then asks it for its stats.
                        ": the Python backend's internal process dies on the answer, and wandb.init raises Exception: The wandb backend process has shutdown"
                    } else {
                        ": the Python backend's internal process dies on the answer, and wandb.init raises MailboxError: transport failed"
                    }
                ),
            ),
        );
    }
    if s.fork_from.is_some() {
        return (
            outcome(
                Action::Overwrite,
                format!(
                    "a run {q} already exists; the fork from {} is written over it instead of making a new run.",
                    fork_text(s)
                ),
            ),
            outcome(
                Action::Create,
                format!("wandb creates run {q}, forked from {}.", fork_text(s)),
            ),
        );
    }
    match s.resume.mode {
        None => (
            outcome(
                Action::Overwrite,
                format!(
                    "run {q} exists and resume is unset: wandb starts it again from scratch, overwriting what it had logged."
                ),
            ),
            outcome(Action::Create, format!("wandb creates run {q}.")),
        ),
        Some(ResumeMode::Never) if !profile.has(Rule::SettingsObject) => (
            outcome(
                Action::Overwrite,
                format!(
                    "run {q} exists; wandb {} does not check before starting when resume is never, so it writes over the run — unless the server refuses, in which case wandb.init fails with: {}",
                    profile.version,
                    resume_value::server_message(
                        profile,
                        s.core_backend,
                        ServerCase::NeverExists,
                        id
                    )
                ),
            ),
            outcome(Action::Create, format!("wandb creates run {q}.")),
        ),
        Some(ResumeMode::Never) => (
            outcome(
                Action::Fail,
                format!(
                    "run {q} exists and resume is never, so wandb.init fails with: {}",
                    resume_value::server_message(
                        profile,
                        s.core_backend,
                        ServerCase::NeverExists,
                        id
                    )
                ),
            ),
            outcome(Action::Create, format!("wandb creates run {q}.")),
        ),
        Some(ResumeMode::Must) => (
            if profile.has(Rule::SettingsObject) && !profile.has(Rule::MustLoadsResumeState) {
                // internal/sender.py:285 (0.10.2) loads the run's state only for allow and auto.
                outcome(
                    Action::Overwrite,
                    format!(
                        "run {q} exists and resume is must: wandb {} checks that it exists but loads its state only for allow and auto (fixed in 0.10.3), so wandb.run.resumed is False and logging starts over at step 0, writing over what the run had logged.",
                        profile.version
                    ),
                )
            } else {
                resumed(s, &q)
            },
            outcome(
                Action::Fail,
                format!(
                    "run {q} does not exist{}, and resume is must, so wandb.init fails with: {}",
                    if profile.has(Rule::StartedRunCheck) {
                        " (or was created but never started, as a sweep does ahead of time)"
                    } else {
                        ""
                    },
                    must_missing_failure(s, id)
                ),
            ),
        ),
        Some(ResumeMode::Allow) | Some(ResumeMode::Auto) => (
            resumed(s, &q),
            outcome(
                Action::Create,
                format!("run {q} does not exist yet, so wandb creates it."),
            ),
        ),
    }
}

/// Offline, both branches: the run goes to a local directory whatever W&B holds.
fn offline_text(s: &Settled<'_>) -> String {
    let prefix = if s.profile.has(Rule::SettingsObject) {
        "offline-run"
    } else {
        "dryrun"
    };
    let (run, id) = match s.run_id.as_deref() {
        Some(id) => (format!("run {}", repr(id)), id),
        None => ("a run with a freshly generated id".to_owned(), "<new id>"),
    };
    format!(
        "offline, wandb.init does not ask W&B about the run and does not apply resume: it starts {run} in wandb/{prefix}-<time>-{id}, whether or not W&B has that run. Nothing reaches W&B until `wandb sync` uploads it."
    )
}

/// Disabled, both branches: nothing is created, resumed or kept.
fn disabled_text(s: &Settled<'_>) -> String {
    let id = crate::run_mode::DisabledRunId::of(&s.profile).describe(s.run_id.as_deref());
    format!(
        "disabled, wandb.init does not ask W&B about the run and does not apply resume: it returns a run that keeps nothing the job logs, on W&B or on disk (its id is {id}), whether or not W&B has that run."
    )
}

/// What `wandb.init` fails with when resume is must and no run has the id. Before 0.10.0 the
/// check runs in the background wandb process, which prints its reason and exits;
/// `wandb.init` then raises a generic error naming the debug log
/// (`wandb/__init__.py:99-102,330-332`, `core.py:18-24` (0.9.7); seen against a fake server,
/// tests/conformance/server-vectors.json).
fn must_missing_failure(s: &Settled<'_>, id: &str) -> String {
    let profile = &s.profile;
    let reason = resume_value::server_message(profile, s.core_backend, ServerCase::MustMissing, id);
    if profile.has(Rule::SettingsObject) {
        return reason;
    }
    format!(
        "LaunchError: W&B process failed to launch, see: /tmp/wandb-debug.log (wandb/debug.log once the directory holds a wandb/ folder, as on a restart); the background wandb process printed why: \"wandb: ERROR {reason}\""
    )
}

/// `text` with its first letter in lower case. The messages joined this way are the
/// engine's own and start with an ASCII letter, so ASCII lower-casing suffices (and keeps
/// the Unicode case tables out of the module).
fn lowercase_first(text: &str) -> String {
    let mut out = text.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    out
}

fn fork_text(s: &Settled<'_>) -> String {
    s.fork_from
        .as_ref()
        .map(|m| format!("run {} at step {}", repr(&m.run), m.step))
        .unwrap_or_default()
}

/// Where the Python sender, having refused two branching arguments, goes on to check the
/// resume against whether the run exists: the check that fails (must on a missing run, never
/// on an existing one), or `None` where it passes and the sender creates the run on W&B.
pub(crate) fn sender_resume_check_fails(
    mode: Option<ResumeMode>,
    run_exists: bool,
) -> Option<ServerCase> {
    match (mode, run_exists) {
        (Some(ResumeMode::Must), false) => Some(ServerCase::MustMissing),
        (Some(ResumeMode::Never), true) => Some(ServerCase::NeverExists),
        _ => None,
    }
}

/// Warnings and explanations about what happens across restarts and around the run.
pub(crate) fn explain(s: &Settled<'_>, init: &InitArgs, env: &EnvVars, out: &mut Vec<Diagnostic>) {
    let explicit = matches!(
        s.run_id_source,
        RunIdSource::Init | RunIdSource::Env | RunIdSource::InitResume
    );
    if let Some(LocalLaunch::Disabled(mode_field)) = s.local {
        // Nothing W&B or a restart does applies: the run keeps nothing.
        if !s.rejected {
            let settled_id = s
                .run_id
                .as_deref()
                .filter(|_| explicit || s.run_id_source == RunIdSource::ResumeFile);
            crate::run_mode::disabled_warnings(&s.profile, mode_field, settled_id, out);
        }
        return;
    }
    if let Some(mode_field) = s.shared {
        crate::shared_mode::explain(s, mode_field, out);
    }
    if s.backend_error
        .as_ref()
        .is_some_and(|e| e.resume_checked_after)
    {
        out.push(
            diagnostic(
                Code::RefusedLaunchCreatesRun,
                Severity::Info,
                None,
                format!(
                    "wandb {}'s sender answers the refusal, then goes on: unless its resume check fails too, it creates the run on W&B after wandb.init has raised, so a restart meets that run.",
                    s.profile.version
                ),
            )
            .hint("Keep one of resume, resume_from and fork_from."),
        );
    }
    let field = s.resume.field();
    if let Some(LocalLaunch::Offline(mode_field)) = s.local {
        out.push(
            diagnostic(
                Code::OfflineMode,
                Severity::Info,
                Some(mode_field),
                "offline, nothing W&B decides (resume, overwrite, must, never, a fork or a rewind) happens at launch. `wandb sync` uploads the run later without the checks of must and never; what it does with a fork or a rewind is not modelled.".to_owned(),
            )
            .hint("Check the setting online to see what W&B does with it."),
        );
        // Restarts reuse the id: an explicit one, or the one the auto-resume file keeps.
        let reused = explicit
            || s.run_id_source == RunIdSource::ResumeFile
            || s.resume.mode == Some(ResumeMode::Auto);
        if reused && !s.rejected && s.profile.has(Rule::SettingsObject) {
            crate::run_mode::sync_warning(&s.profile, s.run_id.as_deref(), mode_field, out);
        }
    }
    match s.resume.mode {
        // What W&B does with the run (fork, rewind, overwrite, refuse) is not decided offline.
        None | Some(ResumeMode::Never) | Some(ResumeMode::Must)
            if s.local.is_some()
                && (explicit
                    || s.fork_from.is_some()
                    || s.resume_from.is_some()
                    || s.resume.mode == Some(ResumeMode::Must)) => {}
        None if s.fork_from.is_some() => out.push(diagnostic(
            Code::ForkCreatesRun,
            Severity::Info,
            Some(s.branch_fields[1]),
            format!("fork_from creates a new run that starts with the history of {}.", fork_text(s)),
        )),
        None if s.resume_from.is_some() => out.push(diagnostic(
            Code::ResumeFromRewinds,
            Severity::Info,
            Some(s.branch_fields[0]),
            "resume_from rewinds the run: history after the given step is dropped on every launch with this setting.".to_owned(),
        )
        .hint("Remove resume_from once the rewind is done, or a later restart rewinds again.")),
        None | Some(ResumeMode::Never) if explicit => {
            let (code, message, hint) = if s.resume.mode.is_none() {
                (
                    Code::RunIdWithoutResume,
                    format!(
                        "a run id is set but resume is not: a restart with the same id overwrites run {} instead of resuming it.",
                        repr(s.run_id.as_deref().unwrap_or_default())
                    ),
                    "Add resume=\"allow\" (or WANDB_RESUME=allow) so restarts continue the run.",
                )
            } else {
                (
                    Code::NeverWithRunId,
                    format!(
                        "resume is never with a fixed run id: the first launch creates run {}, and every restart fails because that run exists.",
                        repr(s.run_id.as_deref().unwrap_or_default())
                    ),
                    "Use resume=\"allow\" to continue the run on restart, or drop the fixed id.",
                )
            };
            out.push(diagnostic(code, Severity::Warning, Some(field), message).hint(hint));
        }
        None | Some(ResumeMode::Never) => out.push(
            diagnostic(
                Code::NoResume,
                Severity::Info,
                Some(field),
                "no resume: every launch, including a restart after a crash, creates a new run.".to_owned(),
            )
            .hint("For restarts on the same machine use resume=True; elsewhere set WANDB_RUN_ID and WANDB_RESUME=allow."),
        ),
        Some(ResumeMode::Must) if s.run_id.is_none() => out.push(
            diagnostic(
                Code::MustWithoutRunId,
                Severity::Error,
                Some(field),
                "resume is must but no run id is set: wandb generates a fresh id, which never exists, so every launch fails.".to_owned(),
            )
            .hint("Set the id of the run to resume: WANDB_RUN_ID=<id> or wandb.init(id=\"<id>\", resume=\"must\").")
            .sdk(resume_value::server_message(
                &s.profile,
                s.core_backend,
                ServerCase::MustMissing,
                "<new id>",
            ))
            .at(SERVER),
        ),
        Some(ResumeMode::Allow) if s.run_id.is_none() => out.push(
            diagnostic(
                Code::AllowWithoutRunId,
                Severity::Warning,
                Some(field),
                "resume is allow but no run id is set: each launch generates a new id, so a restart never finds the earlier run and creates a new one.".to_owned(),
            )
            .hint("Set WANDB_RUN_ID (or init id=) to an id that stays the same across restarts, e.g. deriveRunId(job key)."),
        ),
        // 0.9.x deletes the file first unless wandb.init got resume=True: nothing to explain
        // beyond the warning already given.
        Some(ResumeMode::Auto)
            if !s.profile.has(Rule::SettingsObject) && !s.resume.init_truthy => {}
        Some(ResumeMode::Auto) if !explicit => match s.context.shared_filesystem {
            Some(false) => out.push(
                diagnostic(
                    Code::AutoWithoutSharedFilesystem,
                    Severity::Warning,
                    Some(field),
                    "resume is auto but restarts do not share this filesystem: the new machine has no wandb/wandb-resume.json, so it creates a new run.".to_owned(),
                )
                .hint("Set WANDB_RUN_ID to a stable id and WANDB_RESUME=allow instead."),
            ),
            // Only a launch that gets through wandb.init writes the file.
            _ if s.run_id_source == RunIdSource::Generated && !s.rejected => out.push(
                diagnostic(
                    Code::AutoWithoutSharedFilesystem,
                    Severity::Info,
                    Some(field),
                    "resume is auto: this launch generates an id and writes it to wandb/wandb-resume.json; a restart resumes only if it runs in the same directory on the same filesystem.".to_owned(),
                )
                .hint("If restarts may land on another machine, set WANDB_RUN_ID and WANDB_RESUME=allow."),
            ),
            _ => {}
        },
        _ => {}
    }

    let may_resume_mode = matches!(
        s.resume.mode,
        Some(ResumeMode::Allow | ResumeMode::Must | ResumeMode::Auto)
    );
    // Only where a resume can actually happen: an id to resume, or the auto-resume file.
    let can_resume = may_resume_mode
        && !s.rejected
        && s.local.is_none()
        && (s.run_id.is_some() || s.resume.mode == Some(ResumeMode::Auto));
    if can_resume && s.resume_from.is_none() {
        if resumed_flag_broken(s) {
            out.push(
                diagnostic(
                    Code::ResumedFlagWrong,
                    Severity::Warning,
                    Some(field),
                    format!(
                        "in wandb {}, wandb.run.resumed stays False even when the run resumes (wandb/wandb#8395), so code that checks it takes the fresh-start path.",
                        s.profile.version
                    ),
                )
                .hint("Upgrade to wandb 0.18.1 or newer, or check wandb.run.starting_step > 0 instead."),
            );
        }
        if resumed_config_lost(s) {
            out.push(
                diagnostic(
                    Code::ResumedConfigEmpty,
                    Severity::Warning,
                    Some(field),
                    format!(
                        "in wandb {}, wandb.config comes back empty when the run resumes (wandb/wandb#8775): code that reads its hyperparameters back from wandb.config gets nothing.",
                        s.profile.version
                    ),
                )
                .hint("Upgrade to wandb 0.18.6 or newer, or pass the config to wandb.init(config=...) on every launch."),
            );
        }
        if s.shared.is_none() && s.profile.has(Rule::RunStepFromBackend) {
            out.push(
                diagnostic(
                    Code::RunStepAfterResume,
                    Severity::Info,
                    Some(field),
                    format!(
                        "in wandb {}, wandb.run.step reads 0 right after a resumed wandb.init until the first log; the resumed step is wandb.run.starting_step.",
                        s.profile.version
                    ),
                )
                .hint("Pass initial_epoch=wandb.run.starting_step (not wandb.run.step) when resuming."),
            );
        }
    }

    let processes = s.context.processes.unwrap_or(1);
    if processes == 0 {
        out.push(
            diagnostic(
                Code::ProcessesZero,
                Severity::Warning,
                Some("context.processes"),
                "processes is 0: nothing is launched.".to_owned(),
            )
            .hint("Give the number of processes that call wandb.init with this configuration (1 for a single job)."),
        );
    } else if processes > 1 {
        let shared_id = s.run_id.is_some() || s.resume.mode == Some(ResumeMode::Auto);
        if shared_id {
            out.push(
                diagnostic(
                    Code::ConcurrentProcesses,
                    Severity::Warning,
                    Some("context.processes"),
                    format!(
                        "{processes} processes use {} at once: W&B records unexpected results and rate-limits them.",
                        match &s.run_id {
                            Some(id) => format!("run id {}", repr(id)),
                            None => "the id in wandb/wandb-resume.json".to_owned(),
                        }
                    ),
                )
                .hint("Log from one process (rank 0), or give each process its own id, e.g. with the rank in it."),
            );
        }
    }

    let notes = init
        .notes
        .as_deref()
        .or_else(|| env.get(env_keys::NOTES).map(String::as_str))
        .filter(|n| !n.is_empty());
    let may_resume = matches!(
        s.resume.mode,
        Some(ResumeMode::Allow | ResumeMode::Must | ResumeMode::Auto)
    ) || s.resume_from.is_some();
    if notes.is_some() && may_resume && !s.in_sweep && s.local.is_none() {
        out.push(
            diagnostic(
                Code::NotesOverwriteUi,
                Severity::Warning,
                Some(if init.notes.is_some() { "init.notes" } else { "env.WANDB_NOTES" }),
                "notes are set and the run may resume: on resume they overwrite any notes edited in the W&B UI.".to_owned(),
            )
            .hint("Set notes only on the first launch (when not wandb.run.resumed), or edit them only in code."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_follows_source_and_mode() {
        let mut r = ResumeSetting::default();
        assert_eq!(cell(&r).method, Method::Default);
        r.source = ValueSource::Env;
        r.mode = Some(ResumeMode::Auto);
        let c = cell(&r);
        assert_eq!(
            (c.method, c.behaviour, c.documented),
            (Method::Environment, Behaviour::SameDirectory, false)
        );
    }
}
