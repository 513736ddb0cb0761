//! The shared mode: `mode="shared"` (from `WANDB_MODE`, `mode=` or `settings=`), which W&B
//! documents for distributed training — several processes, the nodes of one job, writing one
//! run. A launch in it is online as any other: it asks W&B about the run and resumes, starts
//! or fails exactly as the online launch does, whether it is the primary writer or a
//! secondary one (`x_primary=False`); the shared-mode vectors
//! (tests/conformance/shared-server-vectors.json, a fake W&B server) show the same answers.
//! Which source's mode wins is the run mode's business ([`crate::run_mode`], where `shared`
//! is an online mode); the shared-mode vectors (shared-mode-vectors.json) pin that the settled
//! settings are shared exactly where the engine says so. What differs, here: 0.16.2 and older
//! refuse the value; 0.17.6+ print a warning that the mode is experimental; from 0.27.2 reading
//! `wandb.run.step` raises in it; and a process given no id generates its own, so it writes a
//! run of its own rather than the shared one.

use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::engine::Settled;
use crate::error::InputError;
use crate::model::{Diagnostic, ResumeInput, RunIdSource, Severity};
use crate::profile::{Profile, Rule};

/// What reading `wandb.run.step` raises in the shared mode from 0.27.2.
pub(crate) const STEP_UNREADABLE: &str = "Cannot read the W&B step in shared mode.";

/// The input check: a release that refuses the mode is not modelled (its settings raise, each
/// era with its own words); `path` is the field that names it.
pub(crate) fn check_input(input: &ResumeInput, path: &str) -> Result<(), InputError> {
    match input.given_profile() {
        Some(p) if !p.has(Rule::SharedMode) => Err(InputError::Invalid {
            path: path.to_owned(),
            reason: format!(
                "mode 'shared' is not modelled for wandb {}, which refuses it (0.16.3 added it)",
                p.version
            ),
        }),
        _ => Ok(()),
    }
}

/// The warning `wandb.init` prints in the shared mode (`None`: none), as `profile`'s SDK
/// words it.
fn experimental_warning(profile: &Profile) -> Option<String> {
    let name = if profile.has(Rule::SharedModeWarningReworded) {
        "`shared` mode"
    } else {
        "`_shared`"
    };
    profile.has(Rule::SharedModeWarning).then(|| {
        format!("The {name} feature is experimental and may change. Please contact support@wandb.com for guidance and to report any issues.")
    })
}

/// Whether reading `wandb.run.step` raises ([`STEP_UNREADABLE`]) after this launch: a shared
/// one from 0.27.2, where the step lives with the backend, which does not give it out in this
/// mode.
pub(crate) fn step_unreadable(s: &Settled<'_>) -> bool {
    s.shared.is_some() && s.profile.has(Rule::RunStepFromBackend)
}

/// The warning for `WANDB_MODE=shared` that 0.18.1–0.18.7's settings object replaces with
/// online (its own mode, online unless it says otherwise): the process writes the run as if
/// it were the only writer.
pub(crate) fn lost_to_object(profile: &Profile, out: &mut Vec<Diagnostic>) {
    out.push(
        diagnostic(
            Code::SharedModeLost,
            Severity::Warning,
            Some("env.WANDB_MODE"),
            format!(
                "wandb {} takes the mode from the settings= object (online by default): this launch is not shared.",
                profile.version
            ),
        )
        .hint("Pass mode=\"shared\" to wandb.Settings or wandb.init, or upgrade to wandb 0.19.0 or newer."),
    );
}

