//! `simulate`: a launch and its restarts after crashes, preemptions or clean finishes.
//!
//! Two pieces of state decide every restart, and the simulator carries both: the server's runs
//! (which ids exist) and the auto-resume file `wandb/wandb-resume.json` in the directory the
//! attempt runs in. Each attempt is one `decide` with the context those give, and the branch
//! (run exists / missing) is the one the state selects.

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use crate::diagnostics::Code;
use crate::engine::decide;
use crate::env_vars::EnvVars;
use crate::error::InputError;
use crate::json::{FromJson, Json, Path, read_name, read_object, required};
use crate::model::{Action, Decision, InitArgs, Outcome, ResumeFileAction, ResumeInput};

/// Most restarts one simulation accepts; a timeline is for reading, not for soak tests.
pub const MAX_ATTEMPTS: usize = 100;

/// How the previous attempt ended. Each was run against the real SDKs
/// (tests/conformance/ending-vectors.json): what the end leaves of `wandb/wandb-resume.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum Ending {
    /// An exception, Ctrl-C, `sys.exit(n)` with n ≠ 0 or `run.finish(exit_code=n)`: the
    /// resume file stays.
    Crashed,
    /// Stopped by the scheduler (SIGTERM, SIGKILL, node loss): the resume file stays (0.9.x
    /// deleted it: its background process took a killed script for a finished one).
    Preempted,
    /// `run.finish()` (or the `with wandb.init()` block) ended with exit code 0: the SDK
    /// deletes the resume file.
    Finished,
    /// The script ended normally or with `sys.exit(0)`, without `run.finish()`: the exit hook
    /// deleted the resume file before 0.13.0 (and where `WANDB_DISABLE_SERVICE` turns the
    /// service process off); with the service process it stays.
    Exited,
    /// The script stopped with a non-zero code through the builtin `exit(n)` / `quit(n)` or
    /// `raise SystemExit(n)` rather than `sys.exit(n)`: the exit hook never saw the code and
    /// took it for a clean end, so the resume file goes where it goes on [`Ending::Exited`].
    RaisedSystemExit,
}

crate::json_enum!(Ending {
    Crashed => "crashed",
    Preempted => "preempted",
    Finished => "finished",
    Exited => "exited",
    RaisedSystemExit => "raisedSystemExit",
});

impl Ending {
    /// Whether this end deletes the resume file, for a script launched with `env` and
    /// `settings` (the `settings=` argument) on the SDK of `profile`.
    pub fn removes_resume_file(
        self,
        profile: &crate::profile::Profile,
        env: &EnvVars,
        settings: Option<&crate::model::SettingsArg>,
    ) -> bool {
        match self {
            Ending::Finished => true,
            Ending::Exited | Ending::RaisedSystemExit => {
                !crate::service_process::runs_with(profile, env, settings)
            }
            Ending::Crashed => false,
            Ending::Preempted => !profile.has(crate::profile::Rule::KilledScriptKeepsResumeFile),
        }
    }
}

/// Where the next attempt runs, relative to the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum Place {
    /// Same machine (or shared filesystem) and same working directory: it sees the same
    /// `wandb/wandb-resume.json`.
    SameDirectory,
    /// Same filesystem, another directory: a different (absent) resume file, and no settings
    /// file (`context.settingsFile`) either.
    SameFilesystem,
    /// Another machine without a shared filesystem: no resume file, no settings file.
    NewMachine,
}

crate::json_enum!(Place {
    SameDirectory => "sameDirectory",
    SameFilesystem => "sameFilesystem",
    NewMachine => "newMachine",
});

/// One restart.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct Attempt {
    /// How the previous attempt ended.
    pub after: Ending,
    /// Where this attempt runs.
    #[cfg_attr(target_arch = "wasm32", serde(rename = "where"))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Place"))]
    pub place: Place,
    /// A changed environment for this attempt (replaces the previous one); absent = unchanged.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, string>")
    )]
    pub env: Option<EnvVars>,
    /// Changed `wandb.init` arguments (replace the previous ones); absent = unchanged.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub init: Option<InitArgs>,
    /// The previous attempt's run was deleted in the W&B UI before this restart. W&B never
    /// lets a deleted run's id be used again.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub delete_run: bool,
}

crate::json_object!(Attempt {
    "after": after,
    "where": place,
    "env": env if Option::is_none,
    "init": init if Option::is_none,
    "deleteRun": delete_run if std::ops::Not::not,
});

impl FromJson for Attempt {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        let (mut after, mut place) = (None, None);
        let (mut env, mut init, mut delete_run) = (None, None, None);
        read_object(
            value,
            path,
            "a restart such as { after: \"preempted\", where: \"newMachine\" }",
            &["after", "where", "env", "init", "deleteRun"],
            |field, value, path| {
                match field {
                    0 => after = Some(read_name(value, path, Ending::NAMES, Ending::from_name)?),
                    1 => place = Some(read_name(value, path, Place::NAMES, Place::from_name)?),
                    2 => env = FromJson::from_json(value, path)?,
                    3 => init = FromJson::from_json(value, path)?,
                    _ => delete_run = FromJson::from_json(value, path)?,
                }
                Ok(())
            },
        )?;
        Ok(Attempt {
            after: required(after, path, "after")?,
            place: required(place, path, "where")?,
            env,
            init,
            delete_run: delete_run.unwrap_or(false),
        })
    }
}

