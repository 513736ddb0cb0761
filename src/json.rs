//! JSON in and out, by hand: a writer for results and a strict reader for inputs.
//!
//! The crate's whole wire format is a handful of small objects, so a general serialization
//! framework buys nothing here and costs a great deal in the wasm build (its generic
//! machinery was about a third of the module) and per call (each byte written through a
//! generic sink). The writer appends to one `String`; the reader parses the text once into a
//! borrowed tree ([`Json`]) and then reads typed values out of it with the path of every
//! mismatch (`init.resume`, `attempts[0].where`).
//!
//! Writing escapes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (the same text to any JSON
//! reader), so no output ever carries markup that a careless client could render.

use std::borrow::Cow;
use std::fmt;

use crate::error::InputError;

/// Appends JSON text to a buffer; values written one after another inside an object or
/// array get their commas automatically.
#[derive(Debug, Default)]
pub struct JsonWriter {
    out: String,
    /// True when the next value (or key) needs a comma before it.
    comma: bool,
}

/// A value that writes itself as JSON.
pub trait ToJson {
    /// Appends `self` as one JSON value.
    fn write_json(&self, w: &mut JsonWriter);
}

impl JsonWriter {
    /// An empty writer whose buffer holds `capacity` bytes before growing.
    pub fn with_capacity(capacity: usize) -> Self {
        JsonWriter {
            out: String::with_capacity(capacity),
            comma: false,
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    #[inline(always)]
    fn separate(&mut self) {
        if self.comma {
            self.out.push(',');
        }
    }

    /// Opens an object.
    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push('{');
        self.comma = false;
    }

    /// Closes the object opened last.
    pub fn end_object(&mut self) {
        self.out.push('}');
        self.comma = true;
    }

    /// Opens an array.
    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push('[');
        self.comma = false;
    }

    /// Closes the array opened last.
    pub fn end_array(&mut self) {
        self.out.push(']');
        self.comma = true;
    }

    /// Writes an object key; the next value written is its value.
    pub fn key(&mut self, key: &str) {
        self.separate();
        escape_into(&mut self.out, key);
        self.out.push(':');
        self.comma = false;
    }

    /// Writes `key` and then `value`.
    pub fn field<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write_json(self);
    }

    /// Writes a key given already quoted with its colon (`"runId":`), as the
    /// [`json_object!`](crate::json_object) macro builds them from literals at compile time.
    #[inline(always)]
    pub fn quoted_key(&mut self, quoted: &'static str) {
        self.separate();
        self.out.push_str(quoted);
        self.comma = false;
    }

    /// Writes a string given already quoted (`"allow"`), as [`json_enum!`](crate::json_enum)
    /// builds them at compile time.
    #[inline(always)]
    pub fn quoted_string(&mut self, quoted: &'static str) {
        self.raw(quoted);
    }

    /// Writes a string.
    pub fn string(&mut self, value: &str) {
        self.separate();
        escape_into(&mut self.out, value);
        self.comma = true;
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.raw(if value { "true" } else { "false" });
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.raw("null");
    }

    /// Writes a whole number.
    pub fn number(&mut self, value: u64) {
        self.raw(decimal(value, &mut [0; 20]));
    }

    #[inline(always)]
    fn raw(&mut self, text: &str) {
        self.separate();
        self.out.push_str(text);
        self.comma = true;
    }
}

/// `value` in decimal, written from the right into `buf`: numbers in JSON and in messages
/// without the general formatting machinery (which would also be part of the module).
pub fn decimal(value: u64, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    let mut rest = value;
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // ASCII digits are UTF-8.
    core::str::from_utf8(&buf[at..]).unwrap_or("0")
}

/// For each byte: 0 when it stands for itself in a JSON string, else the letter of its
/// short escape (`n` for a newline), or `u` for a `\u00XX` escape. `<`, `>` and `&` are
/// escaped so that no output carries markup.
const ESCAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'<' as usize] = b'u';
    table[b'>' as usize] = b'u';
    table[b'&' as usize] = b'u';
    table
};

