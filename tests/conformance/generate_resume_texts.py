#!/usr/bin/env python3
"""Generate the resume-file text vectors: what each wandb release's `wandb.init` does when
`wandb/wandb-resume.json` holds something other than what wandb writes.

    python3 tests/conformance/generate_resume_texts.py            # 39 releases
    python3 tests/conformance/generate_resume_texts.py --versions 0.19.2 0.19.3 --jobs 2
    python3 tests/conformance/generate_resume_texts.py --versions 0.19.0 0.31.0 \
        --random 3000 --seed 7 --out /tmp/wider.json             # a wider sample

wandb writes `{"run_id": "<id>"}` with `open(path, "w")`, which empties the file first: a job
killed at that moment leaves it empty, a full disk leaves it truncated, and people and tools
write it too. The SDK reads it back with `json.load(f)["run_id"]`, and what follows — an
exception on every restart, a silent new run, the id — depends on the release. Each case
writes a text byte for byte and runs the release's own offline `wandb.init` through the batch
driver (resume_text_driver.py, driver.py with the file written raw): the texts are a
hand-picked set, every truncation of what wandb writes, and seeded random edits of a few
documents (which exercise the JSON decoder's messages and positions), each under three
configurations: `resume=True` (auto, the file is read), `resume=True` with an id (read, then
overridden), and `WANDB_RESUME=allow` with `WANDB_RUN_ID` (not read); the fixed texts also
under `WANDB_RESUME=auto` alone and with no resume at all. The random texts run on the main
releases only, to keep the file small.

Writes resume-text-vectors.json next to this file; tests/resume_text_conformance.rs and
tests/js/resume-text-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import venvs  # noqa: E402
from generate import BOUNDARY_VERSIONS, MAIN_VERSIONS, run_checked, vkey  # noqa: E402
from generate_server import log, parse_args, run_versions, write_vectors  # noqa: E402

SCHEMA = 1
SEED = 20261205
SOURCE_FILES = ["generate_resume_texts.py", "resume_text_driver.py", "driver.py", "venvs.py"]
WRITTEN = '{"run_id": "abc123"}'
HAND_PICKED = [
    WRITTEN, "", " ", "\n", "{", "}", "{}", "[]", '"abc123"', "null", "42", "4.5", "true", "NaN",
    "-Infinity", '{"run_id": null}', '{"run_id": ""}', '{"run_id": " abc"}', '{"run_id": "abc:def"}',
    '{"run_id": "ab\\u0000c"}', '{"run_id": "\\u00e9t\\u00e9"}', '{"run_id": "\\ud83d\\ude00"}',
    '{"run_id": "a", "run_id": "b"}', '{"run\\u005fid": "abc"}', '{"RUN_ID": "abc"}',
    '{"run_id": "abc", "other": [1, 2.5e3, null, true, {"x": "y"}]}', '{"run_id": "abc"}\n',
    '{"run_id": "abc"}\r\n', '{\r\n  "run_id": "abc"\r\n}\r\n', '\ufeff{"run_id": "abc"}',
    '{"run_id": "abc"} x', '{"run_id": "abc"}{"run_id": "def"}', '{"run_id": "a\tb"}',
    '{"run_id": "a\\qb"}', '{"run_id": "\\u12"}', '{"run_id": "\\u12g4"}', '{"run_id": "abc",}',
    '{"run_id" "abc"}', "{'run_id': 'abc'}", '{"run_id": abc}', '[1,]', '[1 2]', '{"a": 01}',
    '{"a": 1.}', '{"a": -}', '{"a": 1e}', '{"a": 1e+}', '{"a": .5}', '\x00', '\x1b[0m',
    '{"run_id": "abc\r\n"}', '\r', 'abc\rdef',
    # Not modelled (the package refuses them): run_id neither a string nor null.
    '{"run_id": 123}', '{"run_id": true}', '{"run_id": ["a"]}', '{"run_id": {"x": 1}}',
]
BASES = [
    WRITTEN, '{"run_id": "x-1", "other": [1, 2.5, null, true, {"a": "b\\n"}]}', '["a", 1]',
    '{\r\n  "run_id": "\u00e9t\u00e9-\\u00e9\\ud83d\\ude00"\r\n}\r\n', '{"run_id": -1.5e-3, "x": "\\"\\/\\b"}',
]
EDIT_CHARS = list('{}[]":,.-+0123456789eE \t\n\r\\/ubfnrtxaNIl') + ["\u00e9", "\ufeff", "\x01", "\u2028"]
RANDOM_TEXTS = 200
# Cases per batch process: 0.31.0 keeps about three file descriptors open per wandb.init, so a
# wide sample in one process runs out of them.
BATCH = 2000
CONFIGS = [
    {"init": {"resume": True}},
    {"init": {"resume": True, "id": "explicit"}},
    {"env": {"WANDB_RESUME": "allow", "WANDB_RUN_ID": "x1"}},
    # The fixed texts only: resuming from the environment alone (0.9.x deletes the file
    # before reading it), and no resume at all (0.14.1+ delete the file at init).
    {"env": {"WANDB_RESUME": "auto"}},
    {},
]


def random_texts(count=RANDOM_TEXTS, seed=SEED):
    rnd = random.Random(seed)
    texts = []
    while len(texts) < count:
        s = list(rnd.choice(BASES))
        for _ in range(rnd.randint(1, 3)):
            op = rnd.random()
            i = rnd.randint(0, len(s))
            if op < 0.4 or not s:
                s.insert(i, rnd.choice(EDIT_CHARS))
            elif op < 0.7:
                del s[min(i, len(s) - 1)]
            else:
                s[min(i, len(s) - 1)] = rnd.choice(EDIT_CHARS)
        t = "".join(s)
        if t not in texts and t not in HAND_PICKED:
            texts.append(t)
    return texts


def all_texts(count=RANDOM_TEXTS, seed=SEED):
    truncations = [WRITTEN[:n] for n in range(len(WRITTEN))]
    fixed = list(dict.fromkeys(HAND_PICKED + truncations))
    return fixed, random_texts(count, seed)


# How many of CONFIGS the random texts run under.
RANDOM_CONFIGS = 3


def all_cases(with_random, count=RANDOM_TEXTS, seed=SEED):
    """The fixed texts under every configuration, then (`with_random`) the random ones under
    the first three: a release that runs no random texts has results for a prefix."""
    fixed, rnd = all_texts(count, seed)
    case = lambda text, config: dict(config, context={"resumeFileText": text})  # noqa: E731
    cases = [case(t, config) for t in fixed for config in CONFIGS]
    if with_random:
        cases += [case(t, config) for t in rnd for config in CONFIGS[:RANDOM_CONFIGS]]
    return cases


def utf8_safe(value):
    """`value` with every string that holds an unpaired surrogate (a run_id decoded from a
    broken escape pair: Python keeps it, UTF-8 cannot) replaced by `{"notUtf8": <the string as
    ASCII-escaped JSON>}`. The package refuses such a file, so the replays never compare it."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return {"notUtf8": json.dumps(value)}
    if isinstance(value, list):
        return [utf8_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: utf8_safe(v) for k, v in value.items()}
    return value


