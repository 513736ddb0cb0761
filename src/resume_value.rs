//! The `resume` setting: how each SDK era reads `wandb.init(resume=...)` and `WANDB_RESUME`,
//! which one wins, and the SDK's own wording for what follows from it.
//!
//! Three eras (boundaries in [`crate::profile`]):
//! - **0.9.x** writes init arguments into the environment: `True` → `auto`; `allow`/`must`/
//!   `never` as given; any other non-empty string is a run id with mode `allow` (so
//!   `resume="auto"` is a run id named "auto"); `False`/`None`/`""` leave `WANDB_RESUME` as is.
//! - **0.10.0–0.18.x** has a settings object where init arguments outrank the environment:
//!   `"auto"` is a mode; any other string is still a run id with mode `allow`; `False` is
//!   kept and so *clears* `WANDB_RESUME`.
//! - **0.19.0+** validates strictly: only `allow`/`must`/`never`/`auto` or a bool (`True` →
//!   `auto`, `False` → unset, which no longer clears the environment).

use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::model::{Diagnostic, ResumeArg, ResumeMode, Severity, ValueSource};
use crate::profile::{Profile, Rule};
use crate::pyunicode::repr;

/// The effective `resume` setting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResumeSetting {
    /// The mode; `None` = unset (never resume, overwrite an existing id).
    pub mode: Option<ResumeMode>,
    /// Where the mode came from.
    pub source: ValueSource,
    /// A run id carried by the `resume` value itself (`resume="<run id>"` before 0.19.0).
    pub id_from_value: Option<String>,
    /// The SDK rejects the value.
    pub rejected: bool,
    /// The init argument was truthy (`True` or a non-empty string); 0.9.x deletes the
    /// resume file when it is not.
    pub init_truthy: bool,
    /// `wandb.init` got a `resume` argument at all (`False` included): what 0.16.5–0.18.7
    /// count when they check `resume` against `fork_from` / `resume_from`.
    pub init_given: bool,
    /// The init value is the settings' own `resume` (`settings=`), which stands in for the
    /// argument: the messages name its field.
    pub from_settings: bool,
}

impl ResumeSetting {
    /// The input field the setting came from, for diagnostics.
    pub fn field(&self) -> &'static str {
        match self.source {
            ValueSource::Init if self.from_settings => crate::settings_resume::RESUME,
            ValueSource::Init => "init.resume",
            ValueSource::Env => "env.WANDB_RESUME",
            ValueSource::Default => "init.resume",
        }
    }
}

pub(crate) fn mode_of(text: &str) -> Option<ResumeMode> {
    match text {
        "allow" => Some(ResumeMode::Allow),
        "must" => Some(ResumeMode::Must),
        "never" => Some(ResumeMode::Never),
        "auto" => Some(ResumeMode::Auto),
        _ => None,
    }
}

/// What a `resume` string that is not a mode was most likely meant to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MeantAs {
    /// A mode in the wrong case or with whitespace: `"Allow"`, `" must"`.
    Mode(ResumeMode),
    /// `True` written as a string: `"True"`, `"yes"`, `"1"`.
    True,
    /// "Do not resume" written as a string: `"False"`, `"None"`, `""`.
    False,
    /// Nothing recognisable.
    Unknown,
}

/// Classifies a `resume` string; shared by the hints and the fixer (`fix.rs`).
pub(crate) fn meant_as(text: &str) -> MeantAs {
    let lower = text.trim().to_ascii_lowercase();
    if let Some(mode) = mode_of(&lower) {
        return MeantAs::Mode(mode);
    }
    match lower.as_str() {
        "true" | "1" | "yes" => MeantAs::True,
        "false" | "none" | "null" | "0" | "no" | "" => MeantAs::False,
        _ => MeantAs::Unknown,
    }
}

