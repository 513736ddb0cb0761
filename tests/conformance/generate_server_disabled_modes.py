#!/usr/bin/env python3
"""Generate the server outcomes of an online `mode=` over `WANDB_MODE=disabled`: what each
release's complete `wandb.init` does with the server's answer about the run when the
environment says disabled and the call says online (`online`, `run`, its older name, or
`shared`, which 0.16.3 added and the releases before refuse).

    python3 tests/conformance/generate_server_disabled_modes.py              # the releases below
    python3 tests/conformance/generate_server_disabled_modes.py --versions 0.19.0 0.19.1 --jobs 2

A test job or a CI runner sets `WANDB_MODE=disabled` to keep a script off W&B; the script says
`mode="online"`. `wandb.setup` reads the variable before `wandb.init` applies its `mode=`: the
library is set up disabled (in some releases without the service process), then the launch asks
to go online. The mode vectors' batch driver stops before the backend; these run the server
outcomes' 28 cases with each online name through generate_server_modes.py's runner (the same
child, the same `wandb: WARNING` lines kept), only the environment's mode differs.

Writes server-disabled-mode-vectors.json next to this file; tests/server_service_conformance.rs
and tests/js/server-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_server  # noqa: E402
import generate_server_modes  # noqa: E402 - sets generate_server's runner up as for its cases
import generate_server_service  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_server_disabled_modes.py"] + generate_server_modes.SOURCE_FILES
# generate_server_modes.py's releases: both sides of where a library set up offline crashes
# (0.10.9–0.12.9) and of the login warning (0.19.5–0.23.0), each era between; and both sides of
# each span in which `WANDB_MODE=disabled` sets the library up without the service process
# (0.17.7–0.18.0: the Python internal process runs 0.18.0's launch in place of wandb-core;
# 0.19.0, which crashes, and 0.19.1, until 0.19.2 starts the service for the run).
VERSIONS = generate_server_modes.VERSIONS + ["0.17.6", "0.17.7", "0.18.0", "0.18.1", "0.19.0", "0.19.1",
                                             "0.19.2"]
VERSIONS.sort(key=generate_server_modes.vkey)
DISABLED = "disabled"


def all_cases():
    """generate_server.py's cases, each with `WANDB_MODE=disabled` and each online `mode=`."""
    return [dict(case, mode=mode, env={"WANDB_MODE": DISABLED})
            for mode in generate_server_modes.ONLINE_MODES
            for case in generate_server_modes.generate_service_server_cases()]


generate_server.all_cases = all_cases


def main():
    generate_server_service.main_for(__doc__, "server-disabled-mode-vectors.json", VERSIONS, SCHEMA, SOURCE_FILES)


if __name__ == "__main__":
    main()
