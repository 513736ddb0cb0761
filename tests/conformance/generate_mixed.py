#!/usr/bin/env python3
"""Generate the mixed vectors: random launches that combine what the other generators vary one
family at a time — `resume=`, `id=`, `mode=`, `resume_from=` / `fork_from=`, `settings=` with
its own mode, resume and run id, `WANDB_RESUME`, `WANDB_RUN_ID`, a sweep, `WANDB_RESUME_FROM`
/ `WANDB_FORK_FROM`, the resume file (as wandb writes it, or other text) and the workspace
settings file — and what each release's `wandb.init` makes of them.

    python3 tests/conformance/generate_mixed.py                 # every release below
    python3 tests/conformance/generate_mixed.py --versions 0.12.16 0.19.0 --jobs 2

The other vectors cross a family with a chosen few of the rest; a rule that holds alone can
still meet another in a way no grid put side by side. These cases are drawn from a seeded
random generator (the same cases on every run and every release), after a few pinned ones
(launches an earlier draw found the engine wrong on), each release's in one
process through the batch driver (`mixed_driver.py batch`: the release's own `wandb.init` up
to the backend), offline as the main vectors run (`WANDB_MODE=offline` beside each case's
variables; a dummy key, so nothing waits for a login). Left out, because the batch driver
stops before they act or the launch would go online and wait on a login: the disabled mode,
the service process and its variables, online modes (refused by the engine over an offline
`WANDB_MODE` anyway), and 0.18.1-0.18.7 (a settings object launches online there). A second
draw (WIDE_SEED) adds what the engine refused when the first was made: `settings=` beside the
settings file, and a settings mode beside `mode=` under the variable; the first draw's cases
stay as they were, so a rerun compares with the committed results (compare_rerun.py).

A launch whose outcome a backend process can still change when the run starts (more than one
of `resume`, `resume_from`, `fork_from`; a `fork_from` naming the run; a `resume_from` naming
another run: generate.py's `needs_backend`) runs again through the release's complete
`wandb.init` (`mixed_driver.py real`), whose result replaces the batch one (`fullInit`):
backend_checks.py, as the main vectors record such launches.

Writes mixed-vectors.json next to this file; tests/mixed_conformance.rs and
tests/js/mixed-conformance.test.mjs replay it against `decide`, leaving out what the engine
refuses as not modelled (they bound how many). See NOTES.md.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import backend_checks  # noqa: E402
from generate import CHILD_ENV, run_checked, vkey  # noqa: E402
import venvs  # noqa: E402
from generate_modes import ONLINE_ENV  # noqa: E402
from generate_server import log, parse_args, run_versions, write_vectors  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_mixed.py", "backend_checks.py", "mixed_driver.py", "settings_driver.py",
                "settings_file_driver.py", "resume_text_driver.py", "mode_driver.py", "driver.py", "venvs.py",
                "generate.py"]
DRIVER = "mixed_driver.py"
SEED = 20261206
CASE_COUNT = 1000
# A second draw, after the engine began answering a settings mode beside `mode=` and the
# settings file beside `settings=`: half of it each.
WIDE_SEED = 20261207
WIDE_COUNT = 200
WIDENINGS = ["file", "mode"]
# Each lineage but 0.9.x and each boundary of the families above, from both sides where the
# boundary is not inside 0.18.1-0.18.7. 0.9.x knows none of the arguments but `resume=` and
# `id=` (the main vectors cross those with the variables and the file) and takes ≈ 2 s a
# launch in the batch driver: 35 minutes for these cases.
VERSIONS = sorted(
    ["0.10.3", "0.10.33", "0.11.2", "0.12.9", "0.12.10", "0.12.15", "0.12.16",
     "0.12.21", "0.13.11", "0.14.1", "0.15.5", "0.15.6", "0.15.12", "0.16.1", "0.16.2", "0.16.5", "0.17.0",
     "0.17.8", "0.18.0", "0.19.0", "0.19.9", "0.20.1", "0.21.0", "0.25.0", "0.29.0", "0.31.0"],
    key=vkey,
)
LAUNCH_ENV = dict(ONLINE_ENV, WANDB_MODE="offline")
ABSENT = object()

# Each part of a launch: the values a job would use, then values some release rejects or reads
# its own way. ABSENT (the part left out) is weighted by repetition. A case draws from the
# first list only, or, one case in TROUBLE_SHARE, from both (a launch with every part drawn
# from both fails on one of them almost always, and shows nothing else).
TROUBLE_SHARE = 0.3
RESUME_ARGS = ([ABSENT] * 4 + [True, False, "allow", "must", "never", "auto"], ["prev1", "sometimes", None])
RUN_IDS = ([ABSENT] * 4 + ["xyz", "prev1"], ["", "a/b", " abc"])
MODES = ([ABSENT] * 6 + ["offline", "dryrun"], [])
MOMENTS = ([ABSENT] * 16 + ["prev1?_step=10"], ["prev1?_step=1e3", "prev1?_step=-1", "prev1"])
ENV_RESUMES = ([ABSENT] * 4 + ["allow", "must", "never", "auto"], ["true", "", "sometimes"])
ENV_RUN_IDS = ([ABSENT] * 3 + ["env1", "prev1"], ["", "a/b"])
SWEEPS = ([ABSENT] * 6 + ["sw1"], [])
SETTINGS_FORMS = ([ABSENT] * 3 + ["object", "dict"], [])
SETTINGS_VALUES = {"mode": (["offline", "dryrun"], []), "resume": ([True, "allow", "must", "never", "auto"], [False, "abc"]),
                   "run_id": (["abc", "prev1"], ["", "a/b"])}
SETTINGS_KEYS = ["mode", "resume", "run_id", "console"]
FILES = ([ABSENT] * 4 + ["prev1", "xyz"], [])
FILE_TEXTS = (['{"run_id": "prev1"}', '{"run_id": "prev1", "x": 1}'],
              ["{}", '{"run_id": 5}', "not json", "", '{"run_id": ""}', '{"run_id": "prev1"}{'])
SETTINGS_FILES = ([ABSENT] * 5 + [{"mode": "offline"}], [])


# Launches the first draw found the engine wrong on, kept whatever the draw: a call's
# `resume="<run id>"` beside the settings' run_id (below the arguments, 0.12.10+) and beside an
# object's resume (over them, 0.10.0-0.12.9), `resume=""` beside the settings' run_id, and an
# object's run_id over `id=` in a sweep (0.10.22-0.12.9 drop `id=` first, with a warning).
PINNED_CASES = [
    {"init": {"resume": "sometimes", "settings": {"form": form, "keys": ["run_id"], "runId": "abc"}}}
    for form in ["object", "dict"]
] + [
    {"init": {"resume": "", "settings": {"form": "dict", "keys": ["run_id"], "runId": "abc"}}},
    {"init": {"resume": "prev1", "settings": {"form": "object", "keys": ["resume"], "resume": "must"}}},
    {"init": {"resume": "prev1", "settings": {"form": "object", "keys": ["resume"], "resume": "must"}},
     "env": {"WANDB_RUN_ID": "env1"}},
    {"init": {"resume": "prev1", "id": "xyz", "settings": {"form": "object", "keys": ["resume"], "resume": "must"}}},
    {"init": {"id": "xyz", "settings": {"form": "object", "keys": ["run_id"], "runId": "abc"}},
     "env": {"WANDB_SWEEP_ID": "sw1", "WANDB_RUN_ID": "sweeprun"}},
    # A second draw: in a sweep (which drops `id=`) the call's resume string names the run
    # under an object's resume.
    {"init": {"id": "xyz", "resume": "sometimes", "settings": {"form": "object", "keys": ["resume"], "resume": "never"}},
     "env": {"WANDB_SWEEP_ID": "sw1"}},
] + [
    # And 0.19.0+ merge wandb.init's settings onto the environment in the order of a Python
    # set: a run moment meets WANDB_RUN_ID or the call's id depending on the hash seed. These
    # also run under ORDER_SEEDS (`hashSeeds` in their results).
    {"init": {"forkFrom": "prev1?_step=10", "id": "xyz"}, "env": {"WANDB_RUN_ID": "prev1"}, "_order": True},
    {"init": {"resumeFrom": "prev1?_step=10", "id": "prev1"}, "env": {"WANDB_RUN_ID": "other"}, "_order": True},
    {"init": {"resumeFrom": "prev1?_step=10", "id": "prev1"}, "env": {"WANDB_RUN_ID": "prev1"}, "_order": True},
]
# The hash seeds the order cases run under besides 0 (every case runs with
# PYTHONHASHSEED=0, generate.py's CHILD_ENV).
ORDER_SEEDS = [1, 2, 3, 4, 5]


def all_cases():
    """PINNED_CASES, then CASE_COUNT launches drawn with SEED, then WIDE_COUNT drawn with
    WIDE_SEED where the settings meet the settings file or `mode=`; each as the engine's input
    (LAUNCH_ENV included)."""
    cases = [dict({k: v for k, v in c.items() if k != "_order"}, env=dict(c.get("env", {}), **LAUNCH_ENV))
             for c in PINNED_CASES]
    rng = random.Random(SEED)
    cases += [draw_case(rng) for _ in range(CASE_COUNT)]
    wide = random.Random(WIDE_SEED)
    cases += [draw_case(wide, WIDENINGS[i % len(WIDENINGS)]) for i in range(WIDE_COUNT)]
    return cases


def draw_case(rng, widening=None):
    """One launch drawn from `rng`. Without `widening`, as the first draw made them: no settings
    mode beside `mode=`, no settings file beside `settings=` (the engine refused both then).
    With "file", a `settings=` beside the settings file `wandb offline` writes; with "mode", a
    settings mode beside an offline `mode=` (and so beside WANDB_MODE=offline): the settings-file-
    key and settings-mode-pair vectors' combinations, among everything else drawn as usual."""
    trouble = rng.random() < TROUBLE_SHARE

    def draw(values):
        usual, odd = values
        return rng.choice(usual + odd if trouble else usual)

    init, env, context = {}, {}, {}
    for key, values in [("resume", RESUME_ARGS), ("id", RUN_IDS), ("mode", MODES), ("resumeFrom", MOMENTS),
                        ("forkFrom", MOMENTS)]:
        value = draw(values)
        if value is not ABSENT:
            init[key] = value
    if widening == "mode" and "mode" not in init:
        init["mode"] = rng.choice(MODES[0][-2:])
    form = draw(SETTINGS_FORMS)
    if widening is not None and form is ABSENT:
        form = rng.choice(SETTINGS_FORMS[0][-2:])
    if form is not ABSENT:
        keys = [k for k in SETTINGS_KEYS
                if rng.random() < 0.4 and (widening is not None or not (k == "mode" and "mode" in init))]
        if widening == "mode" and "mode" not in keys:
            keys = ["mode"] + keys
        settings = {"form": form, "keys": keys}
        for k in keys:
            if k != "console":
                settings["runId" if k == "run_id" else k] = draw(SETTINGS_VALUES[k])
        init["settings"] = settings
    for key, values in [("WANDB_RESUME", ENV_RESUMES), ("WANDB_RUN_ID", ENV_RUN_IDS), ("WANDB_SWEEP_ID", SWEEPS),
                        ("WANDB_RESUME_FROM", MOMENTS), ("WANDB_FORK_FROM", MOMENTS)]:
        value = draw(values)
        if value is not ABSENT:
            env[key] = value
    if rng.random() < 0.2:
        context["resumeFileText"] = draw(FILE_TEXTS)
    else:
        value = draw(FILES)
        if value is not ABSENT:
            context["resumeFile"] = value
    value = draw(SETTINGS_FILES)
    if widening == "file":
        value = SETTINGS_FILES[0][-1]
    if value is not ABSENT and (widening is not None or "settings" not in init):
        context["settingsFile"] = value
    case = {"env": dict(env, **LAUNCH_ENV)}
    if init:
        case["init"] = init
    if context:
        case["context"] = context
    return case


