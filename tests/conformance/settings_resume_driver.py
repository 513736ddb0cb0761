"""settings_driver.py with the settings' own `resume` and `run_id` passed through, for
generate_settings_resume.py.

    python settings_resume_driver.py batch CASES.json OUT.json   # settings only (dummy key)
    python settings_resume_driver.py real CASE.json OUT.json     # the complete wandb.init

The case's `init.settings` is `{"form": "object" | "dict", "keys": [names], "resume": value,
"runId": value}`: the `resume` and `run_id` keys get the case's own values, every other key
settings_driver.py's sample value, and the object or dict is built in the call's own
expression, as there. Everything else is settings_driver.py's (and so mode_driver.py's and
driver.py's).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mode_driver  # noqa: E402
import settings_driver  # noqa: E402

driver = settings_driver.driver
SAMPLE_VALUES = dict(settings_driver.SAMPLE_VALUES)
_init_kwargs = settings_driver.init_kwargs


def init_kwargs(case):
    settings = (case.get("init") or {}).get("settings") or {}
    settings_driver.SAMPLE_VALUES = dict(SAMPLE_VALUES, resume=settings.get("resume"), run_id=settings.get("runId"))
    return _init_kwargs(case)


driver.init_kwargs = init_kwargs

if __name__ == "__main__":
    mode = sys.argv[1]
    paths = [os.path.abspath(a) for a in sys.argv[2:]]
    if mode == "batch":
        driver.BASE_ENV_NEW = dict(driver.BASE_ENV_NEW, **mode_driver.ONLINE_ENV)
        driver.run_batch(*paths)
    elif mode == "real":
        driver.run_real(*paths)
    else:
        raise SystemExit("unknown mode " + mode)
