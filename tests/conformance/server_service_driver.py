"""server_driver.py with `fork_from` / `resume_from`, for generate_server_service.py.
Python 3.7-compatible.

    python server_service_driver.py CASE.json OUT.json

CASE is server_driver.py's, and may name `forkFrom` / `resumeFrom`, which `wandb.init` then
gets as `fork_from` / `resume_from` beside `id` and `resume`. Everything else, what is recorded
included, is server_driver.py's.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import server_driver  # noqa: E402

BRANCHING_KEYS = {"forkFrom": "fork_from", "resumeFrom": "resume_from"}


def pass_branching():
    """wandb.init, as server_driver.py calls it, gets the case's branching arguments too. The
    import is where server_driver.py would make it first: a release that fails to import fails
    there as well, recorded the same way."""
    with open(sys.argv[1]) as f:
        case = json.load(f)
    extra = {arg: case[key] for key, arg in BRANCHING_KEYS.items() if key in case}
    if not extra:
        return
    import wandb

    init = wandb.init

    def init_with_branching(**kwargs):
        return init(**dict(kwargs, **extra))

    wandb.init = init_with_branching


if __name__ == "__main__":
    pass_branching()
    server_driver.main()
