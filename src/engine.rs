//! `decide`: one configuration, one launch → what W&B does.
//!
//! The pipeline mirrors the SDK's own order: read the environment, apply `wandb.init`
//! arguments over it, clear what a sweep ignores, check the branching options, settle the
//! run id (explicit, resume file, `resume_from`, or generated), then preview both server
//! branches (run exists / run missing). Every version-dependent step asks the [`Profile`].

use crate::branching;
use crate::check_order;
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::env_vars::EnvVars;
use crate::model::{
    Decision, Diagnostic, InitArgs, LaunchContext, ResumeInput, RunIdSource, SettingsArg, Severity,
};
use crate::outcome;
use crate::profile::{Profile, Rule};
use crate::pyunicode::{self, repr};
use crate::resume_file::{self, FileFound};
use crate::resume_file_text;
use crate::resume_value::{self, ResumeSetting};
use crate::run_id::{check_effective_run_id, check_run_id};
use crate::run_mode::{self, DisabledRunId, LocalLaunch};
use crate::run_moment::RunMoment;
use crate::settings_arg;
use crate::settings_resume;
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
    /// `resume_from` (read from the environment by every SDK that has the option).
    pub const RESUME_FROM: &str = "WANDB_RESUME_FROM";
    /// `fork_from` (read from the environment by every SDK that has the option).
    pub const FORK_FROM: &str = "WANDB_FORK_FROM";
    /// Turns the service process off (0.13.0–0.19.x), which changes what the end of a script
    /// does to the resume file.
    pub const DISABLE_SERVICE: &str = crate::service_process::DISABLE_SERVICE;
    /// The run mode: offline, W&B is not asked about the run.
    pub const MODE: &str = crate::run_mode::MODE_ENV;
    /// The `disabled` setting (0.12.10–0.18.7): offline when true, whatever the mode says.
    pub const DISABLED: &str = crate::disabled_env::DISABLED_ENV;
    /// Every variable above (for generators of test configurations).
    pub const ALL: [&str; 9] = [
        RESUME,
        RUN_ID,
        SWEEP_ID,
        NOTES,
        RESUME_FROM,
        FORK_FROM,
        DISABLE_SERVICE,
        MODE,
        DISABLED,
    ];
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
    /// The input fields `resume_from` and `fork_from` came from (`wandb.init`'s or the
    /// environment's).
    pub branch_fields: [&'static str; 2],
    pub context: &'a LaunchContext,
    /// What the launch finds in `wandb/wandb-resume.json`.
    pub file: FileFound<'a>,
    pub in_sweep: bool,
    /// The SDK raises in `wandb.init` before contacting the server.
    pub rejected: bool,
    /// It raises only once it has made its settings, where the auto-resume file is handled:
    /// at the run directory (an id too long for a file name, the offline vectors) or later
    /// (0.19.0 crashing with the service process off, the timeline vectors; 0.17.8–0.18.x
    /// refusing `auto` beside `fork_from`, the branching timelines).
    pub rejected_after_settings: bool,
    /// It raises only once it has written an `auto` run id to the auto-resume file
    /// ([`crate::check_order::auto_file_written`]: with the settings from 0.10.0, past the run
    /// directory in 0.9.x).
    pub rejected_after_auto_file: bool,
    /// `wandb.init` passes locally but the backend refuses the launch.
    pub backend_error: Option<branching::BackendError>,
    /// Offline or disabled, `wandb.init` never asks W&B about the run (and the field that
    /// made it so); `None` online.
    pub local: Option<LocalLaunch>,
    /// Online in the shared mode: the field that set it ([`crate::shared_mode`]).
    pub shared: Option<&'static str>,
    /// wandb-core runs the launch: its default releases (0.18.0+) with the service process
    /// on; turned off (0.18.x–0.19.x), the Python internal process runs it instead.
    pub core_backend: bool,
}