def process_version(version, args):
    """Every case on one release, in one batch process."""
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log)
    with tempfile.TemporaryDirectory(prefix="wbmixed_") as tmp:
        cp, op = os.path.join(tmp, "cases.json"), os.path.join(tmp, "out.json")
        with open(cp, "w") as f:
            json.dump(all_cases(), f)
        run_checked([py, os.path.join(HERE, DRIVER), "batch", cp, op], 3600, "%s for %s" % (DRIVER, version))
        with open(op) as f:
            results = json.load(f)["results"]
    if vkey(version) >= (0, 19, 0):
        order = [i for i, c in enumerate(PINNED_CASES) if c.get("_order")]
        for seed in ORDER_SEEDS:
            with tempfile.TemporaryDirectory(prefix="wbmixed_") as tmp:
                cp, op = os.path.join(tmp, "cases.json"), os.path.join(tmp, "out.json")
                with open(cp, "w") as f:
                    json.dump([all_cases()[i] for i in order], f)
                p = subprocess.run([py, os.path.join(HERE, DRIVER), "batch", cp, op], capture_output=True, text=True,
                                   timeout=600, env=dict(CHILD_ENV, PYTHONHASHSEED=str(seed)))
                if p.returncode != 0:
                    raise RuntimeError("%s for %s, hash seed %d: %s" % (DRIVER, version, seed, p.stderr[-3000:]))
                with open(op) as f:
                    for i, r in zip(order, json.load(f)["results"]):
                        results[i].setdefault("hashSeeds", {})[str(seed)] = r["rejected"] is True
    for r in results:
        r.pop("seconds", None)
    # The checks a backend process makes when the run starts, offline too, after everything
    # the batch driver runs: from the complete wandb.init. The launches are offline, so the
    # Python sender's check (online only) is not asked.
    with tempfile.TemporaryDirectory(prefix="wbmixed_") as tmp:
        backend_checks.record(py, version, DRIVER, all_cases(), results, tmp, log, sender=False)
    log("%s: %d cases in %.0f s" % (version, len(results), time.time() - t0))
    return version, results, venvs.installed(py)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "mixed-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    meta = {"seed": SEED, "pinnedCases": len(PINNED_CASES), "drawnCases": CASE_COUNT, "wideSeed": WIDE_SEED,
            "wideCases": WIDE_COUNT, "widenings": WIDENINGS, "launchEnv": LAUNCH_ENV, "orderSeeds": ORDER_SEEDS}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, all_cases(), results, packages, t0)


if __name__ == "__main__":
    main()
