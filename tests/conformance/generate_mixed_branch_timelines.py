#!/usr/bin/env python3
"""Generate the mixed branching timelines: random job configurations that each rewind or fork,
launched, ended a random way and restarted twice in a random place — what each release's
complete `wandb.init` does on every attempt.

    python3 tests/conformance/generate_mixed_branch_timelines.py               # the releases below
    python3 tests/conformance/generate_mixed_branch_timelines.py --versions 0.31.0 --cases 4

generate_mixed_timelines.py draws every part about as often as a job script has it, and a
`resume` so often that every rewind it drew came beside one — which every release that knows
`resume_from` refuses before it reaches W&B. This draw is the same generator at other shares:
every launch rewinds the job's run or forks another one (from `wandb.init` or its variable),
a `resume` comes in about two launches of five (`resume=`, `WANDB_RESUME`, or `settings=`, whose
keys are mostly the run id), and the job's run is on the server before the first launch in
three of four, so most rewinds reach a run they can rewind, and restarts meet a run their own
first attempt rewound or forked.

Runs on generate_branch_timelines.py's releases (the eras of branching, 0.16.5 on; older ones
do not know the arguments) and on 0.19.6 and 0.19.7, either side of the mailbox rewrite that
changed what `wandb.init` raises when the Python backend's process dies (the service off),
through generate_mixed_timelines.py's runner, with a server per timeline. Writes mixed-branch-timeline-vectors.json next to this file;
tests/mixed_timeline_conformance.rs and tests/js/timeline-conformance.test.mjs replay it
against `simulate`. See NOTES.md.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_branch_timelines  # noqa: E402
import generate_mixed_timelines  # noqa: E402
from generate_mixed_timelines import ABSENT, MIXED_DRAW, RESUME_ARGS, ENV_RESUMES, draw_cases  # noqa: E402
from generate_server import vkey  # noqa: E402

SOURCE_FILES = ["generate_mixed_branch_timelines.py"] + generate_mixed_timelines.SOURCE_FILES
# The branching releases, and the last release before the mailbox rewrite and the first after.
VERSIONS = sorted(generate_branch_timelines.VERSIONS + ["0.19.6", "0.19.7"], key=vkey)
SEED = 20261209
CASE_COUNT = 50
# The mixed draw with a branch in every launch, a `resume` in fewer and the job's run on the
# server in most.
BRANCH_DRAW = MIXED_DRAW._replace(
    resume_args=[ABSENT] * 20 + [value for value in RESUME_ARGS if value is not ABSENT],
    env_resumes=[ABSENT] * 16 + [value for value in ENV_RESUMES if value is not ABSENT],
    settings_share=0.25, settings_keys={"resume": 0.2, "run_id": 0.8}, settings_fallback="run_id",
    seeded_share=0.75, branch_share=1.0)


def all_cases():
    """CASE_COUNT timelines drawn with SEED at BRANCH_DRAW's shares."""
    return draw_cases(SEED, CASE_COUNT, BRANCH_DRAW)


def main():
    generate_mixed_timelines.SOURCE_FILES = SOURCE_FILES
    generate_mixed_timelines.all_cases = all_cases
    generate_mixed_timelines.main(__doc__, "mixed-branch-timeline-vectors.json", VERSIONS,
                                  {"seed": SEED, "drawnCases": CASE_COUNT})


if __name__ == "__main__":
    main()