/// What one attempt did.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct AttemptResult {
    /// 0 for the first launch, then 1, 2, … for the restarts.
    pub index: u32,
    /// How the previous attempt ended (`null` for the first launch).
    pub after: Option<Ending>,
    /// Where it ran (`null` for the first launch).
    #[cfg_attr(target_arch = "wasm32", serde(rename = "where"))]
    pub place: Option<Place>,
    /// The decision for this attempt, with the context the state gave it.
    pub decision: Decision,
    /// Whether the run with the effective id existed on the server at launch.
    pub run_existed: bool,
    /// The branch that happened.
    pub outcome: Outcome,
    /// The run this attempt logged to (a generated id is shown as `newNNNNN`); `null` when it
    /// failed.
    pub run_id: Option<String>,
    /// True when `runId` was generated at launch.
    pub run_id_generated: bool,
    /// `wandb/wandb-resume.json` in this attempt's directory once the attempt ended: the run
    /// id it holds (`null`: no file, or one whose text gives no id).
    pub resume_file_at_end: Option<String>,
    /// The file's text when it is still there but gives no run id (from a `resumeFileText`
    /// that wandb left as it was); `null` otherwise.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub resume_file_text_at_end: Option<String>,
}

crate::json_object!(AttemptResult {
    "index": index,
    "after": after,
    "where": place,
    "decision": decision,
    "runExisted": run_existed,
    "outcome": outcome,
    "runId": run_id,
    "runIdGenerated": run_id_generated,
    "resumeFileAtEnd": resume_file_at_end,
    "resumeFileTextAtEnd": resume_file_text_at_end,
});

/// Totals over a timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct TimelineSummary {
    /// Distinct runs the attempts logged to: 1 is what resuming is for.
    pub runs: u32,
    /// The runs, in order of first use.
    pub run_ids: Vec<String>,
    /// Attempts whose `wandb.init` failed.
    pub failed_attempts: u32,
    /// Attempts that resumed a run (a rewind is counted apart).
    pub resumed_attempts: u32,
    /// Attempts that rewound a run to an earlier step (`resume_from`): each drops the
    /// history logged after that step, so a restart that rewinds again throws away what the
    /// attempt before it logged.
    pub rewound_attempts: u32,
    /// Attempts that wrote over an existing run without resuming it.
    pub overwritten_attempts: u32,
    /// One sentence: what the user ends up with.
    pub verdict: String,
}

crate::json_object!(TimelineSummary {
    "runs": runs,
    "runIds": run_ids,
    "failedAttempts": failed_attempts,
    "resumedAttempts": resumed_attempts,
    "rewoundAttempts": rewound_attempts,
    "overwrittenAttempts": overwritten_attempts,
    "verdict": verdict,
});

/// A launch and its restarts.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct Timeline {
    /// Every attempt, the first launch first.
    pub attempts: Vec<AttemptResult>,
    /// Totals.
    pub summary: TimelineSummary,
}

crate::json_object!(Timeline { "attempts": attempts, "summary": summary });

/// The arguments of a simulation, `{ input, attempts }`, as the API and the JS `simulate`
/// take them.
#[derive(Clone, Debug, PartialEq)]
pub struct SimulateArgs {
    /// The configuration of the first launch.
    pub input: ResumeInput,
    /// The restarts, in order.
    pub attempts: Vec<Attempt>,
}

impl FromJson for SimulateArgs {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        let (mut input, mut attempts) = (None, None);
        read_object(
            value,
            path,
            "an object such as { input, attempts }",
            &["input", "attempts"],
            |field, value, path| {
                match field {
                    0 => input = Some(ResumeInput::from_json(value, path)?),
                    _ => attempts = Some(Vec::from_json(value, path)?),
                }
                Ok(())
            },
        )?;
        Ok(SimulateArgs {
            input: required(input, path, "input")?,
            attempts: required(attempts, path, "attempts")?,
        })
    }
}

/// Why a simulation could not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimulateError {
    /// More than [`MAX_ATTEMPTS`] restarts.
    TooManyAttempts(usize),
}

impl SimulateError {
    /// Stable code for callers to switch on.
    pub fn code(&self) -> &'static str {
        "input-too-large"
    }
}

impl core::fmt::Display for SimulateError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            SimulateError::TooManyAttempts(n) => write!(
                f,
                "{n} restarts were given; a timeline holds at most {MAX_ATTEMPTS}"
            ),
        }
    }
}

impl std::error::Error for SimulateError {}

