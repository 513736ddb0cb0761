#!/usr/bin/env python3
"""Generate the mixed timeline vectors: random job configurations, each launched, ended a
random way and restarted twice in a random place, against a server that may already hold the
job's run — what each release's complete `wandb.init` does on every attempt.

    python3 tests/conformance/generate_mixed_timelines.py               # the releases below
    python3 tests/conformance/generate_mixed_timelines.py --versions 0.31.0 --cases 4

The timeline vectors (generate_timelines.py) cross 21 chosen launches with four chosen
sequences of ends and places; the branching ones (generate_branch_timelines.py) ten branching
launches with two. A rule that holds in each can still meet another across a restart in a way
no grid put side by side — the mixed vectors (generate_mixed.py) found such meetings for one
launch, offline. These timelines are drawn from a seeded random generator (the same ones on
every run and every release): `resume=` and `id=`, `WANDB_RESUME` and `WANDB_RUN_ID`, an
offline mode from `WANDB_MODE` or `mode=`, the service process off, the resume configuration
in `settings=` (an object or a dict), a rewind or a fork from `wandb.init` or its variable,
the runs the server holds before the first launch (`seed`: the job's own run, an earlier job's
run a fork starts from), and three attempts, each ended one of generate_endings.py's ways, the
restarts in the same directory, another directory or on another machine.

One run id serves every source (`job-run`; which source names the run is what the main and
mixed vectors vary), and `auto`, which 0.9.x takes for a run id when `resume="auto"`, is kept
as the fixed id it is where generate_timelines.py's `named` writes generated ids `<new-N>`.
Each timeline gets a server of its own (on a new port, shut down after its last attempt): a
process a launch left behind (0.17.0's service, after the sender refused a fork beside
`resume`) upserted the run into the next timeline's server when they shared one. Not drawn: the disabled mode and online modes over offline ones (the
launch never asks the server; the mode vectors), sweeps (the fake server answers no sweep),
the settings file and the settings' own mode (the timeline driver passes neither).

generate_branch_timelines.py's runner runs them (its cases, and `mode` among the arguments it
hands the driver, are set here), on generate_timelines.py's releases, so no other generator's
fingerprint changes. Writes mixed-timeline-vectors.json next to this file;
tests/mixed_timeline_conformance.rs and tests/js/timeline-conformance.test.mjs replay it
against `simulate`. See NOTES.md.
"""

import argparse
import functools
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import branch_server  # noqa: E402
import generate_branch_timelines  # noqa: E402
import generate_timelines  # noqa: E402
from generate_branch_timelines import FORK, REWIND, SOURCE_RUN  # noqa: E402
from generate_endings import ENDINGS  # noqa: E402
from generate_server import parse_args, run_versions, write_vectors  # noqa: E402
from generate_timelines import RUN_ID, VERSIONS, case_slice  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_mixed_timelines.py"] + generate_branch_timelines.SOURCE_FILES
SEED = 20261208
CASE_COUNT = 60
ABSENT = None
# Each part of a launch, ABSENT weighted by repetition.
RESUME_ARGS = [ABSENT] * 3 + [True, False, "allow", "must", "never", "auto"]
RUN_IDS = [ABSENT] * 2 + [RUN_ID]
ENV_RESUMES = [ABSENT] * 3 + ["allow", "must", "never", "auto"]
OFFLINE_MODES = ["offline", "dryrun"]
SETTINGS_RESUMES = [True, "allow", "must", "never", "auto"]
# Where each restart runs (generate_timelines.py's places), the same directory most often.
PLACES = ["sameDirectory", "sameDirectory", "sameFilesystem", "newMachine"]
# The share of launches with each of the rarer parts.
OFFLINE_SHARE = 0.25
SERVICE_OFF_SHARE = 0.17
SETTINGS_SHARE = 0.3
BRANCH_SHARE = 0.2
SEEDED_SHARE = 0.35
ATTEMPTS = 3
# The run ids a launch names: the job's, and 0.9.x's reading of `resume="auto"`.
KEPT_IDS = (RUN_ID, "auto")
BRANCH_RUN_TIMELINE = generate_branch_timelines.run_timeline
NAMED = generate_timelines.named


