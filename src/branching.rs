//! `resume_from` (rewind a run to a step) and `fork_from` (start a new run from another's
//! step): which versions have them, how they are parsed, how they exclude `resume` and each
//! other, and how they interact with the run id — each with the SDK's wording for its era.

use crate::check_order::{
    self, CALL_FORK_FROM, CALL_RESUME_FROM, INIT_GUARD, LATER_SETTINGS, MERGE, RUN_START, SERVER,
};
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::engine::env_keys;
use crate::env_vars::EnvVars;
use crate::model::{Diagnostic, InitArgs, RunIdSource, Severity, ValueSource};
use crate::profile::{Profile, Rule, since};
use crate::pyunicode::repr;
use crate::resume_value::ResumeSetting;
use crate::run_moment::{self, RunMoment};

/// The branching options as the SDK ends up with them.
#[derive(Debug, Default)]
pub(crate) struct Branching {
    /// A valid `resume_from`.
    pub resume_from: Option<RunMoment>,
    /// A valid `fork_from`.
    pub fork_from: Option<RunMoment>,
    /// `resume_from` came from `wandb.init` (not `WANDB_RESUME_FROM`).
    pub resume_from_init: bool,
    /// `fork_from` came from `wandb.init` (not `WANDB_FORK_FROM`).
    pub fork_from_init: bool,
    /// `wandb.init` raises.
    pub rejected: bool,
    /// `wandb.init` passes locally, but the backend refuses once online.
    pub backend_error: Option<BackendError>,
    /// `resume_from` is a `fork_from` naming the run's own id, which wandb-core rewinds
    /// ([`self_fork_rewinds`]).
    pub rewind_is_fork: bool,
}

/// A refusal the backend makes once online, where `wandb.init` itself passes.
#[derive(Clone, Debug)]
pub(crate) struct BackendError {
    /// What `wandb.init` raises.
    pub message: String,
    /// The Python sender goes on to check the resume after refusing (two branching
    /// arguments): where that check fails too, it answers the launch twice; where it passes,
    /// the sender creates the run on W&B after `wandb.init` has raised.
    pub resume_checked_after: bool,
}

impl BackendError {
    /// A refusal after which nothing else answers the launch.
    fn only(message: String) -> Self {
        Self {
            message,
            resume_checked_after: false,
        }
    }
}

impl Branching {
    /// The input field `fork_from` came from.
    fn fork_field(&self) -> &'static str {
        if self.fork_from_init {
            "init.forkFrom"
        } else {
            "env.WANDB_FORK_FROM"
        }
    }

    /// The input fields the settled `resume_from` and `fork_from` came from.
    pub(crate) fn fields(&self) -> [&'static str; 2] {
        let resume_from = if self.rewind_is_fork {
            self.fork_field()
        } else if self.resume_from_init {
            "init.resumeFrom"
        } else {
            "env.WANDB_RESUME_FROM"
        };
        [resume_from, self.fork_field()]
    }
}

struct Given<'a> {
    text: &'a str,
    field: &'static str,
    from_init: bool,
}

fn given<'a>(
    init: Option<&'a String>,
    env: &'a EnvVars,
    key: &str,
    init_field: &'static str,
    env_field: &'static str,
) -> Option<Given<'a>> {
    match init {
        Some(text) => Some(Given {
            text,
            field: init_field,
            from_init: true,
        }),
        None => env.get(key).map(|text| Given {
            text,
            field: env_field,
            from_init: false,
        }),
    }
}

