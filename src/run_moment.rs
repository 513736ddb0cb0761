//! Run moments: the `"<run>?_step=<N>"` strings of `resume_from` and `fork_from`.
//!
//! The SDK parses them as the URL `runmoment://<text>` with Python's `urllib.parse`
//! (`RunMoment.from_uri` in `wandb/sdk/lib/run_moment.py`), then reads the step with `int()`
//! or `float()`. This module ports exactly that, quirks included (tabs and newlines vanish,
//! `%5Fstep` means `_step`, `+` is a space, a repeated `_step` keeps the first, `1_000`
//! is a float), so that "malformed" means what the SDK means by it.

use crate::text::has_char;
use core::fmt;

use crate::pyunicode;

/// A parsed run moment.
#[derive(Clone, Debug, PartialEq)]
pub struct RunMoment {
    /// The run id part (the URL's netloc, not percent-decoded).
    pub run: String,
    /// The `_step` value.
    pub step: StepValue,
}

/// A step as Python reads it: `int()` when every character is a digit, `float()` otherwise.
#[derive(Clone, Debug, PartialEq)]
pub enum StepValue {
    /// A whole number, as ASCII decimal digits without leading zeros (Python ints are
    /// unbounded, so the text is kept).
    Int(String),
    /// Anything `float()` accepts, including negative, fractional, `inf` and `nan`, with
    /// the text it was read from (without surrounding whitespace).
    Float {
        /// What `float()` returns.
        value: f64,
        /// The value as written, for messages.
        text: String,
    },
}

impl StepValue {
    /// True for a whole number ≥ 0, the only kind of step W&B history has.
    pub fn is_whole_non_negative(&self) -> bool {
        match self {
            StepValue::Int(_) => true,
            StepValue::Float { value, .. } => {
                value.is_finite() && *value >= 0.0 && value.fract() == 0.0
            }
        }
    }
}

/// A step as messages show it: a whole number as the integer the SDK makes of it
/// (`int(1e3)` is 1000), anything else as written. Printing the float itself would bring
/// `core`'s float formatting (about 20 KB of the module) for this one message.
impl fmt::Display for StepValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepValue::Int(digits) => f.write_str(digits),
            StepValue::Float { value, text } => {
                // Whole and within ±2^63 (`i64::MIN` is exactly -2^63 as a float), so the
                // conversion is exact.
                if value.is_finite() && value.fract() == 0.0 && value.abs() < -(i64::MIN as f64) {
                    let whole = *value as i64;
                    if whole < 0 {
                        f.write_str("-")?;
                    }
                    f.write_str(crate::json::decimal(whole.unsigned_abs(), &mut [0; 20]))
                } else {
                    f.write_str(text)
                }
            }
        }
    }
}

/// The SDK's message for a run moment it cannot parse, verbatim.
pub fn parse_error_message(text: &str) -> String {
    format!(
        "Could not parse passed run moment string '{text}', expected format '<run>?<metric>=<numeric_value>'. Currently, only the metric '_step' is supported. Example: 'ans3bsax?_step=123'."
    )
}

/// Parses `text` as `RunMoment.from_uri` does; `None` where the SDK raises its parse error.
pub fn parse_run_moment(text: &str) -> Option<RunMoment> {
    let split = urlsplit_runmoment(text)?;
    if split.netloc.is_empty() || !split.path.is_empty() || !split.fragment.is_empty() {
        return None;
    }
    let query = parse_qs(&split.query);
    if query.len() != 1 {
        return None;
    }
    let (metric, values) = &query[0];
    if metric != "_step" {
        return None;
    }
    let value = &values[0];
    let step = if !value.is_empty() && value.chars().all(pyunicode::is_digit) {
        StepValue::Int(py_int_digits(value)?)
    } else {
        StepValue::Float {
            value: py_float(value)?,
            text: pyunicode::strip(value).to_owned(),
        }
    };
    Some(RunMoment {
        run: split.netloc,
        step,
    })
}

struct Split {
    netloc: String,
    path: String,
    query: String,
    fragment: String,
}