/// The server and the filesystem as the attempts leave them.
struct World {
    /// Ids of runs that exist (have started) on the server.
    runs: Vec<String>,
    /// Ids of runs deleted in the UI: the server refuses them for good.
    deleted: Vec<String>,
    /// The resume file in the current directory: the id it holds…
    resume_file: Option<String>,
    /// … or its text, when it was given as text and no launch has rewritten it.
    resume_file_text: Option<String>,
    /// Counter for generated ids.
    generated: u32,
}

/// Simulates `input` launched once and restarted as `attempts` say.
pub fn simulate(input: &ResumeInput, attempts: &[Attempt]) -> Result<Timeline, SimulateError> {
    if attempts.len() > MAX_ATTEMPTS {
        return Err(SimulateError::TooManyAttempts(attempts.len()));
    }
    let context = input.context.clone().unwrap_or_default();
    let mut world = World {
        runs: Vec::new(),
        deleted: Vec::new(),
        resume_file: context.resume_file.clone(),
        resume_file_text: context.resume_file_text.clone(),
        generated: 0,
    };
    let mut current = input.clone();
    let mut results = Vec::with_capacity(attempts.len() + 1);

    // The first launch: the caller's context says whether the run exists (unknown = no).
    let first_exists = context.run_exists.unwrap_or(false);
    let first = run_attempt(&mut world, &current, 0, None, None, Some(first_exists));
    // A run the caller says exists stays on the server for the restarts, whatever the first
    // launch did (one that raised before starting it leaves it there too).
    if let Some(id) = first.decision.run_id.as_ref().filter(|_| first.run_existed) {
        world.add_run(id);
    }
    results.push(first);

    for (i, attempt) in attempts.iter().enumerate() {
        // The previous attempt's ending acts on its directory's resume file.
        let profile = crate::profile::Profile::new(
            crate::version::parse_sdk_version(&results[results.len() - 1].decision.sdk)
                .unwrap_or(crate::version::SdkVersion::NEWEST),
        );
        let no_env = EnvVars::new();
        let previous_env = current.env.as_ref().unwrap_or(&no_env);
        // A disabled run has no exit hook, and its `finish()` only unsets the globals.
        let disabled = results[results.len() - 1].outcome.action == Action::Disabled;
        let settings = current.init.as_ref().and_then(|i| i.settings.as_ref());
        if !disabled
            && attempt
                .after
                .removes_resume_file(&profile, previous_env, settings)
        {
            world.remove_resume_file();
        }
        if attempt.delete_run {
            if let Some(id) = results.last().and_then(|r| r.run_id.clone()) {
                world.runs.retain(|r| *r != id);
                world.deleted.push(id);
            }
        }
        if let Some(last) = results.last_mut() {
            world.describe_resume_file(last);
        }
        if attempt.place != Place::SameDirectory {
            // Another directory has its own `wandb/`: neither the resume file nor the
            // settings file `wandb offline` wrote is there.
            world.remove_resume_file();
            if let Some(context) = current.context.as_mut() {
                context.settings_file = None;
            }
        }
        if let Some(env) = &attempt.env {
            current.env = Some(env.clone());
        }
        if let Some(init) = &attempt.init {
            current.init = Some(init.clone());
        }
        results.push(run_attempt(
            &mut world,
            &current,
            i as u32 + 1,
            Some(attempt.after),
            Some(attempt.place),
            None,
        ));
    }
    if let Some(last) = results.last_mut() {
        world.describe_resume_file(last);
    }
    let summary = summarize(&results);
    Ok(Timeline {
        attempts: results,
        summary,
    })
}

