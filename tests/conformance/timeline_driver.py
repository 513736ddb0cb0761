"""Runs one attempt of a timeline: ending_driver.py's script (a complete `wandb.init`, then the
end CASE names), against generate_timelines.py's server that keeps the runs its clients
create (online; offline where the case's environment says so). Python 3.7-compatible.

    python timeline_driver.py CASE.json INIT.json

CASE: ending_driver.py's case ({"ending", "id", "resume"}; `null` = the argument is not
passed), and `settings` where the launch passes `settings=`: `{"form": "object" | "dict",
"keys": [names], "resume", "runId"}` — `wandb.Settings(resume=…, run_id=…)` or the dict of
the keys given, built just before the call as the call's own expression builds it
(settings_server_driver.py's). INIT: what ending_driver.py writes, and where `wandb.init`
raised with a cause in such a launch (0.10.x-0.16.x wrap what failed in "An unexpected error
occurred"), `raised.cause` as settings_server_driver.py records it; where `wandb.init`
returned, INIT.run holds "resumed" (`wandb.run.resumed`), "step" (`wandb.run.step`) and
"startingStep" (`wandb.run.starting_step` where it exists): a resumed run continues after the
server's last step. The environment (the server's URL, a dummy API key, the attempt's HOME and
working directory) is generate_timelines.py's.
"""

import json
import sys

import ending_driver

# The case's names for the settings keys.
SETTINGS_KEYS = {"resume": "resume", "runId": "run_id"}


def record_cause(raised):
    """ending_driver's `raised` with the cause of what `wandb.init` raised, where it has one."""

    def with_cause(e):
        out = raised(e)
        cause = e.__cause__ or (e.__context__ if not e.__suppress_context__ else None)
        if cause is not None:
            out["raised"]["cause"] = {"type": type(cause).__name__, "message": str(cause)}
        return out

    return with_cause


def main():
    import wandb

    with open(sys.argv[1]) as f:
        settings = json.load(f).get("settings")
    if settings is not None:
        ending_driver.raised = record_cause(ending_driver.raised)
    init = wandb.init

    def attempt_init(**kwargs):
        # ending_driver passes `id` and `resume` always: drop the ones the case leaves out.
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        kwargs["entity"] = "ent"
        if settings is not None:
            values = {SETTINGS_KEYS[k]: settings[k] for k in SETTINGS_KEYS if k in settings}
            kwargs["settings"] = wandb.Settings(**values) if settings["form"] == "object" else values
        run = init(**kwargs)
        with open(sys.argv[2] + ".run", "w") as f:
            json.dump({"resumed": bool(run.resumed), "step": run.step,
                       "startingStep": getattr(run, "starting_step", None)}, f)
        # A step logged, as a training script logs before it ends.
        run.log({"loss": 0.5})
        return run

    wandb.init = attempt_init
    ending_driver.main()


if __name__ == "__main__":
    main()
