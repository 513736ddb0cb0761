//! Errors for input the engine cannot read at all (as opposed to configurations it can
//! judge, whose problems are diagnostics inside a `Decision`).
//!
//! Every error has a stable `code` that reaches JS as the `code` property of a real `Error`.

use core::fmt;

use crate::model::{InitArgs, LaunchContext, ResumeInput};

/// Longest string accepted in any field, in UTF-8 bytes. Run ids are at most 64 characters
/// and notes are a paragraph; 64 KiB is generous for both and keeps hostile input cheap.
pub const MAX_STRING_BYTES: usize = 64 * 1024;

/// Most environment variables accepted in one input. A real environment has a few hundred;
/// only `WANDB_*` keys are read.
pub const MAX_ENV_ENTRIES: usize = 4096;

/// Most processes accepted in `context.processes`.
pub const MAX_PROCESSES: u32 = 1_000_000;

/// Why an input could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Wrong type, unknown field, missing value: the input is not a `ResumeInput`.
    Invalid {
        /// Where in the input, e.g. `init.resume` (empty for the top level).
        path: String,
        /// What was wrong, e.g. `invalid type: number, expected a boolean or a string`.
        reason: String,
    },
    /// A string holds an unpaired UTF-16 surrogate, which has no UTF-8 form; passing it on
    /// would silently change the id.
    LoneSurrogate {
        /// The fields that held one.
        fields: Vec<String>,
    },
    /// A field is larger than the stated limit.
    TooLarge {
        /// The field, e.g. `init.notes` or `env`.
        path: String,
        /// The limit, in the unit `unit`.
        limit: usize,
        /// What was given, in the unit `unit`.
        actual: usize,
        /// `bytes`, `entries` or `processes`.
        unit: &'static str,
    },
}

impl InputError {
    /// The same error for a value found at `prefix` (e.g. `[3]` in a batch): its paths are
    /// made relative to the whole input.
    pub fn within(self, prefix: &str) -> InputError {
        let join = |path: String| {
            if path.is_empty() || path == "." || path == "input" {
                prefix.to_owned()
            } else if path.starts_with('[') {
                format!("{prefix}{path}")
            } else {
                format!("{prefix}.{path}")
            }
        };
        match self {
            InputError::Invalid { path, reason } => InputError::Invalid {
                path: join(path),
                reason,
            },
            InputError::LoneSurrogate { fields } => InputError::LoneSurrogate {
                fields: fields.into_iter().map(join).collect(),
            },
            InputError::TooLarge {
                path,
                limit,
                actual,
                unit,
            } => InputError::TooLarge {
                path: join(path),
                limit,
                actual,
                unit,
            },
        }
    }

    /// Stable code for callers to switch on.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Invalid { .. } => "invalid-input",
            InputError::LoneSurrogate { .. } => "lone-surrogate",
            InputError::TooLarge { .. } => "input-too-large",
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Invalid { path, reason } if path.is_empty() || path == "." => {
                write!(f, "invalid input: {reason}")
            }
            InputError::Invalid { path, reason } => {
                write!(f, "invalid input at `{path}`: {reason}")
            }
            InputError::LoneSurrogate { fields } => write!(
                f,
                "`{}` contains an unpaired UTF-16 surrogate, which no run id or setting can hold; remove the broken character",
                crate::text::join(fields, "`, `")
            ),
            InputError::TooLarge {
                path,
                limit,
                actual,
                unit,
            } => write!(
                f,
                "`{path}` is too large: {actual} {unit}, the limit is {limit} {unit}"
            ),
        }
    }
}

impl std::error::Error for InputError {}

fn check_string(path: &str, value: &str) -> Result<(), InputError> {
    if value.len() > MAX_STRING_BYTES {
        return Err(InputError::TooLarge {
            path: path.to_owned(),
            limit: MAX_STRING_BYTES,
            actual: value.len(),
            unit: "bytes",
        });
    }
    Ok(())
}

impl ResumeInput {
    /// The rules of the release `sdk` names, where it names one (the input checks refuse what
    /// a release does not model; a version that does not parse is `decide`'s diagnostic).
    pub(crate) fn given_profile(&self) -> Option<crate::profile::Profile> {
        let version = crate::parse_sdk_version(self.sdk.as_deref()?).ok()?;
        Some(crate::profile::Profile::new(version))
    }

