//! Character tests on text, written out so that the module carries no general string
//! searcher: `str::contains(char)` is compiled once for every call site, and its branch for
//! a character outside ASCII pulls in core's two-way substring search (≈ 2.6 KB of the wasm
//! module) that nothing else needs.

/// True when `text` holds `c`.
pub(crate) fn has_char(text: &str, c: char) -> bool {
    if c.is_ascii() {
        text.bytes().any(|b| b == c as u8)
    } else {
        text.chars().any(|x| x == c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