/// Reads, parses and cross-checks `resume_from` / `fork_from` (init arguments over
/// `WANDB_RESUME_FROM` / `WANDB_FORK_FROM`). `core_backend`: wandb-core runs the launch, not
/// the Python internal process (the service process off, 0.18.x–0.19.x).
pub(crate) fn resolve(
    profile: &Profile,
    core_backend: bool,
    init: &InitArgs,
    env: &EnvVars,
    resume: &ResumeSetting,
    explicit_id: Option<&str>,
    out: &mut Vec<Diagnostic>,
) -> Branching {
    let mut b = Branching::default();
    let mut resume_from = given(
        init.resume_from.as_ref(),
        env,
        env_keys::RESUME_FROM,
        "init.resumeFrom",
        "env.WANDB_RESUME_FROM",
    );
    let mut fork_from = given(
        init.fork_from.as_ref(),
        env,
        env_keys::FORK_FROM,
        "init.forkFrom",
        "env.WANDB_FORK_FROM",
    );
    for (slot, rule, name) in [
        (&mut resume_from, Rule::ResumeFrom, "resume_from"),
        (&mut fork_from, Rule::ForkFrom, "fork_from"),
    ] {
        let Some(g) = slot.as_ref() else { continue };
        if profile.has(rule) {
            continue;
        }
        let first = since(rule);
        if g.from_init {
            out.push(
                diagnostic(
                    Code::NeedsNewerSdk,
                    Severity::Error,
                    Some(g.field),
                    format!(
                        "wandb {} has no `{name}` argument; it needs wandb {first} or newer.",
                        profile.version
                    ),
                )
                .hint(format!(
                    "Upgrade wandb to {first} or newer, or drop `{name}`."
                ))
                .sdk(format!(
                    "init() got an unexpected keyword argument '{name}'"
                ))
                .at(if rule == Rule::ForkFrom {
                    CALL_FORK_FROM
                } else {
                    CALL_RESUME_FROM
                }),
            );
            b.rejected = true;
        } else {
            out.push(
                diagnostic(
                    Code::NeedsNewerSdk,
                    Severity::Warning,
                    Some(g.field),
                    format!(
                        "wandb {} does not know `{name}`, so it ignores this variable; it needs wandb {first} or newer.",
                        profile.version
                    ),
                )
                .hint(format!("Upgrade wandb to {first} or newer, or unset the variable.")),
            );
        }
        *slot = None;
    }

    // The environment is parsed when the settings load, before wandb.init's arguments exist,
    // even where an init argument then replaces it. A WANDB_RESUME_FROM that parses is kept
    // for the load-time check of 0.19.0–0.19.4 below.
    let mut loaded_resume_from = None;
    for (key, field, rule, name, chosen) in [
        (
            env_keys::RESUME_FROM,
            "env.WANDB_RESUME_FROM",
            Rule::ResumeFrom,
            "resume_from",
            &resume_from,
        ),
        (
            env_keys::FORK_FROM,
            "env.WANDB_FORK_FROM",
            Rule::ForkFrom,
            "fork_from",
            &fork_from,
        ),
    ] {
        if let (Some(text), Some(g)) = (env.get(key), chosen) {
            if g.from_init && profile.has(rule) {
                let shadow = Given {
                    text,
                    field,
                    from_init: false,
                };
                let parsed = parse(profile, &shadow, name, out, &mut b.rejected).is_some();
                if parsed && key == env_keys::RESUME_FROM {
                    loaded_resume_from = Some(shadow);
                }
            }
        }
    }

    // 0.19.0–0.19.4 accept the options but cannot use them: resume_from is refused as naming
    // "different ids" unless it names the explicit id, and then (like every fork_from) the
    // settings crash serializing the run moment. A WANDB_RESUME_FROM is checked when the
    // settings load, where no run id is set yet (or only WANDB_RUN_ID, see
    // EnvOrderDependent): "different ids" even where an init resume_from then replaces it.
    // A value that does not parse fails its parse first (the validators preprocess it), so
    // it gets only that error (below).
    if profile.has(Rule::StrictResume) && !profile.has(Rule::BranchingRepaired) {
        let moment = |g: &Given<'_>| run_moment::parse_run_moment(g.text);
        let resume_from_sdk = resume_from.as_ref().and_then(|g| {
            // The check runs on wandb.init's own settings, where only an init id (not dropped
            // by a sweep) is set yet. Naming the init id that a sweep then drops, it fails
            // only when the arguments are merged onto the loaded settings.
            let run = moment(g)?.run;
            let same = g.from_init && Some(run.as_str()) == explicit_id;
            let dropped = g.from_init && !same && init.id.as_deref() == Some(run.as_str());
            Some(if same {
                (g, "resume_from", CRASH, Some(RUN_START))
            } else {
                (g, "resume_from", DIFFERENT_IDS, dropped.then_some(MERGE))
            })
        });
        // "different ids" is otherwise the field's own check; the crash comes when the
        // settings are sent to the backend.
        let fork_from_sdk = fork_from
            .as_ref()
            .filter(|g| moment(g).is_some())
            .map(|g| (g, "fork_from", CRASH, Some(RUN_START)));
        let loaded_sdk = loaded_resume_from
            .as_ref()
            .map(|g| (g, "resume_from", DIFFERENT_IDS, None));
        for (g, name, sdk, stage) in [loaded_sdk, resume_from_sdk, fork_from_sdk]
            .into_iter()
            .flatten()
        {
            let d = diagnostic(
                Code::BranchingBroken,
                Severity::Error,
                Some(g.field),
                format!(
                    "`{name}` does not work in wandb {} (0.19.0–0.19.4): wandb.init raises on every use.",
                    profile.version
                ),
            )
            .hint("Upgrade wandb to 0.19.5 or newer.")
            .sdk(sdk);
            out.push(d.at(stage));
            b.rejected = true;
        }
    }

    b.resume_from_init = resume_from.as_ref().is_some_and(|g| g.from_init);
    b.fork_from_init = fork_from.as_ref().is_some_and(|g| g.from_init);
    b.resume_from = resume_from
        .as_ref()
        .and_then(|g| parse(profile, g, "resume_from", out, &mut b.rejected));
    b.fork_from = fork_from
        .as_ref()
        .and_then(|g| parse(profile, g, "fork_from", out, &mut b.rejected));

    b.backend_error = exclusion(
        profile,
        core_backend,
        init,
        resume,
        resume_from.as_ref(),
        fork_from.as_ref(),
        out,
        &mut b.rejected,
    );
    b
}

