#!/usr/bin/env python3
"""Generate tests/vectors/sanitize.json: Python's own `re.sub(r"\\W", "-", s)` — the
documentation's run-id rule — for every Unicode scalar value (run-length encoded) and for a
few thousand seeded random strings, so the Rust sanitizer is checked against Python itself.

Usage: python3 scripts/gen_sanitize_vectors.py > tests/vectors/sanitize.json
"""
import json
import random
import re
import sys
import unicodedata

NON_WORD = re.compile(r"\W")


def scalar_runs():
    """[start, end, replaced] runs over all scalar values, where `replaced` says whether
    re.sub(r"\\W", "-", chr(cp)) turns the character into a dash."""
    runs = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        # re.sub replaces the character exactly when \W matches it.
        replaced = NON_WORD.fullmatch(chr(cp)) is not None
        assert NON_WORD.sub("-", chr(cp)) == ("-" if replaced else chr(cp))
        if runs and runs[-1][1] == cp - 1 and runs[-1][2] == replaced:
            runs[-1][1] = cp
        elif runs and runs[-1][1] == 0xD7FF and cp == 0xE000 and runs[-1][2] == replaced:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp, replaced])
    return runs


def random_strings(seed, count):
    rng = random.Random(seed)
    pools = [
        "abcxyzABC019_-",
        " \t\n:;,#?/'\\%.@!~",
        "éßЖ中٣²ⅷ\u00a0—€·\u0301🙂\u200b\u3000",
    ]
    out = []
    for _ in range(count):
        length = rng.randint(0, 24)
        s = []
        for _ in range(length):
            pick = rng.random()
            if pick < 0.75:
                s.append(rng.choice(rng.choice(pools)))
            else:
                cp = rng.randint(0, 0x10FFFF)
                while 0xD800 <= cp <= 0xDFFF:
                    cp = rng.randint(0, 0x10FFFF)
                s.append(chr(cp))
        text = "".join(s)
        out.append({"raw": text, "sanitized": NON_WORD.sub("-", text), "replaced": len(NON_WORD.findall(text))})
    return out


def main():
    seed = 20261128
    json.dump(
        {
            "python": sys.version.split()[0],
            "unicode": unicodedata.unidata_version,
            "seed": seed,
            "scalarRuns": scalar_runs(),
            "strings": random_strings(seed, 3000),
        },
        sys.stdout,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
