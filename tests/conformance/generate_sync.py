#!/usr/bin/env python3
"""Generate the sync vectors: what each wandb release's `wandb sync` does with the directory
an offline run left, when W&B already has a run with that id and when it does not.

    python3 tests/conformance/generate_sync.py              # 17 releases
    python3 tests/conformance/generate_sync.py --versions 0.13.9 0.13.10 --jobs 2

Offline, every launch writes its own `wandb/offline-run-<time>-<id>` directory and nothing
reaches W&B until `wandb sync` uploads it. Each case runs the release's complete offline
`wandb.init(id=…)`, logs three rows (`wandb.log({"x": i})`, or with `step=20+i`), finishes,
and then runs the release's own `wandb sync [--append] DIR` against the fake server of
fake_server.py (the run `resumable-run` exists there with 10 history rows, every other id does
not). Recorded: the exit status (an unknown `--append` is click's usage error, exit 2),
whether the sync asked W&B about the run first (the operation `RunResumeStatus`), and the
offset and `_step` of every history row it sent through the file stream. What the real
server does with rows written at offset 0 over a run's history is outside what a fake server
can show (wandb/wandb#3841 and #5865 report it: the earlier history is replaced).

Writes sync-vectors.json next to this file; tests/sync_conformance.rs and
tests/js/sync-conformance.test.mjs replay it. See NOTES.md.
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import fake_server  # noqa: E402
import venvs  # noqa: E402
from generate import MAIN_VERSIONS, vkey  # noqa: E402
from generate_server import log, parse_args, run_versions, write_vectors  # noqa: E402

SCHEMA = 1
SOURCE_FILES = ["generate_sync.py", "fake_server.py", "venvs.py"]
# 0.9.x's dryrun directories are synced by other means (`wandb.finish` does not exist there
# to end the offline run the same way): the releases from 0.10.0. Besides the main ones, both
# neighbours of `--append`'s first release (0.13.10) and of its removal with the old sync
# (0.30.0).
VERSIONS = sorted([v for v in MAIN_VERSIONS if not v.startswith("0.9.")]
                  + ["0.13.9", "0.13.10", "0.29.0", "0.30.0"], key=vkey)
MISSING_RUN = "missing-run"
CASES = [
    {"runId": fake_server.EXISTING_RUN, "append": False, "explicitSteps": False},
    {"runId": fake_server.EXISTING_RUN, "append": True, "explicitSteps": False},
    {"runId": fake_server.EXISTING_RUN, "append": True, "explicitSteps": True},
    {"runId": MISSING_RUN, "append": False, "explicitSteps": False},
    {"runId": MISSING_RUN, "append": True, "explicitSteps": False},
]
CAPTURE = threading.local()


def install_capture():
    """The file-stream posts of the fake server, kept per server (history rows and offsets)."""
    orig = fake_server._Handler.do_POST

    def do_post(self):
        if "graphql" in self.path:
            return orig(self)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if "file_stream" in self.path:
            try:
                files = json.loads(raw).get("files") or {}
            except ValueError:
                files = {}
            for name, chunk in files.items():
                if name.endswith("history.jsonl"):
                    for line in chunk.get("content", []):
                        self.server.history.append([chunk.get("offset"), json.loads(line).get("_step")])
        self._send({"exitcode": None, "limits": {}})

    fake_server._Handler.do_POST = do_post


def offline_run(py, wd, case):
    """A complete offline run with the case's id; returns its directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WANDB_")}
    env.update(HOME=os.path.join(wd, "_home"), WANDB_MODE="offline", WANDB_CONSOLE="off",
               WANDB_ERROR_REPORTING="false")
    os.makedirs(env["HOME"], exist_ok=True)
    step = ", step=20 + i" if case["explicitSteps"] else ""
    script = ("import wandb\n"
              "run = wandb.init(id=%r, project='proj', entity='ent')\n"
              "for i in range(3):\n"
              "    run.log({'x': i}%s)\n"
              "run.finish()\n" % (case["runId"], step))
    p = subprocess.run([py, "-c", script], cwd=wd, env=env, capture_output=True, text=True, timeout=600)
    dirs = glob.glob(os.path.join(wd, "wandb", "offline-run-*"))
    if p.returncode != 0 or len(dirs) != 1:
        raise RuntimeError("offline run failed (exit %d): %s" % (p.returncode, p.stderr[-2000:]))
    return dirs[0], env


def sync(py, wd, directory, env, case):
    server = fake_server.start()
    server.history = []
    try:
        env = dict(env, WANDB_MODE="online", WANDB_API_KEY="0" * 40, WANDB_ENTITY="ent",
                   WANDB_PROJECT="proj", WANDB_BASE_URL="http://127.0.0.1:%d" % server.server_address[1])
        cli = os.path.join(os.path.dirname(py), "wandb")
        args = [cli, "sync"] + (["--append"] if case["append"] else []) + [directory]
        p = subprocess.run(args, cwd=wd, env=env, capture_output=True, text=True, timeout=600)
        out = p.stdout + p.stderr
        unknown = p.returncode == 2 and "--append" in out and "No such option" in out
        if p.returncode != 0 and not unknown:
            raise RuntimeError("wandb sync failed (exit %d): %s" % (p.returncode, out[-2000:]))
        return {
            "exit": p.returncode,
            "appendUnknown": unknown,
            "askedAboutRun": "RunResumeStatus" in server.operations,
            "history": sorted(server.history, key=lambda r: (r[0] or 0, r[1])),
        }
    finally:
        server.shutdown()
        server.server_close()


def process_version(version, args):
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log)
    results = []
    for case in CASES:
        wd = tempfile.mkdtemp(prefix="wbsync_")
        try:
            directory, env = offline_run(py, wd, case)
            results.append(sync(py, wd, directory, env, case))
        finally:
            shutil.rmtree(wd, ignore_errors=True)
    log("%s: %d cases in %.0f s" % (version, len(results), time.time() - t0))
    return version, results, venvs.installed(py)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: %d releases" % len(VERSIONS))
    args = parse_args(ap, "sync-vectors.json")
    install_capture()
    t0 = time.time()
    results, packages = run_versions(args.versions or VERSIONS, args, process_version)
    meta = {"existingRun": fake_server.EXISTING_RUN, "existingHistoryRows": fake_server.LAST_STEP + 1}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, meta, CASES, results, packages, t0)


if __name__ == "__main__":
    main()