/// What W&B will do with `input` on one launch. Never panics; problems are diagnostics.
pub fn decide(input: &ResumeInput) -> Decision {
    let mut out: Vec<Diagnostic> = Vec::new();
    let version = resolve_sdk(input.sdk.as_deref(), &mut out);
    let profile = Profile::new(version);
    let empty_env = EnvVars::new();
    let env = input.env.as_ref().unwrap_or(&empty_env);
    let default_init = InitArgs::default();
    // Any non-empty WANDB_SWEEP_ID means "in a sweep" (0.19.0+ also validate it, step 2).
    let in_sweep = env.get(env_keys::SWEEP_ID).is_some_and(|s| !s.is_empty());
    // The settings' own resume and run_id, applied where the release applies them.
    let folded = settings_resume::fold(
        &profile,
        input.init.as_ref().unwrap_or(&default_init),
        in_sweep,
        &mut out,
    );
    let init = &*folded.init;
    let default_context = LaunchContext::default();
    let context = input.context.as_ref().unwrap_or(&default_context);
    let decoded = context
        .resume_file_text
        .as_deref()
        .map(resume_file_text::read);
    let file = FileFound::of(context.resume_file.as_deref(), decoded.as_ref());

    // 1. The resume mode: init argument over WANDB_RESUME, read as this version reads it.
    let mut resume = resume_value::resolve(
        &profile,
        init.resume.as_ref(),
        env.get(env_keys::RESUME),
        &mut out,
    );
    if resume.id_from_value.is_none() {
        resume.id_from_value = folded.call_resume_id.clone();
    }
    // A settings resume stored as given is not the call's `resume=`: wandb.init's check
    // against resume_from= / fork_from= does not see it.
    resume.init_given &= !folded.resume_stored;
    resume.from_settings = folded.resume_from_settings;
    let mut rejected = resume.rejected | folded.rejected;

    // 2. The sweep id, validated from 0.19.0 on.
    check_sweep_id(
        &profile,
        env.get(env_keys::SWEEP_ID),
        &mut out,
        &mut rejected,
    );

    // 2b. WANDB_DISABLE_SERVICE, read as a bool by 0.13.11–0.19.x (and the settings' key).
    rejected |= !crate::service_process::check(&profile, env, init.settings.as_ref(), &mut out);

    // 2c. The `settings=` argument's own errors; then the run mode: offline or disabled, W&B
    //     is not asked about the run.
    if let Some(settings) = &init.settings {
        settings_arg::settle(&profile, settings, &mut out, &mut rejected);
        crate::settings_service::settle(&profile, settings, env, &mut out, &mut rejected);
    }
    let file_modes = crate::settings_file::load(
        &profile,
        context.settings_file.as_ref(),
        &mut out,
        &mut rejected,
    );
    let disabled_env = crate::disabled_env::read(&profile, env, &mut out, &mut rejected);
    let mut shared = None;
    let local = run_mode::settle(
        &profile,
        run_mode::ModeSources {
            init: init.mode.as_deref(),
            env: env.get(env_keys::MODE).map(String::as_str),
            settings_object: init.settings.as_ref().is_some_and(SettingsArg::is_object),
            settings: init.settings.as_ref().and_then(|s| s.mode.as_deref()),
            file: file_modes,
            disabled_env,
        },
        &mut out,
        &mut rejected,
        &mut shared,
    );

    // 3. Run ids as given, validated where the SDK validates them: the environment when the
    //    settings load; init arguments when assigned — except that 0.10.22–0.18.7 drop an
    //    init id in a sweep before validating it.
    let env_id = env.get(env_keys::RUN_ID);
    if let Some(id) = env_id {
        rejected |= !check_run_id(id, "env.WANDB_RUN_ID", &profile, &mut out);
    }
    let sweep_drops_init_id =
        in_sweep && profile.has(Rule::SweepIgnoresInitId) && !folded.run_id_kept_in_sweep;
    let mut init_id = init.id.as_ref();
    if let Some(id) = init_id {
        if !sweep_drops_init_id || profile.has(Rule::StrictResume) {
            rejected |= !check_run_id(id, "init.id", &profile, &mut out);
        }
    }
    // A `resume` string is only a run id when no init id is given; otherwise the SDK drops it
    // unvalidated.
    let init_id_usable = !sweep_drops_init_id
        && init_id.is_some_and(|id| !id.is_empty() || profile.has(Rule::RejectEmptyRunId));
    if let Some(id) = resume.id_from_value.as_ref().filter(|id| !id.is_empty()) {
        if !init_id_usable {
            rejected |= !check_run_id(id, resume.field(), &profile, &mut out);
        }
    }

    // 4. Sweeps: the agent names the run through WANDB_RUN_ID.
    if in_sweep {
        sweep(
            &profile,
            (init_id, folded.run_id_from_settings, sweep_drops_init_id),
            input.init.as_ref().and_then(|i| i.id.as_ref()),
            env_id,
            &resume,
            &mut out,
        );
        if sweep_drops_init_id {
            init_id = None;
        }
    }

    // 5. resume_from / fork_from: availability, parsing, mutual exclusion.
    // The init id as wandb.init's own settings hold it (a sweep clears it there).
    warn_env_load_order(&profile, env, env_id, &mut out);
    let explicit_id = init.id.as_deref().filter(|id| !id.is_empty() && !in_sweep);
    // Which backend runs the launch decides the checks made as the run starts and the answers
    // to the server's.
    let core_backend = profile.has(Rule::CoreBackend)
        && crate::service_process::runs_with(&profile, env, init.settings.as_ref());
    let mut branches = branching::resolve(
        &profile,
        core_backend,
        init,
        env,
        &resume,
        explicit_id,
        &mut out,
    );
    let mut backend_error = branches.backend_error.clone();
    rejected |= branches.rejected;

    // 6. The run id: init over a `resume` string over the environment (an empty id means
    //    "none" where the SDK treats it so), then the resume file, then resume_from.
    // An empty id: 0.9.x skips it (`if id:`); 0.10.0–0.15.5 store it, which beats the
    // environment, and then generate one (`run_id or generate_id()`); 0.15.6+ reject it.
    let settings_keep_empty = profile.has(Rule::SettingsObject);
    let usable = |id: &&String| !id.is_empty() || profile.has(Rule::RejectEmptyRunId);
    let (mut run_id, mut run_id_source) = if let Some(id) = init_id.filter(usable) {
        (Some(id.clone()), RunIdSource::Init)
    } else if init_id.is_some() && settings_keep_empty {
        (None, RunIdSource::Generated)
    } else if let Some(id) = resume.id_from_value.as_ref().filter(|id| !id.is_empty()) {
        (Some(id.clone()), RunIdSource::InitResume)
    } else if resume.id_from_value.is_some() && settings_keep_empty {
        (None, RunIdSource::Generated)
    } else if let Some(id) = env_id.filter(usable) {
        (Some(id.clone()), RunIdSource::Env)
    } else {
        (None, RunIdSource::Generated)
    };
    if let (Some(id), Some(from_env), RunIdSource::Init) = (init_id, env_id, run_id_source) {
        if id != from_env {
            out.push(diagnostic(
                Code::InitOverridesEnv,
                Severity::Info,
                Some("init.id"),
                format!(
                    "{} {} overrides WANDB_RUN_ID {}.",
                    settings_resume::id_name(folded.run_id_from_settings),
                    repr(id),
                    repr(from_env)
                ),
            ));
        }
    }
    // 0.10.0–0.15.5 keep an empty id as the setting until the very end, so the resume file
    // sees "an id is set" (and warns) before a fresh id replaces it.
    let kept_empty_id = settings_keep_empty
        && !profile.has(Rule::RejectEmptyRunId)
        && run_id.is_none()
        && (init_id.is_some_and(|id| id.is_empty())
            || (init_id.is_none() && resume.id_from_value.as_deref() == Some(""))
            || (init_id.is_none()
                && resume.id_from_value.is_none()
                && env_id.is_some_and(|id| id.is_empty())));
    // The fork check compares with the explicit id: 0.19.0+ validate fork_from against the
    // init id as assigned (before a sweep drops it) and against WANDB_RUN_ID; 0.17.8–0.18.7
    // against the id left after the sweep logic.
    let fork_merged_certain =
        !merge_order_dependent(&profile, &branches, init_id, env_id, &mut out);
    let (fork_assigned, fork_merged) = if profile.has(Rule::StrictResume) {
        // WANDB_FORK_FROM is validated when the environment loads, before any id is set.
        if branches.fork_from_init {
            (
                init.id.as_deref(),
                env_id.map(String::as_str).filter(|_| fork_merged_certain),
            )
        } else {
            (None, None)
        }
    } else {
        (run_id.as_deref(), None)
    };
    rejected |=
        !branching::check_fork_from_id(&profile, &branches, fork_assigned, fork_merged, &mut out);
    // 0.17.1–0.18.7 apply resume_from before the auto-resume file (so the file sees its id);
    // from 0.19.0 the file comes first and resume_from fills in only a missing id.
    let resume_from_first = profile.has(Rule::ResumeFrom) && !profile.has(Rule::StrictResume);
    for resume_from_step in [resume_from_first, !resume_from_first] {
        rejected |= !if resume_from_step {
            branching::settle_resume_from(
                &profile,
                &branches,
                init.id.as_deref().filter(|id| !id.is_empty()),
                &mut run_id,
                &mut run_id_source,
                &mut backend_error,
                &mut out,
            )
        } else {
            resume_file::read(
                &profile,
                &resume,
                file,
                kept_empty_id,
                &mut run_id,
                &mut run_id_source,
                &mut out,
            )
        };
    }
    if run_id_source == RunIdSource::ResumeFrom {
        if let Some(id) = &run_id {
            // The id taken from resume_from is set (and validated) after the resume file.
            let checked_from = out.len();
            rejected |= !check_run_id(id, "init.resumeFrom", &profile, &mut out);
            check_order::met_at(&mut out[checked_from..], check_order::LATER_SETTINGS);
        }
    }
    // What only the id the run really gets can break: the run directory, paths, URLs.
    if let Some(id) = &run_id {
        let field = match run_id_source {
            RunIdSource::Init => "init.id",
            RunIdSource::Env => "env.WANDB_RUN_ID",
            RunIdSource::InitResume => "init.resume",
            RunIdSource::ResumeFile => file.field(),
            RunIdSource::ResumeFrom => "init.resumeFrom",
            RunIdSource::Generated => "",
        };
        rejected |= !check_effective_run_id(id, field, &mut out);
    }

    // wandb-core compares fork_from with the id the run really gets when it starts, whatever
    // order the Python checks saw them in: 0.18.0–0.19.11 refuse it, later releases rewind.
    if !rejected && core_backend {
        if !profile.has(Rule::CoreAcceptsSelfFork) {
            rejected |= !branching::check_fork_from_started_id(
                &profile,
                &branches,
                run_id.as_deref(),
                &mut out,
            );
        } else if local.is_none() {
            branching::self_fork_rewinds(&profile, &mut branches, run_id.as_deref(), &mut out);
        }
    }

    // The SDK tests its settled `resume` for truth: a mode is set.
    if matches!(local, Some(LocalLaunch::Offline(_)))
        && resume.mode.is_some()
        && check_order::gets_to(&profile, &out, check_order::RUN_START)
    {
        run_mode::offline_warning(&profile, resume.field(), run_id.as_deref(), &mut out);
    }

    run_mode::login_reached(&profile, &mut out);
    crate::service_process::setup_reached(&profile, &mut out);
    if let Some(local) = local {
        // Offline, W&B is never asked; disabled, wandb.init returns before the backend: what is
        // met there or later is not met.
        rejected = run_mode::stop_short(&profile, local, &mut out);
        backend_error = None;
    }
    // A launch that raises before contacting W&B never meets the backend's refusal either.
    if rejected {
        backend_error = None;
    }

    // Whether the launch raises only once its settings are made: at the run directory (a run
    // id no filesystem takes) or later (the run's start, the backend's checks).
    let rejected_after_settings = rejected
        && !crate::check_order::raises_before(&profile, &out, crate::check_order::RUN_DIRECTORY);
    let rejected_after_auto_file = rejected
        && !crate::check_order::raises_before(
            &profile,
            &out,
            crate::check_order::auto_file_written(&profile),
        );
    let settled = Settled {
        profile,
        resume,
        run_id,
        run_id_source,
        branch_fields: branches.fields(),
        resume_from: branches.resume_from,
        fork_from: branches.fork_from,
        context,
        file,
        in_sweep,
        rejected,
        rejected_after_settings,
        rejected_after_auto_file,
        backend_error,
        local,
        shared,
        core_backend,
    };

    // 7. What the configuration means across restarts, and who else touches the run.
    outcome::explain(&settled, init, env, &mut out);
    // 8. What 0.21.2 prints on every launch.
    spurious_env_change_warning(&settled.profile, &mut out);
    folded.rename_fields(&mut out);
    check_order::sort(&settled.profile, &mut out);
    dedup(&mut out);
    let valid = !out.iter().any(|d| d.severity == Severity::Error);
    let (if_exists, if_missing) = outcome::branches(&settled, &out);
    let (resume_file_after, resume_file_action) = resume_file::after(&settled);
    // Before 0.29.0 the disabled run's id is not the settled one.
    let (run_id, run_id_source) = match settled.local {
        Some(LocalLaunch::Disabled(_))
            if DisabledRunId::of(&settled.profile) != DisabledRunId::Settled =>
        {
            (None, RunIdSource::Generated)
        }
        _ => (settled.run_id, settled.run_id_source),
    };

    Decision {
        valid,
        sdk: settled.profile.version.dotted(),
        cell: outcome::cell(&settled.resume),
        resume: settled.resume.mode,
        resume_source: settled.resume.source,
        run_id,
        run_id_source,
        if_exists,
        if_missing,
        resume_file_after,
        resume_file_action,
        diagnostics: out,
    }
}

