"""driver.py with `wandb.init(mode=…)` passed through, for generate_modes.py.

    python mode_driver.py batch CASES.json OUT.json   # settings only (online modes)
    python mode_driver.py real CASE.json OUT.json     # one complete offline wandb.init

The case's `init.mode` becomes the `mode` keyword argument (an unknown keyword before 0.10.0:
the interpreter's own TypeError), and each result records `offline`: the settled settings'
own `_offline` (0.10.0+; 0.9.x runs every case in dryrun mode anyway), and `disabled`: whether
wandb.init returned its disabled run. 0.10.10-0.10.18 return a `Dummy` (its `_settings`, its
`id`, every attribute is another `Dummy`, which prints as ""): recorded with `placeholderId` (and
as generated: not an id that was set);
0.10.19-0.16.x a `RunDisabled` (its `_settings` is itself) whose id is a fresh `shortuuid`;
0.17.0-0.28.x a run on fresh settings with a fresh `generate_id()`; 0.29.0+ a run on the
settled settings, keeping their id. `serviceOff` records whether the settled settings turn
the service process off (None where they have no such setting). A disabled record carries the run's id as the driver
records any id (a fresh one: `generated`) and no `resume`: the fresh settings of the older
releases hold none, and nothing resumes. Everything else —
stubs, captured settings, warnings, the resume file read back — is driver.py's.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import driver  # noqa: E402

driver.INIT_KW = dict(driver.INIT_KW, mode="mode")
_result_from_settings = driver.result_from_settings


def result_from_settings(s):
    if type(s).__name__ == "Dummy":
        return {"rejected": False, "disabled": True, "offline": False, "runId": None, "generated": True,
                "placeholderId": True}
    if type(s).__name__ == "RunDisabled":
        return {"rejected": False, "disabled": True, "offline": False, "runId": None, "generated": True}
    r = _result_from_settings(s)
    r["offline"] = bool(driver.settings_get(s, "_offline"))
    r["disabled"] = driver.settings_get(s, "_noop") is True
    # Whether the settings turn the service process off (`WANDB_MODE=disabled` does in
    # 0.17.7-0.18.0, under an offline `mode=` too); None where the setting does not exist.
    off = driver.settings_get(s, "_disable_service")
    if off is None:
        off = driver.settings_get(s, "x_disable_service")
    r["serviceOff"] = off if isinstance(off, bool) else None
    if r["disabled"]:
        del r["resume"]
    return r


driver.result_from_settings = result_from_settings

# A case without WANDB_MODE runs without it (driver.py's base environment would make every
# launch offline, hiding what `mode=` alone does); the batch runs, which are online, have the
# dummy key and server address from the start (some releases read the key at import).
_set_environ = driver.set_environ


def set_environ(case_env, base):
    base = dict(base)
    if "WANDB_MODE" not in case_env:
        base.pop("WANDB_MODE", None)
    _set_environ(case_env, base)


driver.set_environ = set_environ
ONLINE_ENV = {"WANDB_API_KEY": "0" * 40, "WANDB_BASE_URL": "http://127.0.0.1:9"}

if __name__ == "__main__":
    mode = sys.argv[1]
    paths = [os.path.abspath(a) for a in sys.argv[2:]]
    if mode == "batch":
        driver.BASE_ENV_NEW = dict(driver.BASE_ENV_NEW, **ONLINE_ENV)
        driver.run_batch(*paths)
    elif mode == "real":
        driver.run_real(*paths)
    else:
        raise SystemExit("unknown mode " + mode)
