#!/usr/bin/env python3
"""Generate the server outcomes with the service process off: what each release's complete,
online `wandb.init` does with the server's answer about the run under
`WANDB_DISABLE_SERVICE=true`, and with `fork_from` / `resume_from` beside a `resume` or a run id
from the environment, with the service off and on.

    python3 tests/conformance/generate_server_service.py              # 13 releases
    python3 tests/conformance/generate_server_service.py --versions 0.18.0 0.19.11 --jobs 2

With the service off, 0.18.x and 0.19.x run the launch in the Python internal process (the
0.17.x backend) instead of wandb-core: the server's answer, the resumed flag, the restored
config and the refusal of two branching arguments are that backend's. The server vectors
(generate_server.py) run with the service on; these run the same cases through the same
runner (its fake server, its normalisation, its retries) with the variable set, through
server_service_driver.py, which passes the branching arguments (and records a raised error's
cause). `resume_from` alone is not
among them: rewinding needs a server that answers `rewindRun`, which fake_server.py does not.

Writes server-service-vectors.json next to this file; tests/server_service_conformance.rs and
tests/js/server-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import os
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import fake_server  # noqa: E402
import generate_server  # noqa: E402
from driver import SETTINGS_REPR_RE  # noqa: E402
from generate import vkey  # noqa: E402
from generate_server import GENERATED, MISSING_RUN, parse_args, run_versions, write_vectors  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_server_service.py", "server_service_driver.py", "settings_server_driver.py", "shared_server_driver.py",
                "generate_server.py", "server_driver.py", "fake_server.py", "driver.py", "venvs.py"]
# Each era of the variable: the service process by default from 0.13.0 (the variable a
# string until 0.13.11), the Python sender's last releases (0.17.0, 0.17.8), wandb-core
# by default with the variable turning it off (0.18.0–0.19.11: its resumed flag from 0.18.1,
# its config from 0.18.6, pydantic settings and 0.19.0's crash without the service, repaired
# in 0.19.1), and 0.20.0, which ignores the variable.
VERSIONS = sorted(["0.13.0", "0.15.12", "0.17.0", "0.17.8", "0.18.0", "0.18.1", "0.18.5", "0.18.6", "0.18.7",
                   "0.19.0", "0.19.1", "0.19.11", "0.20.0"], key=vkey)
SERVICE_OFF = {"WANDB_DISABLE_SERVICE": "true"}
KID_RUN = "kid-run"
SELF_RUN = "self-run"
# A branching point on the existing run.
FORK_POINT = fake_server.EXISTING_RUN + "?_step=5"
# A plain fork; two branching arguments where one comes from the environment, which only the
# backend (or, from 0.19.0, the settings' validation) sees together; and `WANDB_FORK_FROM`
# naming the id `wandb.init(id=…)` gives, which wandb-core 0.19.x refuses as the run starts.
BRANCHING = [
    {"state": "missing", "id": KID_RUN, "forkFrom": FORK_POINT},
    {"state": "missing", "id": KID_RUN, "forkFrom": FORK_POINT, "env": {"WANDB_RESUME": "allow"}},
    {"state": "missing", "id": KID_RUN, "forkFrom": FORK_POINT, "env": {"WANDB_RESUME": "must"}},
    {"state": "missing", "id": KID_RUN, "resumeFrom": FORK_POINT, "env": {"WANDB_RESUME": "allow"}},
    {"state": "missing", "id": SELF_RUN, "env": {"WANDB_FORK_FROM": SELF_RUN + "?_step=5"}},
]


def all_cases():
    """generate_server.py's cases with the service off, then the branching cases with the
    service off and on (releases before `fork_from` (0.16.5) or `resume_from` (0.17.1) refuse
    the argument: recorded as well)."""
    cases = [dict(case, env=dict(SERVICE_OFF)) for case in SERVER_ALL_CASES()]
    for case in BRANCHING:
        for service in (SERVICE_OFF, {}):
            cases.append(dict(case, env=dict(case.get("env", {}), **service)))
    return cases


# generate_server.py's process_version runs the cases its all_cases() gives, each through its
# run_case, which starts server_driver.py with child_env(): the release's own cases, the case's
# environment added, and server_service_driver.py started instead.
SERVER_ALL_CASES = generate_server.all_cases
_case = threading.local()
_child_env = generate_server.child_env
_run_case = generate_server.run_case


def child_env(home, port):
    return dict(_child_env(home, port), **_case.env)


def run_case(py, server, case):
    _case.env = case["env"]
    out = _run_case(py, server, case)
    if out.get("raised"):
        # pydantic's text of the settings (0.19.0+) names the case's temporary directory.
        out["raised"]["message"] = SETTINGS_REPR_RE.sub("input_value=Settings(...), input_type=Settings",
                                                        out["raised"]["message"])
    return out


class _Subprocess:
    """generate_server.py's `subprocess`: its run_case starts `DRIVER` (this family's
    server_service_driver.py; a family built on this runner names its own) in place of
    server_driver.py."""

    DRIVER = "server_service_driver.py"

    def __getattr__(self, name):
        return getattr(subprocess, name)

    def Popen(self, args, **kwargs):  # noqa: N802 - subprocess's name
        driver = os.path.join(HERE, "server_driver.py")
        args = [os.path.join(HERE, self.DRIVER) if a == driver else a for a in args]
        return subprocess.Popen(args, **kwargs)


generate_server.all_cases = all_cases
generate_server.child_env = child_env
generate_server.run_case = run_case
generate_server.subprocess = _Subprocess()


def main_for(doc, out_name, versions, schema, source_files):
    """The `main()` of a family this runner runs (this one, generate_server_modes.py's and the
    families built on it): `--versions` (default: `versions`), generate_server.py's options,
    the cases `generate_server.all_cases` makes as the family set it up, written to `out_name`
    with the fake server's names."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(versions))
    args = parse_args(ap, out_name)
    t0 = time.time()
    results, packages = run_versions(args.versions or versions, args, generate_server.process_version)
    write_vectors(args.out, schema, source_files,
                  {"server": {"existingRun": fake_server.EXISTING_RUN, "precreatedRun": fake_server.PRECREATED_RUN,
                              "missingRun": MISSING_RUN, "lastStep": fake_server.LAST_STEP,
                              "generatedId": GENERATED}},
                  generate_server.all_cases(), results, packages, t0)


def main():
    main_for(__doc__, "server-service-vectors.json", VERSIONS, SCHEMA, SOURCE_FILES)


if __name__ == "__main__":
    main()
