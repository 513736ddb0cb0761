"""server_driver.py with the settings' own `resume` passed through `settings=`, for
generate_settings_server.py. Python 3.7-compatible.

    python settings_server_driver.py CASE.json OUT.json

CASE is server_driver.py's, plus `settings`: `{"form": "object" | "dict", "keys": [names],
"resume": value}` — `wandb.init` also gets `settings=wandb.Settings(resume=value)` or the dict
`{"resume": value}`, the object built just before the call, as the call's own expression
builds it — and `env`: variables set before wandb is imported, as the launch's environment.
Everything else (the complete, online `wandb.init` against the fake server, what is recorded)
is server_driver.py's, and where `wandb.init` raised an error with a cause (0.10.x-0.16.x wrap
what failed in "An unexpected error occurred"), `raised.cause` records it as driver.py does.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import server_driver  # noqa: E402

# The case's names for the settings keys.
KEY_NAMES = {"resume": "resume", "runId": "run_id"}
# The cause of what the last `wandb.init` raised: `{"type", "message"}`.
CAUSE = {}


def pass_settings(settings):
    """Makes every `wandb.init(...)` call also pass the case's `settings=`."""
    import wandb

    init = wandb.init

    def init_with_settings(*args, **kwargs):
        values = {KEY_NAMES[k]: settings[k] for k in KEY_NAMES if k in settings}
        kwargs["settings"] = wandb.Settings(**values) if settings["form"] == "object" else values
        try:
            return init(*args, **kwargs)
        except BaseException as e:  # noqa: B036 - recorded, then raised on
            c = e.__cause__ or (e.__context__ if not e.__suppress_context__ else None)
            if c is not None:
                CAUSE.update(type=type(c).__name__, message=str(c))
            raise

    wandb.init = init_with_settings


class _Json:
    """server_driver.py's `json`: the result it writes gets the cause of what was raised."""

    def __getattr__(self, name):
        return getattr(json, name)

    @staticmethod
    def dump(out, f, **kwargs):
        if CAUSE and out.get("raised"):
            out["raised"]["cause"] = dict(CAUSE)
        json.dump(out, f, **kwargs)


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        case = json.load(f)
    os.environ.update(case.get("env") or {})
    if case.get("settings") is not None:
        pass_settings(case["settings"])
    server_driver.json = _Json()
    server_driver.main()