/// `urllib.parse.urlsplit("runmoment://" + text)` as of Python 3.11.7, returning `None`
/// where it raises `ValueError`.
fn urlsplit_runmoment(text: &str) -> Option<Split> {
    // urlsplit removes these anywhere in the URL (bpo-43882).
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
        .collect();
    let end = cleaned.find(['/', '?', '#']).unwrap_or(cleaned.len());
    let netloc = &cleaned[..end];
    let mut rest = &cleaned[end..];
    let open = has_char(netloc, '[');
    let close = has_char(netloc, ']');
    if open != close {
        return None; // "Invalid IPv6 URL"
    }
    if open {
        let host = netloc
            .split_once('[')
            .map(|(_, after)| after.split_once(']').map_or(after, |(h, _)| h))
            .unwrap_or("");
        if !bracketed_host_ok(host) {
            return None;
        }
    }
    let mut fragment = "";
    if let Some((before, after)) = rest.split_once('#') {
        rest = before;
        fragment = after;
    }
    let mut query = "";
    if let Some((before, after)) = rest.split_once('?') {
        rest = before;
        query = after;
    }
    if !netloc.is_ascii() && netloc.chars().any(pyunicode::nfkc_has_url_delimiter) {
        return None; // "contains invalid characters under NFKC normalization"
    }
    Some(Split {
        netloc: netloc.to_owned(),
        path: rest.to_owned(),
        query: query.to_owned(),
        fragment: fragment.to_owned(),
    })
}

/// `_check_bracketed_host`: `v<hex>.<anything>` or an IPv6 address (with an optional
/// `%scope`); an IPv4 address or anything else raises.
fn bracketed_host_ok(host: &str) -> bool {
    if let Some(rest) = host.strip_prefix('v') {
        let hex_len = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        return hex_len > 0 && rest[hex_len..].starts_with('.') && rest.len() > hex_len + 1;
    }
    let (addr, scope) = match host.split_once('%') {
        Some((a, s)) => (a, Some(s)),
        None => (host, None),
    };
    if let Some(scope) = scope {
        if scope.is_empty() || has_char(scope, '%') {
            return false;
        }
    }
    is_ipv6(addr)
}

/// `std::net::Ipv6Addr`'s grammar, by hand: std's parser is generic and weighs about 3 KB in
/// the wasm module, for one rare check. A test compares the two on generated strings.
fn is_ipv6(addr: &str) -> bool {
    let bytes = addr.as_bytes();
    let mut pos = 0;
    let (head, head_ends_in_ipv4) = ipv6_groups(bytes, &mut pos, 8);
    if head == 8 {
        return pos == bytes.len();
    }
    // Fewer than eight groups need `::`, which may not follow an embedded IPv4 address.
    if head_ends_in_ipv4 || !bytes[pos..].starts_with(b"::") {
        return false;
    }
    pos += 2;
    ipv6_groups(bytes, &mut pos, 7 - head);
    pos == bytes.len()
}

/// Reads up to `limit` `:`-separated groups of 1–4 hex digits from `pos` (the last two may be
/// an IPv4 address): how many were read, and whether the last were IPv4. Stops before a
/// separator that no group follows.
fn ipv6_groups(bytes: &[u8], pos: &mut usize, limit: usize) -> (usize, bool) {
    for i in 0..limit {
        if i > 0 && bytes.get(*pos) != Some(&b':') {
            return (i, false);
        }
        let start = *pos + usize::from(i > 0);
        if i + 1 < limit {
            if let Some(end) = ipv4_end(bytes, start) {
                *pos = end;
                return (i + 2, true);
            }
        }
        let digits = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        if digits == 0 || digits > 4 {
            return (i, false);
        }
        *pos = start + digits;
    }
    (limit, false)
}

/// Where a dotted IPv4 address starting at `pos` ends: four numbers of 0–255, no leading
/// zeros.
fn ipv4_end(bytes: &[u8], mut pos: usize) -> Option<usize> {
    for part in 0..4 {
        if part > 0 {
            if bytes.get(pos) != Some(&b'.') {
                return None;
            }
            pos += 1;
        }
        let digits = bytes
            .get(pos..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 3 || (digits > 1 && bytes[pos] == b'0') {
            return None;
        }
        let value = bytes[pos..pos + digits]
            .iter()
            .fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
        if value > 255 {
            return None;
        }
        pos += digits;
    }
    Some(pos)
}

/// `urllib.parse.parse_qs(query)` with its defaults: `&`-separated, blank values dropped,
/// `+` as space, percent-decoding as UTF-8 with replacement; names in first-seen order.
fn parse_qs(query: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    if query.is_empty() {
        return out;
    }
    for field in query.split('&') {
        let Some((name, value)) = field.split_once('=') else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let name = unquote(&name.replace('+', " "));
        let value = unquote(&value.replace('+', " "));
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => out.push((name, vec![value])),
        }
    }
    out
}

