"""mode_driver.py with the workspace settings file written first, for
generate_settings_files.py.

    python settings_file_driver.py batch CASES.json OUT.json   # settings only (dummy key)
    python settings_file_driver.py real CASE.json OUT.json     # one complete wandb.init

The case's `context.settingsFile` is `{"disabled": value, "mode": value}` (either may be
absent): the `[default]` lines of `wandb/settings` in the case's working directory, written
as `wandb offline` writes them (`api.set_setting("disabled", "true")`, then `"mode"`) before
`wandb.init` runs, so every release reads them as it reads a file left by an earlier
`wandb offline`, `wandb disabled` or `wandb enabled`. Everything else — `mode=` passed
through, the offline and disabled records — is mode_driver.py's (and so driver.py's).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mode_driver  # noqa: E402

driver = mode_driver.driver
_write_resume_file = driver.write_resume_file
# The order `wandb offline` sets them in (configparser keeps insertion order).
LINE_ORDER = ("disabled", "mode")


def write_resume_file(wd, context):
    _write_resume_file(wd, context)
    lines = (context or {}).get("settingsFile")
    if lines is None:
        return
    os.makedirs(os.path.join(wd, "wandb"), exist_ok=True)
    with open(os.path.join(wd, "wandb", "settings"), "w") as f:
        f.write("[default]\n" + "".join("%s = %s\n" % (k, lines[k]) for k in LINE_ORDER if k in lines) + "\n")


driver.write_resume_file = write_resume_file

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