/// How a string that is not a mode probably came about, for a precise hint.
fn misspelling_hint(text: &str) -> (Code, String) {
    match meant_as(text) {
        MeantAs::Mode(mode) => (
            Code::ResumeWrongCase,
            format!("Write it in lowercase: \"{}\".", mode.as_str()),
        ),
        MeantAs::True => (
            Code::ResumeLooksLikeLiteral,
            "Pass the Python bool `resume=True` (not a string), or the string \"auto\"; in the environment write WANDB_RESUME=auto.".to_owned(),
        ),
        MeantAs::False => (
            Code::ResumeLooksLikeLiteral,
            "To not resume, leave `resume` out (or pass None); in the environment unset WANDB_RESUME or write WANDB_RESUME=never.".to_owned(),
        ),
        MeantAs::Unknown => (
            Code::ResumeInvalid,
            "To resume a specific run, pass its id as `id=` and set resume=\"allow\" (or \"must\").".to_owned(),
        ),
    }
}

/// Resolves the `resume` setting from the init argument and `WANDB_RESUME` under `profile`.
pub fn resolve(
    profile: &Profile,
    init: Option<&ResumeArg>,
    env: Option<&String>,
    out: &mut Vec<Diagnostic>,
) -> ResumeSetting {
    let mut setting = resolve_era(profile, init, env, out);
    setting.init_truthy = match init {
        Some(ResumeArg::Bool(b)) => *b,
        Some(ResumeArg::Text(t)) => !t.is_empty(),
        None => false,
    };
    setting.init_given = init.is_some();
    setting
}

fn resolve_era(
    profile: &Profile,
    init: Option<&ResumeArg>,
    env: Option<&String>,
    out: &mut Vec<Diagnostic>,
) -> ResumeSetting {
    if profile.has(Rule::StrictResume) {
        resolve_strict(profile, init, env, out)
    } else if profile.has(Rule::SettingsObject) {
        resolve_settings_era(profile, init, env, out)
    } else {
        resolve_environ_era(profile, init, env, out)
    }
}

/// 0.19.0+: `Literal["allow", "must", "never", "auto"]` with `True` → `auto`, `False` → unset.
fn resolve_strict(
    profile: &Profile,
    init: Option<&ResumeArg>,
    env: Option<&String>,
    out: &mut Vec<Diagnostic>,
) -> ResumeSetting {
    let mut setting = ResumeSetting::default();
    // The environment is read first (when the settings load) and validated on its own.
    if let Some(text) = env {
        match mode_of(text) {
            Some(mode) => {
                setting.mode = Some(mode);
                setting.source = ValueSource::Env;
            }
            None if text.is_empty() => {
                out.push(
                    diagnostic(
                        Code::ResumeEnvEmpty,
                        Severity::Error,
                        Some("env.WANDB_RESUME"),
                        format!(
                            "WANDB_RESUME is set but empty, and wandb {} rejects it (older SDKs treated it as unset).",
                            profile.version
                        ),
                    )
                    .hint("Unset WANDB_RESUME, or give a mode: allow, must, never or auto.")
                    .sdk(strict_error_message(text)),
                );
                setting.rejected = true;
            }
            None => {
                reject_strict(profile, "env.WANDB_RESUME", text, out);
                setting.rejected = true;
            }
        }
    }
    match init {
        None => {}
        Some(ResumeArg::Bool(true)) => {
            take_init_mode(&mut setting, ResumeMode::Auto, "True", out);
        }
        Some(ResumeArg::Bool(false)) => {
            if let (Some(mode), ValueSource::Env) = (setting.mode, setting.source) {
                out.push(
                    diagnostic(
                        Code::ResumeFalseKeepsEnv,
                        Severity::Warning,
                        Some("init.resume"),
                        format!(
                            "resume=False does not clear WANDB_RESUME={} in wandb {}: False means \"unset\", so the environment's mode applies.",
                            mode.as_str(),
                            profile.version
                        ),
                    )
                    .hint("Unset WANDB_RESUME (or set WANDB_RESUME=never) to turn resuming off."),
                );
            }
        }
        Some(ResumeArg::Text(text)) => match mode_of(text) {
            Some(mode) => {
                take_init_mode(&mut setting, mode, text, out);
            }
            None => {
                reject_strict(profile, "init.resume", text, out);
                setting.rejected = true;
                setting.source = ValueSource::Init;
            }
        },
    }
    setting
}

