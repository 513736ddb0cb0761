#!/usr/bin/env python3
"""Generate the settings-resume vectors: what each wandb release does with the resume
configuration given inside `settings=` — `wandb.Settings(resume=…, run_id=…)` or the same
keys in a dict — alone and beside `resume=`, `id=`, `WANDB_RESUME`, `WANDB_RUN_ID`, the resume
file, a sweep and `resume_from=`.

    python3 tests/conformance/generate_settings_resume.py                 # every release below
    python3 tests/conformance/generate_settings_resume.py --versions 0.12.15 0.12.16 --jobs 2

The releases weigh these keys against the arguments and the environment differently
(NOTES.md). Each release runs every case in one process through the batch driver
(`settings_resume_driver.py batch`: the release's own `wandb.init` up to the backend) with
`WANDB_MODE=offline`, as the main vectors run, and a dummy API key and a server address
nothing answers on for the launches a settings object turns online (0.18.1-0.18.7). Every value crosses every other source, in both forms.
A launch whose outcome a backend process can still change (generate.py's `needs_backend`: a
settings `resume` beside `resume_from=`, a run moment naming another run) is recorded from the
release's complete `wandb.init` instead (`settings_resume_driver.py real`, `fullInit`), and on
0.16.5-0.17.x once more online for the Python sender's check (`sender`): backend_checks.py.

Writes settings-resume-vectors.json next to this file; tests/settings_resume_conformance.rs
and tests/js/settings-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import backend_checks  # noqa: E402
from generate import run_checked, vkey  # noqa: E402
import venvs  # noqa: E402
from generate_modes import ONLINE_ENV, merge  # noqa: E402
from generate_server import log, parse_args, run_versions, write_vectors  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_settings_resume.py", "backend_checks.py", "settings_resume_driver.py", "settings_driver.py",
                "mode_driver.py", "driver.py", "generate.py", "venvs.py"]
DRIVER = "settings_resume_driver.py"
# Both sides of each boundary (NOTES.md): 0.9.7 has no settings; 0.12.9 / 0.12.10 (an object's
# values ignored, a dict's applied), 0.12.15 / 0.12.16 (an object's read again, below the
# arguments), 0.16.1 / 0.16.2 (a stored `resume=True` raises), 0.18.7 / 0.19.0 (the pydantic
# settings: the values are the arguments'); and releases between with other settings code.
VERSIONS = sorted(
    ["0.9.7", "0.10.3", "0.10.33", "0.11.2", "0.12.9", "0.12.10", "0.12.15", "0.12.16", "0.13.11", "0.14.1",
     "0.15.12", "0.16.1", "0.16.2", "0.16.5", "0.17.0", "0.17.8", "0.18.0", "0.18.1", "0.18.7", "0.19.0",
     "0.19.9", "0.20.1", "0.21.0", "0.25.0", "0.29.0", "0.31.0"],
    key=vkey,
)
# The settings' own values: an id, each resume mode with and without one, the booleans, a
# run id given as `resume`, an empty `resume`, ids the releases check (empty, reserved,
# padded), and a resume and an id both rejected.
SETTINGS_VALUES = [
    {"runId": "abc"},
    {"resume": "must"},
    {"resume": "allow", "runId": "abc"},
    {"resume": "must", "runId": "abc"},
    {"resume": "never", "runId": "abc"},
    {"resume": "auto"},
    {"resume": True},
    {"resume": False},
    {"resume": "abc"},
    {"resume": ""},
    {"runId": ""},
    {"runId": "a/b"},
    {"runId": " abc"},
    # both rejected from 0.19.0: which error the settings raise
    {"resume": "sometimes", "runId": " abc"},
]
# What else the launch is given.
OUTER_SOURCES = [
    {},
    {"init": {"id": "xyz"}},
    {"init": {"resume": "allow"}},
    {"init": {"resume": "must", "id": "xyz"}},
    {"init": {"resume": False}},
    {"env": {"WANDB_RUN_ID": "env1"}},
    {"env": {"WANDB_RESUME": "must", "WANDB_RUN_ID": "env1"}},
    {"env": {"WANDB_RESUME": "allow"}},
    {"context": {"resumeFile": "prev1"}},
    {"init": {"resume": "auto"}, "context": {"resumeFile": "prev1"}},
    {"env": {"WANDB_SWEEP_ID": "sw1", "WANDB_RUN_ID": "sweeprun"}},
    {"init": {"resumeFrom": "prev?_step=10"}},
]
FORMS = ["object", "dict"]
# Offline, as the main vectors run: the settings a launch settles are the same online, and an
# online launch in one process per release would log in on every case (the viewer query
# retries in the background). The dummy key stays for the launches a settings object turns
# online (0.18.1-0.18.7 take its default mode over WANDB_MODE).
LAUNCH_ENV = dict(ONLINE_ENV, WANDB_MODE="offline")
KEY_NAMES = {"resume": "resume", "runId": "run_id"}


def settings_of(form, values):
    s = {"form": form, "keys": [KEY_NAMES[k] for k in values]}
    s.update(values)
    return s


def all_cases():
    cases = []
    for form in FORMS:
        for values in SETTINGS_VALUES:
            for outer in OUTER_SOURCES:
                case = merge(outer, {})
                case.setdefault("init", {})["settings"] = settings_of(form, values)
                case["env"] = dict(case.get("env", {}), **LAUNCH_ENV)
                cases.append(case)
    return cases


def process_version(version, args):
    """Every case on one release, in one batch process."""
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log)
    with tempfile.TemporaryDirectory(prefix="wbsetres_") as tmp:
        cp, op = os.path.join(tmp, "cases.json"), os.path.join(tmp, "out.json")
        with open(cp, "w") as f:
            json.dump(all_cases(), f)
        run_checked([py, os.path.join(HERE, DRIVER), "batch", cp, op], 1800, "%s for %s" % (DRIVER, version))
        with open(op) as f:
            results = json.load(f)["results"]
        for r in results:
            r.pop("seconds", None)
        backend_checks.record(py, version, DRIVER, all_cases(), results, tmp, log)
    log("%s: %d cases in %.0f s" % (version, len(results), time.time() - t0))
    return version, results, venvs.installed(py)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "settings-resume-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    meta = {"settingsValues": SETTINGS_VALUES, "outerSources": OUTER_SOURCES, "forms": FORMS,
            "launchEnv": LAUNCH_ENV}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, all_cases(), results, packages, t0)


if __name__ == "__main__":
    main()
