#!/usr/bin/env python3
"""Generate the timeline vectors: what each wandb release does over a launch and its
restarts, each attempt meeting what the attempts before it left on the server and on disk.

    python3 tests/conformance/generate_timelines.py                 # the releases below
    python3 tests/conformance/generate_timelines.py --versions 0.31.0 --jobs 2

The other families record one launch each against a fixed state: a server that holds a run or
not (generate_server.py), a resume file that is there or not (generate.py), what an ending
leaves of it (generate_endings.py). `simulate` composes them. These vectors record the
composition itself: each timeline is a job configuration launched, ended a chosen way,
restarted in the same directory, another directory or on another machine, ended again and
restarted again — three complete `wandb.init`s in a row, online or offline
(timeline_driver.py, each in a fresh process, the next one started once every process of the
one before has gone) against one server that keeps the runs its clients create
(timeline_server.py). Nothing is stubbed:
whether an attempt resumes, starts a new run or raises is the release's own doing.

A timeline: `launch` (the `id` and `resume` arguments, `null` = not passed, the
environment, and `settings` where the call passes `settings=`, timeline_driver.py's form of
it) and `attempts`, each with the `ending` of that attempt (generate_endings.py's
names) and, from the second on, `where` it runs (the timeline's places: the same working
directory; another directory, same HOME; another HOME and directory, i.e. another machine).
A result per attempt: `raised` ({"type", "message"}), or `runId`, `resumed`
(`wandb.run.resumed`), `step` and `startingStep` (a resumed run continues after the server's
last step, fake_server.py's LAST_STEP) and `resumeFileAtInit`; `printedErrors`; and
`resumeFileAtEnd` (the run id in the attempt's `wandb/wandb-resume.json` once every process of
it has gone; `null`: no file). A run id wandb generated is written `<new-1>`, `<new-2>`, … in
order of first appearance within the timeline (where `wandb.init` raised, the id is read from
the run directory it made). A script still running a minute after `wandb.init` was done with
has hung at its end (0.19.x with the service process off, online, on some runs and not
others): it is killed, as a scheduler's time limit would kill it, and logged, not recorded
(the file is settled by then, and the hang does not repeat).

Writes timeline-vectors.json next to this file; tests/timeline_conformance.rs and
tests/js/timeline-conformance.test.mjs replay it against `simulate`. See NOTES.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import timeline_server  # noqa: E402
import venvs  # noqa: E402
from ending_driver import resume_file  # noqa: E402
from generate import vkey  # noqa: E402
from generate_endings import DRAIN_TIMEOUT, ScriptHung, default_sigint, group_alive  # noqa: E402
from generate_server import (ATTEMPTS, CASE_TIMEOUT, base_env, kill_group, log, machine_failure,  # noqa: E402
                             parse_args, printed_errors, run_directory_ids, run_versions, write_vectors)

SCHEMA = 1
SOURCE_FILES = ["generate_timelines.py", "timeline_driver.py", "timeline_server.py", "ending_driver.py",
                "settings_server_driver.py", "server_driver.py", "fake_server.py", "generate_endings.py",
                "generate_server.py", "driver.py", "venvs.py"]
RUN_ID = "job-run"
# Each era of what an attempt's end and the server do: 0.9.x's background process, the exit
# hook (0.10.x-0.12.x), the service process (0.13.0; 0.13.11 reads WANDB_DISABLE_SERVICE as a
# bool, 0.14.1 deletes the file of a launch without resume) with the Python sender
# (0.17.0-0.17.x; 0.17.2 checks that a run was started), wandb-core (0.18.x), the pydantic
# settings (0.19.0 fails without the service) and the newest; and 0.18.0, wandb-core's first
# release, whose resumed flag is wrong unless the service is off (a sweep of other releases
# found that).
VERSIONS = sorted(["0.9.7", "0.10.33", "0.12.21", "0.13.0", "0.13.11", "0.14.1", "0.15.12", "0.17.0", "0.17.8",
                   "0.18.0", "0.18.7", "0.19.0", "0.19.11", "0.31.0"], key=vkey)
# The job configurations, as a job script or its scheduler sets them.
LAUNCHES = [
    {"resume": True, "id": None, "env": {}},
    {"resume": "allow", "id": RUN_ID, "env": {}},
    {"resume": "must", "id": RUN_ID, "env": {}},
    {"resume": "never", "id": RUN_ID, "env": {}},
    {"resume": "auto", "id": RUN_ID, "env": {}},
    {"resume": None, "id": RUN_ID, "env": {}},
    {"resume": None, "id": None, "env": {}},
    {"resume": "allow", "id": None, "env": {}},
    {"resume": "must", "id": None, "env": {}},
    {"resume": None, "id": None, "env": {"WANDB_RESUME": "allow", "WANDB_RUN_ID": RUN_ID}},
    {"resume": None, "id": None, "env": {"WANDB_RESUME": "must", "WANDB_RUN_ID": RUN_ID}},
    {"resume": None, "id": None, "env": {"WANDB_RUN_ID": RUN_ID}},
    {"resume": None, "id": None, "env": {"WANDB_RESUME": "auto"}},
    {"resume": True, "id": None, "env": {"WANDB_DISABLE_SERVICE": "true"}},
    # Offline (`dryrun` is every release's name for it; 0.9.x knows no other): nothing is
    # asked of the server, and what the file does decides which id each restart writes under.
    {"resume": True, "id": None, "env": {"WANDB_MODE": "dryrun"}},
    {"resume": "allow", "id": RUN_ID, "env": {"WANDB_MODE": "offline"}},
    {"resume": None, "id": None, "env": {"WANDB_MODE": "dryrun", "WANDB_RESUME": "auto"}},
    # The resume configuration passed in `settings=` (settings_server_driver.py's forms), which
    # each release weighs against the call's arguments its own way — and the end of the script
    # then acts on the file by what the settings say.
    {"resume": None, "id": None, "env": {}, "settings": {"form": "object", "keys": ["resume"], "resume": "auto"}},
    {"resume": None, "id": None, "env": {},
     "settings": {"form": "object", "keys": ["resume", "run_id"], "resume": "allow", "runId": RUN_ID}},
    {"resume": None, "id": None, "env": {},
     "settings": {"form": "dict", "keys": ["resume", "run_id"], "resume": "must", "runId": RUN_ID}},
    {"resume": "allow", "id": None, "env": {}, "settings": {"form": "object", "keys": ["run_id"], "runId": RUN_ID}},
]
# How long a script may run on once wandb.init is done with before it counts as hung (a
# normal end takes a few seconds).
END_TIMEOUT = 60
# How each attempt ends, and where each restart runs.
SEQUENCES = [
    [("sigkill", None), ("exception", "sameDirectory"), ("finish", "sameDirectory")],
    [("exit", None), ("raise-system-exit-1", "sameDirectory"), ("finish", "sameDirectory")],
    [("sigterm", None), ("sigkill", "newMachine"), ("finish", "sameFilesystem")],
    [("finish", None), ("sys-exit-1", "sameDirectory"), ("sigint", "sameDirectory")],
]


def all_cases():
    cases = []
    for launch in LAUNCHES:
        for sequence in SEQUENCES:
            attempts = [dict({"ending": ending}, **({"where": where} if where else {})) for ending, where in sequence]
            cases.append({"launch": launch, "attempts": attempts})
    return cases


class Places:
    """The attempts' machines (a HOME each) and working directories, under one root."""

    def __init__(self, root):
        self.root, self.machines, self.home, self.cwd = root, 0, None, None

    def enter(self, where):
        if where in (None, "newMachine"):
            self.machines += 1
            self.home = os.path.join(self.root, "machine-%d" % self.machines)
            os.makedirs(self.home)
        if where != "sameDirectory":
            self.cwd = tempfile.mkdtemp(prefix="job-", dir=self.home)
        return self.home, self.cwd