/// `text` as a JSON string literal, for quoting what a client sent inside a message (`no
/// route "/x"`): the same quotes and escapes as the rest of the output, markup included, and
/// without the standard library's `Debug` string escaping (its Unicode printability tables
/// would be part of the module).
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(self.0.len() + 2);
        escape_into(&mut text, self.0);
        f.write_str(&text)
    }
}

/// Appends `text` as a JSON string literal.
fn escape_into(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let escape = ESCAPES[bytes[i] as usize];
        if escape == 0 {
            i += 1;
            continue;
        }
        // Every escaped byte is ASCII, so `start` and `i` are character boundaries.
        out.push_str(&text[start..i]);
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let b = bytes[i];
            let code = [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ];
            out.push_str(core::str::from_utf8(&code).unwrap_or("\\ufffd"));
        } else {
            let pair = [b'\\', escape];
            out.push_str(core::str::from_utf8(&pair).unwrap_or("\\ufffd"));
        }
        i += 1;
        start = i;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

impl ToJson for str {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, w: &mut JsonWriter) {
        w.bool(*self);
    }
}

impl ToJson for u32 {
    fn write_json(&self, w: &mut JsonWriter) {
        w.number(u64::from(*self));
    }
}

impl ToJson for u16 {
    fn write_json(&self, w: &mut JsonWriter) {
        w.number(u64::from(*self));
    }
}

impl ToJson for usize {
    fn write_json(&self, w: &mut JsonWriter) {
        w.number(*self as u64);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, w: &mut JsonWriter) {
        (**self).write_json(w);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        match self {
            Some(value) => value.write_json(w),
            None => w.null(),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_array();
        for item in self {
            item.write_json(w);
        }
        w.end_array();
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut JsonWriter) {
        self.as_slice().write_json(w);
    }
}

impl ToJson for crate::env_vars::EnvVars {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        for (key, value) in self {
            w.field(key, value);
        }
        w.end_object();
    }
}

/// Implements [`ToJson`] for a struct as an object with the given keys, in order. A field
/// followed by `if <predicate>` is left out when the predicate holds (`Option::is_none`).
#[macro_export]
#[doc(hidden)]
macro_rules! json_object {
    ($ty:ident $(<$lt:lifetime>)? { $($key:literal : $field:ident $(if $skip:path)?),* $(,)? }) => {
        impl $(<$lt>)? $crate::json::ToJson for $ty $(<$lt>)? {
            fn write_json(&self, w: &mut $crate::json::JsonWriter) {
                w.begin_object();
                $(
                    if !(false $(|| $skip(&self.$field))?) {
                        w.quoted_key(concat!("\"", $key, "\":"));
                        $crate::json::ToJson::write_json(&self.$field, w);
                    }
                )*
                w.end_object();
            }
        }
    };
}

/// Implements [`ToJson`] and [`FromJson`] for a struct (with `Default`) whose fields are all
/// `Option`s: written without the `None` ones, read strictly (unknown and repeated keys are
/// errors; absent and `null` leave the default). The inputs are such objects.
#[macro_export]
#[doc(hidden)]
macro_rules! json_optional_fields {
    ($ty:ident { $($key:literal : $field:ident),* $(,)? }) => {
        $crate::json_object!($ty { $($key: $field if Option::is_none),* });

        impl $crate::json::FromJson for $ty {
            fn from_json<'a>(
                value: &$crate::json::Json<'a>,
                path: &mut $crate::json::Path<'a>,
            ) -> Result<Self, $crate::error::InputError> {
                let mut out = $ty::default();
                $crate::json::read_object(
                    value,
                    path,
                    "an object",
                    &[$($key),*],
                    |index, value, path| {
                        let mut at = 0;
                        $(
                            if index == at {
                                out.$field = $crate::json::FromJson::from_json(value, path)?;
                            }
                            at += 1;
                        )*
                        let _ = at;
                        Ok(())
                    },
                )?;
                Ok(out)
            }
        }
    };
}

