#!/usr/bin/env python3
"""Generate the server outcomes of an online `mode=` over the workspace settings file's offline
mode: what each release's complete `wandb.init` does with the server's answer about the run
when a `wandb offline` left `wandb/settings` in the working directory and the call says
online (`online`, `run`, or `shared`, which 0.16.3 added and the releases before refuse).

    python3 tests/conformance/generate_server_file_modes.py              # the releases below
    python3 tests/conformance/generate_server_file_modes.py --versions 0.12.9 0.12.10 --jobs 2

`wandb.setup` reads the settings file before `wandb.init` applies its `mode=`, as it reads
`WANDB_MODE`: the library is set up offline, then the launch is online — a project directory
where someone once ran `wandb offline`, under a script that says `mode="online"`. The batch
driver (settings-file-vectors.json) stops before the backend; these run the server outcomes'
28 cases with the file and the argument through generate_server_modes.py's runner (warnings
kept), its child server_file_driver.py writing the file first: the lines `wandb offline`
writes (`disabled = true`, then `mode = offline`; 0.19.2+ write only the mode line) and the
mode line alone.

Writes server-file-mode-vectors.json next to this file; tests/server_service_conformance.rs
and tests/js/server-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_server  # noqa: E402
import generate_server_modes  # noqa: E402 - sets generate_server's runner up (service driver, warnings)
import generate_server_service  # noqa: E402
from generate import vkey  # noqa: E402
from generate_server import GENERATED  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_server_file_modes.py", "server_file_driver.py", "generate_server_modes.py",
                "generate_server_service.py", "server_service_driver.py", "settings_server_driver.py", "shared_server_driver.py",
                "generate_server.py", "server_driver.py", "fake_server.py", "driver.py", "venvs.py"]
# Where the `disabled` line stops forcing offline (0.18.7, 0.19.1) and where it is ignored
# (0.31.0), both sides of the login warning (0.19.5, 0.23.0, 0.23.1), the file's mode line
# ignored (0.18.1-0.18.7), and the newest; before them generate_server_modes.py's releases
# (both sides of the crash of a library set up offline, 0.10.8/0.10.9 and 0.12.9/0.12.10) and
# each era of the backend up to 0.15.12.
VERSIONS = sorted(["0.10.3", "0.10.8", "0.10.9", "0.10.33", "0.11.2", "0.12.9", "0.12.10", "0.12.21",
                   "0.13.0", "0.14.1", "0.15.5", "0.15.12", "0.17.8", "0.18.0", "0.18.7", "0.19.1", "0.19.5",
                   "0.23.0", "0.23.1", "0.31.0"],
                  key=vkey)
FILES = [{"disabled": "true", "mode": "offline"}, {"mode": "offline"}]


def all_cases():
    """generate_server.py's cases, each with each online `mode=` over each settings file
    (`mode="online"` first)."""
    return [dict(case, mode=mode, env={}, settingsFile=dict(lines))
            for lines in FILES for mode in generate_server_modes.ONLINE_MODES
            for case in generate_server_modes.generate_service_server_cases()]


class _Subprocess(generate_server_service._Subprocess):
    """generate_server.py's `subprocess`, starting server_file_driver.py (which writes the
    settings file first)."""

    DRIVER = "server_file_driver.py"


_normalized = generate_server.normalized


def normalized(out, generated_id):
    """generate_server.py's normalisation, with a generated id blanked in the warnings too
    (0.15.12-0.18.7 name it in the offline resume warning the `disabled` line brings)."""
    out = _normalized(out, generated_id)
    if generated_id and out.get("printedWarnings"):
        out["printedWarnings"] = [line.replace(generated_id, GENERATED) for line in out["printedWarnings"]]
    return out


generate_server.all_cases = all_cases
generate_server.subprocess = _Subprocess()
generate_server.normalized = normalized


def main():
    generate_server_service.main_for(__doc__, "server-file-mode-vectors.json", VERSIONS, SCHEMA, SOURCE_FILES)


if __name__ == "__main__":
    main()
