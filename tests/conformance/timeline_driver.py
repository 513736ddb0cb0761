"""Runs one attempt of a timeline: ending_driver.py's script (a complete `wandb.init`, then the
end CASE names), against generate_timelines.py's server that keeps the runs its clients
create (online; offline where the case's environment says so). Python 3.7-compatible.

    python timeline_driver.py CASE.json INIT.json

CASE: ending_driver.py's case ({"ending", "id", "resume"}; `null` = the argument is not
passed), and `settings` where the launch passes `settings=`: settings_server_driver.py's
(`{"form": "object" | "dict", "keys": [names], "resume", "runId"}`), passed as its
`pass_settings` passes it. INIT: what ending_driver.py writes, and where `wandb.init` raised
in such a launch, with the cause (0.10.x-0.16.x wrap what failed in "An unexpected error
occurred") as driver.py's `error_record` records it; where `wandb.init` returned, INIT.run
holds "resumed" (`wandb.run.resumed`), "step" (`wandb.run.step`) and "startingStep"
(`wandb.run.starting_step` where it exists): a resumed run continues after the server's last
step. The environment (the server's URL, a dummy API key, the attempt's HOME and working
directory) is generate_timelines.py's.
"""

import json
import sys

import ending_driver
import settings_server_driver
from driver import error_record


def main():
    import wandb

    with open(sys.argv[1]) as f:
        settings = json.load(f).get("settings")
    if settings is not None:
        settings_server_driver.pass_settings(settings)
        ending_driver.raised = lambda e: {"raised": error_record(e)}
    init = wandb.init

    def attempt_init(**kwargs):
        # ending_driver passes `id` and `resume` always: drop the ones the case leaves out.
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        kwargs["entity"] = "ent"
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
