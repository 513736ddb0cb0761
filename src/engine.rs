//! `decide`: one configuration, one launch → what W&B does.
//!
//! The pipeline mirrors the SDK's own order: read the environment, apply `wandb.init`
//! arguments over it, clear what a sweep ignores, check the branching options, settle the
//! run id (explicit, resume file, `resume_from`, or generated), then preview both server
//! branches (run exists / run missing). Every version-dependent step asks the [`Profile`].

use std::collections::BTreeMap;

use crate::diagnostics::{self, Code, DiagnosticExt, diagnostic};
use crate::model::{
    Decision, Diagnostic, InitArgs, LaunchContext, ResumeInput, ResumeMode, RunIdSource, Severity,
};
use crate::outcome;
use crate::profile::{Profile, Rule, since};
use crate::pyunicode::repr;
use crate::resume_value::{self, ResumeSetting};
use crate::run_id::check_run_id;
use crate::run_moment::{self, RunMoment};
use crate::version::{SdkVersion, VersionError, parse_sdk_version};

/// Environment variables the engine reads.
pub mod env_keys {
    /// Resume mode.
    pub const RESUME: &str = "WANDB_RESUME";
    /// Run id.
    pub const RUN_ID: &str = "WANDB_RUN_ID";
    /// Set by the sweep agent for every sweep run.
    pub const SWEEP_ID: &str = "WANDB_SWEEP_ID";
    /// Run notes.
    pub const NOTES: &str = "WANDB_NOTES";
    /// `resume_from` (read from the environment from 0.19.0 on).
    pub const RESUME_FROM: &str = "WANDB_RESUME_FROM";
    /// `fork_from` (read from the environment from 0.19.0 on).
    pub const FORK_FROM: &str = "WANDB_FORK_FROM";
}

/// Resolves the `sdk` option to the version whose rules apply, reporting a string that is
/// not a usable version. Never guesses silently: every fallback comes with a diagnostic.
pub fn resolve_sdk(sdk: Option<&str>, out: &mut Vec<Diagnostic>) -> SdkVersion {
    let Some(text) = sdk else {
        return SdkVersion::NEWEST;
    };
    match parse_sdk_version(text) {
        Ok(v) if v > SdkVersion::NEWEST => {
            out.push(
                diagnostic(
                    Code::SdkVersionNewer,
                    Severity::Warning,
                    Some("sdk"),
                    format!(
                        "wandb {v} is newer than {}, the newest SDK whose rules this module knows; the rules of {} are applied.",
                        SdkVersion::NEWEST,
                        SdkVersion::NEWEST
                    ),
                )
                .hint("Update wandb-resume to get the rules of newer SDKs."),
            );
            SdkVersion::NEWEST
        }
        Ok(v) => v,
        Err(err) => {
            let (code, applied, hint) = match &err {
                VersionError::Unparseable => (
                    Code::SdkVersionInvalid,
                    SdkVersion::NEWEST,
                    format!(
                        "Give the version `pip show wandb` prints, e.g. \"{}\".",
                        SdkVersion::NEWEST
                    ),
                ),
                VersionError::TooOld(_) => (
                    Code::SdkVersionUnsupported,
                    SdkVersion::OLDEST,
                    format!(
                        "Upgrade wandb; the oldest modelled version is {}.",
                        SdkVersion::OLDEST
                    ),
                ),
                VersionError::NeverReleased(v) => (
                    Code::SdkVersionUnknown,
                    *v,
                    match v.released_in_series() {
                        Some((first, last)) => {
                            format!("Releases of this series run from {first} to {last}.")
                        }
                        None => "Check the version with `pip show wandb`.".to_owned(),
                    },
                ),
            };
            out.push(
                diagnostic(
                    code,
                    Severity::Error,
                    Some("sdk"),
                    format!("{err}; the rules of {applied} are shown, but nothing is certain."),
                )
                .hint(hint),
            );
            applied
        }
    }
}

/// Everything the engine settled before looking at the server.
pub(crate) struct Settled<'a> {
    pub profile: Profile,
    pub resume: ResumeSetting,
    pub run_id: Option<String>,
    pub run_id_source: RunIdSource,
    pub resume_from: Option<RunMoment>,
    pub fork_from: Option<RunMoment>,
    pub context: &'a LaunchContext,
    pub in_sweep: bool,
    /// The SDK raises in `wandb.init` before contacting the server.
    pub rejected: bool,
}