/// Implements `as_str`, `from_name`, `NAMES` and [`ToJson`] (as a string) for a fieldless
/// enum, each variant with its wire name.
#[macro_export]
#[doc(hidden)]
macro_rules! json_enum {
    ($ty:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// Every wire name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// The wire name (what JSON and JS see).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),*
                }
            }

            /// The variant with wire name `name`.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($name => Some($ty::$variant),)*
                    _ => None,
                }
            }
        }

        impl $crate::json::ToJson for $ty {
            fn write_json(&self, w: &mut $crate::json::JsonWriter) {
                w.quoted_string(match self {
                    $($ty::$variant => concat!("\"", $name, "\"")),*
                });
            }
        }
    };
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// Deepest nesting of arrays and objects the reader accepts; inputs are four levels deep,
/// and the limit keeps hostile text from exhausting the stack.
pub const MAX_DEPTH: usize = 64;

/// A parsed JSON value borrowing from its text. Strings keep their escapes until read, so a
/// lone surrogate is reported with the path of the field that holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written (already checked against the JSON grammar).
    Number(&'a str),
    /// A string.
    String(JsonStr<'a>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object's members in order (duplicates kept; readers decide).
    Object(Vec<(JsonStr<'a>, Json<'a>)>),
}

/// A JSON string as written between its quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonStr<'a> {
    raw: &'a str,
    escaped: bool,
}

/// A string with a `\uD800`–`\uDFFF` escape that is not half of a pair: what
/// `JSON.stringify` writes for a JS string with a broken character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoneSurrogate;

impl<'a> JsonStr<'a> {
    /// The string's text, with escapes decoded.
    pub fn decode(&self) -> Result<Cow<'a, str>, LoneSurrogate> {
        if !self.escaped {
            return Ok(Cow::Borrowed(self.raw));
        }
        let mut out = String::with_capacity(self.raw.len());
        let mut rest = self.raw;
        while let Some(at) = rest.find('\\') {
            out.push_str(&rest[..at]);
            let bytes = rest.as_bytes();
            // The parser checked every escape, so the indexing below stays in bounds.
            let (ch, used) = match bytes[at + 1] {
                b'u' => {
                    let high = hex4(&bytes[at + 2..at + 6]).unwrap_or_default();
                    match high {
                        0xD800..=0xDBFF => {
                            let low = (bytes.get(at + 6) == Some(&b'\\')
                                && bytes.get(at + 7) == Some(&b'u'))
                            .then(|| hex4(&bytes[at + 8..at + 12]))
                            .flatten()
                            .ok_or(LoneSurrogate)?;
                            (surrogate_pair(high, low).ok_or(LoneSurrogate)?, 12)
                        }
                        0xDC00..=0xDFFF => return Err(LoneSurrogate),
                        unit => (char::from_u32(unit).ok_or(LoneSurrogate)?, 6),
                    }
                }
                b'n' => ('\n', 2),
                b't' => ('\t', 2),
                b'r' => ('\r', 2),
                b'b' => ('\u{8}', 2),
                b'f' => ('\u{c}', 2),
                other => (other as char, 2),
            };
            out.push(ch);
            rest = &rest[at + used..];
        }
        out.push_str(rest);
        Ok(Cow::Owned(out))
    }

    /// True when the string is exactly `text` (no escapes to decode).
    fn is(&self, text: &str) -> bool {
        !self.escaped && self.raw == text
    }
}

/// The value of a `\\uXXXX` escape's four hex digits; `None` when they are not hex digits.
/// Shared with the resume-file decoder (`resume_file_text`), which reads Python's JSON.
pub(crate) fn hex4(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| {
        crate::text::digit_value(char::from(d), 16).map(|v| acc << 4 | v)
    })
}

/// The character the high surrogate `high` (the caller has checked it is one) and `low`
/// stand for; `None` unless `low` is a low surrogate.
pub(crate) fn surrogate_pair(high: u32, low: u32) -> Option<char> {
    (0xDC00..0xE000)
        .contains(&low)
        .then(|| char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)))
        .flatten()
}

/// Text that is not JSON, with where it stops being JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// What was expected or found.
    pub reason: &'static str,
    /// 1-based line of the offending character.
    pub line: usize,
    /// 1-based column (in characters) of the offending character.
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.reason, self.line, self.column
        )
    }
}

impl std::error::Error for SyntaxError {}

