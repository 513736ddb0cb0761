#!/usr/bin/env python3
"""Generate the branching timeline vectors: what each wandb release does over a launch and
its restarts when the job script sets `WANDB_RESUME_FROM` (rewind a run to a step) or
`WANDB_FORK_FROM` (start a new run from another's step), each attempt meeting what the ones
before it left.

    python3 tests/conformance/generate_branch_timelines.py                 # the releases below
    python3 tests/conformance/generate_branch_timelines.py --versions 0.31.0 --jobs 2

A requeued job runs its script again with the same environment, so the branching variable a
launch needed is there on every restart: whether the restart rewinds the run again, forks
another run, writes over the run the first fork made or raises is each release's own doing.
generate_timelines.py's attempts (timeline_driver.py, a complete `wandb.init` in a fresh
process, ended a chosen way, restarted in the same directory or on another machine) run
against branch_server.py: timeline_server.py's server, holding before the first launch the
runs the timeline branches from (`seed`), and answering `RewindRun` for a run it holds.

A timeline is generate_timelines.py's (`launch`: `resume` not passed, `id` where the launch
passes it, the environment, and `forkFrom` / `resumeFrom` where it passes `fork_from` /
`resume_from`, branch_timeline_driver.py's; `attempts`) with `seed`, the runs the server holds before the first launch
(started, history `_step` 0-LAST_STEP). Each attempt's result is generate_timelines.py's:
`raised`, or `runId`, `resumed`, `step` and `startingStep` (a rewound or forked run carries
on after the step it branched at, BRANCH_STEP), and the resume file; and where `wandb.init`
returned, `operations`: what it asked of W&B before starting the run (`RewindRun`,
`RunResumeStatus`, sorted; a launch that raised asks more or less by when its processes stop).

Writes branch-timeline-vectors.json next to this file; tests/branch_timeline_conformance.rs
replays it against `simulate`. See NOTES.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import branch_server  # noqa: E402
import generate_timelines  # noqa: E402
from generate import vkey  # noqa: E402
from generate_server import machine_failure, parse_args, run_versions, write_vectors  # noqa: E402
from generate_timelines import RUN_ID, Places, case_slice, run_attempt  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_branch_timelines.py", "branch_server.py", "branch_timeline_driver.py",
                "generate_timelines.py", "timeline_driver.py",
                "timeline_server.py", "ending_driver.py", "settings_server_driver.py", "server_driver.py",
                "fake_server.py", "generate_endings.py", "generate_server.py", "driver.py", "venvs.py"]
# The run a fork starts from: an earlier job's, on the server before the first launch.
SOURCE_RUN = "source-run"
# The step every timeline branches at (the seeded runs logged 0-LAST_STEP).
BRANCH_STEP = 5
REWIND = "%s?_step=%d" % (RUN_ID, BRANCH_STEP)
FORK = "%s?_step=%d" % (SOURCE_RUN, BRANCH_STEP)
# The first release of each era of branching: `fork_from` (0.16.5) and `resume_from` (0.17.1)
# in the Python sender, the started-run check and the one-of-three rule (0.17.8), wandb-core
# (0.18.0, 0.18.7), the pydantic settings past their fork crash (0.19.1), the rewind that lost
# its id (0.19.5) and got it back (0.19.9), the self-fork rewound (0.20.0), and the newest.
VERSIONS = sorted(["0.16.5", "0.17.1", "0.17.8", "0.18.0", "0.18.7", "0.19.1", "0.19.5", "0.19.9", "0.20.0",
                   "0.31.0"], key=vkey)
# The job configurations, as a job script sets them, with the runs the server holds first.
LAUNCHES = [
    # Rewind the job's own run, the id given beside it.
    {"env": {"WANDB_RESUME_FROM": REWIND, "WANDB_RUN_ID": RUN_ID}, "seed": [RUN_ID]},
    # Rewind with no id: the run id comes from resume_from, or is generated (0.19.5-0.19.8).
    {"env": {"WANDB_RESUME_FROM": REWIND}, "seed": [RUN_ID]},
    # Rewind a run W&B does not hold.
    {"env": {"WANDB_RESUME_FROM": REWIND, "WANDB_RUN_ID": RUN_ID}, "seed": []},
    # Rewind beside resume=allow (refused together from 0.17.x on).
    {"env": {"WANDB_RESUME_FROM": REWIND, "WANDB_RUN_ID": RUN_ID, "WANDB_RESUME": "allow"}, "seed": [RUN_ID]},
    # Fork, the new run's id generated at each launch.
    {"env": {"WANDB_FORK_FROM": FORK}, "seed": [SOURCE_RUN]},
    # Fork into a fixed id: the first launch creates that run, the restarts meet it.
    {"env": {"WANDB_FORK_FROM": FORK, "WANDB_RUN_ID": RUN_ID}, "seed": [SOURCE_RUN]},
    # A fork naming the run's own id (refused, then rewound from 0.20.0).
    {"env": {"WANDB_FORK_FROM": REWIND, "WANDB_RUN_ID": RUN_ID}, "seed": [RUN_ID]},
    # Fork beside the auto-resume file.
    {"env": {"WANDB_FORK_FROM": FORK, "WANDB_RESUME": "auto"}, "seed": [SOURCE_RUN]},
    # The same rewind and fork passed to wandb.init by the job script (0.16.5 knows no
    # resume_from, and raises).
    {"env": {}, "id": RUN_ID, "resumeFrom": REWIND, "seed": [RUN_ID]},
    {"env": {}, "forkFrom": FORK, "seed": [SOURCE_RUN]},
]
# The launch's keys for wandb.init's branching arguments.
INIT_ARGUMENTS = {"forkFrom": "fork_from", "resumeFrom": "resume_from"}
# The operations that say what an attempt asked of W&B before it started the run: whether it
# rewound a run and whether it asked if the run exists. (The run's upsert is not among them: on
# 0.19.9 it came before or after the rewind, or past the attempt's end, from one run to the
# next.)
TELLING_OPERATIONS = ("RewindRun", "RunResumeStatus")
# How each attempt ends, and where each restart runs (generate_timelines.py's names).
SEQUENCES = [
    [("sigkill", None), ("exception", "sameDirectory"), ("finish", "sameDirectory")],
    [("finish", None), ("sigterm", "newMachine"), ("exit", "sameDirectory")],
]


def all_cases():
    cases = []
    for launch in LAUNCHES:
        for sequence in SEQUENCES:
            attempts = [dict({"ending": ending}, **({"where": where} if where else {})) for ending, where in sequence]
            recorded = {"resume": None, "id": launch.get("id"), "env": launch["env"]}
            recorded.update((key, launch[key]) for key in INIT_ARGUMENTS if key in launch)
            cases.append({"launch": recorded, "seed": launch["seed"], "attempts": attempts})
    return cases


def run_timeline(py, server, case):
    """Every attempt of one timeline, on a server that holds the case's seeded runs only."""
    branch_server.seed(server, case["seed"])
    root = tempfile.mkdtemp(prefix="wbbranch_")
    try:
        places, results = Places(root), []
        for attempt in case["attempts"]:
            home, cwd = places.enter(attempt.get("where"))
            before = len(server.operations)
            out = run_attempt(py, server, with_arguments(case), attempt, home, cwd)
            if "raised" not in out:
                # What a launch that raised asked varies with when its processes stopped.
                out["operations"] = sorted(set(server.operations[before:]) & set(TELLING_OPERATIONS))
            results.append(out)
            if machine_failure(out):
                break
        return results
    finally:
        shutil.rmtree(root, ignore_errors=True)


