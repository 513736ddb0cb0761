#!/usr/bin/env python3
"""Generate the mode vectors: what each wandb release does with a resume configuration when
`WANDB_MODE` or `wandb.init(mode=…)` makes the run offline or disabled (or names the online
mode).

    python3 tests/conformance/generate_modes.py                 # 19 releases
    python3 tests/conformance/generate_modes.py --versions 0.30.0 0.31.0 --jobs 2

Offline, `wandb.init` never asks W&B about the run: the resume setting is not applied at
launch (0.12.0–0.30.0 say so in a warning), and everything else — the settings checks, the
run id, the auto-resume file — is what the online launch does. A case runs with exactly its
own `WANDB_MODE` (none when it has none), so `mode=` alone is seen as users run it: 0.10.3-0.10.8
log in before applying it, and without an API key raise. Each offline case runs the
release's complete, unmodified `wandb.init` in a fresh process (driver.py's `real` mode, so
the warning, printed after the settings are settled, is seen); the cases that name an online
mode run through the batch driver (which stops before the backend) with a dummy API key and
a server address nothing answers on, one process per case. `mode_driver.py` passes
`init.mode` as the `mode` keyword.

Disabled (`disabled`, called `noop` before 0.10.10), `wandb.init` returns a run that logs
nothing anywhere; the cases run the complete `wandb.init` as the offline ones do, with more
configurations — ones some releases refuse — to show which checks still raise.

Writes mode-vectors.json next to this file; tests/mode_conformance.rs and
tests/js/mode-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import venvs  # noqa: E402
from generate import MAIN_VERSIONS, run_checked, vkey  # noqa: E402
from generate_server import log, parse_args, run_versions, write_vectors  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_modes.py", "mode_driver.py", "driver.py", "venvs.py"]
# The main releases, the neighbours of the offline warning's first and last release, and the
# releases that log in before applying `mode=` (0.10.3-0.10.8) with the first that does not.
# 0.10.2 is left out: the driver's stub of its viewer query (driver.py) makes its online login
# fail, which a real key would not; the wider sample covers its offline cases.
# Disabled: 0.10.9 is the last release whose mode is called `noop`, 0.10.10 the first with
# `disabled`; 0.10.18 the last whose disabled run is a placeholder without an id, 0.10.19 the
# first giving it a fresh one; 0.10.29 the last making the run directory, 0.10.30 the first
# skipping it; 0.17.6 the last whose service process `WANDB_MODE=disabled` leaves on, 0.17.7
# the first turning it off (0.17.8 prints its deprecation warning), 0.18.0 the last and 0.18.1
# the first leaving it on again; 0.28.0 the last with a fresh id, 0.29.0 the first keeping the
# settled one.
VERSIONS = sorted(
    MAIN_VERSIONS
    + ["0.10.3", "0.10.8", "0.10.9", "0.10.10", "0.10.18", "0.10.19", "0.10.29", "0.10.30", "0.11.2", "0.12.0",
       "0.17.6", "0.17.7", "0.18.0", "0.18.1", "0.28.0", "0.29.0", "0.30.0"],
    key=vkey,
)
CONFIGS = [
    {"init": {"resume": "must", "id": "abc"}},
    {"init": {"resume": "auto"}},
    {"init": {"resume": True}, "context": {"resumeFile": "prev1"}},
    {"env": {"WANDB_RESUME": "allow", "WANDB_RUN_ID": "abc"}},
    {"init": {"id": "abc"}},
    {"init": {"resume": "never", "id": "abc"}},
]
OFFLINE_SOURCES = [
    {"env": {"WANDB_MODE": "offline"}},
    {"env": {"WANDB_MODE": "dryrun"}},
    {"init": {"mode": "offline"}},
    {"init": {"mode": "dryrun"}},
    {"env": {"WANDB_MODE": "online"}, "init": {"mode": "offline"}},
]
ONLINE_SOURCES = [
    {"env": {"WANDB_MODE": "online"}},
    {"env": {"WANDB_MODE": "run"}},
    {"env": {"WANDB_MODE": "offline"}, "init": {"mode": "online"}},
]
DISABLED_SOURCES = [
    {"env": {"WANDB_MODE": "disabled"}},
    {"init": {"mode": "disabled"}},
    {"env": {"WANDB_MODE": "online"}, "init": {"mode": "disabled"}},
    {"env": {"WANDB_MODE": "offline"}, "init": {"mode": "disabled"}},
    {"env": {"WANDB_MODE": "disabled"}, "init": {"mode": "offline"}},
]
NOOP_SOURCES = [
    {"env": {"WANDB_MODE": "noop"}},
    {"init": {"mode": "noop"}},
]
# Configurations some releases refuse, to see which checks a disabled launch still meets.
REFUSED_CONFIGS = [
    {"init": {"resume": "must"}},
    {"init": {"id": "a/b"}},
    {"init": {"resume": "bogus"}},
    {"init": {"resumeFrom": "abc"}},
    {"init": {"resume": "allow", "forkFrom": "abc?_step=5"}},
    {"init": {"id": "x" * 240}},
    {"init": {"id": "a\u0000b"}},
]
# Online: login finds a key and the settings are captured before anything reaches the server.
ONLINE_ENV = {"WANDB_API_KEY": "0" * 40, "WANDB_BASE_URL": "http://127.0.0.1:9"}


def merge(source, config):
    case = {}
    env = dict(source.get("env", {}), **config.get("env", {}))
    if env:
        case["env"] = env
    init = dict(source.get("init", {}), **config.get("init", {}))
    if init:
        case["init"] = init
    if "context" in config:
        case["context"] = config["context"]
    return case


def all_cases():
    cases = [dict(merge(s, c), _real=True) for s in OFFLINE_SOURCES for c in CONFIGS]
    cases += [dict(merge(s, c), _real=True) for s in DISABLED_SOURCES for c in CONFIGS]
    cases += [dict(merge(s, c), _real=True) for s in NOOP_SOURCES for c in CONFIGS[:2]]
    cases += [dict(merge(s, c), _real=True) for s in DISABLED_SOURCES[:2] for c in REFUSED_CONFIGS]
    cases += [merge(s, CONFIGS[0]) for s in ONLINE_SOURCES]
    return cases


def run_case(py, version, case, driver="mode_driver.py"):
    """One case in its own process: `driver real` (the complete `wandb.init`) when the case is
    marked `_real`, `driver batch` with the dummy key otherwise. generate_settings.py runs its
    cases the same way through settings_driver.py."""
    with tempfile.TemporaryDirectory(prefix="wbmode_") as tmp:
        op = os.path.join(tmp, "out.json")
        clean = {k: v for k, v in case.items() if not k.startswith("_")}
        if case.get("_real"):
            cp = os.path.join(tmp, "case.json")
            if version.startswith("0.9."):
                clean["_lineage"] = "L0"
            with open(cp, "w") as f:
                json.dump(clean, f)
            run_checked([py, os.path.join(HERE, driver), "real", cp, op], 600,
                        "%s case for %s" % (driver, version))
            with open(op) as f:
                r = json.load(f)
            r.pop("output", None)
            return r
        cp = os.path.join(tmp, "cases.json")
        clean["env"] = dict(clean.get("env", {}), **ONLINE_ENV)
        with open(cp, "w") as f:
            json.dump([clean], f)
        run_checked([py, os.path.join(HERE, driver), "batch", cp, op], 600,
                    "online %s case for %s" % (driver, version))
        with open(op) as f:
            r = json.load(f)["results"][0]
        r.pop("seconds", None)
        return r


def process_version(version, args, cases=None, driver="mode_driver.py"):
    """Every case (`all_cases()` by default) on one release, each through `driver`."""
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log)
    results = [run_case(py, version, c, driver) for c in (all_cases() if cases is None else cases)]
    log("%s: %d cases in %.0f s" % (version, len(results), time.time() - t0))
    return version, results, venvs.installed(py)


def recorded_cases(cases=None):
    """The cases (`all_cases()` by default) as the replays read them: the online ones with the
    dummy key they ran with."""
    out = []
    for c in all_cases() if cases is None else cases:
        real = c.pop("_real", False)
        if not real:
            c["env"] = dict(c.get("env", {}), **ONLINE_ENV)
        out.append(c)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "mode-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    meta = {"offlineSources": OFFLINE_SOURCES, "onlineSources": ONLINE_SOURCES, "configs": CONFIGS,
            "disabledSources": DISABLED_SOURCES, "noopSources": NOOP_SOURCES,
            "refusedConfigs": REFUSED_CONFIGS, "onlineEnv": ONLINE_ENV}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, recorded_cases(), results, packages, t0)


if __name__ == "__main__":
    main()