def run_attempt(py, server, case, attempt, home, cwd):
    """One attempt in a fresh process: what wandb.init did and what the file holds once every
    process it started has gone."""
    launch = case["launch"]
    state = tempfile.mkdtemp(prefix="attempt-", dir=home)
    case_path, init_path = os.path.join(state, "case.json"), os.path.join(state, "init.json")
    with open(case_path, "w") as f:
        json.dump(dict({"ending": attempt["ending"], "id": launch["id"], "resume": launch["resume"]},
                       **({"settings": launch["settings"]} if "settings" in launch else {})), f)
    env = dict(base_env(home), WANDB_BASE_URL="http://127.0.0.1:%d" % server.server_address[1],
               WANDB_API_KEY="a" * 40, **launch["env"])
    log_path = os.path.join(state, "output.txt")
    directories_before = set(run_directory_ids(cwd))
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen([py, os.path.join(HERE, "timeline_driver.py"), case_path, init_path], cwd=cwd,
                                env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=default_sigint)
        try:
            hung = wait_for_end(proc, init_path)
            if hung:
                # As a scheduler's time limit would: the attempt is killed.
                kill_group(proc.pid)
            deadline = time.time() + DRAIN_TIMEOUT
            while group_alive(proc.pid):
                if time.time() > deadline:
                    raise ScriptHung("processes of the script still ran %d s after it ended" % DRAIN_TIMEOUT)
                time.sleep(0.1)
        finally:
            kill_group(proc.pid)
    with open(log_path, "rb") as f:
        output = f.read().decode("utf-8", "replace")
    if not os.path.exists(init_path):
        raise RuntimeError("no result (exit %s):\n%s" % (proc.returncode, output[-3000:]))
    with open(init_path) as f:
        out = json.load(f)
    result = {}
    if out.get("raised"):
        result["raised"] = out["raised"]
        # The id wandb generated before it raised is known from the run directory it made.
        made = [i for i in run_directory_ids(cwd) if i not in directories_before]
        if len(made) == 1 and made[0] != RUN_ID:
            result["generatedId"] = made[0]
    else:
        with open(init_path + ".run") as f:
            run = json.load(f)
        result.update(runId=out["runId"], resumeFileAtInit=out["resumeFileAtInit"], **run)
    errors = printed_errors(output)
    if errors:
        result["printedErrors"] = errors
    if hung:
        # Not recorded: whether it hangs varies between runs of the same case (the file is
        # settled before), so the record would not repeat.
        log("%s hung at its end (%s), killed" % (case["launch"], attempt["ending"]))
    result["resumeFileAtEnd"] = resume_file(cwd)
    return result


