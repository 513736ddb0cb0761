#!/usr/bin/env python3
"""Generate the settings-server vectors: what each wandb release does with the server's answer
about the run where the resume value is the settings' own, stored as given —
`settings=wandb.Settings(resume=True)`, `False`, a run id or `""`, or the same key in a dict.

    python3 tests/conformance/generate_settings_server.py                 # every release below
    python3 tests/conformance/generate_settings_server.py --versions 0.16.1 0.16.2 --jobs 2

Before 0.19.0 the settings store their `resume` as given, past `wandb.init`'s own reading of
its argument (no `True` → `auto`, no run id read out of a string), and the backend (the Python
sender until 0.17.x, wandb-core in 0.18.x) decides what to ask the server with that stored
value. The settings-resume vectors (generate_settings_resume.py) record what the launch
settles, offline; these record what the backend then does online: generate_server.py's
states (a run that exists, is missing, was created but never started, or no id given) with
the settings' `resume` in place of the call's, each release's complete, unmodified
`wandb.init` against fake_server.py (settings_server_driver.py over server_driver.py). A
stored `True` raises in 0.15.6-0.18.7, so those cases also run with `WANDB_DISABLE_SERVICE=true`
(it raises there too), and a stored `False` runs over `WANDB_RESUME=must` as well (cleared,
or not applied).

generate_server.py's runner runs the cases (its module's `all_cases` and `subprocess` are
set here, as generate_shared.py does), so no other generator's fingerprint changes.

Writes settings-server-vectors.json next to this file; tests/settings_server_conformance.rs
and tests/js/server-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import fake_server  # noqa: E402
import generate_server  # noqa: E402
from generate import vkey  # noqa: E402
from generate_server import GENERATED, MISSING_RUN, RUN_IDS, parse_args, run_versions, write_vectors  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_settings_server.py", "settings_server_driver.py", "generate_server.py", "server_driver.py",
                "fake_server.py", "venvs.py"]
# Where the settings store `resume` as given (0.10.0-0.18.7), both sides of each boundary of
# how they apply it (generate_settings_resume.py: 0.12.9 / 0.12.10, 0.12.15 / 0.12.16, 0.15.5 /
# 0.15.6 — a stored True raises, an object's False is dropped — 0.18.7 / 0.19.0) and of the
# backend (the service process by default from 0.13.0, wandb-core from 0.18.0), and releases
# between; 0.19.0 and the newest, which read the value as the call's own argument, as a check.
VERSIONS = sorted(
    ["0.10.3", "0.10.33", "0.11.2", "0.12.9", "0.12.10", "0.12.15", "0.12.16", "0.12.21", "0.13.0", "0.13.11",
     "0.14.1", "0.15.5", "0.15.6", "0.15.12", "0.16.1", "0.16.2", "0.16.5", "0.17.0", "0.17.8", "0.18.0",
     "0.18.1", "0.18.7", "0.19.0", "0.31.0"],
    key=vkey,
)
# The settings' `resume` values the settings store as given: the booleans, a run id that
# names no run, the existing run's id (does anything read the run out of it?), and "".
RESUME_VALUES = [True, False, "abc", fake_server.EXISTING_RUN, ""]
FORMS = ["object", "dict"]
# A stored `True` with the service process off (does it raise without the service?).
NO_SERVICE = {"WANDB_DISABLE_SERVICE": "true"}
# A stored `False` over `WANDB_RESUME=must`: cleared, or not applied (an object's from 0.15.6).
MUST_ENV = {"WANDB_RESUME": "must"}


def settings_of(form, resume):
    return {"form": form, "keys": ["resume"], "resume": resume}


def all_cases():
    """`{state, id, settings, env?}`: each state with each value in each form, then `True` in
    an object with the service process off, and `False` in each form over
    `WANDB_RESUME=must` with a run that exists and one that is missing."""
    cases = [{"state": state, "id": run_id, "settings": settings_of(form, resume)}
             for form in FORMS for resume in RESUME_VALUES for state, run_id in RUN_IDS.items()]
    cases += [{"state": state, "id": run_id, "settings": settings_of("object", True), "env": dict(NO_SERVICE)}
              for state, run_id in RUN_IDS.items()]
    cases += [{"state": state, "id": RUN_IDS[state], "settings": settings_of(form, False), "env": dict(MUST_ENV)}
              for form in FORMS for state in ("exists", "missing")]
    return cases


class _Subprocess:
    """generate_server.py's `subprocess`: its run_case starts settings_server_driver.py in
    place of server_driver.py."""

    def __getattr__(self, name):
        return getattr(subprocess, name)

    @staticmethod
    def Popen(args, **kwargs):  # noqa: N802 - subprocess's name
        driver = os.path.join(HERE, "server_driver.py")
        args = [os.path.join(HERE, "settings_server_driver.py") if a == driver else a for a in args]
        return subprocess.Popen(args, **kwargs)


_run_case = generate_server.run_case


def run_case(py, server, case):
    """generate_server.py's run_case, where a launch that raised before it made a run
    directory (a dict before 0.12.10 raises as `wandb.init` begins) has no generated id to blank:
    its run directories name none."""
    out = _run_case(py, server, case)
    if case["id"] is None and out.get("raised") and not out["runDirectories"] and not out.get("runId"):
        out["runDirectories"] = [GENERATED]
    return out


_machine_failure = generate_server.machine_failure


def machine_failure(out):
    """generate_server.py's machine_failure, and a wrapped error whose cause is one (the
    driver here records it): 0.13.x wrap a service socket that refused the connection in
    "problem"."""
    cause = (out.get("raised") or {}).get("cause") or {}
    return _machine_failure(out) or cause.get("type") in generate_server.MACHINE_FAILURES + ("ConnectionRefusedError",)


generate_server.all_cases = all_cases
generate_server.machine_failure = machine_failure
generate_server.run_case = run_case
generate_server.subprocess = _Subprocess()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "settings-server-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, generate_server.process_version)
    server = {"existingRun": fake_server.EXISTING_RUN, "precreatedRun": fake_server.PRECREATED_RUN,
              "missingRun": MISSING_RUN, "lastStep": fake_server.LAST_STEP, "generatedId": GENERATED}
    write_vectors(args.out, SCHEMA, SOURCE_FILES,
                  {"server": server, "resumeValues": RESUME_VALUES, "forms": FORMS, "noService": NO_SERVICE,
                   "mustEnv": MUST_ENV},
                  all_cases(), results, packages, t0)


if __name__ == "__main__":
    main()