def process_version(version, args):
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log)
    cases = all_cases(version in MAIN_VERSIONS, args.random, args.seed)
    results = []
    for start in range(0, len(cases), BATCH):
        with tempfile.TemporaryDirectory(prefix="wbtext_") as tmp:
            cp, op = os.path.join(tmp, "cases.json"), os.path.join(tmp, "out.json")
            with open(cp, "w") as f:
                json.dump(cases[start:start + BATCH], f)
            run_checked([py, os.path.join(HERE, "resume_text_driver.py"), cp, op], 1800,
                        "resume-text batch for %s (cases %d-)" % (version, start))
            with open(op) as f:
                batch = json.load(f)
        for r in batch["results"]:
            r.pop("seconds", None)
            results.append(utf8_safe(r))
    log("%s: %d cases in %.0f s" % (version, len(results), time.time() - t0))
    return version, results, venvs.installed(py)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: the %d releases of the offline set"
                    % (len(MAIN_VERSIONS) + len(BOUNDARY_VERSIONS)))
    ap.add_argument("--random", type=int, default=RANDOM_TEXTS, help="random texts (main releases)")
    ap.add_argument("--seed", type=int, default=SEED)
    args = parse_args(ap, "resume-text-vectors.json")
    versions = args.versions or sorted(MAIN_VERSIONS + BOUNDARY_VERSIONS, key=vkey)
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    meta = {"seed": args.seed, "random": args.random, "configs": CONFIGS,
            "randomConfigs": RANDOM_CONFIGS,
            "randomOnlyFor": sorted(MAIN_VERSIONS, key=vkey)}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, all_cases(True, args.random, args.seed),
                  results, packages, t0)


if __name__ == "__main__":
    main()
