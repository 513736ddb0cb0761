//! The auto-resume file `wandb/wandb-resume.json`: when `wandb.init` reads it, which id wins,
//! and what the file holds once `wandb.init` has returned.

use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::engine::Settled;
use crate::model::{Diagnostic, ResumeFileAction, ResumeMode, RunIdSource, Severity};
use crate::profile::{Profile, Rule};
use crate::pyunicode::repr;
use crate::resume_file_text::FileContent;
use crate::resume_value::ResumeSetting;
use crate::run_id::check_run_id;

const FIELD: &str = "context.resumeFile";
const TEXT_FIELD: &str = "context.resumeFileText";

/// What the launch finds in `wandb/wandb-resume.json`: the id (from `resumeFile`, or read
/// from `resumeFileText`), or text that does not give one (`Unreadable`).
#[derive(Clone, Copy)]
pub(crate) enum FileFound<'a> {
    /// No file.
    Absent,
    /// A file that gives this run id, and the input field it came from (`resumeFile`, or
    /// `resumeFileText` when read from the text), which the diagnostics name.
    Id(&'a str, &'static str),
    /// A file whose text gives no string id: what Python makes of it.
    Unreadable(&'a FileContent),
}

impl<'a> FileFound<'a> {
    /// The file of `resume_file` / `resume_file_text`, the latter decoded into `decoded`.
    pub(crate) fn of(resume_file: Option<&'a str>, decoded: Option<&'a FileContent>) -> Self {
        match (decoded, resume_file) {
            (Some(FileContent::RunId(id)), _) => FileFound::Id(id, TEXT_FIELD),
            (Some(other), _) => FileFound::Unreadable(other),
            (None, Some(id)) => FileFound::Id(id, FIELD),
            (None, None) => FileFound::Absent,
        }
    }

