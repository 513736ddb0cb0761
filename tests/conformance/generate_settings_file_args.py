#!/usr/bin/env python3
"""Generate the vectors of the workspace settings file beside `settings=`: what each wandb
release does when `wandb offline` (or `disabled`, `enabled`) has left `wandb/settings` in the
directory and the script passes `settings=wandb.Settings(...)` or a dict.

    python3 tests/conformance/generate_settings_file_args.py                 # 13 releases
    python3 tests/conformance/generate_settings_file_args.py --versions 0.18.0 0.18.1 --jobs 2

Scripts pass `settings=` for reasons that have nothing to do with the mode
(`start_method="thread"`, `console="off"`), and clusters without internet run `wandb offline`
once in the project directory. A settings object carries a mode even when the script names
none (online, its default), which some releases cannot tell from an explicit one: the
question these vectors answer is whether that default undoes the file's offline line.

Each case is a settings-file case (generate_settings_files.py: each file the CLI leaves, under
each `WANDB_MODE` and beside each `mode=`) with a settings object or dict that names no mode
(`console="off"`), and a few with the settings' own mode beside an offline file. They run
through generate_settings_files.py's runner (the batch driver with the dummy key, then the
complete `wandb.init` where the launch is not online) with `settings_file_arg_driver.py`,
which writes the file and builds the argument in the call.

Writes settings-file-arg-vectors.json next to this file; tests/settings_conformance.rs and
tests/js/settings-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_settings_files  # noqa: E402
from generate_modes import ONLINE_ENV, merge  # noqa: E402
from generate_server import parse_args, run_versions, write_vectors  # noqa: E402
from generate_settings import with_settings  # noqa: E402
from generate import vkey  # noqa: E402
from generate_settings_files import CONFIG, FILES, recorded, with_file  # noqa: E402
from generate_settings_modes import OUTER_SOURCES  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_settings_file_args.py", "generate_settings_files.py",
                "generate_settings_modes.py", "generate_settings.py", "generate_modes.py",
                "settings_file_arg_driver.py", "settings_file_driver.py", "settings_mode_driver.py",
                "settings_driver.py", "driver_cli.py", "mode_driver.py", "driver.py", "venvs.py"]
# Both sides of each boundary of the settings file (generate_settings_files.py) and of the
# settings object (generate_settings.py, generate_settings_modes.py) that a mode-less argument
# could move: 0.10.9 / 0.10.10 (the object's mode applied at the call; `disabled` a mode),
# 0.12.9 / 0.12.10 / 0.12.16 (an object ignored, a dict taken; an object below `mode=`), 0.17.7 /
# 0.18.0 / 0.18.1 / 0.18.7 (an object's default mode read first; the file's mode line ignored),
# 0.19.0 (the pydantic settings raise on the `disabled` line), 0.24.1 (a file that fails to load
# ignored), and the newest. A case takes ≈ 4.7 s (two processes where the launch is local):
# 104 cases × 23 releases would take 95 minutes with `--jobs 2`.
VERSIONS = sorted(
    ["0.10.3", "0.10.9", "0.10.10", "0.12.9", "0.12.10", "0.12.16", "0.17.7", "0.18.0", "0.18.1",
     "0.18.7", "0.19.0", "0.24.1", "0.31.0"],
    key=vkey,
)
# A settings argument that names no mode, in both forms.
NO_MODE_SETTINGS = [
    {"form": "object", "keys": ["console"]},
    {"form": "dict", "keys": ["console"]},
]
# The settings' own mode beside the offline files `wandb offline` leaves.
OWN_MODE_CASES = [
    (f, {"form": form, "keys": ["mode"], "mode": mode})
    for f in FILES[:2]
    for form, mode in (("object", "online"), ("object", "offline"), ("dict", "online"))
]


def all_cases():
    cases = [
        with_settings(with_file(merge(outer, CONFIG), f), settings)
        for settings in NO_MODE_SETTINGS
        for f in FILES
        for outer in OUTER_SOURCES
    ]
    cases += [with_settings(with_file(merge({}, CONFIG), f), settings) for f, settings in OWN_MODE_CASES]
    return cases


# generate_settings_files.py's process_version runs its module's all_cases() through DRIVER.
generate_settings_files.all_cases = all_cases
generate_settings_files.DRIVER = "settings_file_arg_driver.py"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "settings-file-arg-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, generate_settings_files.process_version)
    meta = {"config": CONFIG, "files": FILES, "outerSources": OUTER_SOURCES,
            "noModeSettings": NO_MODE_SETTINGS, "ownModeCases": OWN_MODE_CASES, "onlineEnv": ONLINE_ENV}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, recorded(all_cases()), results, packages, t0)


if __name__ == "__main__":
    main()
