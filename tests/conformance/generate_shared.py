#!/usr/bin/env python3
"""Generate the shared-mode vectors: what each wandb release does with `mode="shared"`, the
mode W&B documents for distributed training (several processes, one run), from the
environment, `wandb.init(mode=…)` and `settings=`, and what it does with the server's
answer about the run in that mode, as the main writer and as a secondary one.

    python3 tests/conformance/generate_shared.py                 # 11 releases
    python3 tests/conformance/generate_shared.py --versions 0.19.8 0.19.9 --jobs 2

Two sets, each through an existing runner, so no other generator or driver changes:

- the mode cases: `shared` from each source with each configuration of the mode vectors, and
  beside the other modes, the workspace settings file and `settings=`, run as
  generate_settings_files.py and generate_settings_modes.py run their own (the batch driver
  with the dummy key, which stops before the backend; the complete `wandb.init` where the
  launch is not online), through shared_mode_driver.py, which takes both kinds of case and
  records whether the settled settings are shared;
- the server cases: generate_server.py's states and `resume` values, each release's complete,
  unmodified `wandb.init` online against fake_server.py with `WANDB_MODE=shared`, once as the
  primary writer (the default) and once with `WANDB__PRIMARY=false` (the `x_primary` setting a
  secondary node sets); the `wandb: WARNING` lines each launch printed are kept too (the
  shared mode's own warning is printed once the backend runs, which the batch driver never
  reaches).

Writes shared-mode-vectors.json (the mode cases) and shared-server-vectors.json (the server
cases) next to this file; tests/shared_conformance.rs and tests/js/shared-conformance.test.mjs
replay them against `decide`. See NOTES.md.
"""

import argparse
import os
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import fake_server  # noqa: E402
import generate_server  # noqa: E402
import generate_settings_files  # noqa: E402
import generate_settings_modes  # noqa: E402
from generate import vkey  # noqa: E402
from generate_modes import CONFIGS, ONLINE_ENV, merge  # noqa: E402
from generate_server import GENERATED, MISSING_RUN, parse_args, run_versions, write_vectors  # noqa: E402
from generate_settings import with_settings  # noqa: E402
from generate_settings_files import recorded, with_file  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_shared.py", "shared_mode_driver.py", "shared_server_driver.py", "generate_server.py", "server_driver.py", "fake_server.py",
                "generate_settings_files.py", "generate_settings_modes.py", "generate_settings.py",
                "generate_modes.py", "settings_file_driver.py", "settings_mode_driver.py", "settings_driver.py",
                "mode_driver.py", "driver.py", "venvs.py"]
# Both sides of each boundary: 0.16.2 refuses the mode, 0.16.3 knows it; 0.17.6 is the first
# to warn that it is experimental, 0.19.6 the first with the warning's later words; from 0.27.2
# the step comes from the backend (and reading it raises in this mode). Between them: the
# Python sender's last releases (0.16.5, 0.17.8), wandb-core's first (0.18.0), the last
# settings before pydantic (0.18.7) and the first after (0.19.0), and later main releases.
VERSIONS = sorted(
    ["0.16.2", "0.16.3", "0.16.5", "0.17.5", "0.17.6", "0.17.8", "0.18.0", "0.18.7", "0.19.0", "0.19.5",
     "0.19.6", "0.19.9", "0.21.0", "0.27.1", "0.27.2", "0.31.0"],
    key=vkey,
)
# The releases whose server cases run: those that know the mode.
SERVER_FROM = "0.16.3"
CONFIG = {"init": {"resume": "must", "id": "abc"}}
SHARED_SOURCES = [{"env": {"WANDB_MODE": "shared"}}, {"init": {"mode": "shared"}}]
# `shared` beside each other mode, from the other source.
BESIDE_MODES = [
    {"env": {"WANDB_MODE": "shared"}, "init": {"mode": "online"}},
    {"env": {"WANDB_MODE": "shared"}, "init": {"mode": "offline"}},
    {"env": {"WANDB_MODE": "shared"}, "init": {"mode": "disabled"}},
    {"env": {"WANDB_MODE": "online"}, "init": {"mode": "shared"}},
    {"env": {"WANDB_MODE": "offline"}, "init": {"mode": "shared"}},
    {"env": {"WANDB_MODE": "disabled"}, "init": {"mode": "shared"}},
]
# The workspace settings file's lines (`wandb offline`'s, and a `shared` one written by hand).
FILES = [
    ({"mode": "offline"}, {"env": {"WANDB_MODE": "shared"}}),
    ({"mode": "offline"}, {"init": {"mode": "shared"}}),
    ({"mode": "shared"}, {}),
]
# `settings=wandb.Settings(mode="shared")` as W&B's guide writes it, and a dict; beside each
# other mode; and another settings mode under `WANDB_MODE=shared`.
SETTINGS_CASES = [
    ({"form": "object", "keys": ["mode"], "mode": "shared"}, {}),
    ({"form": "dict", "keys": ["mode"], "mode": "shared"}, {}),
    ({"form": "object", "keys": ["mode"], "mode": "shared"}, {"env": {"WANDB_MODE": "offline"}}),
    ({"form": "object", "keys": ["mode"], "mode": "shared"}, {"env": {"WANDB_MODE": "online"}}),
    ({"form": "object", "keys": ["mode"], "mode": "shared"}, {"init": {"mode": "offline"}}),
    ({"form": "object", "keys": ["mode"], "mode": "shared"}, {"init": {"mode": "online"}}),
    ({"form": "dict", "keys": ["mode"], "mode": "shared"}, {"init": {"mode": "offline"}}),
    ({"form": "object", "keys": ["mode"], "mode": "offline"}, {"env": {"WANDB_MODE": "shared"}}),
    ({"form": "object", "keys": []}, {"env": {"WANDB_MODE": "shared"}}),
]
# The writers of the server cases: the primary (x_primary's default) and a secondary one.
WRITERS = [{"WANDB_MODE": "shared"}, {"WANDB_MODE": "shared", "WANDB__PRIMARY": "false"}]