/// `urllib.parse.unquote(s)`: `%XX` escapes decoded as UTF-8 (invalid bytes become U+FFFD),
/// within each run of ASCII characters; other characters kept as they are.
fn unquote(s: &str) -> String {
    if !has_char(s, '%') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut ascii_run: Vec<u8> = Vec::new();
    let flush = |run: &mut Vec<u8>, out: &mut String| {
        let mut bytes = Vec::with_capacity(run.len());
        let mut i = 0;
        while i < run.len() {
            if run[i] == b'%' && i + 2 < run.len() {
                let digit = |b: u8| crate::text::digit_value(char::from(b), 16);
                if let (Some(high), Some(low)) = (digit(run[i + 1]), digit(run[i + 2])) {
                    // Two hex digits: at most 0xFF.
                    bytes.push((high << 4 | low) as u8);
                    i += 3;
                    continue;
                }
            }
            bytes.push(run[i]);
            i += 1;
        }
        out.push_str(&String::from_utf8_lossy(&bytes));
        run.clear();
    };
    for ch in s.chars() {
        if ch.is_ascii() {
            ascii_run.push(ch as u8);
        } else {
            flush(&mut ascii_run, &mut out);
            out.push(ch);
        }
    }
    flush(&mut ascii_run, &mut out);
    out
}

/// `int(s)` for a string of `str.isdigit()` characters: every one must be a decimal digit
/// (`²` is a digit but not decimal, and `int` rejects it). Returns the normalized digits.
fn py_int_digits(s: &str) -> Option<String> {
    let digits: Option<String> = s
        .chars()
        .map(|c| pyunicode::decimal_value(c).and_then(|d| char::from_digit(d, 10)))
        .collect();
    let digits = digits?;
    let trimmed = digits.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0" } else { trimmed }.to_owned())
}