/// 0.21.2 inverted the check of `wandb.setup()`'s environment against the process's (fixed
/// in 0.21.3), so every `wandb.init` that gets past its settings — they are shown just before
/// the run directory is made — warns that environment changes will be ignored, though
/// nothing changed and nothing is ignored. Said here so nobody goes hunting for the change.
fn spurious_env_change_warning(profile: &Profile, out: &mut Vec<Diagnostic>) {
    if !profile.has(Rule::SpuriousEnvChangeWarning)
        || profile.has(Rule::EnvChangeWarningFixed)
        || !check_order::gets_to(profile, out, check_order::RUN_DIRECTORY)
    {
        return;
    }
    out.push(
        diagnostic(
            Code::EnvChangeWarningSpurious,
            Severity::Info,
            None,
            format!(
                "wandb {} warns on every launch that changes to the WANDB_ environment variables will be ignored: its check is inverted (fixed in 0.21.3). Nothing is ignored: the variables apply as set.",
                profile.version
            ),
        )
        .hint("Ignore the warning, or upgrade to wandb 0.21.3 or newer to drop it.")
        .sdk("Changes to your `wandb` environment variables will be ignored because your `wandb` session has already started. For more information on how to modify your settings with `wandb.init()` arguments, please refer to https://wandb.me/wandb-init."),
    );
}

