//! Errors and notes shared by the paste parsers, [`crate::env_block`] and
//! [`crate::init_call`]: a stable kebab-case code, a sentence, and the place in the pasted
//! text they refer to.
//!
//! Positions are 1-based. Columns count Unicode scalar values (characters), not bytes or
//! UTF-16 units, and a tab counts as one column.

use core::fmt;

use crate::json::{JsonWriter, ToJson};

/// Largest paste either parser reads, in UTF-8 bytes (1 MiB). A whole SLURM script or
/// training script is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// A place in the pasted text: 1-based line and column, the column counted in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcePosition {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters (Unicode scalar values), from 1.
    pub column: u32,
}

impl SourcePosition {
    /// Line 1, column 1.
    pub const START: SourcePosition = SourcePosition { line: 1, column: 1 };

    /// A position from a 1-based line and column.
    pub fn new(line: u32, column: u32) -> Self {
        SourcePosition { line, column }
    }
}

impl fmt::Display for SourcePosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Why a paste could not be read. Each kind has a stable [`code`](ParseErrorKind::code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParseErrorKind {
    /// The paste is larger than [`MAX_INPUT_BYTES`].
    InputTooLarge,
    /// Shell: a `'`, `"`, `$'` or `$"` quote is never closed.
    UnterminatedQuote,
    /// Shell: a `${`, `$(`, `$((`, `$[`, `<(`/`>(` or backquote is never closed.
    UnterminatedExpansion,
    /// Python: a string literal is never closed.
    UnterminatedString,
    /// Malformed syntax that bash or Python would refuse (`bash -n` fails, or Python raises
    /// `SyntaxError`).
    Syntax,
    /// Python: a string escape Python refuses (`\x4`, `\u12`, `\U00110000`, `\N` without
    /// braces).
    InvalidEscape,
    /// Python: something valid that this crate cannot evaluate exactly: a `\N{NAME}` escape
    /// in an argument that is read, or a non-ASCII keyword name (Python folds those with
    /// NFKC normalization).
    UnsupportedLiteral,
    /// Python: a read argument (`resume`, `id`, `notes`, `resume_from`, `fork_from`) is not
    /// a literal, e.g. a variable, a call, an f-string with placeholders, `**kwargs`.
    NonLiteral,
    /// Python: a read argument is a literal of a type it does not take, e.g. `resume=1`.
    UnsupportedValue,
    /// Python: a string holds an unpaired surrogate (`"\ud800"`), which no Rust or JSON
    /// string can carry.
    LoneSurrogate,
    /// Python: a positional argument (`wandb.init("proj")`, `*args`).
    PositionalArgument,
    /// Python: a keyword argument given twice.
    RepeatedArgument,
    /// Python: no `wandb.init(` call was found and the text is not a keyword list.
    NoCall,
}

impl ParseErrorKind {
    /// Stable code for callers to switch on.
    pub fn code(self) -> &'static str {
        match self {
            ParseErrorKind::InputTooLarge => "input-too-large",
            ParseErrorKind::UnterminatedQuote => "unterminated-quote",
            ParseErrorKind::UnterminatedExpansion => "unterminated-expansion",
            ParseErrorKind::UnterminatedString => "unterminated-string",
            ParseErrorKind::Syntax => "syntax",
            ParseErrorKind::InvalidEscape => "invalid-escape",
            ParseErrorKind::UnsupportedLiteral => "unsupported-literal",
            ParseErrorKind::NonLiteral => "non-literal",
            ParseErrorKind::UnsupportedValue => "unsupported-value",
            ParseErrorKind::LoneSurrogate => "lone-surrogate",
            ParseErrorKind::PositionalArgument => "positional-argument",
            ParseErrorKind::RepeatedArgument => "repeated-argument",
            ParseErrorKind::NoCall => "no-call",
        }
    }
}

/// A paste that could not be read: what, why, and where.
///
/// Serializes as `{ "code", "message", "line", "column" }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What kind of problem.
    pub kind: ParseErrorKind,
    /// A sentence saying what is wrong and, where it helps, what to write instead.
    pub message: String,
    /// Where: the opening quote of an unterminated string, the offending token or value.
    pub position: SourcePosition,
}

impl ParseError {
    /// An error of `kind` at `position`.
    pub fn new(kind: ParseErrorKind, position: SourcePosition, message: impl Into<String>) -> Self {
        ParseError {
            kind,
            message: message.into(),
            position,
        }
    }

    /// Stable code, e.g. `unterminated-quote`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.position)
    }
}

impl std::error::Error for ParseError {}

impl ToJson for ParseError {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.field("code", self.code());
        w.field("message", &self.message);
        w.field("line", &self.position.line);
        w.field("column", &self.position.column);
        w.end_object();
    }
}

/// How much a [`ParseNote`] matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoteSeverity {
    /// The paste is read, but probably does not do what its author meant.
    Warning,
    /// Explains how a part of the paste was read.
    Info,
}