    /// Every string in the input with the field path it sits at, e.g.
    /// `("env.WANDB_RUN_ID", "abc")`; environment keys are reported as `env` keys.
    pub fn strings(&self) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        if let Some(sdk) = &self.sdk {
            out.push(("sdk".to_owned(), sdk.as_str()));
        }
        if let Some(env) = &self.env {
            for (k, v) in env {
                out.push((format!("env.{k}"), k.as_str()));
                out.push((format!("env.{k}"), v.as_str()));
            }
        }
        if let Some(InitArgs {
            resume,
            id,
            notes,
            resume_from,
            fork_from,
            mode,
            settings,
        }) = &self.init
        {
            if let Some(crate::model::ResumeArg::Text(s)) = resume {
                out.push(("init.resume".to_owned(), s.as_str()));
            }
            for (name, value) in [
                ("init.id", id),
                ("init.notes", notes),
                ("init.resumeFrom", resume_from),
                ("init.forkFrom", fork_from),
                ("init.mode", mode),
            ] {
                if let Some(v) = value {
                    out.push((name.to_owned(), v.as_str()));
                }
            }
            let keys = settings.as_ref().and_then(|s| s.keys.as_deref());
            for (at, key) in keys.unwrap_or_default().iter().enumerate() {
                out.push((format!("init.settings.keys.{at}"), key.as_str()));
            }
            if let Some(settings) = settings {
                if let Some(crate::model::ResumeArg::Text(s)) = &settings.resume {
                    out.push(("init.settings.resume".to_owned(), s.as_str()));
                }
                for (name, value) in [
                    ("init.settings.mode", &settings.mode),
                    ("init.settings.runId", &settings.run_id),
                ] {
                    if let Some(v) = value {
                        out.push((name.to_owned(), v.as_str()));
                    }
                }
            }
        }
        if let Some(context) = &self.context {
            if let Some(file) = &context.resume_file {
                out.push(("context.resumeFile".to_owned(), file.as_str()));
            }
            if let Some(text) = &context.resume_file_text {
                out.push(("context.resumeFileText".to_owned(), text.as_str()));
            }
            if let Some(file) = &context.settings_file {
                for (path, value) in [
                    (crate::settings_file::MODE, &file.mode),
                    (crate::settings_file::DISABLED, &file.disabled),
                ] {
                    if let Some(v) = value {
                        out.push((path.to_owned(), v.as_str()));
                    }
                }
            }
        }
        out
    }

    /// Checks the stated size limits, so that hostile input is refused with a clear error
    /// before any work is done on it.
    pub fn check_limits(&self) -> Result<(), InputError> {
        if let Some(env) = &self.env {
            if env.len() > MAX_ENV_ENTRIES {
                return Err(InputError::TooLarge {
                    path: "env".to_owned(),
                    limit: MAX_ENV_ENTRIES,
                    actual: env.len(),
                    unit: "entries",
                });
            }
        }
        // The common case allocates nothing: paths are built only for the error.
        let too_long = |v: &str| v.len() > MAX_STRING_BYTES;
        let any_too_long = self.sdk.as_deref().is_some_and(too_long)
            || self
                .env
                .iter()
                .flatten()
                .any(|(k, v)| too_long(k) || too_long(v))
            || self.init.as_ref().is_some_and(|i| {
                matches!(&i.resume, Some(crate::model::ResumeArg::Text(t)) if too_long(t))
                    || [&i.id, &i.notes, &i.resume_from, &i.fork_from, &i.mode]
                        .into_iter()
                        .any(|v| v.as_deref().is_some_and(too_long))
                    || i.settings.as_ref().is_some_and(|s| {
                        [&s.mode, &s.run_id]
                            .into_iter()
                            .any(|v| v.as_deref().is_some_and(too_long))
                            || matches!(&s.resume, Some(crate::model::ResumeArg::Text(t)) if too_long(t))
                            || s.keys.iter().flatten().any(|k| too_long(k))
                    })
            })
            || self.context.as_ref().is_some_and(|c| {
                let file = c.settings_file.as_ref();
                [
                    c.resume_file.as_ref(),
                    c.resume_file_text.as_ref(),
                    file.and_then(|f| f.mode.as_ref()),
                    file.and_then(|f| f.disabled.as_ref()),
                ]
                .into_iter()
                .any(|v| v.is_some_and(|v| too_long(v)))
            });
        if any_too_long {
            for (path, value) in self.strings() {
                check_string(&path, value)?;
            }
        }
        if let Some(context) = &self.context {
            check_resume_file_text(context)?;
        }
        crate::run_mode::check_input(self)?;
        crate::settings_arg::check_input(self)?;
        crate::settings_file::check_input(self)?;
        crate::disabled_env::check_input(self)?;
        crate::service_process::check_input(self)?;
        if let Some(n) = self.context.as_ref().and_then(|c| c.processes) {
            if n > MAX_PROCESSES {
                return Err(InputError::TooLarge {
                    path: "context.processes".to_owned(),
                    limit: MAX_PROCESSES as usize,
                    actual: n as usize,
                    unit: "processes",
                });
            }
        }
        Ok(())
    }
}

/// `resumeFileText` replaces `resumeFile`, and holds something whose outcome is known: a
/// file this package cannot speak for is refused with the reason rather than guessed at.
fn check_resume_file_text(context: &LaunchContext) -> Result<(), InputError> {
    let Some(text) = &context.resume_file_text else {
        return Ok(());
    };
    let invalid = |reason: String| {
        Err(InputError::Invalid {
            path: "context.resumeFileText".to_owned(),
            reason,
        })
    };
    if context.resume_file.is_some() {
        return invalid(
            "give either resumeFile (the run id the file holds) or resumeFileText (the file's text), not both".to_owned(),
        );
    }
    match crate::resume_file_text::read(text) {
        crate::resume_file_text::FileContent::Unmodeled(why) => invalid(format!(
            "what wandb does with this file is not modelled: {why}"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_enforced() {
        let mut input = ResumeInput {
            init: Some(InitArgs {
                notes: Some("x".repeat(MAX_STRING_BYTES + 1)),
                ..Default::default()
            }),
            ..Default::default()
        };
        let err = input.check_limits().unwrap_err();
        assert_eq!(err.code(), "input-too-large");
        assert!(err.to_string().contains("init.notes"), "{err}");
        input.init = Some(InitArgs::default());
        assert_eq!(input.check_limits(), Ok(()));
    }
}
