#!/usr/bin/env python3
"""Generate the vectors of the settings' own mode beside both `mode=` and `WANDB_MODE`: what
each wandb release does with `wandb.init(mode=…, settings=wandb.Settings(mode=…))` (or the
same dict) under a `WANDB_MODE` as well.

    python3 tests/conformance/generate_settings_mode_pairs.py                 # 21 releases
    python3 tests/conformance/generate_settings_mode_pairs.py --versions 0.18.0 0.18.1 --jobs 2

generate_settings_modes.py crosses the settings' mode with one other source at a time. A
script that passes both `mode=` and a settings mode, run on a cluster that sets `WANDB_MODE`
for every job, has all three. These cases cross them: the settings' online and offline mode
with each online or offline `mode=` under each online or offline `WANDB_MODE`, each settings
mode beside `mode="disabled"` under the same variables, and the disabled mode from all three —
in both forms, with `resume="must"`, `id="abc"`. (An online or offline settings mode or `mode=` over
`WANDB_MODE=disabled`, and the disabled settings mode beside an online or offline `mode=`, are
refused for reasons of their own: wandb sets itself up without the service process there.)

They run through generate_settings_modes.py's runner (the batch driver with the dummy key, then
the complete `wandb.init` where the launch is not online) and `settings_mode_driver.py`, on the
settings-mode vectors' releases.

Writes settings-mode-pair-vectors.json next to this file; tests/settings_conformance.rs and
tests/js/settings-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import generate_settings_modes  # noqa: E402
from generate_modes import ONLINE_ENV, merge  # noqa: E402
from generate_server import parse_args, run_versions, write_vectors  # noqa: E402
from generate_settings import with_settings  # noqa: E402
from generate_settings_modes import CONFIG, FORMS, VERSIONS, recorded, settings  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_settings_mode_pairs.py", "generate_settings_modes.py", "generate_settings.py",
                "generate_modes.py", "settings_mode_driver.py", "settings_driver.py", "mode_driver.py", "driver.py",
                "venvs.py"]
LOCAL = ["online", "offline"]
# (settings' mode, mode=, WANDB_MODE) as scripts and clusters combine them.
TRIPLES = [(s, i, e) for s in LOCAL for i in LOCAL for e in LOCAL]
TRIPLES += [(s, "disabled", e) for s in LOCAL + ["disabled"] for e in LOCAL]
TRIPLES += [("disabled", "disabled", "disabled")]


def all_cases():
    return [
        with_settings(merge({"init": {"mode": init}, "env": {"WANDB_MODE": env}}, CONFIG), settings(form, mode))
        for form in FORMS
        for mode, init, env in TRIPLES
    ]


# generate_settings_modes.py's process_version runs its module's all_cases() (no keyless case
# here) through its DRIVER, settings_mode_driver.py.
generate_settings_modes.all_cases = all_cases


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "settings-mode-pair-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, generate_settings_modes.process_version)
    meta = {"config": CONFIG, "forms": FORMS, "triples": TRIPLES, "onlineEnv": ONLINE_ENV}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, recorded(all_cases()), results, packages, t0)


if __name__ == "__main__":
    main()