/// Parses JSON text (RFC 8259, nothing after the value but whitespace).
pub fn parse(text: &str) -> Result<Json<'_>, SyntaxError> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value(0)?;
    parser.whitespace();
    if parser.at < text.len() {
        return Err(parser.error("trailing characters after the JSON value"));
    }
    Ok(value)
}

/// The bytes that end a run of ordinary string content: the closing quote, a backslash and
/// the control characters (a table lookup per byte instead of three comparisons).
const STRING_STOPS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, reason: &'static str) -> SyntaxError {
        let before = &self.text[..self.at.min(self.text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        SyntaxError {
            reason,
            line: before.matches('\n').count() + 1,
            column: crate::text::char_count(&before[line_start..]) + 1,
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    #[inline(always)]
    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, SyntaxError> {
        self.whitespace();
        match self.peek() {
            None => Err(self.error("unexpected end of the text, expected a value")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, SyntaxError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    #[inline(always)]
    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json<'a>, SyntaxError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("expected a digit after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        Ok(Json::Number(&self.text[start..self.at]))
    }

    fn string(&mut self) -> Result<JsonStr<'a>, SyntaxError> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1; // after the opening quote
        let mut at = start;
        let mut escaped = false;
        loop {
            // Most of a string is ordinary bytes: skip them with the position in a local.
            while at < bytes.len() && !STRING_STOPS[bytes[at] as usize] {
                at += 1;
            }
            match bytes.get(at) {
                None => {
                    self.at = at;
                    return Err(self.error("unterminated string"));
                }
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    match bytes.get(at + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => at += 2,
                        Some(b'u') => {
                            let hex = bytes.get(at + 2..at + 6);
                            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                                self.at = at + 2;
                                return Err(self.error("expected four hex digits after \\u"));
                            }
                            at += 6;
                        }
                        _ => {
                            self.at = at + 1;
                            return Err(self.error("invalid escape"));
                        }
                    }
                }
                Some(_) => {
                    self.at = at;
                    return Err(self.error("control character in a string (escape it)"));
                }
            }
        }
        let raw = &self.text[start..at];
        self.at = at + 1; // after the closing quote
        Ok(JsonStr { raw, escaped })
    }

    fn array(&mut self, depth: usize) -> Result<Json<'a>, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested more than 64 levels deep"));
        }
        self.at += 1;
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json<'a>, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested more than 64 levels deep"));
        }
        self.at += 1;
        let mut members = Vec::new();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:` after the key"));
            }
            self.at += 1;
            let value = self.value(depth)?;
            members.push((key, value));
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}

/// Where a value sits in the input, for error messages: `init.resume`, `attempts[0].where`.
#[derive(Debug, Default)]
pub struct Path<'a> {
    steps: Vec<Step<'a>>,
}

#[derive(Debug)]
enum Step<'a> {
    Key(JsonStr<'a>),
    Index(usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.steps.is_empty() {
            return f.write_str(".");
        }
        for (i, step) in self.steps.iter().enumerate() {
            match step {
                Step::Key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    match key.decode() {
                        Ok(text) => f.write_str(&text)?,
                        Err(LoneSurrogate) => f.write_str(key.raw)?,
                    }
                }
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl<'a> Path<'a> {
    /// The path as text (`.` for the top level).
    fn text(&self) -> String {
        self.to_string()
    }

    /// An `invalid-input` error at this path.
    pub fn invalid(&self, reason: String) -> InputError {
        InputError::Invalid {
            path: self.text(),
            reason,
        }
    }

    /// An "invalid type" error at this path for `found` where `expected` belongs.
    pub fn wrong_type(&self, found: &Json<'_>, expected: &str) -> InputError {
        self.invalid(format!(
            "invalid type: {}, expected {expected}",
            describe(found)
        ))
    }

    fn lone_surrogate(&self) -> InputError {
        let path = self.text();
        InputError::LoneSurrogate {
            fields: vec![if path == "." {
                "input".to_owned()
            } else {
                path
            }],
        }
    }
}

/// A short description of a value for messages: `null`, `a boolean`, `the number 3`, …
fn describe(value: &Json<'_>) -> String {
    match value {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => format!("the boolean {b}"),
        Json::Number(n) => format!("the number {n}"),
        Json::String(_) => "a string".to_owned(),
        Json::Array(_) => "an array".to_owned(),
        Json::Object(_) => "an object".to_owned(),
    }
}

/// A value read out of a [`Json`] tree, with the path of any mismatch.
pub trait FromJson: Sized {
    /// Reads `value`, which sits at `path`.
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError>;
}

impl FromJson for String {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        match value {
            Json::String(s) => s
                .decode()
                .map(Cow::into_owned)
                .map_err(|LoneSurrogate| path.lone_surrogate()),
            other => Err(path.wrong_type(other, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        match value {
            Json::Bool(b) => Ok(*b),
            other => Err(path.wrong_type(other, "a boolean")),
        }
    }
}

impl FromJson for u32 {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        match value {
            Json::Number(n) => crate::text::parse_u32(n).ok_or_else(|| {
                path.invalid(format!(
                    "invalid value: {n}, expected a whole number from 0 to {}",
                    u32::MAX
                ))
            }),
            other => Err(path.wrong_type(other, "a whole number")),
        }
    }
}

/// `null` reads as `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        match value {
            Json::Null => Ok(None),
            other => T::from_json(other, path).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        let Json::Array(items) = value else {
            return Err(path.wrong_type(value, "an array"));
        };
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            path.steps.push(Step::Index(index));
            out.push(T::from_json(item, path)?);
            path.steps.pop();
        }
        Ok(out)
    }
}