/// Python's `float(s)`: surrounding whitespace stripped, Unicode decimal digits read as
/// ASCII, `_` allowed between digits, `inf`/`infinity`/`nan` in any case, no hex.
pub fn py_float(s: &str) -> Option<f64> {
    let s = pyunicode::strip(s);
    let mut ascii = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            ascii.push(char::from_digit(pyunicode::decimal_value(c)?, 10)?);
        }
    }
    let body = ascii.strip_prefix(['+', '-']).unwrap_or(&ascii);
    let lower = body.to_ascii_lowercase();
    if lower == "nan" {
        return Some(f64::NAN);
    }
    if matches!(lower.as_str(), "inf" | "infinity") {
        return Some(if ascii.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if !valid_float_literal(body) {
        return None;
    }
    crate::decimal_to_double::parse_decimal(&ascii.replace('_', ""))
}

/// `digitpart ('.' digitpart?)? | '.' digitpart`, then an optional exponent, where
/// `digitpart = digit ('_'? digit)*`.
fn valid_float_literal(s: &str) -> bool {
    fn digitpart(b: &[u8], mut i: usize) -> Option<usize> {
        if i >= b.len() || !b[i].is_ascii_digit() {
            return None;
        }
        i += 1;
        loop {
            if i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            } else if i + 1 < b.len() && b[i] == b'_' && b[i + 1].is_ascii_digit() {
                i += 2;
            } else {
                return Some(i);
            }
        }
    }
    let b = s.as_bytes();
    let mut i = match digitpart(b, 0) {
        Some(end) => {
            let mut i = end;
            if i < b.len() && b[i] == b'.' {
                i += 1;
                if let Some(end) = digitpart(b, i) {
                    i = end;
                }
            }
            i
        }
        None => {
            if b.first() != Some(&b'.') {
                return false;
            }
            match digitpart(b, 1) {
                Some(end) => end,
                None => return false,
            }
        }
    };
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        match digitpart(b, i) {
            Some(end) => i = end,
            None => return false,
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(text: &str) -> Option<StepValue> {
        parse_run_moment(text).map(|m| m.step)
    }

    #[test]
    fn parses_the_documented_form() {
        let m = parse_run_moment("ans3bsax?_step=123").unwrap();
        assert_eq!(m.run, "ans3bsax");
        assert_eq!(m.step, StepValue::Int("123".into()));
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "abc",
            "?_step=1",
            "abc?step=1",
            "abc?_step=",
            "abc?_step=x",
            "abc/?_step=1",
            "abc?_step=1#frag",
            "abc?_step=1&x=2",
            "a[b?_step=1",
            "abc?_step=0x10",
            "abc?_step=²",
            "abc?_step=1__0",
            "abc?_step=_1",
        ] {
            assert_eq!(parse_run_moment(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn steps_show_as_whole_numbers_or_as_written() {
        let shown = |text: &str| step(text).map(|s| s.to_string());
        assert_eq!(shown("abc?_step=007").as_deref(), Some("7"));
        // int() of a whole float: what the SDK passes on.
        assert_eq!(shown("abc?_step=1e3").as_deref(), Some("1000"));
        assert_eq!(shown("abc?_step=1_000.0").as_deref(), Some("1000"));
        assert_eq!(shown("abc?_step=-1").as_deref(), Some("-1"));
        assert_eq!(shown("abc?_step=-0").as_deref(), Some("0"));
        // Anything else as written (after URL decoding, without surrounding spaces).
        assert_eq!(shown("abc?_step=1.50").as_deref(), Some("1.50"));
        assert_eq!(shown("abc?_step=NaN").as_deref(), Some("NaN"));
        assert_eq!(shown("abc?_step=-inf").as_deref(), Some("-inf"));
        assert_eq!(shown("abc?_step=1e300").as_deref(), Some("1e300"));
        // The integer form stops where i64 does.
        assert_eq!(
            shown("abc?_step=-9.2e18").as_deref(),
            Some("-9200000000000000000")
        );
        assert_eq!(
            shown("abc?_step=9223372036854775808.0").as_deref(),
            Some("9223372036854775808.0")
        );
        assert_eq!(shown("abc?_step=%201.5%20").as_deref(), Some("1.5"));
    }

    #[test]
    fn python_quirks() {
        assert_eq!(
            step("abc?_step=1&_step=2"),
            Some(StepValue::Int("1".into()))
        );
        assert_eq!(step("abc?%5Fstep=7"), Some(StepValue::Int("7".into())));
        assert_eq!(step("abc?_step=007"), Some(StepValue::Int("7".into())));
        let float = |value: f64, text: &str| {
            Some(StepValue::Float {
                value,
                text: text.to_owned(),
            })
        };
        assert_eq!(step("abc?_step=1_000"), float(1000.0, "1_000"));
        assert_eq!(step("abc?_step=-1"), float(-1.0, "-1"));
        // `+` is a space in a query string: float() reads " 1".
        assert_eq!(step("abc?_step=+1"), float(1.0, "1"));
        assert_eq!(step("abc?_step=1e3"), float(1000.0, "1e3"));
        assert_eq!(step("abc?_step=١٢"), Some(StepValue::Int("12".into())));
        assert!(
            matches!(step("abc?_step=NaN"), Some(StepValue::Float { value, .. }) if value.is_nan())
        );
        assert_eq!(step("ab\tc?_step=1").map(|_| ()), Some(()));
        assert_eq!(parse_run_moment("ab\tc?_step=1").unwrap().run, "abc");
        assert_eq!(step("abc?_step=1#"), Some(StepValue::Int("1".into())));
        assert_eq!(step("abc?x&_step=2"), Some(StepValue::Int("2".into())));
        assert!(parse_run_moment("[::1]?_step=1").is_some());
        assert!(parse_run_moment("[1.2.3.4]?_step=1").is_none());
        assert!(parse_run_moment("ab\u{FF1A}c?_step=1").is_none());
    }

    /// The hand-written IPv6 check accepts exactly what `std::net::Ipv6Addr` parses: on
    /// addresses built from valid pieces, and on the same mangled.
    #[test]
    fn ipv6_check_agrees_with_std() {
        let mut random = crate::parse_error::test_support::xorshift(0x2545_F491_4F6C_DD1D);
        let mut next = |n: usize| (random() % n as u64) as usize;
        const PIECES: [&str; 16] = [
            "0",
            "1",
            "ffff",
            "FfFf",
            "12345",
            "",
            ":",
            "::",
            ".",
            "1.2.3.4",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "0.0.0.0",
            "g",
            "é",
        ];
        let mut accepted = 0;
        for _ in 0..200_000 {
            let mut text = String::new();
            for _ in 0..next(12) {
                if !text.is_empty() && next(3) > 0 {
                    text.push(':');
                }
                text.push_str(PIECES[next(PIECES.len())]);
            }
            let std = text.parse::<std::net::Ipv6Addr>().is_ok();
            assert_eq!(is_ipv6(&text), std, "{text:?}");
            accepted += usize::from(std);
        }
        assert!(
            accepted > 1_000,
            "too few valid addresses generated: {accepted}"
        );
    }
}