def all_cases():
    """CASE_COUNT timelines drawn with SEED, in generate_branch_timelines.py's form."""
    rng = random.Random(SEED)
    return [draw_case(rng) for _ in range(CASE_COUNT)]


def draw_case(rng):
    """One timeline: a launch (`resume`, `id`, `env`, and `mode`, `settings`, `forkFrom`,
    `resumeFrom` where it passes them), the runs the server holds first, and the attempts."""
    launch = {"resume": rng.choice(RESUME_ARGS), "id": rng.choice(RUN_IDS), "env": {}}
    env = launch["env"]
    resume = rng.choice(ENV_RESUMES)
    if resume is not ABSENT:
        env["WANDB_RESUME"] = resume
    if rng.random() < 0.3:
        env["WANDB_RUN_ID"] = RUN_ID
    if rng.random() < OFFLINE_SHARE:
        mode = rng.choice(OFFLINE_MODES)
        if rng.random() < 0.5:
            env["WANDB_MODE"] = mode
        else:
            launch["mode"] = mode
    if rng.random() < SERVICE_OFF_SHARE:
        env["WANDB_DISABLE_SERVICE"] = "true"
    if rng.random() < SETTINGS_SHARE:
        keys = [k for k in ["resume", "run_id"] if rng.random() < 0.6] or ["resume"]
        settings = {"form": rng.choice(["object", "dict"]), "keys": keys}
        if "resume" in keys:
            settings["resume"] = rng.choice(SETTINGS_RESUMES)
        if "run_id" in keys:
            settings["runId"] = RUN_ID
        launch["settings"] = settings
    seed = [RUN_ID] if rng.random() < SEEDED_SHARE else []
    if rng.random() < BRANCH_SHARE:
        fork = rng.random() < 0.5
        moment = FORK if fork else REWIND
        if rng.random() < 0.5:
            env["WANDB_FORK_FROM" if fork else "WANDB_RESUME_FROM"] = moment
        else:
            launch["forkFrom" if fork else "resumeFrom"] = moment
        if fork:
            seed.append(SOURCE_RUN)
    attempts = [{"ending": rng.choice(ENDINGS)}]
    attempts += [{"ending": rng.choice(ENDINGS), "where": rng.choice(PLACES)} for _ in range(ATTEMPTS - 1)]
    return {"launch": launch, "seed": seed, "attempts": attempts}


def run_timeline(py, _release_server, case):
    """generate_branch_timelines.py's timeline on a server of its own: nothing a process of an
    earlier timeline still sends reaches it."""
    server = branch_server.start()
    try:
        return BRANCH_RUN_TIMELINE(py, server, case)
    finally:
        server.shutdown()
        server.server_close()


def process_version(version, args):
    """generate_branch_timelines.py's runner with these cases, `mode=` handed to the driver as
    `fork_from` and `resume_from` are, a server per timeline and KEPT_IDS."""
    generate_branch_timelines.all_cases = all_cases
    generate_branch_timelines.run_timeline = run_timeline
    generate_branch_timelines.INIT_ARGUMENTS["mode"] = "mode"
    generate_timelines.named = functools.partial(NAMED, kept=KEPT_IDS)
    return generate_branch_timelines.process_version(version, args)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    ap.add_argument("--cases", type=case_slice, default=slice(None),
                    help="only the timelines N (the first N: a quick look) or A:B (as Python slices them)")
    args = parse_args(ap, "mixed-timeline-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    write_vectors(args.out, SCHEMA, SOURCE_FILES,
                  {"runId": RUN_ID, "sourceRun": SOURCE_RUN, "branchStep": generate_branch_timelines.BRANCH_STEP,
                   "lastStep": generate_branch_timelines.branch_server.fake_server.LAST_STEP, "seed": SEED,
                   "drawnCases": CASE_COUNT},
                  all_cases()[args.cases], results, packages, t0)


if __name__ == "__main__":
    main()
