//! The data model shared by Rust and JavaScript: what a user configured (`ResumeInput`) and
//! what W&B will do with it (`Decision`).
//!
//! Field names are camelCase on the JS side; environment keys keep their exact names. The
//! TypeScript declarations are generated from these types (tsify, wasm32 builds only), so the
//! `.d.ts` can never drift from what the module accepts.

use crate::env_vars::EnvVars;
use crate::error::InputError;
use crate::json::{FromJson, Json, JsonWriter, Path, ToJson};

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// One launch's resume configuration: SDK version, environment, `wandb.init` arguments and
/// what is known about the machine and the server.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct ResumeInput {
    /// wandb SDK version whose rules apply, e.g. `"0.31.0"`; absent = the newest known.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sdk: Option<String>,
    /// The raw process environment (only `WANDB_*` keys matter), e.g. `{ WANDB_RESUME: "allow" }`.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, string>")
    )]
    pub env: Option<EnvVars>,
    /// Arguments passed to `wandb.init(...)`.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub init: Option<InitArgs>,
    /// What is known about the filesystem, the server and the job.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub context: Option<LaunchContext>,
}

crate::json_optional_fields!(ResumeInput {
    "sdk": sdk,
    "env": env,
    "init": init,
    "context": context,
});

/// The resume-related arguments of `wandb.init(...)`; `null` or absent means not passed.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct InitArgs {
    /// `resume=`: a boolean or a string (`"allow"`, `"must"`, `"never"`, `"auto"`, or in
    /// 0.9.x a run id).
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "boolean | string | null")
    )]
    pub resume: Option<ResumeArg>,
    /// `id=`: the run id.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub id: Option<String>,
    /// `notes=`: overwrites the notes edited in the UI when the run resumes.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub notes: Option<String>,
    /// `resume_from="<run>?_step=<N>"` (wandb ≥ 0.17.1).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub resume_from: Option<String>,
    /// `fork_from="<run>?_step=<N>"` (wandb ≥ 0.16.5).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub fork_from: Option<String>,
    /// `mode=`: `"online"`/`"run"`, `"offline"`/`"dryrun"`, where `wandb.init` never asks W&B
    /// about the run, `"disabled"` (0.10.10+), where nothing is kept, or `"shared"` (0.16.3+),
    /// online as one of several writers of the run (wandb ≥ 0.10.0; beats `WANDB_MODE`).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub mode: Option<String>,
    /// `settings=`: a `wandb.Settings(...)` object or a dict, for whatever it sets. Even one
    /// that sets nothing about resuming changes the launch in some releases (0.9.x has no
    /// such argument, 0.10.x–0.12.9 raise on a non-empty dict, 0.18.1–0.18.7 take an object's
    /// own mode over `WANDB_MODE`).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub settings: Option<SettingsArg>,
}

crate::json_optional_fields!(InitArgs {
    "resume": resume,
    "id": id,
    "notes": notes,
    "resumeFrom": resume_from,
    "forkFrom": fork_from,
    "mode": mode,
    "settings": settings,
});

/// The `settings=` argument of `wandb.init(...)`: its form, the names of the keys it sets
/// and the values of the keys that decide the launch, `mode`, `resume` and `run_id` (the
/// values of the others are not needed: the other keys that bear on resuming are not
/// modelled, and the input check refuses them).
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct SettingsArg {
    /// `object` for `wandb.Settings(...)`, `dict` for a dict (`{...}` or `dict(...)`). Required.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub form: Option<SettingsForm>,
    /// The keys given, e.g. `["start_method"]`; absent or `[]`: none.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub keys: Option<Vec<String>>,
    /// The value of the `mode` key (`wandb.Settings(mode="offline")`): `"online"`,
    /// `"offline"`, `"dryrun"`, `"disabled"` or `"shared"`. Each release weighs it against
    /// `mode=` and `WANDB_MODE` its own way; giving it implies the key.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub mode: Option<String>,
    /// The value of the `resume` key (`wandb.Settings(resume="allow")`), a boolean or a string
    /// as `resume=` takes. Each release weighs it against `resume=` and `WANDB_RESUME` its
    /// own way; giving it implies the key.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "boolean | string | null")
    )]
    pub resume: Option<ResumeArg>,
    /// The value of the `run_id` key (`wandb.Settings(run_id="abc")`), an id as `id=` takes.
    /// Each release weighs it against `id=` and `WANDB_RUN_ID` its own way; giving it implies
    /// the key.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub run_id: Option<String>,
    /// The value of the key that turns the service process off, `_disable_service` or
    /// `x_disable_service` (`wandb.Settings(_disable_service=True)`): whether the service
    /// runs decides whether a script that ends without `run.finish()` leaves the resume file,
    /// and each release reads the keys its own way. `keys` names which of the two it is.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "boolean | null"))]
    pub disable_service: Option<bool>,
}

