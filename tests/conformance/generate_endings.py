#!/usr/bin/env python3
"""Generate the ending vectors: what each wandb release leaves in `wandb/wandb-resume.json`
once a script has ended, for each way a training script ends.

    python3 tests/conformance/generate_endings.py              # 54 releases
    python3 tests/conformance/generate_endings.py --versions 0.12.21 0.13.0 --jobs 2

A restart in the same directory reads the auto-resume file, so whether the end of the previous
attempt deleted it decides whether the restart resumes. Who deletes it is the user's process
(its exit hook or `run.finish()`, 0.10+) or 0.9.x's background process, and which of them runs
depends on how the script ended and on the release (from 0.13.0 the service process's teardown
replaces the exit hook). So each case runs the release's complete, unmodified offline
`wandb.init` in a fresh process (ending_driver.py), ends the script, waits until that process
and every process it started have gone, and reads the file.

The endings (the timeline's `after` each stands for is in ending-afters.json, which both
replays read):
  finish               `run.finish()` (0.9.x `wandb.join()`), then the script ends
  with-block           `with wandb.init(...)` left normally
  exit                 the script falls off its end, no `run.finish()`
  sys-exit-0           `sys.exit(0)`, no `run.finish()`
  finish-exit-code-1   `run.finish(exit_code=1)`
  sys-exit-1           `sys.exit(1)`
  raise-system-exit-1  `raise SystemExit(1)` (not through `sys.exit`)
  builtin-exit-1       the builtin `exit(1)` (it raises SystemExit itself)
  exception            an uncaught exception
  sigint               SIGINT (Ctrl-C: KeyboardInterrupt)
  sigterm              SIGTERM, Python's default action (a scheduler's first signal)
  sigkill              SIGKILL (the scheduler's last word, a lost node)

The setups: `resume=True` (auto: the file is written by this launch; 0.9.x reads the string
"auto" as a run id); `resume="allow"` with the file left by an earlier auto launch (allow
neither reads nor writes it); `resume=True` with WANDB_DISABLE_SERVICE, which some releases
obey, in several spellings; `resume=True` with `mode="offline"` (and `"dryrun"`) over
`WANDB_MODE=disabled`, which `wandb.setup` reads before the argument: some releases set the
library up without the service process for it; and `resume=True` under `WANDB_MODE=disabled`
alone, whose run keeps nothing but whose settings write the file.

Writes ending-vectors.json next to this file; tests/ending_conformance.rs and
tests/js/ending-conformance.test.mjs replay it against `simulate`. See NOTES.md.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import venvs  # noqa: E402
from ending_driver import resume_file  # noqa: E402
from generate import BOUNDARY_VERSIONS, MAIN_VERSIONS, vkey  # noqa: E402
from generate_server import (ATTEMPTS, SERVER_BOUNDARY_VERSIONS, base_env, kill_group, log,  # noqa: E402
                             machine_failure, parse_args, run_versions, write_vectors)

SCHEMA = 1
SOURCE_FILES = ["generate_endings.py", "ending_driver.py", "venvs.py", "generate_server.py"]
RUN_ID = "ending-run"
ENDINGS = ["finish", "with-block", "exit", "sys-exit-0", "finish-exit-code-1", "sys-exit-1",
           "raise-system-exit-1", "builtin-exit-1", "exception", "sigint", "sigterm", "sigkill"]
# The endings of the "allow" setup: one of each kind is enough to show that the end acts on a
# file this launch did not write.
ALLOW_ENDINGS = ["finish", "exit", "exception", "sigkill"]
# The endings whose outcome the service process could change.
NO_SERVICE_ENDINGS = ["finish", "exit", "raise-system-exit-1", "sigkill"]
# How WANDB_DISABLE_SERVICE is read: each value with the ending that shows whether the service
# process ran (a normal exit deletes the file only without it).
DISABLE_SERVICE_VALUES = ["true", "True", "TRUE", "1", "yes", "y", "on", " true", "false", "False", "0", "no",
                          "off", "", "bogus"]
# The offline names of `mode=` run over `WANDB_MODE=disabled` (a CI job's variable under a script
# that says offline): the library is set up before the argument applies.
LOCAL_OVER_DISABLED = ["offline", "dryrun"]
# Besides the releases of the server set: both neighbours of the release that reads
# WANDB_DISABLE_SERVICE as a bool (0.13.11) and of the one that repaired the disabled
# service (0.19.1; 0.19.0 is in the set).
ENDING_BOUNDARY_VERSIONS = ["0.13.10", "0.13.11", "0.19.1"]
CASE_TIMEOUT = 240
# How long the processes a script started may outlive it (0.9.x's background process deletes
# the file after the script has gone; wandb's service process stops once its parent has).
DRAIN_TIMEOUT = 120


def all_cases():
    """Each case: the `resume` argument, the run id the file holds before the launch (null: no
    file), the environment and the ending."""
    def case(resume, ending, file_before=None, env=None, mode=None):
        c = {"resume": resume, "resumeFileBefore": file_before, "env": env or {}, "ending": ending}
        if mode is not None:
            c["mode"] = mode
        return c

    cases = [case(True, e) for e in ENDINGS]
    cases += [case("allow", e, file_before=RUN_ID) for e in ALLOW_ENDINGS]
    cases += [case(True, e, env={"WANDB_DISABLE_SERVICE": "true"}) for e in NO_SERVICE_ENDINGS]
    cases += [case(True, "exit", env={"WANDB_DISABLE_SERVICE": v}) for v in DISABLE_SERVICE_VALUES if v != "true"]
    cases += [case(True, e, env={"WANDB_MODE": "disabled"}, mode=m) for m in LOCAL_OVER_DISABLED for e in NO_SERVICE_ENDINGS]
    cases += [case(True, e, env={"WANDB_MODE": "disabled"}) for e in NO_SERVICE_ENDINGS]
    return cases


def disabled(case):
    """Whether the case launches disabled (`WANDB_MODE=disabled`, no other `mode=`)."""
    return case["env"].get("WANDB_MODE") == "disabled" and case.get("mode") is None


def child_env(home, version):
    """Offline (0.9.x: `dryrun`); the working directory holds `wandb/`."""
    return dict(base_env(home), WANDB_MODE="dryrun" if venvs.vtuple(version) < (0, 10, 0) else "offline")


def default_sigint():
    """In the script's process before it starts: SIGINT as a terminal's Ctrl-C finds it. A
    generator started in the background (`cmd &`) has SIGINT ignored, and Python installs its
    KeyboardInterrupt handler only where SIGINT is not ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def group_alive(pgid):
    """Whether a process of the group is still running (zombies do not count: a container's
    first process may never reap them)."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            return True
    return False


def service_warnings(output):
    """The warnings wandb printed about WANDB_DISABLE_SERVICE (its deprecation, a value it could
    not read): the engine quotes them. Other warnings are the offline vectors' business."""
    prefix = "wandb: WARNING "
    return [line[len(prefix):].rstrip() for line in output.splitlines()
            if line.startswith(prefix) and ("service" in line.lower() or "as a bool" in line)]


