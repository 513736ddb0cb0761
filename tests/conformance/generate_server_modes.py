#!/usr/bin/env python3
"""Generate the server outcomes of an online `mode=` over an offline `WANDB_MODE`: what each
release's complete `wandb.init` does with the server's answer about the run when the
environment says offline (`offline`, or `dryrun`, its older name) and the call says online
(`online`, `run`, its older name, or `shared`, which 0.16.3 added and the releases before
refuse).

    python3 tests/conformance/generate_server_modes.py              # the releases below
    python3 tests/conformance/generate_server_modes.py --versions 0.12.9 0.12.10 --jobs 2

`wandb.setup` reads `WANDB_MODE` before `wandb.init` applies its `mode=`: the library is set up
offline, then the launch is online — a cluster's `WANDB_MODE=offline` under a script that says
`mode="online"`. The batch driver (mode-vectors.json) stops before the backend; these run the
server outcomes' 28 cases with each pair of environment and argument through generate_server.py's
runner, as generate_server_service.py runs its own (its child, server_service_driver.py,
passes `mode` and records a raised error's cause), and keep the `wandb: WARNING` lines each
launch printed (as generate_shared.py does): 0.19.5–0.23.0 warn "Unable to verify login in
offline mode." as `wandb.init` logs in for the online launch.

Writes server-mode-vectors.json next to this file; tests/server_service_conformance.rs and
tests/js/server-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import os
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_server  # noqa: E402
import generate_server_service  # noqa: E402 - sets generate_server's runner up for its cases
from generate import vkey  # noqa: E402
from generate_server import GENERATED  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_server_modes.py", "generate_server_service.py", "server_service_driver.py",
                "settings_server_driver.py", "shared_server_driver.py", "generate_server.py", "server_driver.py",
                "fake_server.py", "driver.py", "venvs.py"]
# Both sides of where the crash begins (0.10.9) and ends (0.12.10: the library set up offline
# no longer needs a server to read flags from) and of where the login warns (0.19.5, 0.23.1:
# the warning moved to `wandb.login`, which `wandb.init` does not call), and each era of the
# backend and its messages between.
VERSIONS = sorted(["0.10.3", "0.10.8", "0.10.9", "0.10.33", "0.11.2", "0.12.9", "0.12.10", "0.12.21", "0.15.12",
                   "0.17.8", "0.18.7", "0.19.4", "0.19.5", "0.19.11", "0.21.0", "0.23.0", "0.23.1", "0.31.0"],
                  key=vkey)
# Each online name of `mode=` over each offline name of `WANDB_MODE`, `mode="online"` over
# `WANDB_MODE=offline` (the pair a cluster meets most) first.
ONLINE_MODES = ["online", "run", "shared"]
OFFLINE_MODES = ["offline", "dryrun"]


def all_cases():
    """generate_server.py's cases, each with each offline `WANDB_MODE` and online `mode=`."""
    return [dict(case, mode=mode, env={"WANDB_MODE": env})
            for env in OFFLINE_MODES for mode in ONLINE_MODES for case in generate_service_server_cases()]


# generate_server.py's runner as generate_server_service.py set it up, with the warnings each
# launch printed kept beside the errors.
generate_service_server_cases = generate_server_service.SERVER_ALL_CASES
_case = threading.local()
_printed_errors = generate_server.printed_errors
_run_case = generate_server.run_case


def printed_errors(output):
    prefix = "wandb: WARNING "
    _case.warnings = [line[len(prefix):].rstrip() for line in output.splitlines() if line.startswith(prefix)]
    return _printed_errors(output)


def run_case(py, server, case):
    out = _run_case(py, server, case)
    out["printedWarnings"] = _case.warnings
    if case["id"] is None and out.get("raised") and not out["runDirectories"] and not out.get("runId"):
        # Raised before it made a run directory (0.10.9-0.12.9): no generated id to blank.
        out["runDirectories"] = [GENERATED]
    return out


generate_server.all_cases = all_cases
generate_server.printed_errors = printed_errors
generate_server.run_case = run_case


def main():
    generate_server_service.main_for(__doc__, "server-mode-vectors.json", VERSIONS, SCHEMA, SOURCE_FILES)


if __name__ == "__main__":
    main()
