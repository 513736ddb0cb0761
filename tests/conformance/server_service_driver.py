"""server_driver.py with more of `wandb.init`'s arguments, for generate_server_service.py and
generate_server_modes.py. Python 3.7-compatible.

    python server_service_driver.py CASE.json OUT.json

CASE is server_driver.py's, and may name `forkFrom`, `resumeFrom` and `mode`, which
`wandb.init` then gets as `fork_from`, `resume_from` and `mode` beside `id` and `resume`.
Where `wandb.init` raised an error with a cause (0.10.x-0.12.x wrap what failed in
"problem"), `raised.cause` records it as driver.py does (settings_server_driver.py's `_Json`).
With `mode="shared"` the step is read as shared_server_driver.py reads it (from 0.27.2 reading
a shared run's step raises after `wandb.init` has returned). Everything else, what is recorded
included, is server_driver.py's.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import server_driver  # noqa: E402
import settings_server_driver  # noqa: E402
import shared_server_driver  # noqa: E402

# The case's names for the arguments server_driver.py does not pass.
INIT_KEYS = {"forkFrom": "fork_from", "resumeFrom": "resume_from", "mode": "mode"}


def pass_arguments():
    """wandb.init, as server_driver.py calls it, gets the case's other arguments too, and what
    it raises leaves its cause for the result. The import is where server_driver.py would make
    it first: a release that fails to import fails there as well, recorded the same way."""
    with open(sys.argv[1]) as f:
        case = json.load(f)
    extra = {arg: case[key] for key, arg in INIT_KEYS.items() if key in case}
    import wandb

    if case.get("mode") == "shared":
        shared_server_driver.keep_step_error()

    init = wandb.init

    def init_with_arguments(**kwargs):
        try:
            return init(**dict(kwargs, **extra))
        except BaseException as e:  # noqa: B036 - recorded, then raised on
            c = e.__cause__ or (e.__context__ if not e.__suppress_context__ else None)
            if c is not None:
                settings_server_driver.CAUSE.update(type=type(c).__name__, message=str(c))
            raise

    wandb.init = init_with_arguments


if __name__ == "__main__":
    pass_arguments()
    server_driver.json = settings_server_driver._Json()
    server_driver.main()