def wait_for_end(proc, init_path):
    """Waits for the script to end: whether it hung once wandb.init was done with (INIT
    written) — 0.19.x with the service process off never ends after some endings online — or
    raises ScriptHung where it never got that far (the machine's)."""
    started = time.time()
    while proc.poll() is None:
        if os.path.exists(init_path) and time.time() - os.path.getmtime(init_path) > END_TIMEOUT:
            return True
        if time.time() - started > CASE_TIMEOUT:
            raise ScriptHung("the script did not end within %d s" % CASE_TIMEOUT)
        time.sleep(0.1)
    return False


def named(results, kept=(RUN_ID,)):
    """The timeline's results with each generated run id written `<new-N>` (first appearance
    first), so that two runs of the generator write the same vectors; the ids in `kept` are the
    ones the launch names, written as they are."""
    names = {}

    def name(run_id):
        if run_id is None or run_id in kept:
            return run_id
        return names.setdefault(run_id, "<new-%d>" % (len(names) + 1))

    def renamed(text):
        for run_id, new in names.items():
            text = text.replace(run_id, new)
        return text

    out = []
    for r in results:
        r = dict(r)
        generated = r.pop("generatedId", None)
        if generated:
            name(generated)
        for key in ("runId", "resumeFileAtInit", "resumeFileAtEnd"):
            if key in r:
                r[key] = name(r[key])
        if "printedErrors" in r:
            r["printedErrors"] = [renamed(line) for line in r["printedErrors"]]
        if "raised" in r:
            r["raised"] = dict(r["raised"], message=renamed(r["raised"]["message"]))
        out.append(r)
    return out


def run_timeline(py, server, case):
    """Every attempt of one timeline, on a server that has no run yet."""
    timeline_server.reset(server)
    root = tempfile.mkdtemp(prefix="wbtimeline_")
    try:
        places, results = Places(root), []
        for attempt in case["attempts"]:
            home, cwd = places.enter(attempt.get("where"))
            out = run_attempt(py, server, case, attempt, home, cwd)
            results.append(out)
            if machine_failure(out):
                break
        return results
    finally:
        shutil.rmtree(root, ignore_errors=True)


def process_version(version, args):
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log)
    server = timeline_server.start()
    results = []
    try:
        for case in all_cases()[args.cases]:
            for retry in range(1, ATTEMPTS + 1):
                try:
                    timeline = run_timeline(py, server, case)
                except ScriptHung as e:
                    timeline = [{"raised": {"type": "ScriptHung", "message": "timed out: %s" % e}}]
                failed = [r for r in timeline if machine_failure(r)]
                if not failed:
                    break
                log("%s %r: %s (try %d of %d)" % (version, case, failed[0]["raised"], retry, ATTEMPTS))
            else:
                raise RuntimeError("%s %r: the machine failed %d times: %r" % (version, case, ATTEMPTS, failed[0]))
            results.append(named(timeline))
    finally:
        server.shutdown()
    packages = venvs.installed(py)
    log("%s: %d timelines in %.0f s" % (version, len(results), time.time() - t0))
    return version, results, packages


def case_slice(text):
    """`--cases`: `N` (the first N) or `A:B`."""
    if ":" not in text:
        return slice(int(text))
    start, stop = text.split(":", 1)
    return slice(int(start) if start else None, int(stop) if stop else None)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    ap.add_argument("--cases", type=case_slice, default=slice(None),
                    help="only the timelines N (the first N: a quick look) or A:B (as Python slices them)")
    args = parse_args(ap, "timeline-vectors.json")
    versions = args.versions or VERSIONS
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    write_vectors(args.out, SCHEMA, SOURCE_FILES, {"runId": RUN_ID, "lastStep": timeline_server.fake_server.LAST_STEP},
                  all_cases()[args.cases], results, packages, t0)


if __name__ == "__main__":
    main()