pub(crate) fn reject_strict(profile: &Profile, field: &str, text: &str, out: &mut Vec<Diagnostic>) {
    let (code, hint) = misspelling_hint(text);
    let older = if profile.has(Rule::StrictResume) {
        " (wandb before 0.19.0 read such a string as a run id)"
    } else {
        ""
    };
    out.push(
        diagnostic(
            code,
            Severity::Error,
            Some(field),
            format!(
                "{} is not a resume mode; wandb {} accepts only \"allow\", \"must\", \"never\", \"auto\" or a bool{older}.",
                repr(text),
                profile.version
            ),
        )
        .hint(hint)
        .sdk(strict_error_message(text)),
    );
}

/// Pydantic's message for a value outside the `resume` literal (wandb ≥ 0.19.0).
pub fn strict_error_message(text: &str) -> String {
    format!(
        "1 validation error for Settings\nresume\n  Input should be 'allow', 'must', 'never' or 'auto' [type=literal_error, input_value={}, input_type=str]",
        repr(text)
    )
}

/// The init argument sets the mode (noting when it overrides `WANDB_RESUME`).
fn take_init_mode(
    setting: &mut ResumeSetting,
    mode: ResumeMode,
    init_text: &str,
    out: &mut Vec<Diagnostic>,
) {
    override_note(setting, init_text, out);
    setting.mode = Some(mode);
    setting.source = ValueSource::Init;
}

fn override_note(setting: &ResumeSetting, init_text: &str, out: &mut Vec<Diagnostic>) {
    if setting.source == ValueSource::Env {
        if let Some(mode) = setting.mode {
            out.push(diagnostic(
                Code::InitOverridesEnv,
                Severity::Info,
                Some("init.resume"),
                format!(
                    "resume={init_text} overrides WANDB_RESUME={}.",
                    mode.as_str()
                ),
            ));
        }
    }
}

/// 0.10.0–0.18.x: init arguments outrank the environment; a string that is not a mode is a
/// run id (mode `allow`); `False` is kept and clears `WANDB_RESUME`; the environment's value
/// is taken as it is.
fn resolve_settings_era(
    profile: &Profile,
    init: Option<&ResumeArg>,
    env: Option<&String>,
    out: &mut Vec<Diagnostic>,
) -> ResumeSetting {
    let mut setting = ResumeSetting::default();
    if let Some(text) = env {
        env_value_loose(profile, text, &mut setting, out);
    }
    match init {
        None => {}
        Some(ResumeArg::Bool(true)) => {
            take_init_mode(&mut setting, ResumeMode::Auto, "True", out);
        }
        Some(ResumeArg::Bool(false)) => {
            if setting.source == ValueSource::Env && setting.mode.is_some() {
                out.push(diagnostic(
                    Code::InitOverridesEnv,
                    Severity::Info,
                    Some("init.resume"),
                    format!(
                        "resume=False in wandb.init overrides WANDB_RESUME in wandb {} (0.19.0+ no longer does).",
                        profile.version
                    ),
                ));
            }
            setting.mode = None;
            setting.source = ValueSource::Init;
        }
        Some(ResumeArg::Text(text)) if text.is_empty() => {
            if profile.has(Rule::EmptyResumeIsFalsy) {
                // Stored as "" (falsy) at init priority: unset, and the environment loses.
                if setting.source == ValueSource::Env && setting.mode.is_some() {
                    out.push(diagnostic(
                        Code::InitOverridesEnv,
                        Severity::Info,
                        Some("init.resume"),
                        format!(
                            "resume=\"\" in wandb.init means unset in wandb {} and overrides WANDB_RESUME.",
                            profile.version
                        ),
                    ));
                }
                setting.mode = None;
            } else {
                out.push(
                    diagnostic(
                        Code::ResumeLooksLikeLiteral,
                        Severity::Warning,
                        Some("init.resume"),
                        format!(
                            "wandb {} reads resume=\"\" as an empty run id with mode \"allow\", so each launch generates a new id and never resumes.",
                            profile.version
                        ),
                    )
                    .hint("Leave `resume` out to not resume; pass resume=True for automatic resuming."),
                );
                setting.mode = Some(ResumeMode::Allow);
                setting.id_from_value = Some(String::new());
            }
            setting.source = ValueSource::Init;
        }
        Some(ResumeArg::Text(text)) => match mode_of(text) {
            Some(mode) => {
                take_init_mode(&mut setting, mode, text, out);
            }
            None => {
                string_is_run_id(profile, text, out);
                setting.mode = Some(ResumeMode::Allow);
                setting.source = ValueSource::Init;
                setting.id_from_value = Some(text.clone());
            }
        },
    }
    setting
}