class ScriptHung(RuntimeError):
    """The script or a process it started did not end in time."""


def run_case(py, version, case):
    """One case in a fresh process and working directory: what wandb.init did, how the process
    ended and what the file holds once every process it started has gone."""
    home = tempfile.mkdtemp(prefix="wbending_")
    try:
        case_path = os.path.join(home, "case.json")
        init_path = os.path.join(home, "init.json")
        with open(case_path, "w") as f:
            json.dump({"ending": case["ending"], "id": RUN_ID, "resume": case["resume"], "mode": case.get("mode")}, f)
        if case["resumeFileBefore"] is not None:
            os.makedirs(os.path.join(home, "wandb"))
            with open(os.path.join(home, "wandb", "wandb-resume.json"), "w") as f:
                json.dump({"run_id": case["resumeFileBefore"]}, f)
        log_path = os.path.join(home, "output.txt")
        with open(log_path, "wb") as log_file:
            proc = subprocess.Popen([py, os.path.join(HERE, "ending_driver.py"), case_path, init_path],
                                    cwd=home, env=dict(child_env(home, version), **case["env"]), stdout=log_file,
                                    stderr=subprocess.STDOUT, start_new_session=True,
                                    preexec_fn=default_sigint)
            try:
                proc.wait(timeout=CASE_TIMEOUT)
                deadline = time.time() + DRAIN_TIMEOUT
                while group_alive(proc.pid):
                    if time.time() > deadline:
                        raise ScriptHung("processes of the script still ran %d s after it ended" % DRAIN_TIMEOUT)
                    time.sleep(0.1)
            except subprocess.TimeoutExpired:
                raise ScriptHung("the script did not end within %d s" % CASE_TIMEOUT)
            finally:
                kill_group(proc.pid)
        with open(log_path, "rb") as f:
            output = f.read().decode("utf-8", "replace")
        if not os.path.exists(init_path):
            raise RuntimeError("no result (exit %s):\n%s" % (proc.returncode, output[-3000:]))
        with open(init_path) as f:
            out = json.load(f)
        if out.get("raised"):
            # What the release makes of the configuration (the replays check the engine says so).
            result = {"raised": out["raised"]}
            warnings = service_warnings(output)
            if warnings:
                result["serviceWarnings"] = warnings
            return result
        # A disabled run has an id of its own before 0.29.0 (a placeholder, then a fresh one).
        if out["runId"] != RUN_ID and not disabled(case):
            raise RuntimeError("wandb.init ran as %r, not %r" % (out["runId"], RUN_ID))
        result = {"exitStatus": proc.returncode}
        warnings = service_warnings(output)
        if warnings:
            result["serviceWarnings"] = warnings
        if out.get("unsupported"):
            result["unsupported"] = True
        else:
            result["resumeFileAtInit"] = out["resumeFileAtInit"]
            result["resumeFileAtEnd"] = resume_file(home)
        return result
    finally:
        shutil.rmtree(home, ignore_errors=True)


