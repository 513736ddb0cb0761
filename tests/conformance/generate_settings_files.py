#!/usr/bin/env python3
"""Generate the settings-file vectors: what each wandb release does with the run mode that
`wandb offline`, `wandb disabled` and `wandb enabled` leave in the workspace settings file
(`wandb/settings`), alone, under each `WANDB_MODE` and beside each `wandb.init(mode=…)`.

    python3 tests/conformance/generate_settings_files.py                 # 25 releases
    python3 tests/conformance/generate_settings_files.py --versions 0.23.1 0.24.1 --jobs 2

Clusters without internet run `wandb offline` once in the project directory; it writes
`mode = offline` under `[default]` in `wandb/settings` (up to 0.19.1 `disabled = true` too,
and `wandb online` of 0.19.2+ removes only the mode line), and every later launch there reads
it. The releases weigh the lines differently (NOTES.md): the `disabled` line makes 0.10.x–0.18.x
launch offline whatever `mode=` or `WANDB_MODE` say, 0.19.0–0.23.1 raise on it, and from
0.24.1 the file fails to load as a whole (wandb prints an error and ignores every line in it);
the mode line sits below `WANDB_MODE` and `mode=`, and 0.18.1–0.18.7 ignore it.

Each case runs in a fresh process through the batch driver with a dummy API key and a server
address nothing answers on (`settings_file_driver.py batch`, which stops before the backend);
where the launch is not online, the release's complete, unmodified `wandb.init` runs it again
(`settings_file_driver.py real`) and its result is kept, as generate_settings_modes.py does.
Six cases run that second time without the key, as an offline cluster does.

Writes settings-file-vectors.json next to this file; tests/settings_conformance.rs and
tests/js/settings-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from generate import vkey  # noqa: E402
import venvs  # noqa: E402
from generate_modes import CONFIGS, ONLINE_ENV, merge, run_case  # noqa: E402
from generate_server import log, parse_args, run_versions, write_vectors  # noqa: E402
from generate_settings_modes import OUTER_SOURCES, launched_online  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_settings_files.py", "generate_settings_modes.py", "generate_modes.py",
                "settings_file_driver.py", "mode_driver.py", "driver.py", "venvs.py"]
DRIVER = "settings_file_driver.py"
# Both sides of each boundary the probes showed: 0.10.9 / 0.10.10 (`disabled` becomes a mode),
# 0.10.8 / 0.10.9 and 0.12.9 / 0.12.10 (the login and `mode=` boundaries of the mode vectors),
# 0.17.6 / 0.17.7 / 0.17.8 (the disabled mode turns the service off, then warns), 0.18.0 /
# 0.18.1 (the mode line ignored), 0.18.7 / 0.19.0 (the pydantic settings raise on the
# `disabled` line), 0.23.1 / 0.24.1 (the file ignored as a whole when a line fails; 0.24.0,
# which raises, was yanked from PyPI), 0.28.0 / 0.29.0 (the disabled run keeps its id); 0.9.x
# is left out: the harness runs it in dryrun.
VERSIONS = sorted(
    ["0.10.3", "0.10.8", "0.10.9", "0.10.10", "0.10.33", "0.12.9", "0.12.10", "0.12.16", "0.14.1",
     "0.17.6", "0.17.7", "0.17.8", "0.18.0", "0.18.1", "0.18.7", "0.19.0", "0.19.9", "0.21.0",
     "0.23.1", "0.24.1", "0.28.0", "0.29.0", "0.31.0"],
    key=vkey,
)
CONFIG = {"init": {"resume": "must", "id": "abc"}}
# The `[default]` lines, as the CLI leaves them.
FILES = [
    {"disabled": "true", "mode": "offline"},   # wandb offline, up to 0.19.1
    {"mode": "offline"},                       # wandb offline, 0.19.2+
    {"mode": "disabled"},                      # wandb disabled
    {"mode": "online"},                        # wandb enabled
    {"disabled": "true"},                      # an older wandb offline, then a 0.19.2+ wandb online
    {"disabled": "true", "mode": "disabled"},  # wandb offline (up to 0.19.1), then wandb disabled
    {"disabled": "true", "mode": "online"},    # wandb offline (up to 0.19.1), then wandb enabled
]
# What the file's offline launch does to each resume configuration (as WANDB_MODE=offline's).
OFFLINE_FILES = [{"mode": "offline"}, {"disabled": "true"}]
# Configurations some releases refuse: which error comes first beside a `disabled` line.
REFUSED_CONFIGS = [
    {"init": {"resume": "must"}},
    {"init": {"id": "a/b"}},
    {"init": {"resume": "bogus"}},
]
# Without an API key where the launch is local, as an offline cluster runs: 0.10.3–0.10.8 log
# in before they apply `mode=`, unless the setup has read the launch as offline already.
KEYLESS_CASES = [
    ({"mode": "offline"}, {}),
    ({"disabled": "true"}, {}),
    ({"mode": "disabled"}, {}),
    ({"mode": "offline"}, {"init": {"mode": "offline"}}),
    ({"disabled": "true"}, {"init": {"mode": "offline"}}),
    ({"mode": "online"}, {"init": {"mode": "offline"}}),
]


def with_file(case, lines):
    return dict(case, context=dict(case.get("context", {}), settingsFile=dict(lines)))


def all_cases():
    """The cases as run: `_keyless` ones without the dummy key where the launch is local."""
    cases = [with_file(merge(outer, CONFIG), f) for f in FILES for outer in OUTER_SOURCES]
    cases += [with_file(merge({}, c), f) for f in OFFLINE_FILES for c in CONFIGS if c != CONFIG]
    cases += [with_file(merge({}, c), FILES[0]) for c in REFUSED_CONFIGS]
    cases += [dict(with_file(merge(outer, CONFIG), f), _keyless=True) for f, outer in KEYLESS_CASES]
    return cases


def recorded(cases):
    """The cases as the replays read them: with the dummy key, except the keyless ones."""
    return [{k: v for k, v in c.items() if k != "_keyless"} if c.get("_keyless")
            else dict(c, env=dict(c.get("env", {}), **ONLINE_ENV)) for c in cases]


def process_version(version, args):
    """Each case first through the batch driver (settings only, the dummy API key); where the
    launch is not online, again through the complete `wandb.init` with the environment
    recorded (the dummy key, or none for the keyless cases), whose result is kept."""
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log)
    results = []
    for case, as_recorded in zip(all_cases(), recorded(all_cases())):
        result = run_case(py, version, {k: v for k, v in case.items() if k != "_keyless"}, DRIVER)
        if not launched_online(result):
            result = run_case(py, version, dict(as_recorded, _real=True), DRIVER)
        results.append(result)
    log("%s: %d cases in %.0f s" % (version, len(results), time.time() - t0))
    return version, results, venvs.installed(py)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "settings-file-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    meta = {"config": CONFIG, "files": FILES, "outerSources": OUTER_SOURCES, "offlineFiles": OFFLINE_FILES,
            "refusedConfigs": REFUSED_CONFIGS, "keylessCases": KEYLESS_CASES, "onlineEnv": ONLINE_ENV}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, recorded(all_cases()), results, packages, t0)


if __name__ == "__main__":
    main()