def with_arguments(case):
    """`case` as run_attempt starts it: the launch's branching arguments handed to
    branch_timeline_driver.py through its environment."""
    launch = case["launch"]
    extra = {arg: launch[key] for key, arg in INIT_ARGUMENTS.items() if key in launch}
    if not extra:
        return case
    env = dict(launch["env"], CONFORMANCE_INIT_ARGUMENTS=json.dumps(extra))
    return dict(case, launch=dict(launch, env=env))


class _Subprocess:
    """generate_timelines.py's `subprocess`: its run_attempt starts branch_timeline_driver.py in
    place of timeline_driver.py."""

    def __getattr__(self, name):
        return getattr(subprocess, name)

    @staticmethod
    def Popen(args, **kwargs):  # noqa: N802 - subprocess's name
        driver = os.path.join(HERE, "timeline_driver.py")
        args = [os.path.join(HERE, "branch_timeline_driver.py") if a == driver else a for a in args]
        return subprocess.Popen(args, **kwargs)


def process_version(version, args):
    """generate_timelines.py's runner (retries on a failing machine, the names of generated
    ids), with this family's cases, server and seeding in place of its own."""
    generate_timelines.all_cases = all_cases
    generate_timelines.run_timeline = run_timeline
    generate_timelines.timeline_server = branch_server
    generate_timelines.subprocess = _Subprocess()
    return generate_timelines.process_version(version, args)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    ap.add_argument("--cases", type=case_slice, default=slice(None),
                    help="only the timelines N (the first N: a quick look) or A:B (as Python slices them)")
    args = parse_args(ap, "branch-timeline-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    write_vectors(args.out, SCHEMA, SOURCE_FILES,
                  {"runId": RUN_ID, "sourceRun": SOURCE_RUN, "branchStep": BRANCH_STEP,
                   "lastStep": branch_server.fake_server.LAST_STEP},
                  all_cases()[args.cases], results, packages, t0)


if __name__ == "__main__":
    main()
