#!/usr/bin/env python3
"""Generate the vectors of the workspace settings file beside a `settings=` that names a mode
or a resume configuration of its own: what each wandb release does when `wandb offline` (or
`disabled`, `enabled`) has left `wandb/settings` in the directory and the script passes
`settings=wandb.Settings(resume=…, run_id=…)`, or `wandb.Settings(mode=…)` beside `mode=` or
`WANDB_MODE`, or the same keys in a dict.

    python3 tests/conformance/generate_settings_file_keys.py                 # 13 releases
    python3 tests/conformance/generate_settings_file_keys.py --versions 0.18.0 0.18.1 --jobs 2

generate_settings_file_args.py records `settings=` beside the file when the settings name no
mode, or an online or offline mode with neither `mode=` nor `WANDB_MODE`. These cases take the
rest of what a script passes there:
- the settings' own `resume` and `run_id` (generate_settings_resume.py's values that need no
  server to answer, in both forms) beside the two files `wandb offline` writes and the one
  `wandb disabled` writes;
- the settings' own mode (online, offline and disabled objects; online and offline dicts)
  beside each `mode=` and each `WANDB_MODE`, over the files `wandb offline` writes;
- the settings' disabled or dryrun mode alone over those files, and the settings' mode over
  every other file the CLI leaves.

They run through generate_settings_files.py's runner (the batch driver with the dummy key,
then the complete `wandb.init` where the launch is not online) with
`settings_file_key_driver.py`, which writes the file and builds the argument in the call.

Writes settings-file-key-vectors.json next to this file; tests/settings_conformance.rs and
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
# The same releases as the mode-less cases (importing the module sets its runner hooks; this
# module sets them again below).
from generate_settings_file_args import VERSIONS  # noqa: E402
from generate_settings_files import CONFIG, FILES, recorded, with_file  # noqa: E402
from generate_settings_modes import OUTER_SOURCES  # noqa: E402
from generate_settings_resume import FORMS, SETTINGS_VALUES, settings_of  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_settings_file_keys.py", "generate_settings_file_args.py", "generate_settings_files.py",
                "generate_settings_modes.py", "generate_settings_resume.py", "generate_settings.py",
                "generate_modes.py", "settings_file_key_driver.py", "settings_file_driver.py", "settings_driver.py",
                "driver_cli.py", "mode_driver.py", "driver.py", "venvs.py"]
# The settings' own resume configuration: an id, each resume mode with and without one, `True`
# (generate_settings_resume.py's values that no server answers differently offline).
RESUME_VALUES = SETTINGS_VALUES[:7]
# The files a launch reads as offline or disabled: `wandb offline`'s two and `wandb disabled`'s.
RESUME_FILES = FILES[:3]
# The settings' own mode, in the forms scripts write.
OWN_MODES = [("object", "online"), ("object", "offline"), ("object", "disabled"), ("dict", "online"),
             ("dict", "offline")]
# The settings' modes other than online and offline, alone over `wandb offline`'s files.
OTHER_MODES = [("object", "disabled"), ("object", "dryrun"), ("dict", "disabled")]


def own_mode(form, mode):
    return {"form": form, "keys": ["mode"], "mode": mode}


def all_cases():
    cases = [
        with_settings(with_file({}, f), settings_of(form, values))
        for f in RESUME_FILES
        for form in FORMS
        for values in RESUME_VALUES
    ]
    cases += [
        with_settings(with_file(merge(outer, CONFIG), f), own_mode(form, mode))
        for f in FILES[:2]
        for form, mode in OWN_MODES
        for outer in OUTER_SOURCES
        if outer
    ]
    cases += [
        with_settings(with_file(merge({}, CONFIG), f), own_mode(form, mode))
        for f in FILES[:2]
        for form, mode in OTHER_MODES
    ]
    cases += [
        with_settings(with_file(merge({}, CONFIG), f), own_mode(form, mode))
        for f in FILES[2:]
        for form, mode in OWN_MODES[:4]
    ]
    return cases


# generate_settings_files.py's process_version runs its module's all_cases() through DRIVER.
generate_settings_files.all_cases = all_cases
generate_settings_files.DRIVER = "settings_file_key_driver.py"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "settings-file-key-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, generate_settings_files.process_version)
    meta = {"config": CONFIG, "files": FILES, "outerSources": OUTER_SOURCES, "resumeValues": RESUME_VALUES,
            "resumeFiles": RESUME_FILES, "ownModes": OWN_MODES, "otherModes": OTHER_MODES, "onlineEnv": ONLINE_ENV}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, recorded(all_cases()), results, packages, t0)


if __name__ == "__main__":
    main()
