#!/usr/bin/env python3
"""Generate the settings-mode vectors: what each wandb release does when the run mode is set
inside `settings=` — `wandb.Settings(mode="offline")` or `{"mode": "offline"}` — alone, under
each `WANDB_MODE` and beside each `wandb.init(mode=…)`.

    python3 tests/conformance/generate_settings_modes.py                 # 20 releases
    python3 tests/conformance/generate_settings_modes.py --versions 0.12.15 0.12.16 --jobs 2

Scripts write `settings=wandb.Settings(mode="offline")` as often as `mode="offline"`, and the
releases weigh the settings' mode against the argument and the environment differently
(NOTES.md): the object's mode beat `mode=` until 0.12.9, was ignored in 0.12.10–0.12.15 and
lost to it from 0.12.16; an object's `online` lost to `WANDB_MODE=offline` until 0.18.0 and won
from 0.18.1. Each case runs in a fresh process through the batch driver with a dummy API key and a server
address nothing answers on (`settings_mode_driver.py batch`, which stops before the backend);
where the launch is not online, the release's complete, unmodified `wandb.init` runs it again
(`settings_mode_driver.py real`) and its result is kept — the offline and disabled launches
are recorded as generate_modes.py records them. Six cases run that second time without the
key, as an offline cluster does: 0.10.3–0.10.8 log in before applying the settings' mode. One configuration (`resume="must"` with an id) is enough:
what the mode does to a configuration is the mode vectors' business, which mode a launch gets
is this file's.

Writes settings-mode-vectors.json next to this file; tests/settings_conformance.rs and
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
from generate_modes import ONLINE_ENV, merge, run_case  # noqa: E402
from generate_server import log, parse_args, run_versions, write_vectors  # noqa: E402
from generate_settings import with_settings  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_settings_modes.py", "generate_settings.py", "generate_modes.py", "settings_mode_driver.py",
                "settings_driver.py", "mode_driver.py", "driver.py", "venvs.py"]
DRIVER = "settings_mode_driver.py"
# Both sides of each boundary the probes showed (NOTES.md): 0.10.8 / 0.10.9 (an object's
# online under WANDB_MODE=offline raises from 0.10.9), 0.12.9 / 0.12.10 (dicts accepted, the
# object's mode ignored), 0.12.15 / 0.12.16 (the object's mode read again, below `mode=`),
# 0.18.0 / 0.18.1 (the object's mode over WANDB_MODE), and the disabled mode's own boundaries
# (0.10.9 / 0.10.10 `noop` → `disabled`; 0.17.6 / 0.17.7 / 0.17.8 the service turned off and the
# deprecation warning; 0.18.7 / 0.19.0 the pydantic settings; 0.28.0 / 0.29.0 the disabled
# run's id); 0.9.7 has no settings at all.
VERSIONS = sorted(
    ["0.9.7", "0.10.3", "0.10.8", "0.10.9", "0.10.10", "0.10.33", "0.12.9", "0.12.10", "0.12.15", "0.12.16",
     "0.14.1", "0.17.6", "0.17.7", "0.17.8", "0.18.0", "0.18.1", "0.18.7", "0.19.0", "0.21.0", "0.29.0",
     "0.31.0"],
    key=vkey,
)
CONFIG = {"init": {"resume": "must", "id": "abc"}}
SETTINGS_MODES = ["offline", "online", "disabled", "dryrun"]
FORMS = ["object", "dict"]
OUTER_SOURCES = [
    {},
    {"env": {"WANDB_MODE": "online"}},
    {"env": {"WANDB_MODE": "offline"}},
    {"env": {"WANDB_MODE": "disabled"}},
    {"init": {"mode": "online"}},
    {"init": {"mode": "offline"}},
    {"init": {"mode": "disabled"}},
]


# Without an API key, as an offline cluster runs: 0.10.3–0.10.8 log in before they apply the
# settings' mode as they do `mode=`, and raise for want of a key.
KEYLESS_CASES = [
    ("object", "offline", {}),
    ("object", "dryrun", {}),
    ("object", "disabled", {}),
    ("object", "offline", {"env": {"WANDB_MODE": "online"}}),
    ("object", "offline", {"init": {"mode": "online"}}),
    ("dict", "offline", {}),
]


def settings(form, mode):
    return {"form": form, "keys": ["mode"], "mode": mode}


def all_cases():
    """The cases as run: `_keyless` ones without the dummy key where the launch is local."""
    cases = [
        with_settings(merge(outer, CONFIG), settings(form, mode))
        for form in FORMS
        for mode in SETTINGS_MODES
        for outer in OUTER_SOURCES
    ]
    cases += [dict(with_settings(merge(outer, CONFIG), settings(form, mode)), _keyless=True)
              for form, mode, outer in KEYLESS_CASES]
    return cases


def recorded(cases):
    """The cases as the replays read them: with the dummy key, except the keyless ones."""
    return [{k: v for k, v in c.items() if k != "_keyless"} if c.get("_keyless")
            else dict(c, env=dict(c.get("env", {}), **ONLINE_ENV)) for c in cases]


def launched_online(result):
    """Whether the batch driver saw the settings settle online (nothing raised, neither offline
    nor disabled): the only launches the complete `wandb.init` cannot run here."""
    return not result.get("rejected") and not result.get("offline") and not result.get("disabled")


def process_version(version, args):
    """Each case first through the batch driver (settings only, the dummy API key); where the
    launch is not online, again through the complete `wandb.init` with the environment
    recorded (the dummy key, or none for the keyless cases), whose result is kept: it prints
    what the batch driver stops before (the offline warning, the service deprecation warning),
    returns the disabled run the batch driver's stub never sees (0.21.0+), and shows a login
    that comes first. Online launches keep the batch result: without a server, the complete
    `wandb.init` would wait on the network (and without a key some releases retry without
    end)."""
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
    args = parse_args(ap, "settings-mode-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    meta = {"config": CONFIG, "settingsModes": SETTINGS_MODES, "forms": FORMS, "outerSources": OUTER_SOURCES,
            "keylessCases": KEYLESS_CASES, "onlineEnv": ONLINE_ENV}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, recorded(all_cases()), results, packages, t0)


if __name__ == "__main__":
    main()