crate::json_optional_fields!(SettingsArg {
    "form": form,
    "keys": keys,
    "mode": mode,
    "resume": resume,
    "runId": run_id,
    "disableService": disable_service,
});

/// How a script passes `settings=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum SettingsForm {
    /// `wandb.Settings(...)`.
    Object,
    /// A dict: `{...}` or `dict(...)`.
    Dict,
}

crate::json_enum!(SettingsForm { Object => "object", Dict => "dict" });

impl FromJson for SettingsForm {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        match value {
            Json::String(_) => {
                let name = String::from_json(value, path)?;
                SettingsForm::from_name(&name).ok_or_else(|| {
                    path.invalid(format!(
                        "{} is not a settings form (object or dict)",
                        crate::pyunicode::repr(&name)
                    ))
                })
            }
            other => Err(path.wrong_type(other, "\"object\" or \"dict\"")),
        }
    }
}

/// The value given to `wandb.init(resume=...)`: Python allows a bool or a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResumeArg {
    /// `resume=True` / `resume=False`.
    Bool(bool),
    /// `resume="allow"` and every other string, valid or not.
    Text(String),
}

impl ResumeArg {
    /// The value as Python source: `True`, `False`, or the string as `repr()` writes it.
    pub fn python_literal(&self) -> String {
        match self {
            ResumeArg::Bool(true) => "True".to_owned(),
            ResumeArg::Bool(false) => "False".to_owned(),
            ResumeArg::Text(text) => crate::pyunicode::repr(text),
        }
    }
}

impl ToJson for ResumeArg {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            ResumeArg::Bool(b) => w.bool(*b),
            ResumeArg::Text(s) => w.string(s),
        }
    }
}

impl FromJson for ResumeArg {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        match value {
            Json::Bool(b) => Ok(ResumeArg::Bool(*b)),
            Json::String(_) => String::from_json(value, path).map(ResumeArg::Text),
            other => Err(path.wrong_type(other, "a boolean or a string")),
        }
    }
}

/// What is known about where and how the job runs.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct LaunchContext {
    /// The run id stored in `wandb/wandb-resume.json`, if that file exists at launch.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub resume_file: Option<String>,
    /// Instead of `resumeFile`: the file's whole text, read as the SDK reads it
    /// (`json.load(f)["run_id"]`), for a file that may not hold what wandb wrote — empty,
    /// truncated, edited. Not both.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub resume_file_text: Option<String>,
    /// Whether a run with the effective id exists on the server; absent = unknown, and the
    /// decision previews both branches anyway.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "boolean | null"))]
    pub run_exists: Option<bool>,
    /// How many processes are launched with this configuration at the same time.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub processes: Option<u32>,
    /// Whether a restarted process sees the same filesystem (and so the same
    /// `wandb/wandb-resume.json`); absent = unknown.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "boolean | null"))]
    pub shared_filesystem: Option<bool>,
    /// The run-mode lines of the workspace settings file `wandb/settings`, which
    /// `wandb offline`, `wandb disabled` and `wandb enabled` write and every later launch in
    /// that directory reads; absent = no such lines.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "SettingsFile | null"))]
    pub settings_file: Option<SettingsFile>,
}

crate::json_optional_fields!(LaunchContext {
    "resumeFile": resume_file,
    "resumeFileText": resume_file_text,
    "runExists": run_exists,
    "processes": processes,
    "sharedFilesystem": shared_filesystem,
    "settingsFile": settings_file,
});

/// The `[default]` lines of the workspace settings file (`wandb/settings`) that bear on the
/// run mode, as the wandb CLI leaves them: `wandb offline` writes `mode = offline` (up to
/// 0.19.1 `disabled = true` as well), `wandb disabled` `mode = disabled`, `wandb enabled`
/// `mode = online`; `wandb online` removes the mode line (up to 0.19.1 the disabled line too).
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct SettingsFile {
    /// The `mode` line's value: `"offline"`, `"online"` or `"disabled"`.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub mode: Option<String>,
    /// The `disabled` line's value: `"true"`, as `wandb offline` writes it.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub disabled: Option<String>,
}

