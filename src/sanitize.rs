//! The documentation's run-id rule, exactly: "all non-word characters will be converted to
//! dashes" and "no longer than 64 characters".
//!
//! This is `re.sub(r"\W", "-", id)` in Python: one `-` per non-word character, with Python's
//! Unicode notion of a word character. It is used to *suggest* a safe id; the engine never
//! silently changes the id the SDK will use (the SDK does not apply this rule).

use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::model::{SanitizedId, Severity};
use crate::profile::Profile;
use crate::pyunicode;
use crate::run_id::{DOCUMENTED_MAX_CHARS, check_effective_run_id, check_run_id};

/// `re.sub(r"\W", "-", raw)` and the number of characters replaced.
pub fn replace_non_word(raw: &str) -> (String, u32) {
    let mut replaced = 0u32;
    let sanitized = raw
        .chars()
        .map(|c| {
            if pyunicode::is_word_char(c) {
                c
            } else {
                replaced += 1;
                '-'
            }
        })
        .collect();
    (sanitized, replaced)
}

/// Applies the documented rule to `raw` and judges the raw id under SDK `sdk` (the newest
/// when `None`; an unusable version string is reported as a diagnostic and the newest rules
/// are applied).
pub fn sanitize_run_id(raw: &str, sdk: Option<&str>) -> SanitizedId {
    let mut diagnostics = Vec::new();
    let version = crate::engine::resolve_sdk(sdk, &mut diagnostics);
    let profile = Profile::new(version);
    check_run_id(raw, "raw", &profile, &mut diagnostics);
    if !raw.is_empty() {
        check_effective_run_id(raw, "raw", &mut diagnostics);
    }

    let (sanitized, replaced) = replace_non_word(raw);
    let chars = crate::text::char_count(&sanitized);
    let valid = chars > 0 && chars <= DOCUMENTED_MAX_CHARS;
    if chars > DOCUMENTED_MAX_CHARS
        && !diagnostics
            .iter()
            .any(|d| d.code == Code::RunIdTooLong.as_str())
    {
        diagnostics.push(
            diagnostic(
                Code::RunIdTooLong,
                Severity::Error,
                Some("raw"),
                format!("the id is {chars} characters long; the documentation allows at most {DOCUMENTED_MAX_CHARS}, and sanitizing never truncates."),
            )
            .hint("Shorten it; to keep it stable and unique, hash the long key (deriveRunId)."),
        );
    } else if chars > DOCUMENTED_MAX_CHARS {
        // Already reported for the raw id; sanitizing keeps the length, so it is an error here.
        for d in diagnostics
            .iter_mut()
            .filter(|d| d.code == Code::RunIdTooLong.as_str())
        {
            d.severity = Severity::Error;
        }
    }
    if chars == 0 {
        diagnostics.push(
            diagnostic(
                Code::RunIdEmpty,
                Severity::Error,
                Some("raw"),
                "the id is empty; there is nothing to sanitize.".to_owned(),
            )
            .hint("Generate one with generateId()."),
        );
    }
    crate::diagnostics::sort(&mut diagnostics);
    diagnostics.dedup_by(|a, b| a.code == b.code && a.severity == b.severity && a.field == b.field);

    SanitizedId {
        input: raw.to_owned(),
        suggested: valid.then(|| sanitized.clone()),
        sanitized,
        replaced,
        valid,
        sdk: version.to_string(),
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_each_non_word_char_with_one_dash() {
        assert_eq!(replace_non_word("my run/1:a"), ("my-run-1-a".to_owned(), 3));
        assert_eq!(replace_non_word("naïve_χ"), ("naïve_χ".to_owned(), 0));
        assert_eq!(replace_non_word("a🙂b"), ("a-b".to_owned(), 1));
        assert_eq!(replace_non_word("--"), ("--".to_owned(), 2));
    }

    #[test]
    fn never_truncates() {
        let long = "a".repeat(65);
        let s = sanitize_run_id(&long, None);
        assert_eq!(s.sanitized, long);
        assert!(!s.valid);
        assert_eq!(s.suggested, None);
        assert!(
            s.diagnostics
                .iter()
                .any(|d| d.code == "run-id-too-long" && d.severity == Severity::Error)
        );
    }

    #[test]
    fn suggests_an_accepted_id() {
        let s = sanitize_run_id(" job:7 ", Some("0.21.0"));
        assert_eq!(s.suggested.as_deref(), Some("-job-7-"));
        assert!(
            s.diagnostics
                .iter()
                .any(|d| d.code == "run-id-reserved-char" && d.severity == Severity::Error)
        );
        let old = sanitize_run_id("job:7", Some("0.20.1"));
        assert!(
            old.diagnostics
                .iter()
                .any(|d| d.code == "run-id-reserved-char" && d.severity == Severity::Warning)
        );
    }
}
