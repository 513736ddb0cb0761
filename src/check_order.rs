//! The order in which `wandb.init` meets its checks, per SDK version.
//!
//! Where a configuration fails several checks the engine lists every error, and the first one
//! is the outcome message (`ifExists` / `ifMissing`). That must be the error `wandb.init`
//! raises, so the errors are ordered by when the SDK meets each check:
//!
//! 1. the call itself: a keyword argument the version does not know is a `TypeError` before
//!    any code runs (in the signature's order, `fork_from` before `resume_from`);
//! 2. 0.16.5–0.18.7: `wandb.init`'s own check that at most one of `resume` / `fork_from` /
//!    `resume_from` is given, before any setting is built;
//! 3. the settings. 0.19.0+ assign `wandb.init`'s arguments to a fresh `Settings` one at a
//!    time — `resume`, `id`, `fork_from`, `resume_from` — each validated as it is assigned
//!    (its field, then the whole model), and only then load the environment (variable by
//!    variable, in the process environment's order) and merge the arguments onto it (each
//!    field, then the model). Before 0.19.0 the environment loads first, when the library is
//!    set up, and `wandb.init` applies its arguments onto it;
//! 4. the run's directory, 5. the run's start (the settings sent to the backend, wandb-core's
//!    checks), 6. the server.
//!
//! A diagnostic whose field says when it is met needs nothing; a check met elsewhere than its
//! field suggests is marked with [`Diagnostic::at`].

use crate::diagnostics::sort_errors_by;
use crate::model::{Diagnostic, Severity};
use crate::profile::{Profile, Rule};

/// A point in `wandb.init`'s flow; smaller is met first.
pub(crate) type Stage = u8;

/// The `sdk` version named in the input: about this tool's input, shown first.
const SDK_INPUT: Stage = 0;
/// The call's arguments are evaluated: `wandb.Settings(...)` where the module has none; 0.19.0+
/// build the settings' object (or `Settings(**dict)` first thing in `wandb.init`), where a run
/// id's check raises at once.
pub(crate) const CALL_ARGUMENTS: Stage = 1;
/// 0.19.0+: the settings' `resume` literal, which pydantic collects, raising only once every
/// field is checked (so a run id's error comes first).
const SETTINGS_COLLECTED: Stage = 2;
/// `fork_from` passed to a version without it: a `TypeError` at the call.
pub(crate) const CALL_FORK_FROM: Stage = 3;
/// `resume_from` passed to a version without it (after `fork_from` in the signature).
pub(crate) const CALL_RESUME_FROM: Stage = 4;
/// 0.16.5–0.18.7: `wandb.init` counts its own `resume` / `fork_from` / `resume_from`.
pub(crate) const INIT_GUARD: Stage = 5;
/// Before 0.19.0: the workspace settings file, read when the library is set up.
const LEGACY_SETTINGS_FILE: Stage = 9;
/// Before 0.19.0: the environment, loaded when the library is set up.
pub(crate) const LEGACY_ENV: Stage = 10;
/// Before 0.19.0: the `settings=` argument applied onto it, first thing in `wandb.init`.
pub(crate) const LEGACY_SETTINGS_ARGUMENT: Stage = 11;
/// Before 0.19.0: `wandb.init`'s arguments applied onto it, and the checks after.
const LEGACY_SETTINGS: Stage = 12;
/// 0.10.3–0.10.8: the login, after the environment loads and before `wandb.init` applies its
/// arguments.
pub(crate) const LOGIN: Stage = LEGACY_SETTINGS;
/// 0.19.0+: `wandb.init(resume=…)` assigned.
const INIT_RESUME: Stage = 10;
/// 0.19.0+: `wandb.init(id=…)` assigned.
const INIT_ID: Stage = 12;
/// 0.19.0+: `wandb.init(fork_from=…)` assigned.
const INIT_FORK_FROM: Stage = 14;
/// 0.19.0+: `wandb.init(resume_from=…)` assigned.
const INIT_RESUME_FROM: Stage = 16;
/// 0.19.0+: the library is set up: the workspace settings file is read.
const SETTINGS_FILE: Stage = 19;
/// 0.19.0+: the environment loads (its variables in the process environment's order).
pub(crate) const ENV_LOAD: Stage = 20;
/// 0.19.0+: `wandb.init`'s arguments merged onto the loaded settings: each field's check.
pub(crate) const MERGE: Stage = 21;
/// 0.19.0+: the model's checks after a merged assignment.
const MERGE_MODEL: Stage = 22;
/// 0.19.0+: a check on the settings not tied to one input.
pub(crate) const LATER_SETTINGS: Stage = 25;
/// Before 0.19.0, online: the user's settings read from the library's server object, after
/// `wandb.init`'s arguments (0.10.9–0.12.9 crash there when the library was set up offline).
pub(crate) const USER_SETTINGS: Stage = 26;
/// The run directory is created (named after the run id).
pub(crate) const RUN_DIRECTORY: Stage = 28;
/// The run starts: the settings are sent to the backend, wandb-core checks them.
pub(crate) const RUN_START: Stage = 30;
/// With the service process off, the in-process backend starts from the settings sent
/// (0.19.0 crashes there: after a `fork_from`'s own crash in sending them, server-service
/// vectors).
pub(crate) const BACKEND_START: Stage = 31;
/// The server answers.
pub(crate) const SERVER: Stage = 40;