def process_version(version, args):
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log)
    results = []
    for case in all_cases():
        for attempt in range(1, ATTEMPTS + 1):
            try:
                out = run_case(py, version, case)
            except ScriptHung as e:
                # A hang is the machine's (it never repeated on its own), not an ending.
                out = {"raised": {"type": "ScriptHung", "message": "timed out: %s" % e}}
            except RuntimeError as e:
                raise RuntimeError("%s %r: %s" % (version, case, e)) from e
            if not machine_failure(out):
                break
            log("%s %r: %s (attempt %d of %d)" % (version, case, out["raised"], attempt, ATTEMPTS))
        else:
            raise RuntimeError("%s %r: the machine failed %d times: %r" % (version, case, ATTEMPTS, out["raised"]))
        results.append(out)
    packages = venvs.installed(py)
    log("%s: %d cases in %.0f s" % (version, len(results), time.time() - t0))
    return version, results, packages


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: the %d releases of the server set and %d more"
                    % (len(MAIN_VERSIONS) + len(BOUNDARY_VERSIONS) + len(SERVER_BOUNDARY_VERSIONS),
                       len(ENDING_BOUNDARY_VERSIONS)))
    args = parse_args(ap, "ending-vectors.json")
    versions = args.versions or sorted(MAIN_VERSIONS + BOUNDARY_VERSIONS + SERVER_BOUNDARY_VERSIONS
                                       + ENDING_BOUNDARY_VERSIONS, key=vkey)
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    write_vectors(args.out, SCHEMA, SOURCE_FILES, {"runId": RUN_ID}, all_cases(), results, packages, t0)


if __name__ == "__main__":
    main()
