//! What the SDK reads from the text of `wandb/wandb-resume.json`: `json.load(f)["run_id"]`,
//! with CPython's `json` module and its exact error messages.
//!
//! wandb writes `{"run_id": "<id>"}`, but a file can hold anything: an empty file left by a
//! job killed while wandb rewrote it (`open(…, "w")` truncates first), a truncated one after
//! a full disk, one a tool or a person wrote. What `wandb.init` then does depends on the
//! release (see `resume_file`); this module only says what Python makes of the text, so each
//! outcome can quote what Python raises.
//!
//! The decoder follows CPython's C scanner (`Modules/_json.c`) as CPython 3.7–3.12 ship it:
//! the same acceptance (`NaN`, `Infinity`, duplicate keys, the last one winning), the same
//! messages and the same positions (in characters, after the universal-newline translation
//! `open()` applies). CPython 3.13 words a trailing comma differently ("Illegal trailing
//! comma before end of object"); the position and the outcome are the same.

use crate::json::{hex4, surrogate_pair};

/// What `json.load(f)["run_id"]` gives for a file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileContent {
    /// An object whose (last) `run_id` is a string: the id.
    RunId(String),
    /// An object whose `run_id` is `null`: Python's `None`.
    NullRunId,
    /// Not JSON: `json.JSONDecodeError` with this message (position included).
    NotJson(String),
    /// An object without `run_id`: `KeyError: 'run_id'`.
    NoRunId,
    /// Valid JSON that is not an object: indexing it with `"run_id"` raises `TypeError`.
    NotAnObject(JsonKind),
    /// Something this package does not model, with the reason: a `run_id` that is neither a
    /// string nor null, a run id with an unpaired surrogate, an integer too long for Python
    /// 3.11+, nesting deep enough to meet Python's recursion limit.
    Unmodeled(&'static str),
}

/// The Python type of a JSON value that is not an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    /// `[...]`: a `list`.
    List,
    /// `"..."`: a `str`.
    Str,
    /// `null`: `None`.
    Null,
    /// `true` / `false`: a `bool`.
    Bool,
    /// An integer: an `int`.
    Int,
    /// A number with a fraction or an exponent, `NaN`, `Infinity`: a `float`.
    Float,
}

impl JsonKind {
    /// The Python type's name.
    pub fn python_type(self) -> &'static str {
        match self {
            JsonKind::List => "list",
            JsonKind::Str => "str",
            JsonKind::Null => "NoneType",
            JsonKind::Bool => "bool",
            JsonKind::Int => "int",
            JsonKind::Float => "float",
        }
    }

    /// What Python's `TypeError` says when `value["run_id"]` indexes a value of this kind.
    /// For a `str` the message continues ", not 'str'" from Python 3.11; this is the part
    /// every version prints.
    pub fn subscript_error(self) -> &'static str {
        match self {
            JsonKind::List => "list indices must be integers or slices, not str",
            JsonKind::Str => "string indices must be integers",
            JsonKind::Null => "'NoneType' object is not subscriptable",
            JsonKind::Bool => "'bool' object is not subscriptable",
            JsonKind::Int => "'int' object is not subscriptable",
            JsonKind::Float => "'float' object is not subscriptable",
        }
    }
}

/// Deeper nesting than this is not modelled: CPython reads it until its recursion limit
/// (about 1 000 levels, less the caller's frames) and then raises `RecursionError`.
const MAX_DEPTH: usize = 100;
/// CPython 3.11+ refuses to convert an integer literal longer than this (`ValueError`);
/// older versions read it.
const MAX_INT_DIGITS: usize = 4300;

/// Reads `text` as the SDK does: `json.load(open(path))["run_id"]`.
pub fn read(text: &str) -> FileContent {
    // open() in text mode translates \r\n and \r to \n before json sees the text.
    let translated;
    let mut text = text.as_bytes();
    if text.contains(&b'\r') {
        translated = translate_newlines(text);
        text = &translated;
    }
    let mut scanner = Scanner { s: text, depth: 0 };
    match scanner.document() {
        Ok(Value::Object(Some(RunId::Str(id)))) => FileContent::RunId(id),
        Ok(Value::Object(Some(RunId::Null))) => FileContent::NullRunId,
        Ok(Value::Object(Some(RunId::Unmodeled(why)))) => FileContent::Unmodeled(why),
        Ok(Value::Object(None)) => FileContent::NoRunId,
        Ok(Value::Kind(kind)) => FileContent::NotAnObject(kind),
        Ok(Value::Str(_)) => FileContent::NotAnObject(JsonKind::Str),
        Err(Failure::Decode { message, pos }) => {
            FileContent::NotJson(decode_error(message, text, pos))
        }
        Err(Failure::Unmodeled(why)) => FileContent::Unmodeled(why),
    }
}

