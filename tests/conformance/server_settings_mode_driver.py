"""settings_server_driver.py with the settings' own `mode`, for
generate_server_settings_modes.py. Python 3.7-compatible.

    python server_settings_mode_driver.py CASE.json OUT.json

CASE is settings_server_driver.py's, its `settings` naming `mode` as well
(`{"form": "object" | "dict", "keys": ["mode"], "mode": "online"}`): `wandb.init` also gets
`settings=wandb.Settings(mode=value)` or the dict `{"mode": value}`. The launch's environment
(an offline `WANDB_MODE`) is the child's own, set by the generator's runner. With the settings'
`shared` the step is read as shared_server_driver.py reads it (from 0.27.2 reading a shared
run's step raises after `wandb.init` has returned). Everything else, what is recorded
included, is settings_server_driver.py's and server_driver.py's.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import server_driver  # noqa: E402
import settings_server_driver  # noqa: E402
import shared_server_driver  # noqa: E402

if __name__ == "__main__":
    settings_server_driver.KEY_NAMES["mode"] = "mode"
    with open(sys.argv[1]) as f:
        case = json.load(f)
    if case["settings"]["mode"] == "shared":
        shared_server_driver.keep_step_error()
    settings_server_driver.pass_settings(case["settings"])
    server_driver.json = settings_server_driver._Json()
    server_driver.main()