// A model check after an assignment (`stage + 1`) comes before the next assignment.
const _: () = assert!(
    INIT_RESUME + 1 < INIT_ID
        && INIT_FORK_FROM + 1 < INIT_RESUME_FROM
        && INIT_RESUME_FROM + 1 < SETTINGS_FILE
        && SETTINGS_FILE < ENV_LOAD
        && INIT_GUARD < LEGACY_SETTINGS_FILE
        && MERGE < MERGE_MODEL
        && MERGE_MODEL < LATER_SETTINGS
        && LATER_SETTINGS < RUN_DIRECTORY
);

impl Diagnostic {
    /// Marks when in `wandb.init`'s flow this check is met, where its field does not say
    /// (`None`: its field says).
    pub(crate) fn at(mut self, stage: impl Into<Option<Stage>>) -> Self {
        self.stage = stage.into();
        self
    }
}

/// Marks every diagnostic in `found` as met at `stage` (the findings of one check).
pub(crate) fn met_at(found: &mut [Diagnostic], stage: Stage) {
    for d in found {
        d.stage = Some(stage);
    }
}

/// When `profile`'s SDK meets the check behind `d`.
fn stage(profile: &Profile, d: &Diagnostic) -> Stage {
    if let Some(stage) = d.stage {
        return stage;
    }
    let field = d.field.as_deref().unwrap_or("");
    if field == "sdk" {
        return SDK_INPUT;
    }
    if !profile.has(Rule::StrictResume) {
        // wandb.setup reads the settings file, then the environment, before wandb.init
        // applies its arguments.
        return if field.starts_with("env.") {
            LEGACY_ENV
        } else if field.starts_with("context.settingsFile") {
            LEGACY_SETTINGS_FILE
        } else if field.starts_with("init.settings.") {
            LEGACY_SETTINGS_ARGUMENT
        } else {
            LEGACY_SETTINGS
        };
    }
    match field {
        _ if field.starts_with("context.settingsFile") => SETTINGS_FILE,
        // the settings object (or dict) is built, and checked, before anything is assigned
        "init.settings.runId" => CALL_ARGUMENTS,
        "init.settings.resume" => SETTINGS_COLLECTED,
        "init.resume" => INIT_RESUME,
        "init.id" => INIT_ID,
        "init.forkFrom" => INIT_FORK_FROM,
        "init.resumeFrom" => INIT_RESUME_FROM,
        _ if field.starts_with("env.") => ENV_LOAD,
        _ => LATER_SETTINGS,
    }
}

/// By when `profile`'s SDK has written an `auto` run id to the auto-resume file: 0.10.0+ as
/// they make their settings, before the run directory; 0.9.x as their run object is made, after
/// its directory and before `wandb.init` checks `WANDB_MODE` (at the run's start).
pub(crate) fn auto_file_written(profile: &Profile) -> Stage {
    if profile.has(Rule::SettingsObject) {
        RUN_DIRECTORY
    } else {
        RUN_START
    }
}

/// True when `wandb.init` gets as far as `reached`: no error in `diagnostics` is met before
/// it (what it prints there is printed even if a later check fails).
pub(crate) fn gets_to(profile: &Profile, diagnostics: &[Diagnostic], reached: Stage) -> bool {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .all(|d| stage(profile, d) >= reached)
}

/// True when an error in `diagnostics` stops `wandb.init` before it reaches `reached` (the
/// input's own `sdk` findings are about this tool, not the launch).
pub(crate) fn raises_before(profile: &Profile, diagnostics: &[Diagnostic], reached: Stage) -> bool {
    diagnostics.iter().any(|d| {
        d.severity == Severity::Error && (SDK_INPUT + 1..reached).contains(&stage(profile, d))
    })
}