    /// The input field the file came from, which the diagnostics about it name.
    pub(crate) fn field(self) -> &'static str {
        match self {
            FileFound::Id(_, field) => field,
            FileFound::Unreadable(_) => TEXT_FIELD,
            FileFound::Absent => FIELD,
        }
    }

    /// The id the file holds, if it gives one.
    pub(crate) fn id(self) -> Option<&'a str> {
        match self {
            FileFound::Id(id, _) => Some(id),
            _ => None,
        }
    }
}

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
    file: FileFound<'_>,
    kept_empty_id: bool,
    run_id: &mut Option<String>,
    source: &mut RunIdSource,
    out: &mut Vec<Diagnostic>,
) -> bool {
    if matches!(file, FileFound::Absent) || resume.mode != Some(ResumeMode::Auto) {
        return true;
    }
    if !profile.has(Rule::SettingsObject) && !resume.init_truthy {
        // 0.9.x deletes the file before reading it whenever wandb.init's resume is falsy.
        let field = file.field();
        let what = file.id().map_or_else(
            || "whatever it holds".to_owned(),
            |id| format!("run {}", repr(id)),
        );
        out.push(
            diagnostic(
                Code::ResumeFileIgnored,
                Severity::Warning,
                Some(field),
                format!(
                    "WANDB_RESUME=auto without resume=True in wandb.init: wandb {} deletes wandb/wandb-resume.json before reading it, so this launch never resumes {what}.",
                    profile.version,
                ),
            )
            .hint("Pass resume=True to wandb.init (or upgrade wandb)."),
        );
        return true;
    }
    let (file_id, field) = match file {
        FileFound::Id(id, field) => (id, field),
        FileFound::Unreadable(content) => {
            return read_unreadable(profile, content, kept_empty_id, run_id, out);
        }
        FileFound::Absent => return true,
    };
    if file_id.is_empty() && profile.has(Rule::LenientResumeFile) {
        out.push(diagnostic(
            Code::ResumeFileInvalid,
            Severity::Info,
            Some(field),
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
            Some(field),
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
                Some(field),
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
                Some(field),
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
    let accepted = check_run_id(file_id, field, profile, out);
    if file_id.is_empty() {
        return accepted;
    }
    out.push(diagnostic(
        Code::RunIdFromResumeFile,
        Severity::Info,
        Some(field),
        format!(
            "resume is auto, so wandb takes run id {} from wandb/wandb-resume.json.",
            repr(file_id)
        ),
    ));
    *run_id = Some(file_id.to_owned());
    *source = RunIdSource::ResumeFile;
    accepted
}

/// `auto` meets a file whose text gives no string id. 0.9.x reads it only when no id is set
/// and needs a string; 0.10.0–0.19.2 read it whenever resuming is auto and raise on anything
/// but an object (a `run_id` of null counts as none); 0.19.3+ pass over text that is not
/// JSON and an object without `run_id` (the log says so, the screen does not), but still
/// raise on JSON that is not an object. Returns false when `wandb.init` raises.
fn read_unreadable(
    profile: &Profile,
    content: &FileContent,
    kept_empty_id: bool,
    run_id: &Option<String>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let v = profile.version;
    let id_set = run_id.is_some() || kept_empty_id;
    if !profile.has(Rule::SettingsObject) && id_set {
        // 0.9.x never opens the file when an id is given.
        return true;
    }
    // Which release reads the file without raising, for the hint.
    // Which release reads the file without raising.
    let hint = match content {
        FileContent::NotAnObject(_) => {
            "Delete wandb/wandb-resume.json (no release reads JSON that is not an object)."
        }
        FileContent::NullRunId => {
            "Delete wandb/wandb-resume.json (wandb 0.10.0+ take a null run_id for no id)."
        }
        _ => {
            "Delete wandb/wandb-resume.json, or upgrade wandb to 0.19.3+, which passes over it and starts a new run."
        }
    };
    let raises = |what: String, sdk: String| {
        diagnostic(Code::ResumeFileUnreadable, Severity::Error, Some(TEXT_FIELD), format!(
            "wandb/wandb-resume.json {what}, and wandb {v} raises when it reads it{}: wandb.init fails on this launch and on every restart in this directory until the file is deleted.",
            if id_set { " (even though an id is set)" } else { "" }
        ))
        .hint(hint)
        .sdk(sdk)
    };
    let ignored = |what: String| {
        let then = if id_set {
            "the id that is set is used, and the file is overwritten with it"
        } else {
            "a new id is generated, so this launch starts a new run, and the file is overwritten with the new id"
        };
        diagnostic(
            Code::ResumeFileUnreadable,
            Severity::Warning,
            Some(TEXT_FIELD),
            format!(
                "wandb/wandb-resume.json {what}; wandb {v} passes over it without a word on the screen: {then}."
            ),
        )
        .hint("Find what wrote the file: a job killed while wandb rewrote it leaves it empty.")
    };
    let d = match content {
        FileContent::NotJson(message) => {
            let what = format!("is not JSON ({message})");
            if profile.has(Rule::LenientResumeFile) {
                ignored(what)
            } else {
                raises(what, message.clone())
            }
        }
        FileContent::NoRunId => {
            let what = "holds an object without \"run_id\"".to_owned();
            if profile.has(Rule::LenientResumeFile) {
                ignored(what)
            } else {
                raises(what, "'run_id'".to_owned())
            }
        }
        FileContent::NotAnObject(kind) => raises(
            format!(
                "holds a JSON value that is not an object (a Python {})",
                kind.python_type()
            ),
            kind.subscript_error().to_owned(),
        ),
        FileContent::NullRunId => {
            if !profile.has(Rule::SettingsObject) {
                raises(
                    "holds \"run_id\": null".to_owned(),
                    "str expected, not NoneType".to_owned(),
                )
            } else if let Some(id) = run_id
                .as_deref()
                .or(kept_empty_id.then_some(""))
                .filter(|_| !profile.has(Rule::LenientResumeFile))
            {
                diagnostic(
                    Code::ResumeFileIgnored,
                    Severity::Info,
                    Some(TEXT_FIELD),
                    format!("wandb/wandb-resume.json holds \"run_id\": null; wandb {v} says it ignores it for the id that is set, {}.", repr(id)),
                )
                .sdk(ignored_message(profile, "None", id))
            } else {
                let then = if id_set {
                    "the id that is set is used"
                } else {
                    "a new id is generated"
                };
                diagnostic(
                    Code::ResumeFileInvalid,
                    Severity::Info,
                    Some(TEXT_FIELD),
                    format!(
                        "wandb/wandb-resume.json holds \"run_id\": null, which wandb {v} takes for no id: {then}."
                    ),
                )
            }
        }
        FileContent::Unmodeled(why) => diagnostic(
            Code::ResumeFileUnreadable,
            Severity::Error,
            Some(TEXT_FIELD),
            format!("wandb/wandb-resume.json is outside what this package models: {why}."),
        ),
        FileContent::RunId(_) => return true,
    };
    let accepted = d.severity != Severity::Error;
    out.push(d);
    accepted
}

/// The run id the file holds once `wandb.init` has returned, and what init did to it.
pub(crate) fn after(s: &Settled<'_>) -> (Option<String>, ResumeFileAction) {
    let before = s.file.id().map(str::to_owned);
    if s.rejected {
        // Raising late enough, a launch has written its `auto` run id to the file (0.10.0+ with
        // their settings, 0.9.x as their run object is made); 0.10.0+ delete a file only once
        // the run has started, 0.9.x that of a launch without any `resume` first thing. The
        // offline vectors record the file after every launch that raised at its run
        // directory, the mixed timelines after 0.9.x's invalid mode.
        if s.rejected_after_auto_file && s.resume.mode == Some(ResumeMode::Auto) {
            return (s.run_id.clone(), ResumeFileAction::Written);
        }
        if s.rejected_after_settings
            && !s.profile.has(Rule::SettingsObject)
            && s.resume.mode.is_none()
            && !s.resume.init_truthy
            && !matches!(s.file, FileFound::Absent)
        {
            return (None, ResumeFileAction::Removed);
        }
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
    if removes && !matches!(s.file, FileFound::Absent) {
        return (None, ResumeFileAction::Removed);
    }
    (before, ResumeFileAction::Untouched)
}
