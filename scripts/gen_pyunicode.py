#!/usr/bin/env python3
"""Generate src/pyunicode_table.rs: the Unicode facts of Python's `str` that the engine needs.

The engine must agree with Python exactly where the SDK or the documentation leans on it:
- `\\w` of `re` (the documentation's run-id rule is `re.sub(r"\\W", "-", id)`): word ranges;
- `str.strip()` / `str.isspace()` (the SDK rejects run ids that start or end with whitespace);
- `str.isdigit()`, `str.isdecimal()` and `int()`/`float()` digits (run moments `<run>?_step=N`);
- `urllib.parse`'s NFKC netloc check (run moments are parsed as `runmoment://<run>?...`);
- `str.isprintable()` (the SDK quotes ids with `repr()` in its warnings).

Each fact is read from Python itself, over every Unicode scalar value, not re-derived, and
cross-checked where Python offers a second route to it.

Usage: python3 scripts/gen_pyunicode.py > src/pyunicode_table.rs
Deterministic: the same Python (same `unicodedata.unidata_version`) gives the same file.
"""
import re
import sys
import unicodedata

WORD = re.compile(r"\w")
# One index entry per this many ranges of a packed table: a lookup decodes at most this many.
PACKED_INDEX_EVERY = 32
SCALARS = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]


def ranges(pred):
    out, start, prev = [], None, None
    for cp in SCALARS:
        if pred(cp):
            if start is None or cp != prev + 1:
                if start is not None:
                    out.append((start, prev))
                start = cp
            prev = cp
    if start is not None:
        out.append((start, prev))
    return out


def is_word(cp):
    ch = chr(cp)
    got = WORD.fullmatch(ch) is not None
    assert got == (ch.isalnum() or ch == "_"), hex(cp)
    return got


def is_space(cp):
    ch = chr(cp)
    got = ch.isspace()
    assert got == (ch.strip() == ""), hex(cp)
    return got


def decimal_zeros():
    """Code points of decimal digit zero; Python's decimals come in runs of ten from zero."""
    zeros = []
    for cp in SCALARS:
        ch = chr(cp)
        if ch.isdecimal():
            value = unicodedata.decimal(ch)
            assert int(ch) == value, hex(cp)
            if value == 0:
                zeros.append(cp)
    for z in zeros:
        assert all(unicodedata.decimal(chr(z + i)) == i for i in range(10)), hex(z)
    assert sum(chr(cp).isdecimal() for cp in SCALARS) == 10 * len(zeros)
    return zeros


def is_digit_not_decimal(cp):
    ch = chr(cp)
    return ch.isdigit() and not ch.isdecimal()


def nfkc_url_delimiter(cp):
    """True when NFKC(ch) contains one of '/?#@:', which makes urlsplit reject a netloc."""
    if cp < 0x80:
        return False
    return any(c in unicodedata.normalize("NFKC", chr(cp)) for c in "/?#@:")


def write_ranges(out, name, doc, table):
    out.write(f"/// {doc}\n")
    out.write(f"pub static {name}: [(u32, u32); {len(table)}] = [\n")
    for lo, hi in table:
        out.write(f"    (0x{lo:04X}, 0x{hi:04X}),\n")
    out.write("];\n\n")


def fnv1a64(pairs):
    """FNV-1a over each range's two ends as little-endian u32: the check the Rust tests
    recompute from the decoded stream, so a decoder that misreads one range fails."""
    h = 0xCBF29CE484222325
    for lo, hi in pairs:
        for byte in lo.to_bytes(4, "little") + hi.to_bytes(4, "little"):
            h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def leb128(value):
    out = bytearray()
    while value >= 0x80:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    out.append(value)
    return out


def write_packed_ranges(out, name, doc, table, every=PACKED_INDEX_EVERY):
    """A long range table as a byte stream: for each range, the gap from the previous range's
    end and the range's length less one, each LEB128 — mostly two bytes a range where a pair of
    u32 takes eight (issue 8: ≈ 2 KB gzipped for the two long tables). Every `every`-th range
    gets an index entry (the code point after the previous range, the range's byte offset), so
    a lookup decodes at most `every` ranges."""
    stream, index, after_previous = bytearray(), [], 0
    for i, (lo, hi) in enumerate(table):
        if i % every == 0:
            index.append((after_previous, len(stream)))
        stream += leb128(lo - after_previous) + leb128(hi - lo)
        after_previous = hi + 1
    out.write(f"/// {doc}\n")
    out.write(f"pub static {name}: PackedRanges = PackedRanges {{\n")
    out.write("    index: &[\n")
    for base, offset in index:
        out.write(f"        (0x{base:04X}, {offset}),\n")
    out.write("    ],\n")
    out.write("    stream: &[\n")
    for i in range(0, len(stream), 16):
        out.write("        " + " ".join(f"0x{b:02X}," for b in stream[i : i + 16]) + "\n")
    out.write("    ],\n")
    out.write("};\n\n")
    out.write(f"/// How many ranges `{name}` holds and their FNV-1a check (see `scripts/gen_pyunicode.py`).\n")
    out.write("#[cfg(test)]\n")
    out.write(f"pub const {name}_CHECK: (usize, u64) = ({len(table)}, 0x{fnv1a64(table):016X});\n\n")


def write_points(out, name, doc, points):
    out.write(f"/// {doc}\n")
    out.write(f"pub static {name}: [u32; {len(points)}] = [\n")
    for i in range(0, len(points), 8):
        out.write("    " + " ".join(f"0x{p:04X}," for p in points[i : i + 8]) + "\n")
    out.write("];\n\n")


def main():
    out = sys.stdout
    version = sys.version.split()[0]
    out.write("// @generated by scripts/gen_pyunicode.py — do not edit by hand.\n")
    out.write(f"// Python {version}, Unicode {unicodedata.unidata_version}.\n\n")
    out.write("/// Unicode version of the database the tables were generated from.\n")
    out.write(f'pub const UNICODE_VERSION: &str = "{unicodedata.unidata_version}";\n\n')
    out.write("/// Python version the tables were generated with.\n")
    out.write(f'pub const PYTHON_VERSION: &str = "{version}";\n\n')
    out.write("use super::PackedRanges;\n\n")
    write_packed_ranges(out, "WORD_RANGES", "Inclusive ranges of code points that `re` matches with `\\w`.", ranges(is_word))
    write_points(out, "SPACE", "Code points for which `str.isspace()` is true (what `str.strip()` removes).", [cp for cp in SCALARS if is_space(cp)])
    write_points(out, "DECIMAL_ZEROS", "Code points of the digit zero of each run of ten `str.isdecimal()` digits.", decimal_zeros())
    write_ranges(out, "DIGIT_NOT_DECIMAL", "Ranges where `str.isdigit()` is true but `str.isdecimal()` is not (`int()` rejects them).", ranges(is_digit_not_decimal))
    write_packed_ranges(out, "NOT_PRINTABLE", "Ranges where `str.isprintable()` is false (`repr()` escapes them).", ranges(lambda cp: not chr(cp).isprintable()))
    write_points(out, "NFKC_URL_DELIMITER", "Non-ASCII code points whose NFKC form contains one of `/?#@:` (urlsplit's netloc check).", [cp for cp in SCALARS if nfkc_url_delimiter(cp)])


if __name__ == "__main__":
    main()