/// An object of strings (an environment). A repeated key keeps its last value, as
/// JavaScript's `JSON.parse` and Python's `json` do.
impl FromJson for crate::env_vars::EnvVars {
    fn from_json<'a>(value: &Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        let Json::Object(members) = value else {
            return Err(path.wrong_type(value, "an object of strings"));
        };
        let mut out = crate::env_vars::EnvVars::new();
        for (key, item) in members {
            path.steps.push(Step::Key(*key));
            let name = key
                .decode()
                .map_err(|LoneSurrogate| path.lone_surrogate())?;
            let text = String::from_json(item, path)?;
            path.steps.pop();
            out.insert(name.into_owned(), text);
        }
        Ok(out)
    }
}

/// Reads an object whose keys must be among `fields` (each at most once); calls `read` with
/// each present field's index and value, with the path pointing at that field. Absent and
/// `null` are left to the caller's defaults.
pub fn read_object<'a>(
    value: &Json<'a>,
    path: &mut Path<'a>,
    what: &str,
    fields: &[&str],
    mut read: impl FnMut(usize, &Json<'a>, &mut Path<'a>) -> Result<(), InputError>,
) -> Result<(), InputError> {
    // One copy of the loop for every object type (the closure is called through a pointer):
    // a generic body was instantiated once per type, about 1.5 KB of wasm each.
    read_members(value, path, what, fields, &mut read)
}

/// The body of [`read_object`].
fn read_members<'a>(
    value: &Json<'a>,
    path: &mut Path<'a>,
    what: &str,
    fields: &[&str],
    read: &mut dyn FnMut(usize, &Json<'a>, &mut Path<'a>) -> Result<(), InputError>,
) -> Result<(), InputError> {
    let Json::Object(members) = value else {
        return Err(path.wrong_type(value, what));
    };
    let mut seen = 0u64;
    for (key, item) in members {
        let index = match fields.iter().position(|f| key.is(f)) {
            Some(index) => index,
            None => {
                let name = key
                    .decode()
                    .map_err(|LoneSurrogate| path.lone_surrogate())?;
                // A key with escapes may still name a field (`"s\u0064k"`).
                match fields.iter().position(|f| *f == name) {
                    Some(index) => index,
                    None => {
                        let expected =
                            crate::text::join(fields.iter().map(|f| format!("`{f}`")), ", ");
                        return Err(path.invalid(format!(
                            "unknown field `{}`, expected one of {expected}",
                            crate::json::shorten(&name, 100)
                        )));
                    }
                }
            }
        };
        // Objects have a handful of fields; past 64 a repeat would go unnoticed, never panic.
        let bit = 1u64.checked_shl(index as u32).unwrap_or(0);
        if seen & bit != 0 {
            return Err(path.invalid(format!("duplicate field `{}`", fields[index])));
        }
        seen |= bit;
        path.steps.push(Step::Key(*key));
        read(index, item, path)?;
        path.steps.pop();
    }
    Ok(())
}