/// What W&B will do with `input` on one launch. Never panics; problems are diagnostics.
pub fn decide(input: &ResumeInput) -> Decision {
    let mut out: Vec<Diagnostic> = Vec::new();
    let version = resolve_sdk(input.sdk.as_deref(), &mut out);
    let profile = Profile::new(version);
    let empty_env = BTreeMap::new();
    let env = input.env.as_ref().unwrap_or(&empty_env);
    let default_init = InitArgs::default();
    let init = input.init.as_ref().unwrap_or(&default_init);
    let default_context = LaunchContext::default();
    let context = input.context.as_ref().unwrap_or(&default_context);
    let mut rejected = false;

    // 1. The resume mode: init argument over WANDB_RESUME, read as this version reads it.
    let resume = resume_value::resolve(
        &profile,
        init.resume.as_ref(),
        env.get(env_keys::RESUME),
        &mut out,
    );
    rejected |= resume.rejected;

    // 2. Options this SDK does not have at all.
    rejected |= check_option_exists(&profile, init, &mut out);

    // 3. Run ids as given: validated where the SDK validates them (the environment when the
    //    settings load, init arguments when they are assigned).
    let in_sweep = env.get(env_keys::SWEEP_ID).is_some_and(|s| !s.is_empty());
    let env_id = env.get(env_keys::RUN_ID);
    if let Some(id) = env_id {
        rejected |= !check_run_id(id, "env.WANDB_RUN_ID", &profile, &mut out);
    }
    let mut init_id = init.id.as_ref();
    if let Some(id) = init_id {
        rejected |= !check_run_id(id, "init.id", &profile, &mut out);
    }
    if let Some(id) = &resume.id_from_value {
        rejected |= !check_run_id(id, resume.field(), &profile, &mut out);
    }

    // 4. A sweep ignores the init id (the agent's WANDB_RUN_ID names the sweep run).
    if in_sweep {
        if let Some(id) = init_id.filter(|id| !id.is_empty() || profile.has(Rule::RejectEmptyRunId))
        {
            let sdk_text = resume_value::sweep_ignore_message(&profile, id);
            out.push(
                diagnostic(
                    Code::SweepIgnoresRunId,
                    Severity::Warning,
                    Some("init.id"),
                    format!(
                        "WANDB_SWEEP_ID is set, so wandb ignores init id {} and uses the id the sweep agent chose{}.",
                        repr(id),
                        env_id.map(|e| format!(" ({})", repr(e))).unwrap_or_default()
                    ),
                )
                .hint("Drop `id=` from wandb.init in sweep runs; the agent names each run.")
                .sdk(sdk_text),
            );
            init_id = None;
        }
        if resume.mode.is_some() {
            out.push(
                diagnostic(
                    Code::SweepResumeUnsupported,
                    Severity::Warning,
                    Some(resume.field()),
                    "resuming a run that was executed as part of a sweep is not supported.".to_owned(),
                )
                .hint("Let the sweep agent start a new run; resume sweeps with `wandb sweep --resume` and a new agent."),
            );
        }
    }

    // 5. Run moments and their mutual exclusion.
    let resume_from_text = init
        .resume_from
        .as_ref()
        .map(|t| (t.as_str(), "init.resumeFrom"))
        .or_else(|| {
            env_moment(
                &profile,
                env,
                env_keys::RESUME_FROM,
                "env.WANDB_RESUME_FROM",
            )
        });
    let fork_from_text = init
        .fork_from
        .as_ref()
        .map(|t| (t.as_str(), "init.forkFrom"))
        .or_else(|| env_moment(&profile, env, env_keys::FORK_FROM, "env.WANDB_FORK_FROM"));
    let resume_from = resume_from_text
        .filter(|_| profile.has(Rule::ResumeFrom))
        .and_then(|(text, field)| parse_moment(text, field, &mut out, &mut rejected));
    let fork_from = fork_from_text
        .filter(|_| profile.has(Rule::ForkFrom))
        .and_then(|(text, field)| parse_moment(text, field, &mut out, &mut rejected));
    if profile.has(Rule::ResumeFrom) {
        let set = [
            resume.mode.is_some(),
            resume_from_text.is_some(),
            fork_from_text.is_some(),
        ];
        if set.iter().filter(|s| **s).count() > 1 {
            let mut names = Vec::new();
            if set[0] {
                names.push(format!("resume ({})", resume.field()));
            }
            if let Some((_, f)) = resume_from_text {
                names.push(format!("resume_from ({f})"));
            }
            if let Some((_, f)) = fork_from_text {
                names.push(format!("fork_from ({f})"));
            }
            out.push(
                diagnostic(
                    Code::BranchingArgsExclusive,
                    Severity::Error,
                    None,
                    format!("{} are set together; wandb {} accepts only one of them (the environment counts).", names.join(", "), profile.version),
                )
                .hint("Keep one: resume to continue a run, resume_from to rewind it, fork_from to branch a new run.")
                .sdk(resume_value::exclusive_message(&profile)),
            );
            rejected = true;
        }
    }

    // 6. The run id: explicit (init over env), resume file (auto), resume_from, generated.
    let (mut run_id, mut run_id_source) = match (init_id, env_id, &resume.id_from_value) {
        (Some(id), _, _) if !id.is_empty() || profile.has(Rule::RejectEmptyRunId) => {
            (Some(id.clone()), RunIdSource::Init)
        }
        (_, _, Some(id)) => (Some(id.clone()), RunIdSource::InitResume),
        (_, Some(id), _) if !id.is_empty() || profile.has(Rule::RejectEmptyRunId) => {
            (Some(id.clone()), RunIdSource::Env)
        }
        _ => (None, RunIdSource::Generated),
    };
    if let (Some(id), Some(from_env)) = (init_id, env_id) {
        if run_id_source == RunIdSource::Init && id != from_env {
            out.push(diagnostic(
                Code::InitOverridesEnv,
                Severity::Info,
                Some("init.id"),
                format!(
                    "init id {} overrides WANDB_RUN_ID {}.",
                    repr(id),
                    repr(from_env)
                ),
            ));
        }
    }
    let resume_file = context.resume_file.as_deref();
    if resume.mode == Some(ResumeMode::Auto) {
        match (resume_file, &run_id) {
            (Some(file_id), None) if !file_id.is_empty() => {
                rejected |= !check_run_id(file_id, "context.resumeFile", &profile, &mut out);
                out.push(diagnostic(
                    Code::RunIdFromResumeFile,
                    Severity::Info,
                    Some("context.resumeFile"),
                    format!(
                        "resume is auto, so wandb takes run id {} from wandb/wandb-resume.json.",
                        repr(file_id)
                    ),
                ));
                run_id = Some(file_id.to_owned());
                run_id_source = RunIdSource::ResumeFile;
            }
            (Some(file_id), Some(id)) if !file_id.is_empty() && file_id != id => {
                out.push(
                    diagnostic(
                        Code::ResumeFileIgnored,
                        Severity::Warning,
                        Some("context.resumeFile"),
                        format!(
                            "wandb/wandb-resume.json holds run id {}, but the run id is set to {}, so the file is ignored and then overwritten.",
                            repr(file_id),
                            repr(id)
                        ),
                    )
                    .hint("Remove the explicit id to resume the run in the file, or delete the file.")
                    .sdk(resume_value::resume_file_ignored_message(&profile, file_id, id)),
                );
            }
            (Some(""), _) => out.push(diagnostic(
                Code::ResumeFileInvalid,
                Severity::Info,
                Some("context.resumeFile"),
                "wandb/wandb-resume.json holds an empty run id, which wandb ignores.".to_owned(),
            )),
            _ => {}
        }
    }
    if run_id.is_none() {
        if let Some(moment) = &resume_from {
            run_id = Some(moment.run.clone());
            run_id_source = RunIdSource::ResumeFrom;
            rejected |= !check_run_id(&moment.run, "init.resumeFrom", &profile, &mut out);
        }
    }
    if let (Some(moment), Some(id)) = (&resume_from, &run_id) {
        if run_id_source != RunIdSource::ResumeFrom && moment.run != *id {
            out.push(
                diagnostic(
                    Code::ResumeFromDifferentId,
                    Severity::Error,
                    Some("init.resumeFrom"),
                    format!(
                        "resume_from names run {} but the run id is {}.",
                        repr(&moment.run),
                        repr(id)
                    ),
                )
                .hint("Drop the id (resume_from supplies it) or make them the same.")
                .sdk("Both `run_id` and `resume_from` have been specified with different ids."),
            );
            rejected = true;
        }
    }
    if let (Some(moment), Some(id)) = (&fork_from, &run_id) {
        if moment.run == *id {
            out.push(
                diagnostic(
                    Code::ForkFromSameId,
                    Severity::Error,
                    Some("init.forkFrom"),
                    format!("fork_from names the run's own id {}; a fork is a new run.", repr(id)),
                )
                .hint("Give the fork a different id (or none), or use resume_from to rewind this run.")
                .sdk("Provided `run_id` is the same as the run to `fork_from`. Please provide a different `run_id` or remove the `run_id` argument. If you want to rewind the current run, please use `resume_from` instead."),
            );
            rejected = true;
        }
    }

    let settled = Settled {
        profile,
        resume,
        run_id,
        run_id_source,
        resume_from,
        fork_from,
        context,
        in_sweep,
        rejected,
    };

    // 7. What the configuration means across restarts, and who else touches the run.
    outcome::explain(&settled, init, env, &mut out);
    diagnostics::sort(&mut out);
    let valid = !out.iter().any(|d| d.severity == Severity::Error);
    let (if_exists, if_missing) = outcome::branches(&settled, &out);
    let (resume_file_after, resume_file_action) = outcome::resume_file_after(&settled);

    Decision {
        valid,
        sdk: settled.profile.version.to_string(),
        cell: outcome::cell(&settled.resume),
        resume: settled.resume.mode,
        resume_source: settled.resume.source,
        run_id: settled.run_id,
        run_id_source: settled.run_id_source,
        if_exists,
        if_missing,
        resume_file_after,
        resume_file_action,
        diagnostics: out,
    }
}