crate::json_optional_fields!(SettingsFile {
    "mode": mode,
    "disabled": disabled,
});

/// The effective resume mode after the SDK has read init arguments and the environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum ResumeMode {
    /// Resume if the run exists, create it otherwise.
    Allow,
    /// Resume; fail if the run does not exist.
    Must,
    /// Never resume; fail if the run exists.
    Never,
    /// Resume the id in `wandb/wandb-resume.json` (or the given id) if the run exists.
    Auto,
}

crate::json_enum!(ResumeMode {
    Allow => "allow",
    Must => "must",
    Never => "never",
    Auto => "auto",
});

/// Where a setting's effective value came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum ValueSource {
    /// A `wandb.init(...)` argument.
    Init,
    /// An environment variable.
    Env,
    /// Nothing set it.
    #[default]
    Default,
}

crate::json_enum!(ValueSource { Init => "init", Env => "env", Default => "default" });

/// Where the effective run id came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum RunIdSource {
    /// `wandb.init(id=...)`.
    Init,
    /// `WANDB_RUN_ID`.
    Env,
    /// `wandb.init(resume="<run id>")` (0.9.x).
    InitResume,
    /// `wandb/wandb-resume.json` (auto mode).
    ResumeFile,
    /// The run named in `resume_from`.
    ResumeFrom,
    /// None given: the SDK generates a fresh id at launch.
    Generated,
}

crate::json_enum!(RunIdSource {
    Init => "init",
    Env => "env",
    InitResume => "initResume",
    ResumeFile => "resumeFile",
    ResumeFrom => "resumeFrom",
    Generated => "generated",
});

/// A row of the documentation's method table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum Method {
    /// `WANDB_RESUME=`.
    Environment,
    /// `wandb.init(resume=)`.
    Init,
    /// Neither: the default.
    Default,
}

crate::json_enum!(Method { Environment => "environment", Init => "init", Default => "default" });

/// A column of the documentation's method table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum Behaviour {
    /// Never resume (the default).
    Never,
    /// Always resume (fail if there is nothing to resume).
    Always,
    /// Resume the run with a given id if it exists.
    SpecifyId,
    /// Resume whatever ran last in the same directory.
    SameDirectory,
}

crate::json_enum!(Behaviour {
    Never => "never",
    Always => "always",
    SpecifyId => "specifyId",
    SameDirectory => "sameDirectory",
});

/// The method-table cell a configuration lands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct Cell {
    /// The row: how resume was requested.
    pub method: Method,
    /// The column: what kind of resume it asks for.
    pub behaviour: Behaviour,
    /// False where the documentation's table says "(not available)" for this cell.
    pub documented: bool,
}

crate::json_object!(Cell { "method": method, "behaviour": behaviour, "documented": documented });

/// What the server side of a launch does in one branch (run exists / run missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum Action {
    /// A new run is created.
    Create,
    /// The existing run continues; `wandb.run.resumed` is true.
    Resume,
    /// A run with this id exists and is written over without resuming.
    Overwrite,
    /// `wandb.init` raises; the job stops.
    Fail,
    /// Offline: the run is written to a local directory, whether or not W&B has a run with
    /// its id; nothing is checked or sent until `wandb sync`.
    Offline,
    /// Disabled: `wandb.init` returns a run that keeps nothing, on W&B or on disk.
    Disabled,
}

crate::json_enum!(Action {
    Create => "create",
    Resume => "resume",
    Overwrite => "overwrite",
    Fail => "fail",
    Offline => "offline",
    Disabled => "disabled",
});

/// One branch of a launch.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct Outcome {
    /// What happens to the run.
    pub action: Action,
    /// The value of `wandb.run.resumed`.
    pub resumed: bool,
    /// A sentence a person can act on; quotes the SDK where it prints something.
    pub message: String,
}

crate::json_object!(Outcome { "action": action, "resumed": resumed, "message": message });

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum Severity {
    /// The SDK rejects the configuration (or it fails on every launch).
    Error,
    /// It works, but silently does something the user likely did not want.
    Warning,
    /// Explains what happens.
    Info,
}

crate::json_enum!(Severity { Error => "error", Warning => "warning", Info => "info" });