/// 0.9.x: init arguments are written into the environment, and `Run` reads it.
fn resolve_environ_era(
    profile: &Profile,
    init: Option<&ResumeArg>,
    env: Option<&String>,
    out: &mut Vec<Diagnostic>,
) -> ResumeSetting {
    let mut setting = ResumeSetting::default();
    if let Some(text) = env {
        env_value_loose(profile, text, &mut setting, out);
    }
    match init {
        None | Some(ResumeArg::Bool(false)) => {}
        Some(ResumeArg::Text(text)) if text.is_empty() => {}
        Some(ResumeArg::Bool(true)) => {
            take_init_mode(&mut setting, ResumeMode::Auto, "True", out);
        }
        Some(ResumeArg::Text(text)) => match mode_of(text).filter(|m| *m != ResumeMode::Auto) {
            Some(mode) => take_init_mode(&mut setting, mode, text, out),
            None => {
                string_is_run_id(profile, text, out);
                // `os.environ[RESUME] = os.environ.get(RESUME, "allow")`: the environment's
                // value stays when the variable is set at all, even empty.
                if env.is_none() {
                    setting.mode = Some(ResumeMode::Allow);
                    setting.source = ValueSource::Init;
                }
                setting.id_from_value = Some(text.clone());
            }
        },
    }
    setting
}

/// Before 0.19.0 the environment's value is used as it is: `auto`/`allow`/`must`/`never`
/// have their meaning (0.9.x has no `auto` handling for init, but reads `WANDB_RESUME=auto`);
/// an empty value is "unset"; any other value is truthy and behaves like `allow`.
fn env_value_loose(
    profile: &Profile,
    text: &str,
    setting: &mut ResumeSetting,
    out: &mut Vec<Diagnostic>,
) {
    if text.is_empty() {
        out.push(
            diagnostic(
                Code::ResumeEnvEmpty,
                Severity::Info,
                Some("env.WANDB_RESUME"),
                format!("WANDB_RESUME is set but empty; wandb {} treats it as unset.", profile.version),
            )
            .hint("Unset it, or give a mode: allow, must, never or auto; wandb 0.19.0+ rejects an empty value."),
        );
        return;
    }
    setting.source = ValueSource::Env;
    match mode_of(text) {
        Some(mode) => setting.mode = Some(mode),
        None => {
            let (code, hint) = misspelling_hint(text);
            out.push(
                diagnostic(
                    code,
                    Severity::Warning,
                    Some("env.WANDB_RESUME"),
                    format!(
                        "WANDB_RESUME={} is not a resume mode; wandb {} accepts it and resumes as with \"allow\", and wandb 0.19.0+ rejects it.",
                        repr(text),
                        profile.version
                    ),
                )
                .hint(hint),
            );
            setting.mode = Some(ResumeMode::Allow);
        }
    }
}