fn parse(
    profile: &Profile,
    g: &Given<'_>,
    name: &str,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) -> Option<RunMoment> {
    let Some(moment) = run_moment::parse_run_moment(g.text) else {
        let parse_error = run_moment::parse_error_message(g.text);
        let sdk = if profile.has(Rule::StrictResume) {
            format!(
                "1 validation error for Settings\n{name}\n  Value error, {parse_error} [type=value_error, input_value={}, input_type=str]",
                repr(g.text)
            )
        } else {
            format!(
                "Unable to preprocess value for property {name}: {}.",
                g.text
            )
        };
        out.push(
            diagnostic(
                Code::RunMomentMalformed,
                Severity::Error,
                Some(g.field),
                format!(
                    "{} is not a run moment of the form \"<run>?_step=<N>\".",
                    repr(g.text)
                ),
            )
            .hint("Write it as \"<run id>?_step=<step>\", e.g. \"ans3bsax?_step=123\".")
            .sdk(sdk),
        );
        *rejected = true;
        return None;
    };
    if !moment.step.is_whole_non_negative() {
        out.push(
            diagnostic(
                Code::RunMomentStepUnusual,
                Severity::Warning,
                Some(g.field),
                format!(
                    "the step {} in {} is not a whole number ≥ 0; the SDK passes it on (as int(step) + 1), but W&B history steps are whole numbers from 0.",
                    moment.step,
                    repr(g.text)
                ),
            )
            .hint("Use the `_step` of a logged row, e.g. \"<run>?_step=1000\"."),
        );
    }
    Some(moment)
}

/// What the Python sender (0.17.1+; 0.18.x with the service off) answers to two of `resume`,
/// `resume_from` and `fork_from`, once online; it then goes on to check the resume
/// (`send_run`, sender.py 0.18.0).
const SENDER_REFUSES_TWO: &str = "Multiple resume options specified. Please specify only one of `fork_from`, `resume`, or `resume_from`.";
/// What 0.16.x's Python sender answers to `resume` beside `fork_from`, once online; it too
/// goes on to check the resume (`send_run`, sender.py 0.16.5).
const SENDER_REFUSES_FORK: &str =
    "You cannot use `resume` and `fork_from` together. Please choose one.";

