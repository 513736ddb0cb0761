"""settings_file_driver.py and settings_mode_driver.py in one, recording the shared mode, for
generate_shared.py.

    python shared_mode_driver.py batch CASES.json OUT.json   # settings only (dummy key)
    python shared_mode_driver.py real CASE.json OUT.json     # one complete wandb.init

Both drivers patch driver.py for their own part of the case (the workspace settings file, the
settings' own `mode`), so one process takes either kind of case. Each result records `shared`
too: whether the settled settings are in the shared mode (`settings._shared`; None where the
release has no such setting or the launch is disabled). Everything else is theirs (and so
mode_driver.py's and driver.py's).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mode_driver  # noqa: E402
import settings_file_driver  # noqa: E402,F401 - writes the case's settings file
import settings_mode_driver  # noqa: E402,F401 - passes the settings' own mode

driver = mode_driver.driver
_result_from_settings = driver.result_from_settings


def result_from_settings(s):
    r = _result_from_settings(s)
    shared = None if r.get("disabled") else driver.settings_get(s, "_shared")
    r["shared"] = shared if isinstance(shared, bool) else None
    return r


driver.result_from_settings = result_from_settings

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