fn string_is_run_id(profile: &Profile, text: &str, out: &mut Vec<Diagnostic>) {
    if text == "auto" {
        // Only 0.9.x gets here with "auto": it has no auto mode for init arguments.
        out.push(
            diagnostic(
                Code::ResumeStringIsRunId,
                Severity::Warning,
                Some("init.resume"),
                format!(
                    "wandb {} has no \"auto\" mode for wandb.init: resume=\"auto\" is read as a run id named \"auto\" (with mode \"allow\"), so every job with this line shares one run.",
                    profile.version
                ),
            )
            .hint("Pass resume=True for automatic resuming in the same directory."),
        );
        return;
    }
    let (code, hint) = misspelling_hint(text);
    let code = if code == Code::ResumeInvalid {
        Code::ResumeStringIsRunId
    } else {
        code
    };
    let severity = if code == Code::ResumeStringIsRunId {
        Severity::Info
    } else {
        Severity::Warning
    };
    out.push(
        diagnostic(
            code,
            severity,
            Some("init.resume"),
            format!(
                "wandb {} reads resume={} as a run id (with mode \"allow\"), not as a mode; wandb 0.19.0+ rejects it.",
                profile.version,
                repr(text)
            ),
        )
        .hint(if code == Code::ResumeStringIsRunId {
            format!(
                "Write it as id={}, resume=\"allow\": the same meaning, and valid in every version.",
                repr(text)
            )
        } else {
            hint
        }),
    );
}

/// The SDK's warning when a sweep drops the init id.
pub fn sweep_ignore_message(profile: &Profile, id: &str) -> String {
    if profile.has(Rule::StrictResume) {
        format!("Ignoring run_id {} when running a sweep.", repr(id))
    } else if profile.has(Rule::SweepWarningPeriod) {
        "Ignored wandb.init() arg id when running a sweep.".to_owned()
    } else {
        "Ignored wandb.init() arg id when running a sweep".to_owned()
    }
}

/// The server-side situations whose message the SDK prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerCase {
    /// `must`, and no run with the id exists.
    MustMissing,
    /// `never`, and a run with the id exists.
    NeverExists,
}

/// The SDK's message for a server-side failure, verbatim for the era (confirmed against
/// each era's sources and the strings of the shipped `wandb-core` binaries) and the backend
/// that answers: `core_backend` for wandb-core, else the Python one, which 0.18.x–0.19.x run
/// with the service process off (tests/conformance/server-service-vectors.json).
pub fn server_message(profile: &Profile, core_backend: bool, case: ServerCase, id: &str) -> String {
    use ServerCase::{MustMissing, NeverExists};
    if profile.has(Rule::PlainResumeMessages) {
        return match case {
            MustMissing => format!(
                "Run ({id}) does not exist or has not been initialized, but your `resume` setting requires an existing run to resume. Verify the run ID is correct. If you are starting a new run, omit `resume` in wandb.init() or set `resume` or `WANDB_RESUME` to `allow` or `never`."
            ),
            NeverExists => format!(
                "Run ({id}) already exists, but your `resume` setting does not allow resuming an existing run. Verify the run ID is correct. To resume this run, set `resume` in wandb.init() or `WANDB_RESUME` to `allow` or `must`. To start a new run, use a different run ID."
            ),
        };
    }
    if profile.has(Rule::UsageResumeMessages) {
        let core = core_backend;
        return match case {
            MustMissing => format!(
                "You provided an invalid value for the `resume` argument. The value 'must' is not a valid option for resuming {} ({id}) that {}. Please check your inputs and try again with a valid run ID. If you are trying to start a new run, please omit the `resume` argument or use `resume='allow'`.",
                if core { "the run" } else { "a run" },
                if profile.has(Rule::StartedRunCheck) {
                    "has not been initialized"
                } else {
                    "does not exist"
                }
            ),
            NeverExists => {
                // wandb-core's text has two spaces after the first two sentences.
                let gap = if core { "  " } else { " " };
                format!(
                    "You provided an invalid value for the `resume` argument.{gap}The value 'never' is not a valid option for resuming a run ({id}) that already exists.{gap}Please check your inputs and try again with a valid value for the `resume` argument."
                )
            }
        };
    }
    match case {
        MustMissing => format!("resume='must' but run ({id}) doesn't exist"),
        NeverExists => format!("resume='never' but run ({id}) exists"),
    }
}
