"""ending_driver.py with a `settings=` argument that turns the service process off, for
generate_settings_service.py. Python 3.7-compatible.

    python settings_service_driver.py CASE.json INIT.json

CASE is ending_driver.py's; the settings come in `WBR_CONFORMANCE_SETTINGS` (JSON:
`{"form": "object" | "dict", "key": name, "value": value, "mode": optional}`, set by
generate_settings_service.py): `wandb.init` gets `settings=wandb.Settings(**{key: value})` or
`settings={key: value}` (with `mode` beside the key where given), built when the call is
made, as a script's argument expression is. Everything else — the complete offline
`wandb.init`, the ending, what is written to INIT — is ending_driver.py's, but for what
`wandb.init` raised, which is recorded with its cause as driver.py records it (releases before
0.17.0 wrap an error of the settings in "problem" or "An unexpected error occurred").
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import driver  # noqa: E402
import ending_driver  # noqa: E402

SETTINGS_VARIABLE = "WBR_CONFORMANCE_SETTINGS"


def main():
    settings = json.loads(os.environ.pop(SETTINGS_VARIABLE))
    import wandb

    real_init = wandb.init

    def init(*args, **kwargs):
        values = {settings["key"]: settings["value"]}
        if "mode" in settings:
            values["mode"] = settings["mode"]
        kwargs["settings"] = wandb.Settings(**values) if settings["form"] == "object" else values
        return real_init(*args, **kwargs)

    wandb.init = init
    ending_driver.raised = lambda e: {"raised": driver.error_record(e)}
    ending_driver.main()


if __name__ == "__main__":
    main()
