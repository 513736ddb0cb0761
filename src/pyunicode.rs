//! The parts of Python's `str` semantics the SDK's rules depend on, for every Unicode scalar
//! value: `re`'s `\w`, `str.isspace()`/`str.strip()`, `str.isdigit()`/`isdecimal()` and the
//! digits `int()`/`float()` read, and `urllib.parse`'s NFKC netloc check.
//!
//! The tables are generated from Python itself by `scripts/gen_pyunicode.py`, so a run id that
//! Python calls "whitespace at the end" or "non-word" is exactly the one flagged here.

#[path = "pyunicode_table.rs"]
mod table;

use crate::text::has_char;
use core::cmp::Ordering;

pub use table::{PYTHON_VERSION, UNICODE_VERSION};

/// A sorted table of disjoint inclusive code-point ranges packed as a byte stream (see
/// `scripts/gen_pyunicode.py`): per range, LEB128 of the gap from the previous range's end
/// and of its length less one. Two bytes a range instead of eight keep the two long tables
/// ≈ 2 KB smaller gzipped; the sparse index bounds a lookup to a few dozen ranges.
pub struct PackedRanges {
    /// Every 32nd range: (the code point after the range before it, its byte offset).
    index: &'static [(u32, u32)],
    /// The ranges, in order.
    stream: &'static [u8],
}

/// Decodes a [`PackedRanges`] stream from one of its index entries on.
struct RangeCursor {
    stream: &'static [u8],
    offset: usize,
    after_previous: u32,
}

impl RangeCursor {
    fn leb128(&mut self) -> Option<u32> {
        let mut value = 0u32;
        let mut shift = 0;
        loop {
            let byte = *self.stream.get(self.offset)?;
            self.offset += 1;
            value |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
        }
    }
}

impl Iterator for RangeCursor {
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        let lo = self.after_previous + self.leb128()?;
        let hi = lo + self.leb128()?;
        self.after_previous = hi + 1;
        Some((lo, hi))
    }
}

impl PackedRanges {
    /// The ranges from the index entry at or before `cp` on.
    fn ranges_near(&self, cp: u32) -> RangeCursor {
        let entry = self.index.partition_point(|&(after, _)| after <= cp);
        let (after_previous, offset) = self.index[entry.saturating_sub(1)];
        RangeCursor {
            stream: self.stream,
            offset: offset as usize,
            after_previous,
        }
    }

    /// True when some range holds `cp`.
    fn contains(&self, cp: u32) -> bool {
        self.ranges_near(cp)
            .take_while(|&(lo, _)| lo <= cp)
            .any(|(_, hi)| cp <= hi)
    }
}

fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                Ordering::Less
            } else if lo > cp {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

/// True when Python's `re` matches `ch` with `\w` (`ch.isalnum() or ch == "_"`).
pub fn is_word_char(ch: char) -> bool {
    if ch.is_ascii() {
        // Fast path for ASCII, which is almost every run id.
        return ch.is_ascii_alphanumeric() || ch == '_';
    }
    table::WORD_RANGES.contains(ch as u32)
}

/// True when Python's `str.isspace()` is true for `ch`.
pub fn is_space(ch: char) -> bool {
    if ch.is_ascii() {
        // Python's ASCII whitespace: \t \n \v \f \r, the separators 0x1c–0x1f, and space.
        return matches!(ch, '\t'..='\r' | '\x1c'..='\x1f' | ' ');
    }
    table::SPACE.binary_search(&(ch as u32)).is_ok()
}

/// Python's `s.strip()`.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// The value of `ch` as a decimal digit (`str.isdecimal()`), as `int()` reads it.
pub fn decimal_value(ch: char) -> Option<u32> {
    let cp = ch as u32;
    if ch.is_ascii_digit() {
        return Some(cp - '0' as u32);
    }
    let i = table::DECIMAL_ZEROS.partition_point(|&zero| zero <= cp);
    let zero = *table::DECIMAL_ZEROS.get(i.checked_sub(1)?)?;
    (cp - zero < 10).then_some(cp - zero)
}

/// Python's `str.isdigit()` for one character.
pub fn is_digit(ch: char) -> bool {
    decimal_value(ch).is_some() || in_ranges(&table::DIGIT_NOT_DECIMAL, ch as u32)
}

/// True when NFKC maps `ch` to text containing one of `/?#@:`, which makes Python's
/// `urlsplit` reject a non-ASCII netloc holding it.
pub fn nfkc_has_url_delimiter(ch: char) -> bool {
    table::NFKC_URL_DELIMITER
        .binary_search(&(ch as u32))
        .is_ok()
}

/// Python's `str.isprintable()` for one character.
pub fn is_printable(ch: char) -> bool {
    !table::NOT_PRINTABLE.contains(ch as u32)
}

/// Python's `repr(s)` for a `str`: single quotes unless the text holds `'` and no `"`;
/// backslash, the quote, `\t`, `\n`, `\r` escaped; other unprintable characters as
/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`. The SDK prints ids this way in its warnings.
pub fn repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    // Printable ASCII without quotes or backslashes (almost every id) stands for itself.
    if s.bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'\\' && b != b'\'' && b != b'"')
    {
        out.push('\'');
        out.push_str(s);
        out.push('\'');
        return out;
    }
    let quote = if has_char(s, '\'') && !has_char(s, '"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() && (c < ' ' || c == '\x7f') => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if !c.is_ascii() && !is_printable(c) => {
                let cp = c as u32;
                if cp <= 0xff {
                    out.push_str(&format!("\\x{cp:02x}"));
                } else if cp <= 0xffff {
                    out.push_str(&format!("\\u{cp:04x}"));
                } else {
                    out.push_str(&format!("\\U{cp:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_matches_python() {
        for b in 0u8..0x80 {
            let ch = b as char;
            assert_eq!(
                is_space(ch),
                table::SPACE.binary_search(&(b as u32)).is_ok()
            );
            assert_eq!(is_word_char(ch), ch.is_ascii_alphanumeric() || ch == '_');
            assert_eq!(table::WORD_RANGES.contains(b as u32), is_word_char(ch));
        }
    }

    /// Every range of a packed table, from its start.
    fn unpacked(table: &PackedRanges) -> Vec<(u32, u32)> {
        let all = RangeCursor {
            stream: table.stream,
            offset: 0,
            after_previous: 0,
        };
        all.collect()
    }

    /// FNV-1a over each range's ends as little-endian u32, as the generator computes it.
    fn fnv1a64(ranges: &[(u32, u32)]) -> u64 {
        let mut hash = 0xcbf2_9ce4_8422_2325u64;
        for &(lo, hi) in ranges {
            for byte in lo.to_le_bytes().into_iter().chain(hi.to_le_bytes()) {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash
    }

    #[test]
    fn packed_tables_decode_to_the_generated_ranges() {
        for (table, (count, check)) in [
            (&table::WORD_RANGES, table::WORD_RANGES_CHECK),
            (&table::NOT_PRINTABLE, table::NOT_PRINTABLE_CHECK),
        ] {
            let ranges = unpacked(table);
            assert_eq!((ranges.len(), fnv1a64(&ranges)), (count, check));
            assert!(ranges.last().unwrap().1 <= 0x10ffff);
            for pair in ranges.windows(2) {
                assert!(pair[0].1 + 1 < pair[1].0, "{pair:?}");
            }
            // Each index entry points at the start of a range, 32 ranges apart.
            for (i, &(after_previous, offset)) in table.index.iter().enumerate() {
                let mut cursor = RangeCursor {
                    stream: table.stream,
                    offset: offset as usize,
                    after_previous,
                };
                assert_eq!(cursor.next(), Some(ranges[i * 32]));
            }
            // Every range's ends, and the code points around them, answer as a search of
            // the unpacked ranges does.
            for &(lo, hi) in &ranges {
                for cp in [lo.saturating_sub(1), lo, hi, hi + 1] {
                    let held = ranges.iter().any(|&(l, h)| l <= cp && cp <= h);
                    assert_eq!(table.contains(cp), held, "{cp:#x}");
                }
            }
        }
        assert!(is_word_char('é') && !is_word_char('\u{2014}') && is_word_char('\u{4e00}'));
        assert!(!is_printable('\u{200b}') && is_printable('é') && !is_printable('\u{10ffff}'));
    }

    #[test]
    fn tables_are_sorted() {
        assert!(table::SPACE.windows(2).all(|w| w[0] < w[1]));
        assert!(table::DECIMAL_ZEROS.windows(2).all(|w| w[0] + 10 <= w[1]));
        assert!(table::NFKC_URL_DELIMITER.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn digits_and_spaces() {
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('٣'), Some(3)); // ARABIC-INDIC DIGIT THREE
        assert_eq!(decimal_value('²'), None);
        assert!(is_digit('²'));
        assert!(!is_digit('a'));
        assert!(is_space('\u{3000}') && is_space('\u{85}') && !is_space('\u{200b}'));
        assert_eq!(strip("\u{a0} ab\t"), "ab");
        assert!(nfkc_has_url_delimiter('\u{FF1A}') && !nfkc_has_url_delimiter('é'));
    }

    #[test]
    fn repr_matches_python() {
        // Expected values printed by Python 3.11's repr().
        assert_eq!(repr("abc"), "'abc'");
        assert_eq!(repr("it's"), "\"it's\"");
        assert_eq!(repr("a'b\""), "'a\\'b\"'");
        assert_eq!(repr("t\tn\n\\"), "'t\\tn\\n\\\\'");
        assert_eq!(
            repr("\u{0}\u{7f}\u{a0}é\u{200b}\u{10ffff}"),
            "'\\x00\\x7f\\xa0é\\u200b\\U0010ffff'"
        );
    }
}
