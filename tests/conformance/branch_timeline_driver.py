"""timeline_driver.py with `wandb.init`'s branching arguments, for
generate_branch_timelines.py. Python 3.7-compatible.

    python branch_timeline_driver.py CASE.json INIT.json

Everything is timeline_driver.py's, but where the environment names
`CONFORMANCE_INIT_ARGUMENTS` (a JSON object of `fork_from` / `resume_from`, set by the
generator for a launch that passes them; not a variable wandb reads), `wandb.init` gets those
arguments too, as a job script that passes them to every attempt does.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import timeline_driver  # noqa: E402

ARGUMENTS = "CONFORMANCE_INIT_ARGUMENTS"


def pass_arguments():
    extra = json.loads(os.environ.pop(ARGUMENTS, "{}"))
    if not extra:
        return
    import wandb

    init = wandb.init

    def init_with_arguments(**kwargs):
        return init(**dict(kwargs, **extra))

    wandb.init = init_with_arguments


if __name__ == "__main__":
    pass_arguments()
    timeline_driver.main()