fn run_attempt(
    world: &mut World,
    input: &ResumeInput,
    index: u32,
    after: Option<Ending>,
    place: Option<Place>,
    known_exists: Option<bool>,
) -> AttemptResult {
    let mut launch = input.clone();
    let mut context = launch.context.clone().unwrap_or_default();
    context.resume_file = world.resume_file.clone();
    context.resume_file_text = world.resume_file_text.clone();
    context.run_exists = None;
    launch.context = Some(context.clone());
    let probe = decide(&launch);
    let run_existed = match (&probe.run_id, known_exists) {
        (_, Some(known)) => known && probe.run_id.is_some(),
        (Some(id), None) => world.runs.contains(id),
        (None, None) => false,
    };
    // The decision as the user would see it with what is known now.
    context.run_exists = Some(run_existed);
    launch.context = Some(context);
    let decision = decide(&launch);
    let mut outcome = if run_existed {
        decision.if_exists.clone()
    } else {
        decision.if_missing.clone()
    };
    if let Some(id) = decision
        .run_id
        .as_ref()
        .filter(|id| world.deleted.contains(id))
    {
        if outcome.action != Action::Fail {
            outcome = Outcome {
                action: Action::Fail,
                resumed: false,
                message: format!(
                    "run {} was deleted in the W&B UI, and W&B never lets a deleted run's id be used again; the server answers: run {id} was previously created and deleted; try a new run name",
                    crate::pyunicode::repr(id)
                ),
            };
        }
    }
    // The id the launch settles on (generated where none is given), where something names it:
    // the run it logs to, or the file a launch wrote before it raised (0.19.0 with the service
    // process off).
    let failed = outcome.action == Action::Fail;
    let writes_file = decision.resume_file_action == ResumeFileAction::Written;
    // The Python sender that refused two branching arguments goes on, and creates the run
    // after wandb.init has raised unless its resume check fails too.
    let created_after_refusal = failed
        && says(&decision, Code::RefusedLaunchCreatesRun)
        && crate::outcome::sender_resume_check_fails(decision.resume, run_existed).is_none();
    let settled_id = match &decision.run_id {
        _ if failed && !writes_file && !created_after_refusal => None,
        Some(id) => Some(id.clone()),
        None => Some(world.new_id()),
    };
    if let Some(id) = settled_id.as_ref().filter(|_| created_after_refusal) {
        world.add_run(id);
    }
    let run_id = if failed { None } else { settled_id.clone() };
    let generated = run_id.is_some() && decision.run_id.is_none();
    // Offline, W&B does not learn of the run: the id names a local directory only (disabled,
    // nothing).
    if let Some(id) = run_id
        .as_ref()
        .filter(|_| !matches!(outcome.action, Action::Offline | Action::Disabled))
    {
        world.add_run(id);
    }
    match decision.resume_file_action {
        ResumeFileAction::Written => {
            world.remove_resume_file();
            // The settled id, which a disabled run (before 0.29.0) does not keep as its own
            // (the ending vectors: its file names the id set).
            world.resume_file = decision.resume_file_after.clone().or(settled_id);
        }
        ResumeFileAction::Removed => world.remove_resume_file(),
        ResumeFileAction::Untouched | ResumeFileAction::NotReached => {}
    }
    AttemptResult {
        index,
        after,
        place,
        decision,
        run_existed,
        outcome,
        run_id,
        run_id_generated: generated,
        resume_file_at_end: None,
        resume_file_text_at_end: None,
    }
}

impl World {
    /// The next id generated at launch, as the timeline shows it (`new00001`, …).
    fn new_id(&mut self) -> String {
        self.generated += 1;
        format!("new{:05}", self.generated)
    }

    /// Records that a run `id` exists on the server (once).
    fn add_run(&mut self, id: &str) {
        if !self.runs.iter().any(|r| r == id) {
            self.runs.push(id.to_owned());
        }
    }

    fn remove_resume_file(&mut self) {
        self.resume_file = None;
        self.resume_file_text = None;
    }

    /// Records the resume file as `attempt` left it.
    fn describe_resume_file(&self, attempt: &mut AttemptResult) {
        attempt.resume_file_at_end = self.resume_file.clone();
        attempt.resume_file_text_at_end = None;
        if let Some(text) = &self.resume_file_text {
            match crate::resume_file_text::read(text) {
                crate::resume_file_text::FileContent::RunId(id) => {
                    attempt.resume_file_at_end = Some(id);
                }
                _ => attempt.resume_file_text_at_end = Some(text.clone()),
            }
        }
    }
}

fn summarize(results: &[AttemptResult]) -> TimelineSummary {
    let mut run_ids: Vec<String> = Vec::new();
    // A disabled attempt's id names nothing, on W&B or on disk.
    let kept = results
        .iter()
        .filter(|r| r.outcome.action != Action::Disabled);
    for id in kept.filter_map(|r| r.run_id.clone()) {
        if !run_ids.contains(&id) {
            run_ids.push(id);
        }
    }
    let count = |action: Action| {
        results
            .iter()
            .filter(|r| r.outcome.action == action)
            .count() as u32
    };
    let failed = count(Action::Fail);
    let rewound = results.iter().filter(|r| rewinds(r)).count() as u32;
    let resumed = count(Action::Resume) - rewound;
    // What the restarts do with a branching setting they keep from the first launch.
    let restarts_rewinding = results.iter().skip(1).filter(|r| rewinds(r)).count();
    let restarts_forking = results.iter().skip(1).filter(|r| forks(r)).count();
    let overwritten = count(Action::Overwrite);
    let runs = run_ids.len() as u32;
    let disabled = count(Action::Disabled);
    // The attempts that log somewhere (or fail trying).
    let launches = results.len() - disabled as usize;
    let offline = count(Action::Offline);
    let failing = format!("{failed} of {launches} attempts fail; ");
    let verdict = if launches == 0 {
        "every attempt runs disabled: nothing is kept, on W&B or on disk.".to_owned()
    } else if failed as usize == launches {
        "every attempt fails: nothing is logged.".to_owned()
    } else if offline > 0 {
        let fail_note = if failed > 0 { failing.as_str() } else { "" };
        let shared = if (runs as usize) < offline as usize {
            ", and a plain `wandb sync` writes each directory of an id over the one before"
        } else {
            ""
        };
        format!(
            "{fail_note}{offline} attempt(s) run offline, into local directories for {runs} run id(s); nothing reaches W&B until `wandb sync`{shared}."
        )
    } else if failed > 0 {
        format!("{failing}the rest log to {runs} run(s).")
    } else if restarts_rewinding > 0 {
        format!(
            "{restarts_rewinding} of {} restarts rewind the run again to the same step, dropping what the attempt before logged after it; {runs} run(s) in all.",
            results.len() - 1
        )
    } else if runs == 1 && overwritten == 0 {
        if launches == 1 {
            "one launch, one run.".to_owned()
        } else {
            format!("all {launches} attempts log to one run: the restarts resume it.")
        }
    } else if overwritten > 0 {
        format!(
            "{overwritten} restart(s) write over an existing run instead of resuming it; {runs} run(s) in all."
        )
    } else if restarts_forking > 0 {
        format!(
            "the job is split across {runs} runs: each restart forks another run (fork_from) instead of resuming."
        )
    } else {
        format!("the job is split across {runs} runs: restarts do not resume.")
    };
    let verdict = if disabled > 0 && launches > 0 {
        format!(
            "{disabled} of {} attempts run disabled and keep nothing; the rest: {verdict}",
            results.len()
        )
    } else {
        verdict
    };
    TimelineSummary {
        runs,
        run_ids,
        failed_attempts: failed,
        resumed_attempts: resumed,
        rewound_attempts: rewound,
        overwritten_attempts: overwritten,
        verdict,
    }
}