/// The value read for the required field `name` of the object at `path`, or the error that
/// it is missing.
pub fn required<T>(value: Option<T>, path: &Path<'_>, name: &str) -> Result<T, InputError> {
    value.ok_or_else(|| path.invalid(format!("missing field `{name}`")))
}

/// Reads a string naming one of an enum's variants.
pub fn read_name<'a, T>(
    value: &Json<'a>,
    path: &mut Path<'a>,
    names: &[&str],
    from_name: impl Fn(&str) -> Option<T>,
) -> Result<T, InputError> {
    let text = String::from_json(value, path)?;
    from_name(&text).ok_or_else(|| {
        let expected = crate::text::join(names.iter().map(|n| format!("`{n}`")), ", ");
        path.invalid(format!(
            "unknown variant `{}`, expected one of {expected}",
            shorten(&text, 100)
        ))
    })
}

/// At most `max_chars` characters of `text`, for echoing user input in messages.
pub fn shorten(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written<T: ToJson + ?Sized>(value: &T) -> String {
        crate::codec::to_json(value)
    }

    #[test]
    fn writes_strings_with_every_escape_json_needs_and_no_markup() {
        assert_eq!(
            written("a\"b\\c\nd\re\tf\u{8}\u{c}\u{1}\u{1f}<x>&é😀"),
            r#""a\"b\\c\nd\re\tf\b\f\u0001\u001f\u003cx\u003e\u0026é😀""#
        );
        assert_eq!(written(""), r#""""#);
    }

    #[test]
    fn long_text_is_escaped_like_short_text_at_every_position() {
        // A character needing an escape is caught wherever it stands in longer text (also
        // right after a multi-byte character), and escaped as it is on its own.
        let mut characters: Vec<char> = (0u8..0x80).map(char::from).collect();
        characters.extend(['é', '€', '😀', '\u{2028}']);
        for c in characters {
            // Alone (shorter than a word) it goes through the byte loop.
            let alone = written(c.to_string().as_str());
            let escaped = &alone[1..alone.len() - 1];
            for at in 0..20 {
                let plain = "0123456789abcdéfghijklmnopqrstuvwxyz";
                let prefix: String = plain.chars().take(at).collect();
                let suffix: String = plain.chars().skip(at).take(19 - at).collect();
                let text = format!("{prefix}{c}{suffix}");
                assert_eq!(
                    written(text.as_str()),
                    format!("\"{prefix}{escaped}{suffix}\""),
                    "{c:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn writes_numbers_lists_maps_and_null() {
        assert_eq!(written(&0u32), "0");
        assert_eq!(written(&u32::MAX), "4294967295");
        assert_eq!(written(&usize::MAX), usize::MAX.to_string());
        assert_eq!(written(&vec![Some(true), None]), "[true,null]");
        assert_eq!(written(&Vec::<String>::new()), "[]");
        let map = crate::env_vars::EnvVars::from([("B", "2"), ("A", "1")]);
        assert_eq!(written(&map), r#"{"A":"1","B":"2"}"#);
    }

    #[test]
    fn written_text_is_what_a_reference_reader_reads() {
        let mut x = 0x2545_f491u32;
        for _ in 0..2000 {
            let text: String = (0..12)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    char::from_u32(x % 0x500).unwrap_or('?')
                })
                .collect();
            let json = written(text.as_str());
            let back: String = serde_json::from_str(&json).unwrap();
            assert_eq!(back, text);
        }
    }

    #[test]
    fn parses_what_rfc_8259_allows() {
        for text in [
            "0",
            "-0",
            "1.5e+10",
            "-2E-3",
            "\"\"",
            " [ ] ",
            "{}",
            "{\"a\":[1,{\"b\":null}],\"c\":\"\\u00e9\\n\"}",
            "true",
            "\"\\ud83d\\ude00\"",
        ] {
            assert!(parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn refuses_what_it_does_not_allow_with_a_position() {
        for (text, reason, column) in [
            ("", "unexpected end of the text, expected a value", 1),
            ("{", "expected a key in double quotes", 2),
            ("{\"a\" 1}", "expected `:` after the key", 6),
            ("{\"a\":1,}", "expected a key in double quotes", 8),
            ("[1,]", "expected a value", 4),
            ("[1 2]", "expected `,` or `]`", 4),
            ("01", "trailing characters after the JSON value", 2),
            ("1.", "expected a digit after the decimal point", 3),
            ("1e", "expected a digit in the exponent", 3),
            ("-", "expected a digit", 2),
            ("\"abc", "unterminated string", 5),
            ("\"\\x\"", "invalid escape", 3),
            ("\"\\u12g4\"", "expected four hex digits after \\u", 4),
            ("\"a\tb\"", "control character in a string (escape it)", 3),
            ("nul", "expected a value", 1),
            ("{} x", "trailing characters after the JSON value", 4),
            ("'a'", "expected a value", 1),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!((err.reason, err.column), (reason, column), "{text:?}");
        }
        let err = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!((err.line, err.column), (2, 8));
    }

    #[test]
    fn nesting_is_bounded_without_exhausting_the_stack() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = "[".repeat(100_000);
        assert_eq!(
            parse(&deep).unwrap_err().reason,
            "nested more than 64 levels deep"
        );
        let deep_objects = "{\"a\":".repeat(MAX_DEPTH + 1);
        assert_eq!(
            parse(&deep_objects).unwrap_err().reason,
            "nested more than 64 levels deep"
        );
    }

    #[test]
    fn strings_decode_and_lone_surrogates_are_caught() {
        let Json::String(s) = parse(r#""a\u00e9\ud83d\ude00\/\"""#).unwrap() else {
            panic!()
        };
        assert_eq!(s.decode().unwrap(), "aé😀/\"");
        for text in [
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\ud800x""#,
            r#""\ud800\ud800""#,
        ] {
            let Json::String(s) = parse(text).unwrap() else {
                panic!()
            };
            assert_eq!(s.decode(), Err(LoneSurrogate), "{text}");
        }
    }

    #[test]
    fn typed_reads_report_the_path() {
        let value = parse(r#"{"a":[{"b":1}]}"#).unwrap();
        let mut path = Path::default();
        let err = read_object(&value, &mut path, "an object", &["a"], |_, v, path| {
            let Json::Array(items) = v else { panic!() };
            path.steps.push(Step::Index(0));
            read_object(&items[0], path, "an object", &["b"], |_, v, path| {
                String::from_json(v, path).map(drop)
            })
        })
        .unwrap_err();
        assert_eq!(
            err,
            InputError::Invalid {
                path: "a[0].b".into(),
                reason: "invalid type: the number 1, expected a string".into()
            }
        );
    }

    #[test]
    fn unknown_and_repeated_fields_are_refused() {
        let mut path = Path::default();
        let unknown = parse(r#"{"x":1}"#).unwrap();
        let err = read_object(&unknown, &mut path, "an object", &["a", "b"], |_, _, _| {
            Ok(())
        });
        assert_eq!(
            err.unwrap_err().to_string(),
            "invalid input: unknown field `x`, expected one of `a`, `b`"
        );
        let twice = parse(r#"{"a":1,"\u0061":2}"#).unwrap();
        let err = read_object(&twice, &mut path, "an object", &["a"], |_, _, _| Ok(()));
        assert!(err.unwrap_err().to_string().contains("duplicate field `a`"));
    }

    #[test]
    fn whole_numbers_only() {
        let mut path = Path::default();
        for (text, ok) in [
            ("0", Some(0)),
            ("4294967295", Some(u32::MAX)),
            ("4294967296", None),
            ("-1", None),
            ("1.0", None),
            ("1e2", None),
            ("\"1\"", None),
        ] {
            assert_eq!(
                u32::from_json(&parse(text).unwrap(), &mut path).ok(),
                ok,
                "{text}"
            );
        }
    }
}