/// One finding about a configuration, with a stable code and a fix.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct Diagnostic {
    /// Stable kebab-case code, e.g. `must-without-run-id`.
    pub code: &'static str,
    /// Error, warning or info.
    pub severity: Severity,
    /// The input field concerned, e.g. `init.id` or `env.WANDB_RESUME`.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub field: Option<String>,
    /// What is wrong or what happens, in plain words.
    pub message: String,
    /// How to fix it.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub hint: Option<String>,
    /// What the SDK itself prints or raises in this situation, verbatim, where it does.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sdk_message: Option<String>,
    /// When in wandb.init's flow the check raises, where the field alone does not say
    /// (`check_order`); orders the errors, never serialized.
    #[cfg_attr(target_arch = "wasm32", serde(skip))]
    pub(crate) stage: Option<crate::check_order::Stage>,
    /// What the SDK prints before it raises, where its error alone does not say why (0.9.x's
    /// launch errors): the failing outcome quotes it beside the error; never serialized.
    #[cfg_attr(target_arch = "wasm32", serde(skip))]
    pub(crate) printed_first: Option<String>,
}

crate::json_object!(Diagnostic {
    "code": code,
    "severity": severity,
    "field": field if Option::is_none,
    "message": message,
    "hint": hint if Option::is_none,
    "sdkMessage": sdk_message if Option::is_none,
});

/// What W&B will do with one configuration on one launch.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct Decision {
    /// No error diagnostics.
    pub valid: bool,
    /// The SDK version whose rules were applied.
    pub sdk: String,
    /// The method-table cell the configuration lands in.
    pub cell: Cell,
    /// The effective resume mode (`null` = unset: never resume, overwrite an existing id).
    pub resume: Option<ResumeMode>,
    /// Where `resume` came from.
    pub resume_source: ValueSource,
    /// The effective run id; `null` = generated at launch.
    pub run_id: Option<String>,
    /// Where `runId` came from.
    pub run_id_source: RunIdSource,
    /// What happens if a run with this id already exists.
    pub if_exists: Outcome,
    /// What happens if no run with this id exists.
    pub if_missing: Outcome,
    /// The run id `wandb/wandb-resume.json` holds once `wandb.init` has returned; `null` when
    /// the file is absent then, or holds an id generated at launch (see `resumeFileAction`).
    pub resume_file_after: Option<String>,
    /// What `wandb.init` does to `wandb/wandb-resume.json`.
    pub resume_file_action: ResumeFileAction,
    /// Errors, warnings and explanations, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

crate::json_object!(Decision {
    "valid": valid,
    "sdk": sdk,
    "cell": cell,
    "resume": resume,
    "resumeSource": resume_source,
    "runId": run_id,
    "runIdSource": run_id_source,
    "ifExists": if_exists,
    "ifMissing": if_missing,
    "resumeFileAfter": resume_file_after,
    "resumeFileAction": resume_file_action,
    "diagnostics": diagnostics,
});

/// What `wandb.init` does to the auto-resume file `wandb/wandb-resume.json`. A launch that
/// raises once its settings are made (at its run directory or later) has done it first: both
/// branches then fail with `written` (or, on 0.9.x, `removed`), and a restart reads the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub enum ResumeFileAction {
    /// Leaves it as it was (present or absent).
    Untouched,
    /// Writes the run id into it (`resume="auto"`); with a generated id, the file holds an id
    /// that is only known at launch.
    Written,
    /// Deletes it (`resume` unset, once the run has started).
    Removed,
    /// Nothing happens: `wandb.init` raises before it reaches the file.
    NotReached,
}

crate::json_enum!(ResumeFileAction {
    Untouched => "untouched",
    Written => "written",
    Removed => "removed",
    NotReached => "notReached",
});

/// The documented sanitizing of a run id, with what the SDK would make of the raw id.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct SanitizedId {
    /// The id as given.
    pub input: String,
    /// The documented rule applied: every non-word character replaced by one `-`. Never
    /// truncated.
    pub sanitized: String,
    /// How many characters were replaced.
    pub replaced: u32,
    /// True when `sanitized` satisfies the documented rule (non-empty, at most 64 characters).
    pub valid: bool,
    /// An id the named SDK version accepts and the documentation allows, when one can be made
    /// without losing uniqueness (`null` for an empty or over-long id).
    pub suggested: Option<String>,
    /// The SDK version whose rules were applied to the raw id.
    pub sdk: String,
    /// Findings about the raw id under that SDK, and about the sanitized id.
    pub diagnostics: Vec<Diagnostic>,
}

crate::json_object!(SanitizedId {
    "input": input,
    "sanitized": sanitized,
    "replaced": replaced,
    "valid": valid,
    "suggested": suggested,
    "sdk": sdk,
    "diagnostics": diagnostics,
});