/// `resume`, `resume_from` and `fork_from` are mutually exclusive; how that is enforced, and
/// whether the environment counts, depends on the era and, before 0.19.0's settings check,
/// on the backend (`core_backend`: wandb-core; else the Python internal process).
#[allow(clippy::too_many_arguments)]
fn exclusion(
    profile: &Profile,
    core_backend: bool,
    init: &InitArgs,
    resume: &ResumeSetting,
    resume_from: Option<&Given<'_>>,
    fork_from: Option<&Given<'_>>,
    out: &mut Vec<Diagnostic>,
    rejected: &mut bool,
) -> Option<BackendError> {
    if !profile.has(Rule::ForkFrom) {
        return None;
    }
    // What `wandb.init` itself counts: its own arguments, `resume=False` included.
    let init_count = [
        resume.init_given,
        init.resume_from.is_some() && profile.has(Rule::ResumeFrom),
        init.fork_from.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    // What the settings or the backend count: the effective values, environment included.
    let effective = [
        resume.mode.is_some(),
        resume_from.is_some(),
        fork_from.is_some(),
    ];
    let effective_count = effective.iter().filter(|x| **x).count();

    // The SDK's message, where it raises, and when in wandb.init's flow (check_order).
    let (sdk, where_, stage) = if profile.has(Rule::StrictResume) {
        if effective_count < 2 {
            return None;
        }
        (
            "`fork_from`, `resume`, or `resume_from` are mutually exclusive. Please specify only one of them.",
            "when the settings are built",
            check_order::exclusion_stage([
                resume.source == ValueSource::Init && resume.mode.is_some(),
                fork_from.is_some_and(|g| g.from_init),
                resume_from.is_some_and(|g| g.from_init),
            ]),
        )
    } else if profile.has(Rule::ResumeFrom) {
        if init_count > 1 {
            (
                "You cannot specify more than one of `fork_from`, `resume`, or `resume_from`",
                "in wandb.init",
                INIT_GUARD,
            )
        } else if effective_count > 1 {
            if core_backend {
                (
                    "`resume`, `fork_from`, and `resume_from` are mutually exclusive. Please specify only one of them.",
                    "in the backend",
                    RUN_START,
                )
            } else if resume_from.is_some() && fork_from.is_some() {
                // The Python internal process (0.17.x's default backend, and 0.18.x's with the
                // service off) refuses the pair in SettingsStatic and dies; wandb.init waits for
                // it, offline too, then gives up.
                (
                    "Run initialization has timed out after 90.0 sec.",
                    "CommError after waiting 90 seconds: its internal process refuses fork_from together with resume_from (\"Only one of fork_from or resume_from can be specified, not both\") and dies",
                    RUN_START,
                )
            } else {
                (SENDER_REFUSES_TWO, "in the backend, once online", SERVER)
            }
        } else {
            return None;
        }
    } else if resume.init_given && init.fork_from.is_some() {
        (
            "Cannot specify both `fork_from` and `resume`",
            "in wandb.init",
            INIT_GUARD,
        )
    } else if fork_from.is_some() && resume.mode.is_some() {
        (SENDER_REFUSES_FORK, "in the backend, once online", SERVER)
    } else {
        return None;
    };
    let mut names = Vec::new();
    if resume.init_given || resume.mode.is_some() {
        names.push(format!("resume ({})", resume.field()));
    }
    if let Some(g) = resume_from {
        names.push(format!("resume_from ({})", g.field));
    }
    if let Some(g) = fork_from {
        names.push(format!("fork_from ({})", g.field));
    }
    out.push(
        diagnostic(
            Code::BranchingArgsExclusive,
            Severity::Error,
            None,
            format!(
                "{} are set together; wandb {} accepts only one of them and raises {where_}.",
                crate::text::join(&names, ", "),
                profile.version
            ),
        )
        .hint("Keep one: resume to continue a run, resume_from to rewind it, fork_from to branch a new run.")
        .sdk(sdk)
        .at(stage),
    );
    // The Python sender (before 0.18.0) checks only once online: wandb.init itself passes.
    if stage == SERVER {
        Some(BackendError {
            message: sdk.to_owned(),
            resume_checked_after: matches!(sdk, SENDER_REFUSES_TWO | SENDER_REFUSES_FORK),
        })
    } else {
        *rejected = true;
        None
    }
}

/// How `resume_from` settles against the run id. `run_id` is the id known so far; returns
/// false when the SDK rejects the combination.
pub(crate) fn settle_resume_from(
    profile: &Profile,
    b: &Branching,
    init_id: Option<&str>,
    run_id: &mut Option<String>,
    source: &mut RunIdSource,
    backend_error: &mut Option<BackendError>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let mut accepted = true;
    if let Some(moment) = &b.resume_from {
        // 0.19.0+ validate an init resume_from against the init id as assigned (a sweep
        // clears it only later), else against the id already set.
        let compared = if profile.has(Rule::StrictResume) && b.resume_from_init {
            init_id.or(run_id.as_deref())
        } else {
            run_id.as_deref()
        };
        let differs = compared.is_some_and(|id| id != moment.run);
        let explicit = run_id.is_some();
        if profile.has(Rule::StrictResume) {
            if differs && !b.resume_from_init {
                // WANDB_RESUME_FROM is validated when the environment loads, before any id is
                // set; the backend then refuses to rewind under a different id.
                let id = run_id.clone().unwrap_or_default();
                let message = format!("rewind run id {} does not match run id {id}", moment.run);
                out.push(
                    diagnostic(
                        Code::ResumeFromDifferentId,
                        Severity::Error,
                        Some("env.WANDB_RESUME_FROM"),
                        format!(
                            "WANDB_RESUME_FROM names run {} but the run id is {}; wandb.init starts, then the backend refuses the rewind.",
                            repr(&moment.run),
                            repr(&id)
                        ),
                    )
                    .hint("Drop the id (resume_from supplies it) or make them the same.")
                    .sdk(message.clone())
                    .at(SERVER),
                );
                *backend_error = Some(BackendError::only(message));
            } else if differs {
                let d = diagnostic(
                    Code::ResumeFromDifferentId,
                    Severity::Error,
                    Some("init.resumeFrom"),
                    format!(
                        "resume_from names run {} but the run id is {}.",
                        repr(&moment.run),
                        repr(compared.unwrap_or_default())
                    ),
                )
                .hint("Drop the id (resume_from supplies it) or make them the same.")
                .sdk(DIFFERENT_IDS);
                // Against the init id when resume_from is assigned; against WANDB_RUN_ID once
                // the arguments are merged onto the environment; against the resume file's id
                // after that.
                out.push(d.at(match (init_id, *source) {
                    (Some(_), _) => None,
                    (None, RunIdSource::ResumeFile) => Some(LATER_SETTINGS),
                    (None, _) => Some(MERGE),
                }));
                accepted = false;
            } else if !explicit && !profile.has(Rule::ResumeFromSuppliesIdAgain) {
                out.push(
                    diagnostic(
                        Code::ResumeFromDifferentId,
                        Severity::Error,
                        Some("init.resumeFrom"),
                        format!(
                            "wandb {} does not take the run id from resume_from; it generates a new id, and the backend refuses to rewind run {} under it.",
                            profile.version,
                            repr(&moment.run)
                        ),
                    )
                    .hint(format!(
                        "Also pass id={} (or upgrade wandb to 0.19.9 or newer).",
                        repr(&moment.run)
                    ))
                    .sdk(format!(
                        "rewind run id {} does not match run id <new id>",
                        moment.run
                    ))
                    .at(SERVER),
                );
                // wandb.init starts; wandb-core refuses the rewind once online.
                *backend_error = Some(BackendError::only(format!(
                    "rewind run id {} does not match run id <new id>",
                    moment.run
                )));
            } else if !explicit {
                *run_id = Some(moment.run.clone());
                *source = RunIdSource::ResumeFrom;
            }
        } else {
            let warns = if profile.has(Rule::ResumeFromWarnsOnlyIfDifferent) {
                differs
            } else {
                explicit
            };
            if warns {
                out.push(
                    diagnostic(
                        Code::ResumeFromDifferentId,
                        Severity::Warning,
                        Some("init.resumeFrom"),
                        format!(
                            "both an id and resume_from are set; wandb {} ignores the id and uses run {} from resume_from.",
                            profile.version,
                            repr(&moment.run)
                        ),
                    )
                    .hint("Drop the id; resume_from supplies it.")
                    .sdk(if profile.has(Rule::ResumeFromWarnsOnlyIfDifferent) {
                        "Both `run_id` and `resume_from` have been specified with different ids. `run_id` will be ignored."
                    } else {
                        "You cannot specify both run_id and resume_from. Ignoring run_id."
                    }),
                );
            }
            *run_id = Some(moment.run.clone());
            *source = RunIdSource::ResumeFrom;
        }
    }
    accepted
}

/// What 0.19.0–0.19.4 raise where they send a run moment to the backend: the settings crash
/// serializing it.
pub(crate) const CRASH: &str = "'float' object does not support item assignment";
/// The settings' `resume_from` check (0.19.0+): the run id set before it names another run.
pub(crate) const DIFFERENT_IDS: &str =
    "Both `run_id` and `resume_from` have been specified with different ids.";
/// The settings' `fork_from` check (0.19.0+): the run id set before it names the same run.
pub(crate) const SAME_ID: &str = "Provided `run_id` is the same as the run to `fork_from`. Please provide a different `run_id` or remove the `run_id` argument. If you want to rewind the current run, please use `resume_from` instead.";

/// What to do about a `fork_from` naming the run's own id.
const SELF_FORK_HINT: &str =
    "Give the fork a different id (or none), or use resume_from to rewind this run.";

/// `fork_from` naming the explicit run id (init or environment), checked before any other
/// source supplies an id; returns false when the SDK rejects it. `assigned`: the ids set when
/// fork_from is validated; `merged`: those it meets only when wandb.init's arguments are
/// merged onto the loaded environment (0.19.0+: WANDB_RUN_ID).
pub(crate) fn check_fork_from_id(
    profile: &Profile,
    b: &Branching,
    assigned: Option<&str>,
    merged: Option<&str>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let mut accepted = true;
    let same = b.fork_from.as_ref().and_then(|m| {
        let names = |id: &&str| *id == m.run;
        match (assigned.filter(names), merged.filter(names)) {
            (Some(id), _) => Some((id, None)),
            (None, Some(id)) => Some((id, Some(MERGE))),
            (None, None) => None,
        }
    });
    if let Some((id, stage)) = same {
        let rejects = profile.has(Rule::RejectForkFromSameId);
        let d = diagnostic(
            Code::ForkFromSameId,
            if rejects { Severity::Error } else { Severity::Warning },
            Some("init.forkFrom"),
            if rejects {
                format!("fork_from names the run's own id {}; a fork is a new run.", repr(id))
            } else {
                format!(
                    "fork_from names the run's own id {}; wandb {} accepts it, but a fork is meant to be a new run, and wandb 0.17.8+ rejects this.",
                    repr(id),
                    profile.version
                )
            },
        )
        .hint(SELF_FORK_HINT);
        out.push(if rejects { d.sdk(SAME_ID) } else { d }.at(stage));
        accepted &= !rejects;
    }
    accepted
}

/// wandb-core's own check when the run starts (0.18.0–0.19.11): `fork_from` must not name the
/// id the run gets. It catches what the Python check cannot see, e.g. `WANDB_FORK_FROM`
/// validated before `wandb.init(id=…)` is applied. Returns false when the run is refused.
pub(crate) fn check_fork_from_started_id(
    profile: &Profile,
    b: &Branching,
    run_id: Option<&str>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let Some(moment) = b.fork_from.as_ref() else {
        return true;
    };
    if run_id != Some(moment.run.as_str()) {
        return true;
    }
    out.push(
        diagnostic(
            Code::ForkFromSameId,
            Severity::Error,
            Some(b.fork_field()),
            format!(
                "fork_from names the run's own id {}; a fork is a new run, and wandb {}'s backend (wandb-core) refuses it when the run starts.",
                repr(&moment.run),
                profile.version
            ),
        )
        .hint(SELF_FORK_HINT)
        .sdk("fork_from run id must be different from current run id")
        .at(RUN_START),
    );
    false
}

/// wandb-core from 0.20.0 no longer refuses a `fork_from` naming the id the run gets, where
/// the Python check missed it (`WANDB_FORK_FROM` read before `wandb.init(id=…)`): it starts
/// the run as a rewind of that run to the fork's step, as `resume_from` does (it asks W&B to
/// rewind the run: server-service vectors). Moves the moment to `resume_from` and says so.
pub(crate) fn self_fork_rewinds(
    profile: &Profile,
    b: &mut Branching,
    run_id: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(moment) = b.fork_from.take_if(|m| run_id == Some(m.run.as_str())) else {
        return;
    };
    out.push(
        diagnostic(
            Code::ForkFromSameId,
            Severity::Warning,
            Some(b.fork_field()),
            format!(
                "fork_from names the run's own id {}: wandb {} rewinds that run to step {} instead, as resume_from does, dropping what it logged after that step.",
                repr(&moment.run),
                profile.version,
                moment.step
            ),
        )
        .hint(SELF_FORK_HINT)
        .at(RUN_START),
    );
    b.resume_from = Some(moment);
    b.rewind_is_fork = true;
}