/// Whether `attempt` rewound a run (`resume_from`): it logs to that run from the step the
/// setting names, after W&B dropped what was logged beyond it.
fn rewinds(attempt: &AttemptResult) -> bool {
    attempt.outcome.action == Action::Resume && says(&attempt.decision, Code::ResumeFromRewinds)
}

/// Whether `attempt` started a run forked from another's step (`fork_from`).
fn forks(attempt: &AttemptResult) -> bool {
    matches!(attempt.outcome.action, Action::Create | Action::Overwrite)
        && says(&attempt.decision, Code::ForkCreatesRun)
}

/// Whether `decision` carries a diagnostic with `code`.
fn says(decision: &Decision, code: Code) -> bool {
    decision.diagnostics.iter().any(|d| d.code == code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LaunchContext, ResumeArg};

    fn restart(after: Ending, place: Place) -> Attempt {
        Attempt {
            after,
            place,
            env: None,
            init: None,
            delete_run: false,
        }
    }

    /// `WANDB_RESUME=allow` with the id `exp-42`, in run mode `mode`.
    fn allow_exp_42(mode: &str) -> EnvVars {
        EnvVars::from([
            ("WANDB_RESUME", "allow"),
            ("WANDB_RUN_ID", "exp-42"),
            ("WANDB_MODE", mode),
        ])
    }

    /// wandb 0.31.0 launched with `env` on a server that holds run `exp-42`.
    fn on_exp_42(env: &[(&str, &str)]) -> ResumeInput {
        ResumeInput {
            sdk: Some("0.31.0".into()),
            env: Some(EnvVars::from_iter(env.iter().copied())),
            context: Some(LaunchContext {
                run_exists: Some(true),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    /// 0.16.5's sender refuses `resume` beside `fork_from` and goes on to create the run, which
    /// the restart meets (recorded in the mixed branching timelines); a launch that raises
    /// before contacting W&B (an empty id) never reaches that sender, so it creates nothing
    /// and the decision does not say it does.
    #[test]
    fn only_a_launch_that_reaches_the_sender_leaves_the_refused_run() {
        for (id, reaches_sender) in [("job-run", true), ("", false)] {
            let input = ResumeInput {
                sdk: Some("0.16.5".into()),
                env: Some(EnvVars::from([("WANDB_RESUME", "never")])),
                init: Some(InitArgs {
                    id: Some(id.into()),
                    fork_from: Some("source-run?_step=5".into()),
                    ..Default::default()
                }),
                ..Default::default()
            };
            let t = simulate(&input, &[restart(Ending::Crashed, Place::SameDirectory)]).unwrap();
            let [first, second] = &t.attempts[..] else {
                panic!("two attempts: {t:?}")
            };
            assert_eq!(first.outcome.action, Action::Fail, "{id:?}");
            assert_eq!(
                says(&first.decision, Code::RefusedLaunchCreatesRun),
                reaches_sender,
                "{id:?}: {:?}",
                first.decision.diagnostics
            );
            assert_eq!(second.run_existed, reaches_sender, "{id:?}");
        }
    }

    /// A `WANDB_RESUME_FROM` kept over restarts rewinds the run again at each: the attempts
    /// count as rewinds, not resumes, and the verdict says what each restart throws away.
    #[test]
    fn restarts_that_rewind_again_are_named() {
        let input = on_exp_42(&[
            ("WANDB_RESUME_FROM", "exp-42?_step=5"),
            ("WANDB_RUN_ID", "exp-42"),
        ]);
        let t = simulate(
            &input,
            &[
                restart(Ending::Crashed, Place::SameDirectory),
                restart(Ending::Preempted, Place::NewMachine),
            ],
        )
        .unwrap();
        assert_eq!(t.summary.rewound_attempts, 3);
        assert_eq!(t.summary.resumed_attempts, 0);
        assert_eq!(t.summary.runs, 1);
        assert!(
            t.summary
                .verdict
                .starts_with("2 of 2 restarts rewind the run again"),
            "{}",
            t.summary.verdict
        );
    }

    /// From 0.20.0 a `WANDB_FORK_FROM` naming the run's own id rewinds it: its restarts are
    /// rewinds too.
    #[test]
    fn a_self_fork_kept_over_restarts_rewinds_again() {
        let input = on_exp_42(&[
            ("WANDB_FORK_FROM", "exp-42?_step=5"),
            ("WANDB_RUN_ID", "exp-42"),
        ]);
        let t = simulate(&input, &[restart(Ending::Preempted, Place::SameDirectory)]).unwrap();
        assert_eq!(t.summary.rewound_attempts, 2);
        assert!(
            t.summary.verdict.starts_with("1 of 1 restarts rewind"),
            "{}",
            t.summary.verdict
        );
    }

    /// A `WANDB_FORK_FROM` with a generated id forks another run at every restart.
    #[test]
    fn restarts_that_fork_again_are_named() {
        let input = ResumeInput {
            sdk: Some("0.31.0".into()),
            env: Some(EnvVars::from([("WANDB_FORK_FROM", "base?_step=5")])),
            ..Default::default()
        };
        let t = simulate(&input, &[restart(Ending::Crashed, Place::SameDirectory)]).unwrap();
        assert_eq!(t.summary.runs, 2);
        assert_eq!(t.summary.rewound_attempts, 0);
        assert!(
            t.summary.verdict.contains("each restart forks another run"),
            "{}",
            t.summary.verdict
        );
    }

    /// A run the caller says exists is still there for the restarts when the first launch
    /// raised before starting anything.
    #[test]
    fn an_existing_run_outlives_a_failed_first_launch() {
        let input = on_exp_42(&[("WANDB_RESUME", "never"), ("WANDB_RUN_ID", "exp-42")]);
        let retry_allow = Attempt {
            env: Some(EnvVars::from([
                ("WANDB_RESUME", "allow"),
                ("WANDB_RUN_ID", "exp-42"),
            ])),
            ..restart(Ending::Crashed, Place::SameDirectory)
        };
        let t = simulate(&input, &[retry_allow]).unwrap();
        assert_eq!(t.attempts[0].outcome.action, Action::Fail);
        assert!(t.attempts[1].run_existed);
        assert_eq!(t.attempts[1].outcome.action, Action::Resume);
    }

    /// Offline attempts leave nothing on W&B: a later online attempt with the same id finds
    /// no run and creates it, where an online first attempt would have been resumed.
    #[test]
    fn offline_attempts_do_not_create_runs_on_w_and_b() {
        let input = ResumeInput {
            env: Some(allow_exp_42("offline")),
            ..Default::default()
        };
        let online_again = Attempt {
            env: Some(allow_exp_42("online")),
            ..restart(Ending::Preempted, Place::NewMachine)
        };
        let t = simulate(
            &input,
            &[restart(Ending::Crashed, Place::SameDirectory), online_again],
        )
        .unwrap();
        let actions: Vec<Action> = t.attempts.iter().map(|a| a.outcome.action).collect();
        assert_eq!(actions, [Action::Offline, Action::Offline, Action::Create]);
        assert!(!t.attempts[2].run_existed);
        assert_eq!(t.summary.runs, 1);
        assert!(
            t.summary.verdict.contains("2 attempt(s) run offline"),
            "{}",
            t.summary.verdict
        );
        assert!(
            t.summary
                .verdict
                .contains("writes each directory of an id over")
        );
    }

    /// Disabled attempts keep nothing and name no run: the verdict counts them apart, and a
    /// later online attempt with the same id creates the run.
    #[test]
    fn disabled_attempts_keep_nothing() {
        let input = ResumeInput {
            env: Some(allow_exp_42("disabled")),
            ..Default::default()
        };
        let attempts = [restart(Ending::Crashed, Place::SameDirectory)];
        let t = simulate(&input, &attempts).unwrap();
        let actions: Vec<Action> = t.attempts.iter().map(|a| a.outcome.action).collect();
        assert_eq!(actions, [Action::Disabled, Action::Disabled]);
        assert_eq!(t.summary.runs, 0);
        assert!(t.summary.verdict.starts_with("every attempt runs disabled"));
        let online_again = Attempt {
            env: Some(allow_exp_42("online")),
            ..restart(Ending::Preempted, Place::NewMachine)
        };
        let t = simulate(&input, &[attempts[0].clone(), online_again]).unwrap();
        let actions: Vec<Action> = t.attempts.iter().map(|a| a.outcome.action).collect();
        assert_eq!(
            actions,
            [Action::Disabled, Action::Disabled, Action::Create]
        );
        assert_eq!(t.summary.runs, 1);
        assert_eq!(
            t.summary.verdict,
            "2 of 3 attempts run disabled and keep nothing; the rest: one launch, one run."
        );
    }

    /// A disabled run's `finish()` leaves the resume file its settings wrote: the next launch
    /// in the directory picks up that id.
    #[test]
    fn a_finished_disabled_run_leaves_the_resume_file() {
        let input = ResumeInput {
            env: Some(EnvVars::from([("WANDB_MODE", "disabled")])),
            init: Some(crate::model::InitArgs {
                resume: Some(ResumeArg::Text("auto".to_owned())),
                ..Default::default()
            }),
            ..Default::default()
        };
        let online_again = Attempt {
            env: Some(EnvVars::new()),
            ..restart(Ending::Finished, Place::SameDirectory)
        };
        let t = simulate(&input, &[online_again]).unwrap();
        let first = &t.attempts[0];
        assert_eq!(first.outcome.action, Action::Disabled);
        assert_eq!(first.decision.resume_file_action, ResumeFileAction::Written);
        let second = &t.attempts[1];
        assert_eq!(
            second.decision.run_id_source,
            crate::model::RunIdSource::ResumeFile
        );
        assert_eq!(second.run_id, first.run_id);
        assert_eq!(second.outcome.action, Action::Create);
    }

    /// 0.19.0 with the service process off writes the resume file, then crashes: the file
    /// stays for the restart, which reads the same id and crashes again; 0.19.11 runs, and the
    /// restart resumes — as the timeline vectors recorded (`resume=True`, killed, then a restart
    /// in the same directory).
    #[test]
    fn a_crash_with_the_service_off_leaves_the_resume_file_on_0_19_0() {
        let recorded = |sdk: &str| {
            crate::recorded::result(
                "timeline-vectors.json",
                sdk,
                "resume=True with WANDB_DISABLE_SERVICE=true, killed first",
                |c| {
                    c["launch"]["env"]["WANDB_DISABLE_SERVICE"] == "true"
                        && c["attempts"][0]["ending"] == "sigkill"
                        && c["attempts"][1]["where"] == "sameDirectory"
                },
            )
        };
        let input = |sdk: &str| ResumeInput {
            sdk: Some(sdk.into()),
            env: Some(EnvVars::from([("WANDB_DISABLE_SERVICE", "true")])),
            init: Some(InitArgs {
                resume: Some(ResumeArg::Bool(true)),
                ..Default::default()
            }),
            ..Default::default()
        };
        // The first attempt raised: its script stopped on the exception.
        let restarts = [restart(Ending::Crashed, Place::SameDirectory)];
        let sdk = recorded("0.19.0");
        assert!(
            sdk[0]["raised"].is_object() && sdk[1]["raised"].is_object(),
            "{sdk}"
        );
        assert!(sdk[0]["resumeFileAtEnd"].is_string(), "{sdk}");
        assert_eq!(sdk[1]["resumeFileAtEnd"], sdk[0]["resumeFileAtEnd"]);
        let crashed = simulate(&input("0.19.0"), &restarts).unwrap();
        let [first, second] = &crashed.attempts[..] else {
            panic!("two attempts")
        };
        assert_eq!(first.outcome.action, Action::Fail);
        assert_eq!(second.outcome.action, Action::Fail);
        assert_eq!(first.decision.resume_file_action, ResumeFileAction::Written);
        assert!(first.resume_file_at_end.is_some());
        assert_eq!(second.decision.run_id, first.resume_file_at_end);
        assert_eq!(second.resume_file_at_end, first.resume_file_at_end);
        let sdk = recorded("0.19.11");
        assert_eq!(sdk[1]["resumed"], true, "{sdk}");
        let repaired = simulate(&input("0.19.11"), &restarts).unwrap();
        assert_eq!(repaired.summary.failed_attempts, 0);
        assert_eq!(repaired.attempts[1].outcome.action, Action::Resume);
    }

    /// An empty resume file (a job killed while wandb rewrote it) in the same directory:
    /// 0.19.2 fails on every restart and leaves the file as it is; 0.19.3 passes over it on
    /// the first launch, writes a new id, and every restart resumes that run.
    #[test]
    fn an_empty_resume_file_fails_every_restart_until_0_19_3() {
        let input = |sdk: &str| ResumeInput {
            sdk: Some(sdk.into()),
            init: Some(InitArgs {
                resume: Some(ResumeArg::Bool(true)),
                ..Default::default()
            }),
            context: Some(LaunchContext {
                resume_file_text: Some(String::new()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let restarts = [
            restart(Ending::Preempted, Place::SameDirectory),
            restart(Ending::Crashed, Place::SameDirectory),
        ];
        let old = simulate(&input("0.19.2"), &restarts).unwrap();
        assert_eq!(old.summary.failed_attempts, 3);
        for a in &old.attempts {
            assert_eq!(a.resume_file_text_at_end.as_deref(), Some(""));
            assert_eq!(a.resume_file_at_end, None);
        }
        let new = simulate(&input("0.19.3"), &restarts).unwrap();
        assert_eq!(new.summary.failed_attempts, 0);
        assert_eq!(new.summary.runs, 1);
        assert_eq!(new.summary.resumed_attempts, 2);
        assert!(
            new.attempts
                .iter()
                .all(|a| a.resume_file_text_at_end.is_none())
        );
        // Another machine never sees the file.
        let elsewhere = [restart(Ending::Preempted, Place::NewMachine)];
        let moved = simulate(&input("0.19.2"), &elsewhere).unwrap();
        assert_eq!(moved.summary.failed_attempts, 1);
        assert_eq!(moved.attempts[1].outcome.action, Action::Create);
    }

    #[test]
    fn auto_resume_in_the_same_directory_keeps_one_run() {
        let input = ResumeInput {
            init: Some(InitArgs {
                resume: Some(ResumeArg::Bool(true)),
                ..Default::default()
            }),
            ..Default::default()
        };
        let t = simulate(
            &input,
            &[
                restart(Ending::Preempted, Place::SameDirectory),
                restart(Ending::Crashed, Place::SameDirectory),
            ],
        )
        .unwrap();
        assert_eq!(t.summary.runs, 1, "{:#?}", t.summary);
        assert_eq!(t.attempts[1].outcome.action, Action::Resume);
        assert_eq!(t.attempts[0].run_id.as_deref(), Some("new00001"));
        assert!(t.attempts[0].run_id_generated);
    }

    #[test]
    fn auto_resume_on_new_machines_splits_the_run() {
        let input = ResumeInput {
            init: Some(InitArgs {
                resume: Some(ResumeArg::Bool(true)),
                ..Default::default()
            }),
            ..Default::default()
        };
        let t = simulate(
            &input,
            &[
                restart(Ending::Preempted, Place::NewMachine),
                restart(Ending::Preempted, Place::NewMachine),
            ],
        )
        .unwrap();
        assert_eq!(t.summary.runs, 3);
        assert!(
            t.attempts
                .iter()
                .all(|a| a.outcome.action == Action::Create)
        );
    }

    #[test]
    fn the_settings_file_stays_with_its_directory() {
        // `wandb offline` in the job's directory: offline there, not in another directory.
        let input = crate::codec::input_from_json(
            r#"{"sdk":"0.31.0","env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"job-1"},"context":{"settingsFile":{"mode":"offline"}}}"#,
        )
        .unwrap();
        let t = simulate(
            &input,
            &[
                restart(Ending::Preempted, Place::SameDirectory),
                restart(Ending::Preempted, Place::SameFilesystem),
                restart(Ending::Preempted, Place::SameDirectory),
            ],
        )
        .unwrap();
        let actions: Vec<Action> = t.attempts.iter().map(|a| a.outcome.action).collect();
        assert_eq!(
            actions,
            [
                Action::Offline,
                Action::Offline,
                Action::Create,
                Action::Resume
            ]
        );
    }

    #[test]
    fn a_deleted_run_id_cannot_come_back() {
        let input = ResumeInput {
            env: Some(
                [("WANDB_RESUME", "allow"), ("WANDB_RUN_ID", "job-1")]
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
            ),
            ..Default::default()
        };
        let mut again = restart(Ending::Crashed, Place::NewMachine);
        again.delete_run = true;
        let t = simulate(&input, &[again]).unwrap();
        assert_eq!(t.attempts[1].outcome.action, Action::Fail);
        assert!(
            t.attempts[1]
                .outcome
                .message
                .contains("previously created and deleted")
        );
        assert_eq!(t.summary.failed_attempts, 1);
    }

    #[test]
    fn a_normal_exit_keeps_the_resume_file_from_0_13_0() {
        let input = |sdk: &str| ResumeInput {
            sdk: Some(sdk.to_owned()),
            init: Some(InitArgs {
                resume: Some(ResumeArg::Bool(true)),
                ..Default::default()
            }),
            ..Default::default()
        };
        let exited = [restart(Ending::Exited, Place::SameDirectory)];
        let new = simulate(&input("0.13.0"), &exited).unwrap();
        assert_eq!(new.attempts[1].outcome.action, Action::Resume);
        let old = simulate(&input("0.12.21"), &exited).unwrap();
        assert_eq!(old.attempts[1].outcome.action, Action::Create);
    }

    #[test]
    fn too_many_attempts_is_an_error() {
        let many = vec![restart(Ending::Crashed, Place::SameDirectory); MAX_ATTEMPTS + 1];
        assert_eq!(
            simulate(&ResumeInput::default(), &many),
            Err(SimulateError::TooManyAttempts(MAX_ATTEMPTS + 1))
        );
    }
}
