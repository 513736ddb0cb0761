#!/usr/bin/env python3
"""Generate the server outcomes of the settings' own online mode over an offline `WANDB_MODE`:
what each release's complete `wandb.init` does with the server's answer about the run when
the environment says offline (`offline` or `dryrun`) and `settings=` says online (`online`,
or `shared`, which 0.16.3 added and the releases before refuse).

    python3 tests/conformance/generate_server_settings_modes.py              # the releases below
    python3 tests/conformance/generate_server_settings_modes.py --versions 0.12.9 0.12.10 --jobs 2

A cluster sets `WANDB_MODE=offline`; the script passes `settings=wandb.Settings(mode="online")`
(or the dict `{"mode": "online"}`). `wandb.setup` reads `WANDB_MODE` before `wandb.init`
applies its settings, so the library may be set up offline before the launch asks to go
online, as under `mode="online"` (generate_server_modes.py). The settings-mode vectors
(generate_settings_modes.py) record which mode each release settles on, offline, and stop
before the backend; these run the server outcomes' 28 cases with each pair of environment and
settings' mode, in each form of the settings, through generate_server_file_modes.py's runner (generate_server_modes.py's,
the `wandb: WARNING` lines kept, a generated id blanked in them), its child
server_settings_mode_driver.py passing the settings.

Writes server-settings-mode-vectors.json next to this file; tests/server_service_conformance.rs
and tests/js/server-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_server  # noqa: E402
import generate_server_file_modes  # noqa: E402, F401 - its runner: the server-mode one, generated ids blanked in warnings
import generate_server_modes  # noqa: E402
import generate_server_service  # noqa: E402
from generate import vkey  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_server_settings_modes.py", "server_settings_mode_driver.py", "generate_server_file_modes.py",
                "generate_server_modes.py",
                "generate_server_service.py", "server_service_driver.py", "settings_server_driver.py", "shared_server_driver.py",
                "generate_server.py", "server_driver.py", "fake_server.py", "driver.py", "venvs.py"]
# Each way the releases weigh the settings' mode (generate_settings_modes.py): an object's
# beats `WANDB_MODE` up to 0.12.9 and a dict raises there; 0.12.10-0.12.15 ignore an
# object's; 0.17.7-0.18.7 read an object's first (0.18.1-0.18.7 for the launch's mode
# itself); both sides of the crash of a library set up offline (0.10.8/0.10.9,
# 0.12.9/0.12.10) and of the login warning (0.19.4/0.19.5, 0.23.0/0.23.1), and the newest.
VERSIONS = sorted(["0.10.3", "0.10.8", "0.10.9", "0.10.33", "0.12.9", "0.12.10", "0.12.15", "0.12.16", "0.13.0",
                   "0.15.12", "0.17.6", "0.17.7", "0.18.0", "0.18.1", "0.18.7", "0.19.0", "0.19.4", "0.19.5",
                   "0.23.0", "0.23.1", "0.31.0"],
                  key=vkey)
FORMS = ["object", "dict"]
# The settings' online modes (its `run` is in no vector of the settings' mode), `"online"`
# over `WANDB_MODE=offline` first.
ONLINE_MODES = ["online", "shared"]


def all_cases():
    """generate_server.py's cases, each with each offline `WANDB_MODE` and the settings' online
    modes in each form."""
    return [dict(case, settings={"form": form, "keys": ["mode"], "mode": mode}, env={"WANDB_MODE": env})
            for env in generate_server_modes.OFFLINE_MODES for mode in ONLINE_MODES for form in FORMS
            for case in generate_server_modes.generate_service_server_cases()]


class _Subprocess(generate_server_service._Subprocess):
    """generate_server.py's `subprocess`, starting server_settings_mode_driver.py (which passes
    the settings)."""

    DRIVER = "server_settings_mode_driver.py"


generate_server.all_cases = all_cases
generate_server.subprocess = _Subprocess()


def main():
    generate_server_service.main_for(__doc__, "server-settings-mode-vectors.json", VERSIONS, SCHEMA, SOURCE_FILES)


if __name__ == "__main__":
    main()