/// Where `wandb.init` stops short of `from` (offline: the server; disabled: the run
/// directory), the errors met there or later are not met: they stay, as warnings, without the
/// SDK's words, which this launch never prints.
pub(crate) fn not_reached(profile: &Profile, diagnostics: &mut [Diagnostic], from: Stage) {
    for d in diagnostics {
        if d.severity == Severity::Error && stage(profile, d) >= from {
            d.severity = Severity::Warning;
            d.sdk_message = None;
        }
    }
}

/// When 0.19.0+ find `resume`, `fork_from` and `resume_from` set together: the model check
/// runs after every assignment, so at the second of `wandb.init`'s own (in the order it
/// assigns them), else when the environment loads (none from `wandb.init`), else when the
/// arguments are merged onto it (after the merged fields' own checks). `from_init` is
/// `[resume, fork_from, resume_from]`.
pub(crate) fn exclusion_stage(from_init: [bool; 3]) -> Stage {
    let assigned = [INIT_RESUME, INIT_FORK_FROM, INIT_RESUME_FROM];
    let mut given = (0..3).filter(|&i| from_init[i]);
    match (given.next(), given.next()) {
        (_, Some(second)) => assigned[second] + 1,
        (Some(_), None) => MERGE_MODEL,
        (None, _) => ENV_LOAD,
    }
}

/// Orders `diagnostics` errors first — in the order `profile`'s SDK meets them — then
/// warnings, then info, keeping the order of discovery otherwise.
pub(crate) fn sort(profile: &Profile, diagnostics: &mut [Diagnostic]) {
    sort_errors_by(diagnostics, |d| stage(profile, d));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, diagnostic};
    use crate::model::Severity;
    use crate::version::parse_sdk_version;

    fn error(field: &str) -> Diagnostic {
        diagnostic(
            Code::RunIdEmpty,
            Severity::Error,
            Some(field),
            field.to_owned(),
        )
    }

    fn order(version: &str, list: &mut [Diagnostic]) -> Vec<String> {
        let profile = Profile::new(parse_sdk_version(version).unwrap());
        sort(&profile, list);
        list.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn from_0_19_0_init_arguments_come_before_the_environment() {
        let mut list = [
            error("env.WANDB_SWEEP_ID"),
            error("init.resumeFrom"),
            error("env.WANDB_RUN_ID"),
            error("init.id").at(RUN_START),
            error("init.forkFrom"),
            error("init.id"),
            error("init.resume"),
        ];
        assert_eq!(
            order("0.19.0", &mut list),
            [
                "init.resume",
                "init.id",
                "init.forkFrom",
                "init.resumeFrom",
                "env.WANDB_SWEEP_ID",
                "env.WANDB_RUN_ID",
                "init.id"
            ]
        );
        assert_eq!(list[6].stage, Some(RUN_START));
    }

    #[test]
    fn before_0_19_0_the_order_of_discovery_stands_but_for_the_call() {
        let mut list = [
            error("env.WANDB_RUN_ID"),
            error("init.id"),
            error("init.resumeFrom").at(CALL_RESUME_FROM),
            error("init.forkFrom").at(CALL_FORK_FROM),
        ];
        assert_eq!(
            order("0.16.4", &mut list),
            [
                "init.forkFrom",
                "init.resumeFrom",
                "env.WANDB_RUN_ID",
                "init.id"
            ]
        );
    }

    #[test]
    fn only_errors_move() {
        let mut list = [
            diagnostic(
                Code::NoResume,
                Severity::Info,
                Some("init.resume"),
                "i".into(),
            ),
            error("env.WANDB_RUN_ID"),
            diagnostic(
                Code::RunIdTooLong,
                Severity::Warning,
                Some("sdk"),
                "w".into(),
            ),
            error("init.id"),
        ];
        assert_eq!(
            order("0.20.1", &mut list),
            ["init.id", "env.WANDB_RUN_ID", "w", "i"]
        );
    }

    #[test]
    fn exclusion_is_met_at_the_second_init_argument_else_with_the_environment() {
        assert_eq!(exclusion_stage([true, true, false]), INIT_FORK_FROM + 1);
        assert_eq!(exclusion_stage([true, false, true]), INIT_RESUME_FROM + 1);
        assert_eq!(exclusion_stage([false, true, true]), INIT_RESUME_FROM + 1);
        assert_eq!(exclusion_stage([true, true, true]), INIT_FORK_FROM + 1);
        assert_eq!(exclusion_stage([false, false, false]), ENV_LOAD);
        assert_eq!(exclusion_stage([false, false, true]), MERGE_MODEL);
    }
}
