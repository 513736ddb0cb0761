//! Run-id rules: what each SDK version rejects, what the documentation forbids, and what
//! breaks later (URLs, artifact names, the run directory).

use crate::check_order::RUN_DIRECTORY;
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::model::{Diagnostic, Severity};
use crate::profile::{Profile, Rule};
use crate::pyunicode;
use crate::text::has_char;

/// The documentation's limit on run ids, in characters.
pub const DOCUMENTED_MAX_CHARS: usize = 64;

/// Characters the SDK rejects in a run id from 0.21.0 on (`validate_run_id`).
pub const RESERVED_CHARS: &str = ":;,#?/'";

/// Characters the documentation forbids (they are non-word) that no SDK rejects, and that
/// break URLs or paths: `%` is read as an escape, `\` as a path separator on Windows.
pub const DISCOURAGED_CHARS: &str = "\\%";

/// Longest artifact name the SDK accepts (`NAME_MAXLEN` in `artifacts/_validators.py`).
pub const ARTIFACT_NAME_MAX: usize = 128;

/// Length of `run-` + `-` around the id in `run-<id>-<key>`, the name of a logged table's
/// artifact.
const TABLE_ARTIFACT_OVERHEAD: usize = 5;

/// Below this many characters left for a table key, the artifact-name limit is worth a
/// warning.
const MIN_TABLE_KEY_ROOM: usize = 32;

/// A file name may hold at most 255 bytes on Linux filesystems; the run directory is
/// `run-YYYYMMDD_HHMMSS-<id>` (20 bytes + the id).
pub const RUN_DIR_MAX_ID_BYTES: usize = 255 - 20;

/// The SDK's exact messages about a run id.
pub mod sdk_message {
    /// 0.19.0+: an empty id.
    pub const EMPTY: &str = "Run ID cannot be empty";
    /// 0.19.0+: whitespace at either end (also what a whitespace-only id gets, since this
    /// check comes before the whitespace-only one).
    pub const WHITESPACE_ENDS: &str = "Run ID cannot start or end with whitespace";
    /// 0.21.0+: a reserved character.
    pub const RESERVED: &str = "Run ID cannot contain the characters: :;,#?/'";

    /// 0.15.6–0.18.7: `SettingsValidationError` for an empty or whitespace-only id.
    pub fn invalid_property(value: &str) -> String {
        format!("Invalid value for property run_id: {value}.")
    }

    /// 0.14.1–0.15.5: the warning for an empty or whitespace-only id.
    pub fn invalid_property_warning(value: &str) -> String {
        format!(
            "Invalid value for property run_id: {value}. This will raise an error in the future."
        )
    }
}

