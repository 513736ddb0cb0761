"""The workspace settings file written first (settings_file_driver.py), then
`wandb.init(settings=…)` whose settings carry their own `mode`, `resume` or `run_id`, for
generate_settings_file_keys.py.

    python settings_file_key_driver.py batch CASES.json OUT.json   # settings only (dummy key)
    python settings_file_key_driver.py real CASE.json OUT.json     # one complete wandb.init

The case's `init.settings` is `{"form": "object" | "dict", "keys": [names], "mode"?,
"resume"?, "runId"?}`: the `mode`, `resume` and `run_id` keys get the case's own values (as
settings_mode_driver.py and settings_resume_driver.py give them, one key each), every other
key settings_driver.py's sample value; the object or dict is built in the call's own
expression. Everything else is settings_file_driver.py's and settings_driver.py's (and so
mode_driver.py's and driver.py's).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import driver_cli  # noqa: E402
import settings_driver  # noqa: E402
import settings_file_driver  # noqa: E402,F401  (writes wandb/settings)

driver = settings_driver.driver
assert driver is settings_file_driver.driver
SAMPLE_VALUES = dict(settings_driver.SAMPLE_VALUES)
_init_kwargs = settings_driver.init_kwargs


def init_kwargs(case):
    settings = (case.get("init") or {}).get("settings") or {}
    own = {"mode": settings.get("mode"), "resume": settings.get("resume"), "run_id": settings.get("runId")}
    settings_driver.SAMPLE_VALUES = dict(SAMPLE_VALUES, **own)
    return _init_kwargs(case)


driver.init_kwargs = init_kwargs

if __name__ == "__main__":
    driver_cli.main(driver)
