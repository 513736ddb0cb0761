//! The auto-resume file `wandb/wandb-resume.json`: when `wandb.init` reads it, which id wins,
//! and what the file holds once `wandb.init` has returned.

use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::engine::Settled;
use crate::model::{Diagnostic, ResumeFileAction, ResumeMode, RunIdSource, Severity};
use crate::profile::{Profile, Rule};
use crate::pyunicode::repr;
use crate::resume_value::ResumeSetting;
use crate::run_id::check_run_id;

const FIELD: &str = "context.resumeFile";

/// The SDK's warning when an explicit id beats the id in the file.
pub fn ignored_message(profile: &Profile, file_id: &str, id: &str) -> String {
    if profile.has(Rule::LenientResumeFile) {
        format!(
            "Ignoring ID {file_id} loaded due to resume='auto' because the run ID is set to {id}."
        )
    } else {
        format!("Tried to auto resume run with id {file_id} but id {id} is set.")
    }
}

/// Whether the SDK prints that it ignores a file holding `file_id` because the run id is
/// already `id`: 0.10.0–0.10.10 whenever an id is set, from 0.10.11 only when the two differ
/// (0.9.x never).
fn sdk_warns_ignored(profile: &Profile, file_id: &str, id: &str) -> bool {
    if profile.has(Rule::ResumeFileWarnsOnlyIfDifferent) {
        file_id != id
    } else {
        profile.has(Rule::SettingsObject)
    }
}

/// Applies the file to the run id in `auto` mode. `run_id` is the explicit id (init, env or
/// a `resume` string), if any. Returns false when the id read from the file is rejected.
pub(crate) fn read(
    profile: &Profile,
    resume: &ResumeSetting,
    file: Option<&str>,
    kept_empty_id: bool,
    run_id: &mut Option<String>,
    source: &mut RunIdSource,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let (Some(file_id), Some(ResumeMode::Auto)) = (file, resume.mode) else {
        return true;
    };
    if !profile.has(Rule::SettingsObject) && !resume.init_truthy {
        // 0.9.x deletes the file before reading it whenever wandb.init's resume is falsy.
        out.push(
            diagnostic(
                Code::ResumeFileIgnored,
                Severity::Warning,
                Some(FIELD),
                format!(
                    "WANDB_RESUME=auto without resume=True in wandb.init: wandb {} deletes wandb/wandb-resume.json before reading it, so this launch never resumes {}.",
                    profile.version,
                    repr(file_id)
                ),
            )
            .hint("Pass resume=True to wandb.init (or upgrade wandb)."),
        );
        return true;
    }
    if file_id.is_empty() && profile.has(Rule::LenientResumeFile) {
        out.push(diagnostic(
            Code::ResumeFileInvalid,
            Severity::Info,
            Some(FIELD),
            format!(
                "wandb/wandb-resume.json holds an empty run id, which wandb {} ignores.",
                profile.version
            ),
        ));
        return true;
    }
    if kept_empty_id {
        // The empty id counts as "set": the file is ignored, then a fresh id is generated.
        // The SDK says so only where it warns (a file holding an empty id too is passed over
        // in silence from 0.10.11).
        let d = diagnostic(
            Code::ResumeFileIgnored,
            Severity::Warning,
            Some(FIELD),
            format!(
                "the run id is set to an empty string, so wandb {} ignores wandb/wandb-resume.json ({}) and then generates a new id: this launch does not resume.",
                profile.version,
                repr(file_id)
            ),
        )
        .hint("Remove the empty id so the file's id is used.");
        out.push(if sdk_warns_ignored(profile, file_id, "") {
            d.sdk(ignored_message(profile, file_id, ""))
        } else {
            d
        });
        return true;
    }
    if let Some(id) = run_id.as_deref() {
        let sdk_warns = sdk_warns_ignored(profile, file_id, id);
        let d = if file_id == id {
            if !sdk_warns {
                return true;
            }
            diagnostic(
                Code::ResumeFileIgnored,
                Severity::Info,
                Some(FIELD),
                format!(
                    "wandb {} warns that it ignores wandb/wandb-resume.json even though the file holds the same id {}; nothing changes.",
                    profile.version,
                    repr(id)
                ),
            )
        } else {
            diagnostic(
                Code::ResumeFileIgnored,
                Severity::Warning,
                Some(FIELD),
                format!(
                    "wandb/wandb-resume.json holds run id {}, but the run id is set to {}, so the file is ignored and then overwritten.",
                    repr(file_id),
                    repr(id)
                ),
            )
            .hint("Remove the explicit id to resume the run in the file, or delete the file.")
        };
        out.push(if sdk_warns {
            d.sdk(ignored_message(profile, file_id, id))
        } else {
            d
        });
        return true;
    }
    // The id from the file goes through the same validation as any run id.
    let accepted = check_run_id(file_id, FIELD, profile, out);
    if file_id.is_empty() {
        return accepted;
    }
    out.push(diagnostic(
        Code::RunIdFromResumeFile,
        Severity::Info,
        Some(FIELD),
        format!(
            "resume is auto, so wandb takes run id {} from wandb/wandb-resume.json.",
            repr(file_id)
        ),
    ));
    *run_id = Some(file_id.to_owned());
    *source = RunIdSource::ResumeFile;
    accepted
}

/// The run id the file holds once `wandb.init` has returned, and what init did to it.
pub(crate) fn after(s: &Settled<'_>) -> (Option<String>, ResumeFileAction) {
    let before = s.context.resume_file.clone();
    if s.rejected {
        return (before, ResumeFileAction::NotReached);
    }
    if s.resume.mode == Some(ResumeMode::Auto) {
        return (s.run_id.clone(), ResumeFileAction::Written);
    }
    let removes = if !s.profile.has(Rule::SettingsObject) {
        !s.resume.init_truthy
    } else {
        s.profile.has(Rule::ResumeFileRemovedAtInit) && s.resume.mode.is_none()
    };
    if removes && before.is_some() {
        return (None, ResumeFileAction::Removed);
    }
    (before, ResumeFileAction::Untouched)
}
