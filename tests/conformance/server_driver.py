"""Runs one complete, online `wandb.init` against the fake server (fake_server.py) inside a
wandb release's virtualenv and records what it did. Python 3.7-compatible.

    python server_driver.py CASE.json OUT.json

CASE: {"id": <run id or null>, "resume": <the `resume` argument; absent = not passed>,
"existingConfig": <the existing run's config on the fake server>}.
The environment (the server's URL, a dummy API key, a private HOME and WANDB_DIR) is set by
generate_server.py. Nothing is stubbed: the release's own backend (Python sender or
wandb-core) asks the fake server about the run and decides.

OUT: {"raised": {"type", "message"} or null, and when wandb.init returned: "runId",
"resumed" (wandb.run.resumed), "step" (wandb.run.step), "startingStep"
(wandb.run.starting_step where it exists), "configRestored" (wandb.config holds the existing
run's config)}.
"""

import json
import os
import sys


def main():
    with open(sys.argv[1]) as f:
        case = json.load(f)
    kwargs = {"project": "proj", "entity": "ent"}
    if case.get("id") is not None:
        kwargs["id"] = case["id"]
    if "resume" in case:
        kwargs["resume"] = case["resume"]
    out = {"raised": None}
    try:
        import wandb

        run = wandb.init(**kwargs)
        out["runId"] = run.id
        out["resumed"] = bool(run.resumed)
        out["step"] = run.step
        out["startingStep"] = getattr(run, "starting_step", None)
        try:
            config = dict(run.config)
            out["configRestored"] = all(config.get(k) == v for k, v in case["existingConfig"].items())
        except Exception:
            out["configRestored"] = False
    except BaseException as e:  # noqa: B036 - record whatever wandb.init raises
        out["raised"] = {"type": type(e).__name__, "message": str(e)}
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)
        f.flush()
        os.fsync(f.fileno())
    # Not run.finish(): the outcome is recorded; the generator kills the process group (the
    # service / backend processes included).
    os._exit(0)


if __name__ == "__main__":
    main()