/// `WANDB_RESUME_FROM` / `WANDB_FORK_FROM`, which the settings read from the environment only
/// in versions whose settings map every `WANDB_<NAME>` to the setting `<name>`.
fn env_moment<'a>(
    profile: &Profile,
    env: &'a BTreeMap<String, String>,
    key: &str,
    field: &'static str,
) -> Option<(&'a str, &'static str)> {
    if !profile.has(Rule::EnvRunMoments) {
        return None;
    }
    env.get(key).map(|v| (v.as_str(), field))
}

fn parse_moment(
    text: &str,
    field: &str,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) -> Option<RunMoment> {
    match run_moment::parse_run_moment(text) {
        Some(moment) => {
            if !moment.step.is_whole_non_negative() {
                out.push(
                    diagnostic(
                        Code::RunMomentStepUnusual,
                        Severity::Warning,
                        Some(field),
                        format!(
                            "the step {} in {} is not a whole number ≥ 0; the SDK passes it on, but W&B history steps are whole numbers from 0.",
                            moment.step,
                            repr(text)
                        ),
                    )
                    .hint("Use the `_step` of a logged row, e.g. \"<run>?_step=1000\"."),
                );
            }
            Some(moment)
        }
        None => {
            out.push(
                diagnostic(
                    Code::RunMomentMalformed,
                    Severity::Error,
                    Some(field),
                    format!(
                        "{} is not a run moment of the form \"<run>?_step=<N>\".",
                        repr(text)
                    ),
                )
                .hint("Write it as \"<run id>?_step=<step>\", e.g. \"ans3bsax?_step=123\".")
                .sdk(run_moment::parse_error_message(text)),
            );
            *rejected = true;
            None
        }
    }
}

/// Options that the named SDK does not have: `wandb.init()` raises a `TypeError` for an
/// unknown keyword argument.
fn check_option_exists(profile: &Profile, init: &InitArgs, out: &mut Vec<Diagnostic>) -> bool {
    let mut rejected = false;
    for (present, rule, name, field) in [
        (
            init.fork_from.is_some(),
            Rule::ForkFrom,
            "fork_from",
            "init.forkFrom",
        ),
        (
            init.resume_from.is_some(),
            Rule::ResumeFrom,
            "resume_from",
            "init.resumeFrom",
        ),
    ] {
        if present && !profile.has(rule) {
            out.push(
                diagnostic(
                    Code::NeedsNewerSdk,
                    Severity::Error,
                    Some(field),
                    format!(
                        "wandb {} has no `{name}` argument; it needs wandb {} or newer.",
                        profile.version,
                        since(rule)
                    ),
                )
                .hint(format!(
                    "Upgrade wandb to {} or newer, or drop `{name}`.",
                    since(rule)
                ))
                .sdk(format!(
                    "init() got an unexpected keyword argument '{name}'"
                )),
            );
            rejected = true;
        }
    }
    rejected
}
