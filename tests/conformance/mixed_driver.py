"""The batch driver with every part of the launch the other drivers pass through at once, for
generate_mixed.py. Python 3.7-compatible.

    python mixed_driver.py batch CASES.json OUT.json
    python mixed_driver.py real CASE.json OUT.json     # one case, the complete wandb.init

A case is the engine's input as is: `init.mode` becomes `mode=` (mode_driver.py);
`init.settings` (`{"form", "keys", "mode", "resume", "runId"}`) becomes a `wandb.Settings(...)`
object or a dict built in the call's own expression, each key with the case's value (`console`
with settings_driver.py's sample value); `context.resumeFileText` is written to the resume
file byte for byte (resume_text_driver.py), `context.resumeFile` as wandb writes it, and
`context.settingsFile` to `wandb/settings` as `wandb offline` writes it
(settings_file_driver.py). Everything else — the stubs, the captured settings, the warnings,
the file read back — is driver.py's, through those drivers' own code.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mode_driver  # noqa: E402,F401 - `mode=` and the offline record
import resume_text_driver  # noqa: E402,F401 - first: settings_file_driver writes after it
import settings_driver  # noqa: E402
import settings_file_driver  # noqa: E402,F401

driver = settings_driver.driver
SAMPLE_VALUES = dict(settings_driver.SAMPLE_VALUES)
_init_kwargs = settings_driver.init_kwargs


def init_kwargs(case):
    settings = (case.get("init") or {}).get("settings") or {}
    settings_driver.SAMPLE_VALUES = dict(SAMPLE_VALUES, mode=settings.get("mode"), resume=settings.get("resume"),
                                         run_id=settings.get("runId"))
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