/// What a launch in the shared mode (set by `field`) means: one writer of the run, with the
/// warning the SDK prints; and, where no id is given, a run of its own.
pub(crate) fn explain(s: &Settled<'_>, field: &'static str, out: &mut Vec<Diagnostic>) {
    let run = match (s.run_id_source, s.run_id.as_deref()) {
        (RunIdSource::Generated, _) | (_, None) => "a run".to_owned(),
        (_, Some(id)) => format!("run {}", crate::pyunicode::repr(id)),
    };
    let mut note = diagnostic(
        Code::SharedMode,
        Severity::Info,
        Some(field),
        format!(
            "shared mode: one of the writers of {run}; each, x_primary or not, resumes, starts or fails as below."
        ),
    );
    // The warning comes once the backend has started: 0.19.0's crash without the service
    // process comes first (the server-disabled-mode vectors).
    let crashed = out
        .iter()
        .any(|d| d.code == Code::DisabledServiceCrashes.as_str());
    if let Some(warning) = experimental_warning(&s.profile).filter(|_| !crashed) {
        note = note.sdk(warning);
    }
    out.push(note);
    if step_unreadable(s) {
        out.push(
            diagnostic(
                Code::SharedModeStep,
                Severity::Info,
                Some(field),
                format!(
                    "in wandb {}'s shared mode, reading wandb.run.step raises; a resumed run's step is wandb.run.starting_step.",
                    s.profile.version
                ),
            )
            .sdk(STEP_UNREADABLE),
        );
    }
    if s.run_id_source == RunIdSource::Generated && !s.rejected {
        out.push(
            diagnostic(
                Code::SharedModeWithoutId,
                Severity::Warning,
                Some(field),
                "shared mode without a run id: each process generates its own and writes a run of its own.".to_owned(),
            )
            .hint("Give every process the same id= (or WANDB_RUN_ID, e.g. derived from the job's id)."),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::codec::input_from_json;
    use crate::error::InputError;
    use crate::model::{Action, Decision};

    fn decide(json: &str) -> Decision {
        crate::decide(&input_from_json(json).expect("reads"))
    }

    fn codes(d: &Decision) -> Vec<&str> {
        d.diagnostics.iter().map(|x| x.code).collect()
    }

    #[test]
    fn releases_that_refuse_the_mode_are_refused_by_the_field_that_names_it() {
        for (json, path) in [
            (
                r#"{"sdk":"0.16.2","env":{"WANDB_MODE":"shared"}}"#,
                "env.WANDB_MODE",
            ),
            (r#"{"sdk":"0.15.12","init":{"mode":"shared"}}"#, "init.mode"),
            (
                r#"{"sdk":"0.12.16","init":{"settings":{"form":"object","keys":["mode"],"mode":"shared"}}}"#,
                "init.settings.mode",
            ),
        ] {
            match input_from_json(json) {
                Err(InputError::Invalid { path: p, reason }) => {
                    assert_eq!(p, path, "{json}");
                    assert!(reason.contains("0.16.3"), "{reason}");
                }
                other => panic!("{json}: {other:?}"),
            }
        }
        let known = r#"{"sdk":"0.16.3","env":{"WANDB_MODE":"shared"}}"#;
        assert!(input_from_json(known).is_ok());
    }

    #[test]
    fn a_shared_launch_is_online_with_its_note_and_the_warning_by_release() {
        let json = |sdk: &str| {
            format!(
                r#"{{"sdk":"{sdk}","env":{{"WANDB_MODE":"shared"}},"init":{{"id":"abc","resume":"allow"}}}}"#
            )
        };
        let online = |sdk: &str| {
            decide(&format!(
                r#"{{"sdk":"{sdk}","init":{{"id":"abc","resume":"allow"}}}}"#
            ))
        };
        // Which releases warn, and where the words change; the words themselves are the
        // recorded SDKs' (tests/shared_conformance.rs).
        let mut quoted = Vec::new();
        for (sdk, warns) in [
            ("0.16.3", false),
            ("0.17.5", false),
            ("0.17.6", true),
            ("0.19.5", true),
            ("0.19.6", true),
            ("0.31.0", true),
        ] {
            let d = decide(&json(sdk));
            assert_eq!(d.if_exists.action, Action::Resume, "{sdk}");
            assert_eq!(d.if_missing.action, online(sdk).if_missing.action, "{sdk}");
            let note = d
                .diagnostics
                .iter()
                .find(|x| x.code == "shared-mode")
                .unwrap_or_else(|| panic!("{sdk}: {:?}", codes(&d)));
            assert_eq!(note.field.as_deref(), Some("env.WANDB_MODE"));
            assert!(note.message.contains("run 'abc'"), "{}", note.message);
            assert_eq!(note.sdk_message.is_some(), warns, "{sdk}");
            quoted.push(note.sdk_message.clone());
            assert!(!codes(&d).contains(&"shared-mode-without-id"), "{sdk}");
            assert!(!codes(&online(sdk)).contains(&"shared-mode"), "{sdk}");
        }
        assert_eq!(quoted[2], quoted[3], "0.17.6 and 0.19.5 word it alike");
        assert_ne!(quoted[3], quoted[4], "0.19.6 rewords it");
        assert_eq!(quoted[4], quoted[5], "0.19.6 and 0.31.0 word it alike");
    }

    #[test]
    fn reading_the_step_raises_from_0_27_2_and_the_resume_says_so() {
        let d = |sdk: &str, resume: &str| {
            decide(&format!(
                r#"{{"sdk":"{sdk}","init":{{"mode":"shared","id":"abc","resume":"{resume}"}}}}"#
            ))
        };
        for resume in ["must", "never"] {
            let step = d("0.27.2", resume)
                .diagnostics
                .into_iter()
                .find(|x| x.code == "shared-mode-step")
                .expect("the step note");
            assert_eq!(step.sdk_message.as_deref(), Some(super::STEP_UNREADABLE));
            assert!(!codes(&d("0.27.1", resume)).contains(&"shared-mode-step"));
        }
        let resumed = d("0.31.0", "must");
        assert!(
            resumed
                .if_exists
                .message
                .contains("wandb.run.starting_step)")
        );
        assert!(!codes(&resumed).contains(&"run-step-after-resume"));
        assert!(
            d("0.27.1", "must")
                .if_exists
                .message
                .contains("wandb.run.step is where")
        );
    }

    #[test]
    fn without_an_id_each_process_writes_a_run_of_its_own() {
        for json in [
            r#"{"sdk":"0.31.0","env":{"WANDB_MODE":"shared"}}"#,
            r#"{"sdk":"0.31.0","init":{"mode":"shared","resume":"auto"}}"#,
        ] {
            let d = decide(json);
            assert!(codes(&d).contains(&"shared-mode-without-id"), "{json}");
        }
        let with_file = r#"{"sdk":"0.31.0","init":{"mode":"shared","resume":"auto"},"context":{"resumeFile":"abc"}}"#;
        assert!(!codes(&decide(with_file)).contains(&"shared-mode-without-id"));
    }

    #[test]
    fn an_offline_or_disabled_launch_is_not_shared() {
        for json in [
            r#"{"sdk":"0.31.0","env":{"WANDB_MODE":"shared"},"init":{"mode":"offline"}}"#,
            r#"{"sdk":"0.31.0","env":{"WANDB_MODE":"shared"},"init":{"mode":"disabled"}}"#,
            r#"{"sdk":"0.18.7","env":{"WANDB_MODE":"shared","WANDB_DISABLED":"true"}}"#,
            r#"{"sdk":"0.18.7","env":{"WANDB_MODE":"shared"},"init":{"settings":{"form":"object","keys":[]}}}"#,
        ] {
            assert!(!codes(&decide(json)).contains(&"shared-mode"), "{json}");
        }
        let lost = r#"{"sdk":"0.18.7","env":{"WANDB_MODE":"shared"},"init":{"settings":{"form":"object","keys":[]}}}"#;
        assert!(codes(&decide(lost)).contains(&"shared-mode-lost"));
        let kept = r#"{"sdk":"0.19.0","env":{"WANDB_MODE":"shared"},"init":{"settings":{"form":"object","keys":[]}}}"#;
        assert!(codes(&decide(kept)).contains(&"shared-mode"));
        assert!(!codes(&decide(kept)).contains(&"shared-mode-lost"));
    }
}
