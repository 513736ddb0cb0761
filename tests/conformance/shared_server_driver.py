"""server_driver.py for the shared mode, for generate_shared.py. Python 3.7-compatible.

    python shared_server_driver.py CASE.json OUT.json

From 0.27.2 the step lives with the backend, and in the shared mode reading `wandb.run.step`
raises (`ServerResponseError: Cannot read the W&B step in shared mode.`) after `wandb.init`
has returned; server_driver.py reads it inside the `try` that records what `wandb.init`
raised, so the launch would be recorded as failed. Here `run.step` gives, where it raises,
the text `raises <type>: <message>` instead, and the result keeps what `wandb.init` itself
did. Everything else is server_driver.py's.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import server_driver  # noqa: E402


def keep_step_error():
    from wandb.sdk import wandb_run

    step = wandb_run.Run.step

    def read(run):
        try:
            return step.fget(run)
        except Exception as e:  # recorded as what reading the step did
            return "raises %s: %s" % (type(e).__name__, e)

    wandb_run.Run.step = property(read)


if __name__ == "__main__":
    keep_step_error()
    server_driver.main()
