//! URL query strings for the edge API: split, decoded and checked strictly.
//!
//! Decoding follows `application/x-www-form-urlencoded` (what `URLSearchParams` does): `+`
//! is a space, `%XX` a byte, and a `%` not followed by two hex digits stays as it is. Unlike
//! `URLSearchParams`, bytes that are not UTF-8 are refused instead of becoming U+FFFD: a key
//! such as `?key=job%FF` would otherwise derive the id of a different key without a word.
//! Unknown and repeated parameters are refused too, so a typo (`?lenght=8`) never goes
//! unnoticed.

use core::fmt;

use crate::json::Quoted;

/// Why a query string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    /// A parameter this route does not take.
    Unknown {
        /// The parameter's name as decoded.
        name: String,
        /// The parameters the route takes.
        allowed: &'static [&'static str],
    },
    /// A parameter given more than once.
    Repeated(String),
    /// A name or value whose percent-decoded bytes are not UTF-8.
    NotUtf8(String),
    /// A parameter the route needs is absent.
    Missing(&'static str),
    /// A value of the wrong form, e.g. `count=ten`.
    BadValue {
        /// The parameter.
        name: &'static str,
        /// What it must be.
        expected: &'static str,
        /// What was given.
        given: String,
    },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Unknown { name, allowed: [] } => {
                write!(
                    f,
                    "unknown query parameter {}: this route takes none",
                    Quoted(name)
                )
            }
            QueryError::Unknown { name, allowed } => {
                write!(
                    f,
                    "unknown query parameter {}; this route takes ",
                    Quoted(name)
                )?;
                // Written one by one: `join` on `&str` would be a second copy of its code
                // in the module (the other lists are `String`s).
                for (i, parameter) in allowed.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(parameter)?;
                }
                Ok(())
            }
            QueryError::Repeated(name) => {
                write!(
                    f,
                    "query parameter {} is given more than once",
                    Quoted(name)
                )
            }
            QueryError::NotUtf8(name) => write!(
                f,
                "query parameter {} is not UTF-8 once percent-decoded; encode the text as UTF-8",
                Quoted(name)
            ),
            QueryError::Missing(name) => write!(f, "query parameter {} is required", Quoted(name)),
            QueryError::BadValue {
                name,
                expected,
                given,
            } => write!(
                f,
                "query parameter {} must be {expected}, got {}",
                Quoted(name),
                Quoted(given)
            ),
        }
    }
}

impl std::error::Error for QueryError {}

/// The decoded parameters of one query string, checked against what a route takes.
#[derive(Debug, Default)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    /// Parses `query` (without the leading `?`) for a route that takes the parameters in
    /// `allowed`.
    pub fn parse(query: &str, allowed: &'static [&'static str]) -> Result<Self, QueryError> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let (raw_name, raw_value) = part.split_once('=').unwrap_or((part, ""));
            let name = decode(raw_name).ok_or_else(|| QueryError::NotUtf8(lossy(raw_name)))?;
            let value = decode(raw_value).ok_or_else(|| QueryError::NotUtf8(name.clone()))?;
            if !allowed.contains(&name.as_str()) {
                return Err(QueryError::Unknown { name, allowed });
            }
            if pairs.iter().any(|(n, _)| *n == name) {
                return Err(QueryError::Repeated(name));
            }
            pairs.push((name, value));
        }
        Ok(QueryParams { pairs })
    }

    /// The value of `name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `name` as a whole number in `0..=u32::MAX`; `default` when absent.
    pub fn number(&self, name: &'static str, default: u32) -> Result<u32, QueryError> {
        match self.get(name) {
            None => Ok(default),
            Some(text) => {
                let digits = !text.is_empty()
                    && text.len() <= 10
                    && text.bytes().all(|b| b.is_ascii_digit());
                digits
                    .then(|| crate::text::parse_u32(text))
                    .flatten()
                    .ok_or_else(|| QueryError::BadValue {
                        name,
                        expected: "a whole number written in digits",
                        given: text.to_owned(),
                    })
            }
        }
    }
}

/// Percent- and plus-decodes one name or value; `None` when the bytes are not UTF-8.
fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A name whose decoding failed, shown as written.
fn lossy(raw: &str) -> String {
    raw.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &[&str] = &["count", "length"];

    #[test]
    fn decodes_like_url_search_params() {
        let q = QueryParams::parse("count=2&length=%31%30", ID).unwrap();
        assert_eq!(q.get("count"), Some("2"));
        assert_eq!(q.get("length"), Some("10"));
        let q = QueryParams::parse("key=my+job%2F7%zz%4", &["key"]).unwrap();
        assert_eq!(q.get("key"), Some("my job/7%zz%4"));
        let q = QueryParams::parse("key=%E2%9C%93&&", &["key"]).unwrap();
        assert_eq!(q.get("key"), Some("✓"));
        let q = QueryParams::parse("key", &["key"]).unwrap();
        assert_eq!(q.get("key"), Some(""));
        assert!(QueryParams::parse("", &[]).is_ok());
    }

    #[test]
    fn refuses_what_would_go_unnoticed() {
        assert_eq!(
            QueryParams::parse("lenght=8", ID).unwrap_err(),
            QueryError::Unknown {
                name: "lenght".into(),
                allowed: ID
            }
        );
        assert_eq!(
            QueryParams::parse("count=1&count=2", ID).unwrap_err(),
            QueryError::Repeated("count".into())
        );
        assert_eq!(
            QueryParams::parse("key=job%FF", &["key"]).unwrap_err(),
            QueryError::NotUtf8("key".into())
        );
        let err = QueryParams::parse("x=1", &[]).unwrap_err();
        assert!(err.to_string().contains("takes none"), "{err}");
    }

    #[test]
    fn numbers_are_plain_digits() {
        let q = QueryParams::parse("count=10&length=", ID).unwrap();
        assert_eq!(q.number("count", 1), Ok(10));
        assert!(q.number("length", 8).is_err());
        for bad in ["-1", "1e3", "0x10", " 1", "99999999999", "4294967296"] {
            let q = QueryParams::parse(&format!("count={bad}"), ID).unwrap();
            assert!(q.number("count", 1).is_err(), "{bad}");
        }
        let q = QueryParams::parse("count=4294967295", ID).unwrap();
        assert_eq!(q.number("count", 1), Ok(u32::MAX));
        assert_eq!(QueryParams::default().number("count", 7), Ok(7));
    }
}