def mode_cases():
    """The cases of the mode set without `settings=`, as generate_settings_files.py runs them."""
    cases = [merge(merge({}, source), c) for source in SHARED_SOURCES for c in CONFIGS]
    cases += [merge(merge({}, source), CONFIG) for source in BESIDE_MODES]
    cases += [with_file(merge(merge({}, source), CONFIG), lines) for lines, source in FILES]
    return cases


def settings_cases():
    """The cases beside `settings=`, run as generate_settings_modes.py runs its own."""
    return [with_settings(merge(merge({}, source), CONFIG), settings) for settings, source in SETTINGS_CASES]


def server_cases():
    """generate_server.py's cases, once per writer: `{state, id, resume?, env}`."""
    return [dict(case, env=dict(writer)) for writer in WRITERS for case in SERVER_ALL_CASES()]


# Each runner's process_version runs the cases its module's all_cases() gives.
SERVER_ALL_CASES = generate_server.all_cases
generate_settings_files.all_cases = mode_cases
generate_settings_modes.all_cases = settings_cases
generate_server.all_cases = server_cases

# generate_server.py's run_case starts server_driver.py with child_env(): the case's own
# environment is added, and the warnings its output holds are kept beside the errors.
_case = threading.local()
_child_env = generate_server.child_env
_printed_errors = generate_server.printed_errors
_run_case = generate_server.run_case


def child_env(home, port):
    return dict(_child_env(home, port), **_case.env)


def printed_errors(output):
    prefix = "wandb: WARNING "
    _case.warnings = [line[len(prefix):].rstrip() for line in output.splitlines() if line.startswith(prefix)]
    return _printed_errors(output)


def run_case(py, server, case):
    _case.env = case["env"]
    out = _run_case(py, server, case)
    out["printedWarnings"] = _case.warnings
    return out


class _Subprocess:
    """generate_server.py's `subprocess`: its run_case starts shared_server_driver.py in place of
    server_driver.py (reading `wandb.run.step` raises in the shared mode from 0.27.2)."""

    def __getattr__(self, name):
        return getattr(subprocess, name)

    @staticmethod
    def Popen(args, **kwargs):  # noqa: N802 - subprocess's name
        driver = os.path.join(HERE, "server_driver.py")
        args = [os.path.join(HERE, "shared_server_driver.py") if a == driver else a for a in args]
        return subprocess.Popen(args, **kwargs)


# Both mode runners start shared_mode_driver.py, which records the shared mode as well.
generate_settings_files.DRIVER = generate_settings_modes.DRIVER = "shared_mode_driver.py"
generate_server.child_env = child_env
generate_server.printed_errors = printed_errors
generate_server.run_case = run_case
generate_server.subprocess = _Subprocess()


def process_version(version, args):
    """The mode cases, the ones beside `settings=`, then (from SERVER_FROM) the server cases."""
    _, results, packages = generate_settings_files.process_version(version, args)
    _, beside_settings, _ = generate_settings_modes.process_version(version, args)
    server = []
    if vkey(version) >= vkey(SERVER_FROM):
        _, server, _ = generate_server.process_version(version, args)
    return version, (results + beside_settings, server), packages


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    ap.add_argument("--server-out", default=os.path.join(HERE, "shared-server-vectors.json"))
    args = parse_args(ap, "shared-mode-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    modes = {v: r[0] for v, r in results.items()}
    write_vectors(args.out, SCHEMA, SOURCE_FILES,
                  {"config": CONFIG, "besideModes": BESIDE_MODES, "files": FILES, "settingsCases": SETTINGS_CASES,
                   "onlineEnv": ONLINE_ENV},
                  recorded(mode_cases()) + generate_settings_modes.recorded(settings_cases()), modes, packages, t0)
    server = {v: r[1] for v, r in results.items() if vkey(v) >= vkey(SERVER_FROM)}
    write_vectors(args.server_out, SCHEMA, SOURCE_FILES,
                  {"server": {"existingRun": fake_server.EXISTING_RUN, "precreatedRun": fake_server.PRECREATED_RUN,
                              "missingRun": MISSING_RUN, "lastStep": fake_server.LAST_STEP,
                              "generatedId": GENERATED},
                   "writers": WRITERS},
                  server_cases(), server, {v: packages[v] for v in server}, t0)


if __name__ == "__main__":
    main()
