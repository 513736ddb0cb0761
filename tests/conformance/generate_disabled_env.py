#!/usr/bin/env python3
"""Generate the WANDB_DISABLED vectors: what each wandb release does with `WANDB_DISABLED` in
the environment, alone, under each `WANDB_MODE`, beside each `wandb.init(mode=…)`, beside
the workspace settings file and beside `settings=`.

    python3 tests/conformance/generate_disabled_env.py                 # 18 releases
    python3 tests/conformance/generate_disabled_env.py --versions 0.12.10 0.19.0 --jobs 2

`WANDB_DISABLED=true` is how many training scripts, and the guides of libraries built on wandb,
turn it off. wandb itself reads it only in 0.12.10–0.18.7, as the `disabled` setting (the one
the `disabled = true` line of `wandb/settings` sets): a value `strtobool` reads as true makes
the launch offline whatever `mode=` or `WANDB_MODE` say (but for the disabled mode), a false
one overrides the file's line; a value it cannot read is none after a warning in 0.12.10, kept
as text after three warnings in 0.12.11–0.15.5 (true unless empty), and raises from 0.15.6.
The others ignore it, and the launch goes as if it were absent. A probe (NOTES.md) found
0.9.x failing in the harness under `WANDB_DISABLED=true`; 0.9.x is left out.

The cases run as generate_settings_files.py runs its own — through its `process_version`
(the batch driver with the dummy key, then the complete `wandb.init` where the launch is not
online) and `settings_file_driver.py`, which writes the case's `context.settingsFile` (if any)
and passes the case's environment as is; the ones beside `settings=` through
generate_settings_modes.py's, the same two steps with `settings_mode_driver.py`, which builds
the object or dict in the call.

Writes disabled-env-vectors.json next to this file; tests/settings_conformance.rs and
tests/js/settings-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from generate import vkey  # noqa: E402
import generate_settings_files  # noqa: E402
import generate_settings_modes  # noqa: E402
from generate_modes import CONFIGS, ONLINE_ENV, merge  # noqa: E402
from generate_server import parse_args, run_versions, write_vectors  # noqa: E402
from generate_settings import with_settings  # noqa: E402
from generate_settings_files import recorded, with_file  # noqa: E402
from generate_settings_modes import OUTER_SOURCES  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_disabled_env.py", "generate_settings_files.py", "generate_settings_modes.py",
                "generate_settings.py", "generate_modes.py", "settings_file_driver.py",
                "settings_mode_driver.py", "settings_driver.py", "mode_driver.py", "driver.py", "venvs.py"]
# Both sides of each boundary: 0.12.9 / 0.12.10 (the settings read `WANDB_DISABLED`), 0.12.10 /
# 0.12.11 and 0.15.5 / 0.15.6 (a value `strtobool` cannot read: none, kept, raises), 0.18.7 /
# 0.19.0 (the pydantic settings, without `disabled`), 0.23.1 / 0.24.1 (the settings file's
# `disabled` line raises, then is ignored with the file); 0.10.3 logs in before it applies
# `mode=`, 0.12.16 reads the file's `disabled` line as a bool, 0.17.7 / 0.18.0 / 0.18.1 the
# disabled mode's service process and the mode's first read.
VERSIONS = sorted(
    ["0.10.3", "0.10.33", "0.11.2", "0.12.9", "0.12.10", "0.12.11", "0.12.16", "0.14.1", "0.15.5",
     "0.15.6", "0.17.7", "0.18.0", "0.18.1", "0.18.7", "0.19.0", "0.23.1", "0.24.1", "0.31.0"],
    key=vkey,
)
CONFIG = {"init": {"resume": "must", "id": "abc"}}
# What `strtobool` reads (every spelling it knows, two in other cases), and two values it
# cannot read, which the releases that read `WANDB_DISABLED` treat differently.
TRUE_VALUES = ["true", "True", "TRUE", "1", "yes", "y", "t", "on"]
FALSE_VALUES = ["false", "False", "0", "no", "n", "f", "off"]
UNREAD_VALUES = ["", "maybe"]
VALUES = TRUE_VALUES + FALSE_VALUES + UNREAD_VALUES
# `WANDB_DISABLED=true` and `false` beside each other source of the mode: each `WANDB_MODE`
# and each `mode=`, as the settings-mode cases take them.
MODE_SOURCES = [source for source in OUTER_SOURCES if source]
# Beside the workspace settings file's lines, as the wandb CLI leaves them.
FILES = [
    {"disabled": "true", "mode": "offline"},
    {"disabled": "true"},
    {"mode": "offline"},
    {"mode": "online"},
    {"mode": "disabled"},
]
# Beside `settings=`, common in scripts (`wandb.Settings(...)` or a dict): one that sets nothing
# about the mode, and an object's own mode of each kind; under `WANDB_MODE=offline` and beside
# `mode="online"` the object's online default is what 0.18.1–0.18.7 take over `WANDB_MODE`.
SETTINGS_CASES = [
    ("true", {"form": "object", "keys": []}, {}),
    ("true", {"form": "object", "keys": ["console"]}, {}),
    ("true", {"form": "dict", "keys": ["console"]}, {}),
    ("false", {"form": "object", "keys": []}, {}),
    ("false", {"form": "dict", "keys": ["console"]}, {}),
    ("true", {"form": "object", "keys": ["mode"], "mode": "offline"}, {}),
    ("true", {"form": "object", "keys": ["mode"], "mode": "online"}, {}),
    ("true", {"form": "object", "keys": ["mode"], "mode": "disabled"}, {}),
    ("true", {"form": "dict", "keys": ["mode"], "mode": "online"}, {}),
    ("true", {"form": "object", "keys": []}, {"env": {"WANDB_MODE": "offline"}}),
    ("true", {"form": "object", "keys": []}, {"init": {"mode": "online"}}),
]
# Without an API key, as an offline cluster runs.
KEYLESS_CASES = [
    {"env": {"WANDB_DISABLED": "true"}},
    {"env": {"WANDB_DISABLED": "true"}, "init": {"mode": "offline"}},
]


def disabled(value, source=None):
    return merge(merge(source or {}, {"env": {"WANDB_DISABLED": value}}), CONFIG)


def all_cases():
    """The cases as run: `_keyless` ones without the dummy key where the launch is local."""
    cases = [disabled(v) for v in VALUES]
    cases += [disabled(v, s) for v in ("true", "false") for s in MODE_SOURCES]
    cases += [with_file(disabled(v), f) for v in ("true", "false") for f in FILES]
    cases += [merge({"env": {"WANDB_DISABLED": "true"}}, c) for c in CONFIGS if c != CONFIG]
    cases += [dict(merge(k, CONFIG), _keyless=True) for k in KEYLESS_CASES]
    return cases


def settings_cases():
    """The cases beside `settings=`, run as generate_settings_modes.py runs its own."""
    return [with_settings(disabled(v, source), settings) for v, settings, source in SETTINGS_CASES]


# Each runner's process_version runs the cases its module's all_cases() gives:
# generate_settings_files.py's through settings_file_driver.py (which writes the settings
# file), generate_settings_modes.py's through settings_mode_driver.py (which builds settings=).
generate_settings_files.all_cases = all_cases
generate_settings_modes.all_cases = settings_cases


def process_version(version, args):
    """The cases of all_cases(), then those of settings_cases(), each through its runner."""
    _, results, packages = generate_settings_files.process_version(version, args)
    _, beside_settings, _ = generate_settings_modes.process_version(version, args)
    return version, results + beside_settings, packages


def recorded_cases():
    return recorded(all_cases()) + generate_settings_modes.recorded(settings_cases())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "disabled-env-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    meta = {"config": CONFIG, "trueValues": TRUE_VALUES, "falseValues": FALSE_VALUES,
            "unreadValues": UNREAD_VALUES,
            "modeSources": MODE_SOURCES, "files": FILES, "settingsCases": SETTINGS_CASES,
            "keylessCases": KEYLESS_CASES,
            "onlineEnv": ONLINE_ENV}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, recorded_cases(), results, packages, t0)


if __name__ == "__main__":
    main()
