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
import collections
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
ATTEMPTS = 3
# How often each part comes in a draw: the choices for `resume=` and `WANDB_RESUME`, and the
# share of launches with each of the rarer parts (`settings_keys`: of a `settings=`, the share
# that names each key, and the key it names when the draw picked none).
Draw = collections.namedtuple("Draw", [
    "resume_args", "env_resumes", "env_run_id_share", "offline_share", "service_off_share",
    "settings_share", "settings_keys", "settings_fallback", "seeded_share", "branch_share"])
# This family's draw: every part about as often as a job script has it.
MIXED_DRAW = Draw(resume_args=RESUME_ARGS, env_resumes=ENV_RESUMES, env_run_id_share=0.3,
                  offline_share=0.25, service_off_share=0.17, settings_share=0.3,
                  settings_keys={"resume": 0.6, "run_id": 0.6}, settings_fallback="resume",
                  seeded_share=0.35, branch_share=0.2)
# The run ids a launch names: the job's, and 0.9.x's reading of `resume="auto"`.
KEPT_IDS = (RUN_ID, "auto")
BRANCH_RUN_TIMELINE = generate_branch_timelines.run_timeline
NAMED = generate_timelines.named


def all_cases():
    """CASE_COUNT timelines drawn with SEED, in generate_branch_timelines.py's form."""
    return draw_cases(SEED, CASE_COUNT, MIXED_DRAW)


def draw_cases(seed, count, draw):
    """`count` timelines drawn with `seed` at `draw`'s shares."""
    rng = random.Random(seed)
    return [draw_case(rng, draw) for _ in range(count)]


def draw_case(rng, draw):
    """One timeline: a launch (`resume`, `id`, `env`, and `mode`, `settings`, `forkFrom`,
    `resumeFrom` where it passes them), the runs the server holds first, and the attempts."""
    launch = {"resume": rng.choice(draw.resume_args), "id": rng.choice(RUN_IDS), "env": {}}
    env = launch["env"]
    resume = rng.choice(draw.env_resumes)
    if resume is not ABSENT:
        env["WANDB_RESUME"] = resume
    if rng.random() < draw.env_run_id_share:
        env["WANDB_RUN_ID"] = RUN_ID
    if rng.random() < draw.offline_share:
        mode = rng.choice(OFFLINE_MODES)
        if rng.random() < 0.5:
            env["WANDB_MODE"] = mode
        else:
            launch["mode"] = mode
    if rng.random() < draw.service_off_share:
        env["WANDB_DISABLE_SERVICE"] = "true"
    if rng.random() < draw.settings_share:
        keys = [k for k in ["resume", "run_id"] if rng.random() < draw.settings_keys[k]] or [draw.settings_fallback]
        settings = {"form": rng.choice(["object", "dict"]), "keys": keys}
        if "resume" in keys:
            settings["resume"] = rng.choice(SETTINGS_RESUMES)
        if "run_id" in keys:
            settings["runId"] = RUN_ID
        launch["settings"] = settings
    seed = [RUN_ID] if rng.random() < draw.seeded_share else []
    if rng.random() < draw.branch_share:
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


def main(description=__doc__, out="mixed-timeline-vectors.json", versions=VERSIONS, draw_meta=None):
    """Runs the draw (this module's `all_cases`, which another draw's generator replaces) on
    `versions` and writes `out`; `draw_meta` is the draw's part of the file's meta."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(versions))
    ap.add_argument("--cases", type=case_slice, default=slice(None),
                    help="only the timelines N (the first N: a quick look) or A:B (as Python slices them)")
    args = parse_args(ap, out)
    t0 = time.time()
    results, packages = run_versions(args.versions or versions, args, process_version)
    meta = {"runId": RUN_ID, "sourceRun": SOURCE_RUN, "branchStep": generate_branch_timelines.BRANCH_STEP,
            "lastStep": generate_branch_timelines.branch_server.fake_server.LAST_STEP}
    meta.update(draw_meta or {"seed": SEED, "drawnCases": CASE_COUNT})
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, all_cases()[args.cases], results, packages, t0)


if __name__ == "__main__":
    main()
