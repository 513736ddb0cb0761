"""mode_driver.py with `wandb.init(settings=…)` passed through, for generate_settings.py.

    python settings_driver.py batch CASES.json OUT.json   # settings only (online launches)
    python settings_driver.py real CASE.json OUT.json     # one complete wandb.init

The case's `init.settings` is `{"form": "object" | "dict", "keys": [names]}`: `object`
becomes `wandb.Settings(**values)`, `dict` a plain dict of the same values, each key given the
sample value in SAMPLE_VALUES. The object is built inside the call's own expression, as a
script writes it, so a release without `wandb.Settings` (0.9.x) fails there, as the script
would. Everything else is mode_driver.py's (and so driver.py's).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mode_driver  # noqa: E402

driver = mode_driver.driver
# A value for each key a case names: one every release's Settings accepts.
SAMPLE_VALUES = {"console": "off"}
_init_kwargs = driver.init_kwargs


def init_kwargs(case):
    init = dict(case.get("init") or {})
    settings = init.pop("settings", None)
    kw = _init_kwargs(dict(case, init=init))
    if settings is not None:
        values = {k: SAMPLE_VALUES[k] for k in settings["keys"]}
        if settings["form"] == "object":
            import wandb

            kw["settings"] = wandb.Settings(**values)
        else:
            kw["settings"] = values
    return kw


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