/// True for a non-empty id of ASCII letters, digits, `_` and `-` only — almost every id, and
/// one no character rule has anything to say about (no whitespace, nothing reserved,
/// discouraged or non-word), so the per-character scans can be skipped.
fn is_plain(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Appends the diagnostics for run id `id` (from field `field`) under `profile`. Returns
/// false when the SDK rejects the id outright. An empty id that the SDK treats as "no id"
/// (before 0.15.6) is accepted; the engine then generates one.
pub fn check_run_id(id: &str, field: &str, profile: &Profile, out: &mut Vec<Diagnostic>) -> bool {
    if is_plain(id) {
        return true;
    }
    let mut accepted = true;
    let stripped = pyunicode::strip(id);
    let v = profile.version;

    if id.is_empty() || stripped.is_empty() {
        let empty = id.is_empty();
        let code = if empty {
            Code::RunIdEmpty
        } else {
            Code::RunIdWhitespaceOnly
        };
        let what = if empty {
            "is empty"
        } else {
            "is only whitespace"
        };
        let fix = format!("Remove `{field}` to let wandb generate an id, or set a real one.");
        let d = if profile.has(Rule::RejectEdgeWhitespace) {
            diagnostic(
                code,
                Severity::Error,
                Some(field),
                format!("`{field}` {what}, and wandb {v} rejects it."),
            )
            .hint(fix)
            .sdk(if empty {
                sdk_message::EMPTY
            } else {
                sdk_message::WHITESPACE_ENDS
            })
        } else if profile.has(Rule::RejectEmptyRunId) {
            diagnostic(
                code,
                Severity::Error,
                Some(field),
                format!("`{field}` {what}, and wandb {v} rejects it."),
            )
            .hint(fix)
            .sdk(sdk_message::invalid_property(id))
        } else {
            let then = if empty {
                "treats it as no id and generates one"
            } else {
                "keeps it as the id, so every restart that strips it names a different run"
            };
            let d = diagnostic(
                code,
                Severity::Warning,
                Some(field),
                format!("`{field}` {what}; wandb {v} {then}, and wandb 0.15.6+ rejects it."),
            )
            .hint(fix);
            if profile.has(Rule::WarnEmptyRunId) {
                d.sdk(sdk_message::invalid_property_warning(id))
            } else {
                d
            }
        };
        accepted = d.severity != Severity::Error;
        out.push(d);
        if empty {
            return accepted;
        }
    } else if stripped.len() != id.len() {
        if profile.has(Rule::RejectEdgeWhitespace) {
            out.push(
                diagnostic(
                    Code::RunIdWhitespaceEnds,
                    Severity::Error,
                    Some(field),
                    format!("`{field}` starts or ends with whitespace, and wandb {v} rejects it."),
                )
                .hint(format!(
                    "Strip the whitespace: \"{stripped}\". A stray newline from `$(cat file)` or a CRLF .env file is the usual cause."
                ))
                .sdk(sdk_message::WHITESPACE_ENDS),
            );
            accepted = false;
        } else {
            out.push(
                diagnostic(
                    Code::RunIdWhitespaceEnds,
                    Severity::Warning,
                    Some(field),
                    format!(
                        "`{field}` starts or ends with whitespace; wandb {v} keeps it as part of the id, so a restart that sets the id without it starts a different run, and wandb 0.19.0+ rejects it."
                    ),
                )
                .hint(format!("Strip the whitespace: \"{stripped}\".")),
            );
        }
    }

    let reserved: Vec<char> = id
        .chars()
        .filter(|c| has_char(RESERVED_CHARS, *c))
        .collect();
    if !reserved.is_empty() {
        let found = quote_chars(&reserved);
        if profile.has(Rule::RejectReservedChars) {
            out.push(
                diagnostic(
                    Code::RunIdReservedChar,
                    Severity::Error,
                    Some(field),
                    format!(
                        "`{field}` contains {found}, which wandb {} rejects in a run id.",
                        profile.version
                    ),
                )
                .hint(format!(
                    "Replace them, e.g. with `-`: \"{}\".",
                    replace_reserved(id)
                ))
                .sdk(sdk_message::RESERVED),
            );
            accepted = false;
        } else {
            out.push(
                diagnostic(
                    Code::RunIdReservedChar,
                    Severity::Warning,
                    Some(field),
                    format!(
                        "`{field}` contains {found}; wandb {} accepts it, but these characters break the run's URL and wandb 0.21.0+ rejects them.",
                        profile.version
                    ),
                )
                .hint(format!("Replace them, e.g. with `-`: \"{}\".", replace_reserved(id))),
            );
        }
    }
    accepted
}

/// Appends the diagnostics that matter only for the id the run really gets: characters that
/// break paths and URLs, and lengths that break the run directory or artifact names. Returns
/// false when `wandb.init` fails with this id.
pub fn check_effective_run_id(id: &str, field: &str, out: &mut Vec<Diagnostic>) -> bool {
    let mut accepted = true;
    if !is_plain(id) {
        check_characters(id, field, out);
    }

    if has_char(id, '\0') {
        out.push(
            diagnostic(
                Code::RunIdNul,
                Severity::Error,
                Some(field),
                format!("`{field}` contains a NUL character; no file name can hold one, so wandb.init fails creating the run directory."),
            )
            .hint("Remove the NUL (\\0); it usually comes from reading a binary file or a C string.")
            .sdk("embedded null byte")
            .at(RUN_DIRECTORY),
        );
        accepted = false;
    }

    let chars = crate::text::char_count(id);
    if id.len() > RUN_DIR_MAX_ID_BYTES {
        out.push(
            diagnostic(
                Code::RunIdTooLong,
                Severity::Error,
                Some(field),
                format!(
                    "`{field}` is {} bytes long; the run directory `wandb/run-YYYYMMDD_HHMMSS-<id>` cannot be created on a filesystem with 255-byte names, so wandb.init fails.",
                    id.len()
                ),
            )
            .hint("Use an id of at most 64 characters, e.g. deriveRunId(key).")
            .sdk("[Errno 36] File name too long")
            .at(RUN_DIRECTORY),
        );
        accepted = false;
    } else if chars > DOCUMENTED_MAX_CHARS {
        out.push(
            diagnostic(
                Code::RunIdTooLong,
                Severity::Warning,
                Some(field),
                format!("`{field}` is {chars} characters long; the documentation allows at most {DOCUMENTED_MAX_CHARS}."),
            )
            .hint("Shorten it; to keep it stable and unique, hash the long key (deriveRunId)."),
        );
    }
    let key_room = ARTIFACT_NAME_MAX.saturating_sub(TABLE_ARTIFACT_OVERHEAD + chars);
    if key_room < MIN_TABLE_KEY_ROOM {
        out.push(
            diagnostic(
                Code::RunIdArtifactNameTooLong,
                Severity::Warning,
                Some(field),
                if key_room == 0 {
                    format!(
                        "with a {chars}-character id, every table logged with wandb.log fails: its artifact `run-<id>-<key>` exceeds {ARTIFACT_NAME_MAX} characters."
                    )
                } else {
                    format!(
                        "with a {chars}-character id, logging a table under a key longer than {key_room} characters fails: its artifact `run-<id>-<key>` exceeds {ARTIFACT_NAME_MAX} characters."
                    )
                },
            )
            .hint("Keep run ids short (8–32 characters)."),
        );
    }
    accepted
}

/// The character diagnostics of [`check_effective_run_id`]: characters no SDK rejects but
/// that break URLs or paths, and non-word characters the documentation would replace.
fn check_characters(id: &str, field: &str, out: &mut Vec<Diagnostic>) {
    let discouraged: Vec<char> = id
        .chars()
        .filter(|c| has_char(DISCOURAGED_CHARS, *c))
        .collect();
    if !discouraged.is_empty() {
        out.push(
            diagnostic(
                Code::RunIdDiscouragedChar,
                Severity::Warning,
                Some(field),
                format!(
                    "`{field}` contains {}: the documentation forbids non-word characters and no SDK rejects these, but `%` is read as a URL escape and `\\` as a Windows path separator.",
                    quote_chars(&discouraged)
                ),
            )
            .hint("Use only letters, digits, `_` and `-`; sanitizeRunId gives a safe form."),
        );
    }

    let other: Vec<char> = id
        .chars()
        .filter(|&c| {
            !pyunicode::is_word_char(c)
                && c != '-'
                && !has_char(RESERVED_CHARS, c)
                && !has_char(DISCOURAGED_CHARS, c)
                && !pyunicode::is_space(c)
        })
        .collect();
    if !other.is_empty() {
        out.push(
            diagnostic(
                Code::RunIdNonWordChar,
                Severity::Info,
                Some(field),
                format!(
                    "`{field}` contains {}; the documentation says non-word characters become dashes, but the SDK keeps them as they are.",
                    quote_chars(&other)
                ),
            )
            .hint("Use only letters, digits, `_` and `-` to be safe everywhere."),
        );
    }
}

/// Formats characters for a message: `':'`, `'#'` and `' '` → `':', '#', ' '`.
fn quote_chars(chars: &[char]) -> String {
    let mut seen: Vec<char> = Vec::new();
    for &c in chars {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    crate::text::join(
        seen.iter().map(|c| match c {
            '\'' => "\"'\"".to_owned(),
            c if c.is_control() => format!("U+{:04X}", *c as u32),
            c => format!("'{c}'"),
        }),
        ", ",
    )
}

fn replace_reserved(id: &str) -> String {
    id.chars()
        .map(|c| if has_char(RESERVED_CHARS, c) { '-' } else { c })
        .collect()
}
