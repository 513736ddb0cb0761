"""Runs one complete, offline `wandb.init` inside a wandb release's virtualenv and then ends the
script the way CASE says, as a training script ends: with `run.finish()`, by falling off its
end, with `sys.exit`, an exception or a signal. Python 3.7-compatible.

    python ending_driver.py CASE.json INIT.json

CASE: {"ending": one of ENDINGS, "resume": the `resume` argument, "id": the run id, and
"mode": the `mode` argument where the case passes one}.
The environment (offline mode, a private HOME, the working directory) is set by
generate_endings.py, which looks at `wandb/wandb-resume.json` once this process and every
process it started have gone. Nothing is stubbed: the release's own exit hooks, service
process and `run.finish()` act on the file.

INIT (written before the ending): {"raised": {"type", "message"} or null, "runId",
"resumeFileAtInit" (the run id the file holds once wandb.init has returned)} — what
`wandb.init` did, so a release that cannot start is never recorded as an ending — and
"unsupported": true where the release has no way to end so (0.9.x has no `with` block).
"""

import json
import os
import signal
import sys
import time

from driver import clean_message

# How a script can end after wandb.init. The generator's docstring says what each stands for.
ENDINGS = ("finish", "finish-exit-code-1", "with-block", "exit", "sys-exit-0", "sys-exit-1",
           "raise-system-exit-1", "builtin-exit-1", "exception", "sigint", "sigterm", "sigkill")


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f)
        f.flush()
        os.fsync(f.fileno())


def resume_file(directory="."):
    """The run id in `wandb/wandb-resume.json` of DIRECTORY (the script's working directory),
    or None. generate_endings.py reads the file with this too, once the script has gone."""
    path = os.path.join(directory, "wandb", "wandb-resume.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f).get("run_id")


def run_id(run):
    """The run's id; 0.10.10–0.10.18's disabled run is a `Dummy`, whose id prints as ""."""
    return run.id if isinstance(run.id, str) else str(run.id)


def raised(e):
    """What wandb.init raised, recorded as driver.py records it (`clean_message`: without
    pydantic's link to its documentation, which names pydantic's version, not the SDK's)."""
    return {"raised": {"type": type(e).__name__, "message": clean_message(e)}}


def main():
    with open(sys.argv[1]) as f:
        case = json.load(f)
    ending = case["ending"]
    if ending not in ENDINGS:
        raise SystemExit("unknown ending %r" % ending)
    kwargs = {"project": "proj", "id": case["id"], "resume": case["resume"]}
    if case.get("mode") is not None:
        kwargs["mode"] = case["mode"]
    import wandb

    if ending == "with-block":
        try:
            ctx = wandb.init(**kwargs)
        except BaseException as e:  # noqa: B036 - record whatever wandb.init raises
            write(sys.argv[2], raised(e))
            os._exit(0)
        if not hasattr(ctx, "__enter__"):
            write(sys.argv[2], {"raised": None, "runId": run_id(ctx), "unsupported": True})
            os._exit(0)
        write(sys.argv[2], {"raised": None, "runId": run_id(ctx), "resumeFileAtInit": resume_file()})
        with ctx:
            pass
        return
    try:
        run = wandb.init(**kwargs)
    except BaseException as e:  # noqa: B036
        write(sys.argv[2], raised(e))
        os._exit(0)
    write(sys.argv[2], {"raised": None, "runId": run_id(run), "resumeFileAtInit": resume_file()})
    sys.stdout.flush()
    sys.stderr.flush()
    # 0.9.x ends a run with `wandb.join`, the name `run.finish` later got.
    finish = getattr(run, "finish", None) or wandb.join
    if ending == "finish":
        finish()
    elif ending == "finish-exit-code-1":
        finish(exit_code=1)
    elif ending == "exit":
        pass
    elif ending == "sys-exit-0":
        sys.exit(0)
    elif ending == "sys-exit-1":
        sys.exit(1)
    elif ending == "raise-system-exit-1":
        # Not through `sys.exit`, which some releases' exit hooks replace to learn the code.
        raise SystemExit(1)
    elif ending == "builtin-exit-1":
        # The `exit` that `site` puts in the builtins: it raises SystemExit itself.
        exit(1)
    elif ending == "exception":
        raise RuntimeError("the training step failed")
    elif ending in ("sigint", "sigterm"):
        os.kill(os.getpid(), signal.SIGINT if ending == "sigint" else signal.SIGTERM)
        # Busy, as a training script is: any thread may take the signal, and the main thread
        # runs Python's handler at its next step (`signal.pause()` would wait for a second one).
        while True:
            time.sleep(0.05)
    elif ending == "sigkill":
        os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main()
