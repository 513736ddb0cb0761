//! Character tests on text, written out so that the module carries no general string
//! searcher: `str::contains(char)` is compiled once for every call site, and its branch for
//! a character outside ASCII pulls in core's two-way substring search (≈ 2.6 KB of the wasm
//! module) that nothing else needs. Likewise whole numbers are read without `str::parse`,
//! whose radix machinery and panic messages the module would carry for three uses, characters
//! are counted without core's word-at-a-time counter, and lists are joined without std's
//! generic join (its overflow check and panic message): ≈ 2 KB of the module; and the few
//! words a message changes are replaced without `str::replace`, the searcher again.

/// True when `text` holds `c`.
pub(crate) fn has_char(text: &str, c: char) -> bool {
    if c.is_ascii() {
        text.bytes().any(|b| b == c as u8)
    } else {
        text.chars().any(|x| x == c)
    }
}

/// The value of `c` as a digit of `radix` (2 to 16), as `char::to_digit` reads it, without its
/// radix check and panic message, which the module would otherwise carry.
#[inline]
pub(crate) fn digit_value(c: char, radix: u32) -> Option<u32> {
    let value = match c {
        '0'..='9' => u32::from(c) - u32::from('0'),
        'a'..='f' => u32::from(c) - u32::from('a') + 10,
        'A'..='F' => u32::from(c) - u32::from('A') + 10,
        _ => return None,
    };
    (value < radix).then_some(value)
}

/// The number `text` writes in ASCII digits alone (no sign, no spaces); `None` for anything
/// else, or a number over `u32::MAX`.
pub(crate) fn parse_u32(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u32, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        } else {
            None
        }
    })
}

/// The number of characters in `text`, as `text.chars().count()` gives it: the bytes that do
/// not continue a UTF-8 sequence.
pub(crate) fn char_count(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// `parts` with `separator` between each two, as `[…].join(separator)` gives them.
pub(crate) fn join<S: AsRef<str>>(parts: impl IntoIterator<Item = S>, separator: &str) -> String {
    let mut joined = String::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            joined.push_str(separator);
        }
        joined.push_str(part.as_ref());
    }
    joined
}

/// `text` with every `from` replaced by `to`, as `text.replace(from, to)` gives it (`from`
/// not empty), without core's two-way searcher: a prefix test at each character boundary,
/// which the short texts of messages afford.
pub(crate) fn replace(text: &str, from: &str, to: &str) -> String {
    let mut replaced = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !from.is_empty() && rest.as_bytes().starts_with(from.as_bytes()) {
            replaced.push_str(to);
            rest = &rest[from.len()..];
        } else {
            replaced.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    replaced
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_as_std_does() {
        for (text, from, to) in [
            ("", "a", "b"),
            (
                "`init.id` is empty; remove `init.id`",
                "`init.id`",
                "`init.settings.runId`",
            ),
            ("aaa", "aa", "x"),
            ("é日é", "日", "ab"),
            ("abc", "abcd", "x"),
            (
                "x in wandb.init overrides y",
                " in wandb.init overrides",
                " in settings= overrides",
            ),
        ] {
            assert_eq!(replace(text, from, to), text.replace(from, to), "{text:?}");
        }
    }

    #[test]
    fn counts_and_joins_as_std_does() {
        for text in [
            "",
            "abc",
            "é",
            "a\u{10FFFF}b",
            "日本語",
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}",
        ] {
            assert_eq!(char_count(text), text.chars().count(), "{text:?}");
        }
        for parts in [&[][..], &["a"], &["a", "", "é"], &["", ""]] {
            assert_eq!(join(parts.iter(), ", "), parts.join(", "), "{parts:?}");
        }
    }

    #[test]
    fn reads_digits_as_char_to_digit_does() {
        for radix in [2, 8, 10, 16] {
            for c in ('\0'..='\u{7f}').chain(['\u{660}', '\u{ff11}', '\u{1d7ce}']) {
                assert_eq!(
                    digit_value(c, radix),
                    c.to_digit(radix),
                    "{c:?} in base {radix}"
                );
            }
        }
    }

    #[test]
    fn reads_whole_numbers_as_str_parse_does_for_digits() {
        for text in ["0", "7", "0042", "4294967295", "65535"] {
            assert_eq!(parse_u32(text), text.parse::<u32>().ok(), "{text}");
        }
        for text in [
            "",
            "+1",
            "-1",
            "1.0",
            "1e3",
            " 1",
            "4294967296",
            "99999999999",
            "1_0",
        ] {
            assert_eq!(parse_u32(text), None, "{text}");
        }
    }

    #[test]
    fn finds_ascii_and_wider_characters() {
        assert!(has_char("a:b", ':'));
        assert!(!has_char("ab", ':'));
        assert!(has_char("x\u{FFFD}", '\u{FFFD}'));
        assert!(!has_char("x\u{FFFC}", '\u{FFFD}'));
        // A multi-byte character's bytes are never read as ASCII.
        assert!(!has_char("\u{00BF}", '?'));
        assert!(has_char("\0", '\0'));
    }
}