crate::json_enum!(NoteSeverity { Warning => "warning", Info => "info" });

/// A finding that did not stop the parse, e.g. a skipped command line or a value that is only
/// known when the job runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseNote {
    /// Stable kebab-case code, e.g. `crlf-line-end`.
    pub code: String,
    /// `"warning"` or `"info"`.
    pub severity: NoteSeverity,
    /// What was found and, for warnings, how to fix it.
    pub message: String,
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

crate::json_object!(ParseNote {
    "code": code,
    "severity": severity,
    "message": message,
    "line": line,
    "column": column,
});

impl ParseNote {
    /// A warning with `code` at `position`.
    pub fn warning(code: &str, position: SourcePosition, message: impl Into<String>) -> Self {
        Self::with(NoteSeverity::Warning, code, position, message.into())
    }

    /// An informational note with `code` at `position`.
    pub fn info(code: &str, position: SourcePosition, message: impl Into<String>) -> Self {
        Self::with(NoteSeverity::Info, code, position, message.into())
    }

    fn with(severity: NoteSeverity, code: &str, position: SourcePosition, message: String) -> Self {
        ParseNote {
            code: code.to_owned(),
            severity,
            message,
            line: position.line,
            column: position.column,
        }
    }

    /// Where the note points.
    pub fn position(&self) -> SourcePosition {
        SourcePosition::new(self.line, self.column)
    }
}

/// Refuses a paste over [`MAX_INPUT_BYTES`].
pub(crate) fn check_input_size(text: &str) -> Result<(), ParseError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ParseError::new(
            ParseErrorKind::InputTooLarge,
            SourcePosition::START,
            format!(
                "the pasted text is {} bytes; the limit is {MAX_INPUT_BYTES} bytes (1 MiB)",
                text.len()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_display_and_json_carry_code_and_position() {
        let err = ParseError::new(
            ParseErrorKind::UnterminatedQuote,
            SourcePosition::new(3, 7),
            "the double quote is never closed",
        );
        assert_eq!(err.code(), "unterminated-quote");
        assert_eq!(
            err.to_string(),
            "the double quote is never closed (line 3, column 7)"
        );
        let json = serde_json::from_str::<serde_json::Value>(&crate::codec::to_json(&err)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "unterminated-quote",
                "message": "the double quote is never closed",
                "line": 3,
                "column": 7
            })
        );
        let boxed: Box<dyn std::error::Error> = Box::new(err);
        assert!(boxed.to_string().contains("line 3, column 7"));
    }

    #[test]
    fn note_serializes_camel_case_with_severity_words() {
        let note = ParseNote::warning("crlf-line-end", SourcePosition::new(2, 1), "m");
        assert_eq!(note.position(), SourcePosition::new(2, 1));
        let json =
            serde_json::from_str::<serde_json::Value>(&crate::codec::to_json(&note)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "crlf-line-end", "severity": "warning", "message": "m", "line": 2, "column": 1
            })
        );
        let info = ParseNote::info("reassigned", SourcePosition::START, "m");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&crate::codec::to_json(&info)).unwrap()["severity"],
            "info"
        );
    }

    #[test]
    fn codes_are_distinct_kebab_case() {
        let kinds = [
            ParseErrorKind::InputTooLarge,
            ParseErrorKind::UnterminatedQuote,
            ParseErrorKind::UnterminatedExpansion,
            ParseErrorKind::UnterminatedString,
            ParseErrorKind::Syntax,
            ParseErrorKind::InvalidEscape,
            ParseErrorKind::UnsupportedLiteral,
            ParseErrorKind::NonLiteral,
            ParseErrorKind::UnsupportedValue,
            ParseErrorKind::LoneSurrogate,
            ParseErrorKind::PositionalArgument,
            ParseErrorKind::RepeatedArgument,
            ParseErrorKind::NoCall,
        ];
        let mut codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'))
        );
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), kinds.len());
    }

    #[test]
    fn size_limit() {
        assert!(check_input_size("A=1").is_ok());
        let big = "x".repeat(MAX_INPUT_BYTES + 1);
        let err = check_input_size(&big).unwrap_err();
        assert_eq!(err.code(), "input-too-large");
        assert_eq!(err.position, SourcePosition::START);
        assert!(check_input_size(&big[..MAX_INPUT_BYTES]).is_ok());
    }
}

/// Helpers for the parsers' robustness tests.
#[cfg(test)]
pub(crate) mod test_support {
    /// A xorshift64 generator: deterministic random input without a dependency.
    pub fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// Runs `parse` on every text `cases` make, on a thread with wasm32's 1 MiB stack (debug
    /// frames are larger than release ones, so passing here leaves room in the build).
    pub fn run_on_wasm_sized_stack<T: 'static, E: 'static>(
        cases: &[fn() -> String],
        parse: fn(&str) -> Result<T, E>,
    ) {
        let texts = cases.iter().map(|f| f()).collect::<Vec<String>>();
        std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                for text in texts {
                    let _ = parse(&text);
                }
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
