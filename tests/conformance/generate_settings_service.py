#!/usr/bin/env python3
"""Generate the settings-service vectors: what each wandb release does with the settings keys
that turn its service process off — `wandb.Settings(_disable_service=…)`,
`x_disable_service=…`, or the same keys in a dict — alone and beside `WANDB_DISABLE_SERVICE`.

    python3 tests/conformance/generate_settings_service.py                 # every release below
    python3 tests/conformance/generate_settings_service.py --versions 0.17.8 0.18.0 --jobs 2

Scripts passed `settings=wandb.Settings(_disable_service=True)` for years to get around the
service process; whether it then runs decides whether a script that falls off its end leaves
the auto-resume file, so whether the restart resumes (generate_endings.py). Each case runs the
release's complete, unmodified offline `wandb.init` with `resume=True` in a fresh process
(settings_service_driver.py over ending_driver.py), lets the script fall off its end, waits
until every process it started has gone, and reads the file: generate_endings.py's
`process_version` and `run_case` over these cases, whose child runs settings_service_driver.py
with the case's settings in its environment (`_Popen`; the case's own `env` stays what the
replays give the engine).

Writes settings-service-vectors.json next to this file; tests/settings_service_conformance.rs
and tests/js/settings-conformance.test.mjs replay it against `simulate`. See NOTES.md.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_endings  # noqa: E402
from generate import vkey  # noqa: E402
from generate_server import parse_args, run_versions, write_vectors  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_settings_service.py", "settings_service_driver.py", "generate_endings.py",
                "ending_driver.py", "venvs.py", "generate_server.py"]
DRIVER = "settings_service_driver.py"
# The releases before the service process (the keys unknown or ignored), each era of
# WANDB_DISABLE_SERVICE (generate_endings.py), both sides of the settings' own changes, and
# the newest.
VERSIONS = sorted(
    ["0.10.33", "0.11.2", "0.12.9", "0.12.10", "0.12.16", "0.12.21", "0.13.0", "0.13.10", "0.13.11", "0.14.0",
     "0.14.1", "0.15.5", "0.15.6", "0.15.12", "0.16.5", "0.17.0", "0.17.7", "0.17.8", "0.18.0", "0.18.1",
     "0.18.7", "0.19.0", "0.19.1", "0.19.2", "0.19.9", "0.19.11", "0.20.0", "0.20.1", "0.21.0", "0.25.0", "0.31.0"],
    key=vkey,
)
KEYS = ["_disable_service", "x_disable_service"]
ENVS = [{}, {"WANDB_DISABLE_SERVICE": "true"}, {"WANDB_DISABLE_SERVICE": "false"}]


# The case each worker thread is running, for `_Popen`.
_current = threading.local()


class _Popen(subprocess.Popen):
    """generate_endings.run_case's child, running this directory's driver with the settings of
    the thread's case."""

    def __init__(self, argv, env=None, **kwargs):
        argv = [argv[0], os.path.join(HERE, DRIVER)] + list(argv[2:])
        env = dict(env, WBR_CONFORMANCE_SETTINGS=json.dumps(_current.case["settings"]))
        super().__init__(argv, env=env, **kwargs)


generate_endings.subprocess = types.SimpleNamespace(Popen=_Popen, STDOUT=subprocess.STDOUT,
                                                    TimeoutExpired=subprocess.TimeoutExpired)


def all_cases():
    """Each case: `resume=True`, no file before, the script falls off its end; the settings'
    form, key and value, and the environment. Then an object with `mode="offline"` beside
    `_disable_service`: 0.18.1-0.18.7 take an object's mode over WANDB_MODE (online unless it
    says otherwise), so only such an object launches offline there."""
    def case(env, **settings):
        return {"resume": True, "resumeFileBefore": None, "env": env, "ending": "exit", "settings": settings}

    return ([case(env, form=form, key=key, value=value)
             for form in ["object", "dict"] for key in KEYS for value in [True, False] for env in ENVS]
            + [case(env, form="object", key="_disable_service", value=value, mode="offline")
               for value in [True, False] for env in ENVS])


_endings_run_case = generate_endings.run_case


def run_case(py, version, case):
    """generate_endings.run_case, with the case's settings for `_Popen`."""
    _current.case = case
    return _endings_run_case(py, version, case)


# Each release runs as generate_endings.py runs it (retries, a hung script recorded, the
# packages installed), over these cases and with this directory's driver.
generate_endings.run_case = run_case
generate_endings.all_cases = all_cases
process_version = generate_endings.process_version


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "settings-service-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    write_vectors(args.out, SCHEMA, SOURCE_FILES, {"runId": generate_endings.RUN_ID}, all_cases(), results,
                  packages, t0)


if __name__ == "__main__":
    main()