/// `\r\n` and `\r` → `\n`, as `open()` in text mode reads a file.
fn translate_newlines(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.iter().peekable();
    while let Some(&b) = bytes.next() {
        if b == b'\r' {
            bytes.next_if_eq(&&b'\n');
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
    out
}

/// `json.JSONDecodeError`'s message: `msg: line L column C (char P)`, counted in characters
/// as Python counts them. `pos` is a byte offset at a character boundary (every position
/// the decoder reports is at an ASCII character or at the start of one).
fn decode_error(message: &str, text: &[u8], pos: usize) -> String {
    let (mut chars, mut line, mut line_start) = (0, 1, 0);
    for &b in &text[..pos] {
        // A character starts at every byte but UTF-8's continuation bytes.
        if b & 0xc0 != 0x80 {
            chars += 1;
        }
        if b == b'\n' {
            line += 1;
            line_start = chars;
        }
    }
    let column = chars - line_start + 1;
    format!("{message}: line {line} column {column} (char {chars})")
}

/// A decoded value, reduced to what reading `run_id` needs.
enum Value {
    /// Anything but an object or a string.
    Kind(JsonKind),
    /// A string: `None` when an escape left an unpaired surrogate, which a Rust string cannot
    /// hold.
    Str(Option<String>),
    /// An object, with its (last) `run_id` member.
    Object(Option<RunId>),
}

/// An object's `run_id` member.
enum RunId {
    Str(String),
    Null,
    /// Anything else: why it is not modelled.
    Unmodeled(&'static str),
}

impl Value {
    fn into_run_id(self) -> RunId {
        match self {
            Value::Str(Some(id)) => RunId::Str(id),
            Value::Kind(JsonKind::Null) => RunId::Null,
            Value::Str(None) => RunId::Unmodeled(
                "its run_id holds an unpaired surrogate escape, which wandb could not write back",
            ),
            _ => RunId::Unmodeled(
                "its run_id is neither a string nor null but a number, a boolean, an array or an object, which wandb never writes",
            ),
        }
    }
}

enum Failure {
    /// `JSONDecodeError(message, doc, pos)`.
    Decode { message: &'static str, pos: usize },
    /// Outside what this module models.
    Unmodeled(&'static str),
}

fn fail<T>(message: &'static str, pos: usize) -> Result<T, Failure> {
    Err(Failure::Decode { message, pos })
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// The decoder, over the text's UTF-8 bytes: every character JSON gives a meaning to is
/// ASCII, so a byte offset stands for the character that starts there.
struct Scanner<'a> {
    s: &'a [u8],
    depth: usize,
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<u8> {
        self.s.get(i).copied()
    }

    fn digit(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_ascii_digit())
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_ws) {
            i += 1;
        }
        i
    }

    /// `json.loads`: the BOM check, leading whitespace, one value, trailing whitespace.
    fn document(&mut self) -> Result<Value, Failure> {
        if self.s.starts_with("\u{feff}".as_bytes()) {
            return fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
        }
        let start = self.skip_ws(0);
        let (value, end) = self.value(start)?;
        let end = self.skip_ws(end);
        if end != self.s.len() {
            return fail("Extra data", end);
        }
        Ok(value)
    }

    /// `scan_once` at `i`: a value and the index after it. A missing value is "Expecting
    /// value" at `i` (the StopIteration `raw_decode` turns into that error).
    fn value(&mut self, i: usize) -> Result<(Value, usize), Failure> {
        let rest = &self.s[i.min(self.s.len())..];
        for (word, kind) in [
            ("null", JsonKind::Null),
            ("true", JsonKind::Bool),
            ("false", JsonKind::Bool),
            ("NaN", JsonKind::Float),
            ("Infinity", JsonKind::Float),
            ("-Infinity", JsonKind::Float),
        ] {
            if rest.starts_with(word.as_bytes()) {
                return Ok((Value::Kind(kind), i + word.len()));
            }
        }
        match self.at(i) {
            None => fail("Expecting value", i),
            Some(b'"') => {
                let (text, end) = self.string(i + 1)?;
                Ok((Value::Str(text), end))
            }
            Some(open @ (b'{' | b'[')) => {
                if self.depth >= MAX_DEPTH {
                    return Err(Failure::Unmodeled(
                        "it nests arrays and objects more than 100 levels deep, where Python's recursion limit decides whether json.load reads it",
                    ));
                }
                self.depth += 1;
                let result = if open == b'{' {
                    self.object(i + 1)
                } else {
                    self.array(i + 1)
                };
                self.depth -= 1;
                result
            }
            Some(_) => self.number(i),
        }
    }

    /// `_match_number_unicode`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, with its
    /// lookahead rules (a `.` or `e` not followed by digits ends the number before it).
    fn number(&self, start: usize) -> Result<(Value, usize), Failure> {
        let end_idx = self.s.len() - 1;
        let mut i = start;
        if self.at(i) == Some(b'-') {
            i += 1;
            if i > end_idx {
                return fail("Expecting value", start);
            }
        }
        let int_start = i;
        match self.at(i) {
            Some(b'1'..=b'9') => {
                i += 1;
                while self.digit(i) {
                    i += 1;
                }
            }
            Some(b'0') => i += 1,
            _ => return fail("Expecting value", start),
        }
        let int_digits = i - int_start;
        let mut kind = JsonKind::Int;
        if i < end_idx && self.at(i) == Some(b'.') && self.digit(i + 1) {
            kind = JsonKind::Float;
            i += 2;
            while self.digit(i) {
                i += 1;
            }
        }
        if i < end_idx && matches!(self.at(i), Some(b'e' | b'E')) {
            let e_start = i;
            i += 1;
            if i < end_idx && matches!(self.at(i), Some(b'-' | b'+')) {
                i += 1;
            }
            while self.digit(i) {
                i += 1;
            }
            if self.digit(i - 1) {
                kind = JsonKind::Float;
            } else {
                i = e_start;
            }
        }
        if kind == JsonKind::Int && int_digits > MAX_INT_DIGITS {
            return Err(Failure::Unmodeled(
                "it holds an integer of more than 4 300 digits, which Python 3.11+ refuses to read (ValueError) and older versions read",
            ));
        }
        Ok((Value::Kind(kind), i))
    }

    /// `_parse_object_unicode`, from just after `{`.
    fn object(&mut self, mut i: usize) -> Result<(Value, usize), Failure> {
        let mut run_id = None;
        i = self.skip_ws(i);
        if self.at(i) != Some(b'}') {
            loop {
                if self.at(i) != Some(b'"') {
                    return fail("Expecting property name enclosed in double quotes", i);
                }
                let (key, after_key) = self.string(i + 1)?;
                i = self.skip_ws(after_key);
                if self.at(i) != Some(b':') {
                    return fail("Expecting ':' delimiter", i);
                }
                i = self.skip_ws(i + 1);
                let (value, after_value) = self.value(i)?;
                if key.as_deref() == Some("run_id") {
                    run_id = Some(value.into_run_id());
                }
                i = self.skip_ws(after_value);
                if self.at(i) == Some(b'}') {
                    break;
                }
                if self.at(i) != Some(b',') {
                    return fail("Expecting ',' delimiter", i);
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::Object(run_id), i + 1))
    }

    /// `_parse_array_unicode`, from just after `[`.
    fn array(&mut self, mut i: usize) -> Result<(Value, usize), Failure> {
        i = self.skip_ws(i);
        if self.at(i) != Some(b']') {
            loop {
                let (_, after_value) = self.value(i)?;
                i = self.skip_ws(after_value);
                if self.at(i) == Some(b']') {
                    break;
                }
                if self.at(i) != Some(b',') {
                    return fail("Expecting ',' delimiter", i);
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::Kind(JsonKind::List), i + 1))
    }

    /// `scanstring_unicode` (strict), from just after the opening quote: the text (`None`
    /// when it holds an unpaired surrogate) and the index after the closing quote. CPython
    /// counts its lookaheads (four hex digits, a second escape) in characters, this in bytes;
    /// where they differ only multi-byte characters follow, which are no hex digits, and the
    /// error is the same "Invalid \\uXXXX escape" at the same `u`.
    fn string(&self, mut end: usize) -> Result<(Option<String>, usize), Failure> {
        let s = self.s;
        let len = s.len();
        let begin = end - 1;
        let mut text = Vec::new();
        let mut lone_surrogate = false;
        loop {
            let mut next = end;
            while next < len && s[next] != b'"' && s[next] != b'\\' {
                if s[next] < 0x20 {
                    return fail("Invalid control character at", next);
                }
                text.push(s[next]);
                next += 1;
            }
            if next >= len {
                return fail("Unterminated string starting at", begin);
            }
            let quote = s[next] == b'"';
            next += 1;
            if quote {
                end = next;
                break;
            }
            let Some(&escape) = s.get(next) else {
                return fail("Unterminated string starting at", begin);
            };
            let code = if escape != b'u' {
                end = next + 1;
                u32::from(match escape {
                    b'"' | b'\\' | b'/' => escape,
                    b'b' => 8,
                    b'f' => 12,
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    _ => return fail("Invalid \\escape", end - 2),
                })
            } else {
                next += 1;
                end = next + 4;
                if end >= len {
                    return fail("Invalid \\uXXXX escape", next - 1);
                }
                let Some(unit) = hex4(&s[next..end]) else {
                    return fail("Invalid \\uXXXX escape", end - 5);
                };
                // CPython looks at the two characters after a high surrogate whether or not
                // they start a second escape.
                if (0xd800..0xdc00).contains(&unit)
                    && end + 6 < len
                    && s[end] == b'\\'
                    && s[end + 1] == b'u'
                {
                    let Some(low) = hex4(&s[end + 2..end + 6]) else {
                        return fail("Invalid \\uXXXX escape", end + 1);
                    };
                    if let Some(pair) = surrogate_pair(unit, low) {
                        end += 6;
                        push_char(&mut text, pair);
                        continue;
                    }
                }
                unit
            };
            match char::from_u32(code) {
                Some(ch) => push_char(&mut text, ch),
                None => lone_surrogate = true,
            }
        }
        // The bytes between quotes are whole characters of valid UTF-8.
        let text = String::from_utf8(text).ok().filter(|_| !lone_surrogate);
        Ok((text, end))
    }
}

fn push_char(text: &mut Vec<u8>, ch: char) {
    text.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_wandb_writes_is_the_id() {
        assert_eq!(
            read(r#"{"run_id": "abc123"}"#),
            FileContent::RunId("abc123".into())
        );
        assert_eq!(
            read("  {\"run_id\": \"a\", \"run_id\": \"b\"}\r\n"),
            FileContent::RunId("b".into())
        );
        assert_eq!(
            read(r#"{"run\u005fid": "\u00e9\ud83d\ude00"}"#),
            FileContent::RunId("é😀".into())
        );
    }

    /// Text that is not JSON, BOMs and CRLF included. The messages and positions themselves
    /// are CPython's, taken from the vectors (tests/resume_text_conformance.rs), not written
    /// here.
    #[test]
    fn what_python_refuses_is_not_json() {
        for text in [
            "",
            r#"{"run_id": "abc"#,
            "\u{feff}{}",
            "{} x",
            "{\r\n\"a\"\r\n 1}",
        ] {
            assert!(matches!(read(text), FileContent::NotJson(_)), "{text:?}");
        }
    }

    #[test]
    fn the_other_shapes() {
        assert_eq!(read("{}"), FileContent::NoRunId);
        assert_eq!(read(r#"{"run_id": null}"#), FileContent::NullRunId);
        assert_eq!(read("[]"), FileContent::NotAnObject(JsonKind::List));
        assert_eq!(read("-Infinity"), FileContent::NotAnObject(JsonKind::Float));
        assert!(matches!(
            read(r#"{"run_id": 1}"#),
            FileContent::Unmodeled(_)
        ));
        assert!(matches!(
            read(r#"{"run_id": "\ud800"}"#),
            FileContent::Unmodeled(_)
        ));
        assert!(matches!(read(&"[".repeat(500)), FileContent::Unmodeled(_)));
        assert!(matches!(read(&"1".repeat(4301)), FileContent::Unmodeled(_)));
        assert_eq!(
            read(&"1".repeat(4300)),
            FileContent::NotAnObject(JsonKind::Int)
        );
    }
}
