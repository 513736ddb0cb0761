"""server_service_driver.py with the workspace settings file written first, for
generate_server_file_modes.py. Python 3.7-compatible.

    python server_file_driver.py CASE.json OUT.json

CASE is server_service_driver.py's, with `settingsFile`: the `[default]` lines of
`wandb/settings` in the working directory (`{"disabled": value, "mode": value}`, either may be
absent), written as settings_file_driver.py writes them — in the order `wandb offline` sets
them — before wandb is imported, so the release reads them as a file an earlier
`wandb offline` left. Everything else is server_service_driver.py's.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import server_driver  # noqa: E402
import server_service_driver  # noqa: E402
import settings_server_driver  # noqa: E402

# The order `wandb offline` sets them in (settings_file_driver.py's; importing it would set up
# the batch driver).
LINE_ORDER = ("disabled", "mode")


def write_settings_file():
    with open(sys.argv[1]) as f:
        lines = json.load(f)["settingsFile"]
    os.makedirs("wandb", exist_ok=True)
    with open(os.path.join("wandb", "settings"), "w") as f:
        f.write("[default]\n" + "".join("%s = %s\n" % (k, lines[k]) for k in LINE_ORDER if k in lines) + "\n")


if __name__ == "__main__":
    write_settings_file()
    server_service_driver.pass_arguments()
    server_driver.json = settings_server_driver._Json()
    server_driver.main()
