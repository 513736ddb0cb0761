#!/usr/bin/env python3
"""Generate the settings vectors: what each wandb release does with a resume configuration
when `wandb.init` is also given `settings=` — a `wandb.Settings(...)` object or a dict —
that sets nothing about resuming (the common `settings=wandb.Settings(start_method="thread")`).

    python3 tests/conformance/generate_settings.py                 # 17 releases
    python3 tests/conformance/generate_settings.py --versions 0.18.7 --jobs 1

A script that passes `settings=` for something unrelated still changes what the launch does
in some releases: 0.9.x has neither `wandb.Settings` nor the argument, 0.10.x–0.12.9 raise on
a non-empty dict, and 0.18.1–0.18.7 take the object's own default mode (online) over
`WANDB_MODE`. The cases are the mode vectors' configurations under each form of the argument:
the offline and disabled launches run the complete, unmodified `wandb.init` (one process per
case, `settings_driver.py real`), the online ones the batch driver with a dummy API key, one
process per case, as generate_modes.py does.

Writes settings-vectors.json next to this file; tests/settings_conformance.rs and
tests/js/settings-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from generate import vkey  # noqa: E402
from generate_modes import ONLINE_ENV, merge, process_version, recorded_cases  # noqa: E402
from generate_server import parse_args, run_versions, write_vectors  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_settings.py", "generate_modes.py", "settings_driver.py", "mode_driver.py", "driver.py", "venvs.py"]
# The first and last releases, and the neighbours of each boundary: 0.9.7 (no settings) and
# 0.10.3; 0.12.9 the last raising on a non-empty dict, 0.12.10 the first taking it; 0.18.0
# the last reading WANDB_MODE under a settings object, 0.18.1 the first taking the object's
# mode, 0.18.7 the last doing so, 0.19.0 the first reading WANDB_MODE again; and releases
# between, each with a different settings implementation.
VERSIONS = sorted(
    ["0.9.7", "0.10.3", "0.10.10", "0.10.33", "0.12.9", "0.12.10", "0.14.1", "0.16.5", "0.17.8",
     "0.18.0", "0.18.1", "0.18.7", "0.19.0", "0.19.9", "0.21.0", "0.29.0", "0.31.0"],
    key=vkey,
)
OBJECT = {"form": "object", "keys": []}
OBJECT_WITH_KEY = {"form": "object", "keys": ["console"]}
DICT = {"form": "dict", "keys": []}
DICT_WITH_KEY = {"form": "dict", "keys": ["console"]}
CONFIGS = [
    {"init": {"resume": "must", "id": "abc"}},
    {"init": {"resume": "auto"}, "context": {"resumeFile": "prev1"}},
    {"env": {"WANDB_RESUME": "allow", "WANDB_RUN_ID": "abc"}},
]
# A configuration every release refuses: which error comes first.
REFUSED_CONFIG = {"init": {"resume": "must"}}
LOCAL_SOURCES = [
    {"env": {"WANDB_MODE": "offline"}},
    {"env": {"WANDB_MODE": "dryrun"}},
    {"init": {"mode": "offline"}},
    {"env": {"WANDB_MODE": "disabled"}},
    {"init": {"mode": "disabled"}},
]
ONLINE_SOURCE = {}


def with_settings(case, settings):
    case = json.loads(json.dumps(case))
    case.setdefault("init", {})["settings"] = settings
    return case


def all_cases():
    cases = []
    for form, configs in ((OBJECT, CONFIGS), (DICT_WITH_KEY, CONFIGS), (OBJECT_WITH_KEY, CONFIGS[:1]),
                          (DICT, CONFIGS[:1])):
        for c in configs:
            cases.append(with_settings(merge(ONLINE_SOURCE, c), form))
            cases += [dict(with_settings(merge(s, c), form), _real=True) for s in LOCAL_SOURCES]
    # With an API key (the batch driver's), a launch that the object turns online gets as far
    # as the settings; elsewhere these are offline launches, settled before the backend.
    for form in (OBJECT, DICT_WITH_KEY):
        cases += [with_settings(merge(LOCAL_SOURCES[0], c), form) for c in CONFIGS]
    for form in (OBJECT, DICT_WITH_KEY):
        cases.append(with_settings(merge(ONLINE_SOURCE, REFUSED_CONFIG), form))
        cases.append(dict(with_settings(merge(LOCAL_SOURCES[0], REFUSED_CONFIG), form), _real=True))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "settings-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    def settings_cases(version, args):
        return process_version(version, args, all_cases(), "settings_driver.py")

    results, packages = run_versions(versions, args, settings_cases)
    meta = {"configs": CONFIGS, "refusedConfig": REFUSED_CONFIG, "localSources": LOCAL_SOURCES,
            "forms": [OBJECT, OBJECT_WITH_KEY, DICT, DICT_WITH_KEY], "onlineEnv": ONLINE_ENV,
            "sampleValues": {"console": "off"}}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, recorded_cases(all_cases()), results, packages, t0)


if __name__ == "__main__":
    main()