/// The same finding about the same field is reported once (an id can be checked both as
/// given and as settled).
fn dedup(out: &mut Vec<Diagnostic>) {
    // A handful of diagnostics: comparing with the ones kept so far needs no allocation.
    let mut i = 0;
    while i < out.len() {
        let repeated = out[..i]
            .iter()
            .any(|kept| kept.code == out[i].code && kept.field == out[i].field);
        if repeated {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// `WANDB_SWEEP_ID`: 0.19.0+ validate it like a run id; before, an empty value simply means
/// "not in a sweep" (`decide` reads that itself).
fn check_sweep_id(
    profile: &Profile,
    sweep_id: Option<&String>,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) {
    let Some(id) = sweep_id else { return };
    if profile.has(Rule::StrictResume) {
        let stripped = pyunicode::strip(id);
        let problem = if id.is_empty() {
            Some(("is empty", "Sweep ID cannot be empty"))
        } else if stripped.len() != id.len() {
            Some((
                "starts or ends with whitespace",
                "Sweep ID cannot start or end with whitespace",
            ))
        } else {
            None
        };
        if let Some((what, sdk)) = problem {
            out.push(
                diagnostic(
                    Code::SweepIdInvalid,
                    Severity::Error,
                    Some("env.WANDB_SWEEP_ID"),
                    format!(
                        "WANDB_SWEEP_ID {what}, and wandb {} rejects it.",
                        profile.version
                    ),
                )
                .hint("Unset WANDB_SWEEP_ID outside sweeps; inside one, the agent sets it.")
                .sdk(sdk),
            );
            *rejected = true;
        }
    }
}

/// The warning that what `wandb.init` does differs from one launch to the next, and `why`;
/// `sdk`: the error it raises on the launches the rest of the decision does not follow.
fn varies_by_launch(
    field: &str,
    why: String,
    hint: String,
    sdk: Option<&'static str>,
) -> Diagnostic {
    let mut warning = diagnostic(
        Code::EnvOrderDependent,
        Severity::Warning,
        Some(field),
        why + ", so what wandb.init does can differ from one launch to the next.",
    )
    .hint(hint);
    warning.sdk_message = sdk.map(str::to_owned);
    warning
}

/// 0.19.0+ load the environment variable by variable, validating each against what is already
/// set: a run moment is checked against `WANDB_RUN_ID` only if that came first. The rest of the
/// engine follows the other order; the warning names (and quotes) what this one raises where
/// that differs.
fn warn_env_load_order(
    profile: &Profile,
    env: &EnvVars,
    env_id: Option<&String>,
    out: &mut Vec<Diagnostic>,
) {
    let (true, Some(env_run_id)) = (profile.has(Rule::StrictResume), env_id) else {
        return;
    };
    for (key, field, name) in [
        (
            env_keys::RESUME_FROM,
            "env.WANDB_RESUME_FROM",
            "WANDB_RESUME_FROM",
        ),
        (
            env_keys::FORK_FROM,
            "env.WANDB_FORK_FROM",
            "WANDB_FORK_FROM",
        ),
    ] {
        let Some(text) = env.get(key) else { continue };
        let other_order = run_id_first(profile, key, text, env_run_id);
        out.push(varies_by_launch(
            field,
            format!(
                "wandb {} checks {name} against WANDB_RUN_ID only when WANDB_RUN_ID is applied first, which depends on the order of the process environment (and of Python's set iteration){}",
                profile.version,
                other_order.map_or("", |(what, _)| what)
            ),
            format!(
                "Pass the id and the run moment to wandb.init instead of {name}, or make them agree."
            ),
            other_order.map(|(_, sdk)| sdk),
        ));
    }
}

/// What `wandb.init` raises where `WANDB_RUN_ID` loads before the run-moment variable `key`
/// (0.19.0+), when that is not what the engine's order (the run moment first) gives: (what
/// happens, as the end of the warning's first clause; the SDK's text). The settings then
/// check `resume_from` against a set id, which 0.19.5+ skip without one, and `fork_from`
/// against it; 0.19.0–0.19.4 reject a `resume_from` without an id first, and with the same id
/// pass the check to crash as the run starts. A text that is no run moment fails its parse in
/// either order.
fn run_id_first(
    profile: &Profile,
    key: &str,
    text: &str,
    env_run_id: &str,
) -> Option<(&'static str, &'static str)> {
    let moment = crate::run_moment::parse_run_moment(text)?;
    let same = moment.run == env_run_id;
    let repaired = profile.has(Rule::BranchingRepaired);
    match (key == env_keys::RESUME_FROM, same) {
        (true, false) if repaired => Some((
            "; where WANDB_RUN_ID comes first, wandb.init raises that the two name different runs",
            branching::DIFFERENT_IDS,
        )),
        (true, true) if !repaired => Some((
            "; where WANDB_RUN_ID comes first, the check passes and wandb.init crashes as the run starts",
            branching::CRASH,
        )),
        (false, true) => Some((
            "; where WANDB_RUN_ID comes first, wandb.init raises that the fork names the run's own id",
            branching::SAME_ID,
        )),
        _ => None,
    }
}

/// 0.19.0+ merge `wandb.init`'s settings onto the loaded environment field by field in the
/// order of a Python set (`model_fields_set`), which changes from one process to the next
/// (string hashing is randomised): a run moment given to `wandb.init` is checked against
/// `WANDB_RUN_ID` where it comes before the call's own id (`call_id`, as a sweep leaves it),
/// and against that id where it comes after. Where only `WANDB_RUN_ID` fails the check — a
/// `fork_from` naming it, a `resume_from` naming the call's id but not it — whether
/// `wandb.init` raises differs from launch to launch: warns, and returns whether a
/// `fork_from` is such a case (its check against `WANDB_RUN_ID` is then not certain). Before
/// 0.19.5 every run moment fails anyway ([`Rule::BranchingRepaired`]).
fn merge_order_dependent(
    profile: &Profile,
    b: &branching::Branching,
    call_id: Option<&String>,
    env_id: Option<&String>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let (Some(call), Some(env_run), true) = (
        call_id.filter(|id| !id.is_empty()),
        env_id,
        profile.has(Rule::BranchingRepaired),
    ) else {
        return false;
    };
    let fork = b
        .fork_from
        .as_ref()
        .is_some_and(|m| b.fork_from_init && *env_run == m.run && *call != m.run);
    let rewind = b
        .resume_from
        .as_ref()
        .is_some_and(|m| b.resume_from_init && *env_run != m.run && *call == m.run);
    for (hit, name, field, names, sdk) in [
        (
            fork,
            "fork_from",
            "init.forkFrom",
            "the run WANDB_RUN_ID names",
            branching::SAME_ID,
        ),
        (
            rewind,
            "resume_from",
            "init.resumeFrom",
            "another run than WANDB_RUN_ID",
            branching::DIFFERENT_IDS,
        ),
    ] {
        if hit {
            out.push(varies_by_launch(
                field,
                format!(
                    "wandb {} merges wandb.init's arguments onto the environment in an order that changes from one process to the next: {name} (naming {names}) meets WANDB_RUN_ID {} before id= on some launches, and wandb.init raises there",
                    profile.version,
                    repr(env_run)
                ),
                "Unset WANDB_RUN_ID where id= names the run, or set it to the same id.".to_owned(),
                Some(sdk),
            ));
        }
    }
    fork
}

/// The SDK's warning that a sweep drops the id `wandb.init` was given, with `message`.
fn sweep_ignores(profile: &Profile, id: &str, message: String) -> Diagnostic {
    diagnostic(
        Code::SweepIgnoresRunId,
        Severity::Warning,
        Some("init.id"),
        message,
    )
    .hint("Drop `id=` from wandb.init in sweep runs; the agent names each run.")
    .sdk(resume_value::sweep_ignore_message(profile, id))
}

/// What a sweep does with the ids and with resume. `init_id` is the id given to
/// `wandb.init`, whether the settings gave it, and whether the sweep drops it. `call_id` is the
/// call's own `id=`.
fn sweep(
    profile: &Profile,
    (init_id, from_settings, dropped): (Option<&String>, bool, bool),
    call_id: Option<&String>,
    env_id: Option<&String>,
    resume: &ResumeSetting,
    out: &mut Vec<Diagnostic>,
) {
    // 0.10.22–0.18.7 pop a falsy init id silently; 0.19.0+ reject an empty one earlier.
    let id_name = settings_resume::id_name(from_settings);
    // An object's run_id over the call's own `id=` (0.10.22–0.12.9): `wandb.init` has dropped
    // the call's id first, with its warning.
    if let Some(id) = call_id.filter(|id| {
        from_settings && !dropped && !id.is_empty() && profile.has(Rule::SweepIgnoresInitId)
    }) {
        out.push(sweep_ignores(
            profile,
            id,
            format!(
                "WANDB_SWEEP_ID is set, so wandb ignores init id {} (the settings' run_id then replaces the agent's id, below).",
                repr(id)
            ),
        ));
    }
    if let Some(id) = init_id.filter(|id| !id.is_empty()) {
        if dropped {
            out.push(sweep_ignores(
                profile,
                id,
                format!(
                    "WANDB_SWEEP_ID is set, so wandb ignores {id_name} {} and uses the id the sweep agent chose{}.",
                    repr(id),
                    env_id.map(|e| format!(" ({})", repr(e))).unwrap_or_default()
                ),
            ));
        } else {
            out.push(
                diagnostic(
                    Code::SweepRunIdReplaced,
                    Severity::Warning,
                    Some("init.id"),
                    format!(
                        "WANDB_SWEEP_ID is set, but wandb {} lets {id_name} {} replace the id the sweep agent chose, so the agent's run never reports and the sweep loses this trial.",
                        profile.version,
                        repr(id)
                    ),
                )
                .hint(if from_settings {
                    "Drop run_id from the settings in sweep runs (wandb 0.19.0+ ignores it there)."
                } else {
                    "Drop `id=` from wandb.init in sweep runs (wandb 0.10.22+ ignores it)."
                }),
            );
        }
    }
    if resume.mode.is_some() {
        out.push(
            diagnostic(
                Code::SweepResumeUnsupported,
                Severity::Warning,
                Some(resume.field()),
                "resuming a run that was executed as part of a sweep is not supported.".to_owned(),
            )
            .hint("Let the sweep agent start a new run; resume the sweep itself with `wandb sweep --resume` and a new agent."),
        );
    }
}
