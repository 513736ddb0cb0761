#!/usr/bin/env python3
"""Generate the server-outcome vectors: what each wandb release does when W&B answers that
the run exists, does not exist, or was created but never started.

    python3 tests/conformance/generate_server.py              # 51 releases
    python3 tests/conformance/generate_server.py --versions 0.18.0 0.18.1 --jobs 2

The decision between resuming, starting fresh and failing is made by the client: the Python
sender (0.10-0.17) or wandb-core (0.18+) asks the server about the run (`RunResumeStatus`)
and acts on the answer. So a fake server on loopback (fake_server.py) that gives fixed
answers lets each release's own, unmodified `wandb.init` run online to its end
(server_driver.py, a fresh process per case) and show what it does with each answer: whether
it raises and with which words, `wandb.run.resumed`, `wandb.run.step` and
`wandb.run.starting_step`. What the real server does with the start of a run it was not
asked about (resume unset: overwrite) is outside what a fake server can show.

Writes server-vectors.json next to this file; tests/server_conformance.rs and
tests/js/server-conformance.test.mjs replay it against `decide`. See NOTES.md.
"""

import argparse
import concurrent.futures as cf
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import fake_server  # noqa: E402
import venvs  # noqa: E402
from generate import BOUNDARY_VERSIONS, MAIN_VERSIONS, vkey  # noqa: E402

SCHEMA = 1
# Besides the releases of vectors/: both neighbours of each boundary that only the server's
# answer shows (must loading the run's state 0.10.3, the service process 0.13.0, the
# started-run check 0.17.2, wandb-core by default 0.18.0, its resumed flag 0.18.1 and the
# resumed config 0.18.6, the step from the backend 0.27.2, the plain messages 0.31.0).
SERVER_BOUNDARY_VERSIONS = ["0.10.2", "0.10.3", "0.12.21", "0.13.0", "0.17.2", "0.18.0", "0.18.1", "0.18.5",
                            "0.18.6", "0.27.1", "0.27.2", "0.30.0"]
SOURCE_FILES = ["generate_server.py", "server_driver.py", "fake_server.py", "venvs.py"]
MISSING_RUN = "missing-run"
# What the run id is, per state of the run on the server; "generated": no id is given.
RUN_IDS = {
    "exists": fake_server.EXISTING_RUN,
    "missing": MISSING_RUN,
    "precreated": fake_server.PRECREATED_RUN,
    "generated": None,
}
# The `resume` argument: absent, each mode, and the two booleans.
RESUME_VALUES = [None, "allow", "must", "never", "auto", True, False]
GENERATED = "<generated>"
# The operations that say what the client asked and did.
TELLING_OPERATIONS = ("RunResumeStatus", "UpsertBucket")
CASE_TIMEOUT = 240
ATTEMPTS = 3


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


def sources_hash(names):
    """The generator's fingerprint: the SHA-256 of the named files of this directory, recorded
    in the vectors (generate_endings.py uses it too)."""
    h = hashlib.sha256()
    for name in names:
        with open(os.path.join(HERE, name), "rb") as f:
            h.update(name.encode() + b"\0" + f.read() + b"\0")
    return h.hexdigest()


def all_cases():
    cases = []
    for state, run_id in RUN_IDS.items():
        for resume in RESUME_VALUES:
            case = {"state": state, "id": run_id}
            if resume is not None:
                case["resume"] = resume
            cases.append(case)
    return cases


def base_env(home):
    """The environment of a release's process: a private HOME, nothing wandb would otherwise
    read from the machine, no console capture, error reporting or system stats."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": home,
        "PYTHONHASHSEED": "0",
        "WANDB_CONFIG_DIR": os.path.join(home, "config"),
        "WANDB_CACHE_DIR": os.path.join(home, "cache"),
        "WANDB_DATA_DIR": os.path.join(home, "data"),
        "WANDB_DISABLE_GIT": "true",
        "WANDB_DISABLE_CODE": "true",
        "WANDB_ERROR_REPORTING": "false",
        "WANDB__DISABLE_STATS": "true",
        "WANDB_CONSOLE": "off",
        "WANDB_INIT_TIMEOUT": "120",
    }


def child_env(home, port):
    return dict(base_env(home), WANDB_BASE_URL="http://127.0.0.1:%d" % port, WANDB_API_KEY="a" * 40,
                WANDB_DIR=home)


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_case(py, server, case):
    """One case in a fresh process; the result, with the operations the server saw."""
    home = tempfile.mkdtemp(prefix="wbserver_")
    try:
        case_path = os.path.join(home, "case.json")
        out_path = os.path.join(home, "out.json")
        with open(case_path, "w") as f:
            json.dump(dict({k: v for k, v in case.items() if k != "state"},
                           existingConfig=fake_server.EXISTING_CONFIG), f)
        del server.operations[:]
        log_path = os.path.join(home, "output.txt")
        # Output to a file, not a pipe: the backend processes wandb.init starts outlive the
        # driver (it leaves with os._exit) and would hold a pipe open.
        with open(log_path, "wb") as log_file:
            proc = subprocess.Popen([py, os.path.join(HERE, "server_driver.py"), case_path, out_path],
                                    cwd=home, env=child_env(home, server.server_address[1]),
                                    stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                proc.wait(timeout=CASE_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise RuntimeError("wandb.init did not return within %d s" % CASE_TIMEOUT)
            finally:
                kill_group(proc.pid)
        if not os.path.exists(out_path):
            with open(log_path, "rb") as f:
                output = f.read().decode("utf-8", "replace")
            raise RuntimeError("no result (exit %s):\n%s" % (proc.returncode, output[-3000:]))
        with open(out_path) as f:
            out = json.load(f)
        out["runDirectories"] = run_directory_ids(home)
        with open(log_path, "rb") as f:
            out["printedErrors"] = printed_errors(f.read().decode("utf-8", "replace"))
        # Sorted: the backend sends them from several threads.
        out["operations"] = sorted(set(server.operations) & set(TELLING_OPERATIONS))
        return out
    finally:
        shutil.rmtree(home, ignore_errors=True)


def printed_errors(output):
    """The `wandb: ERROR` lines wandb printed (0.9.x reports a failed resume check there
    before raising a generic LaunchError), process ids blanked."""
    prefix = "wandb: ERROR "
    return [re.sub(r"\(PID \d+\)", "(PID <pid>)", line[len(prefix):].rstrip())
            for line in output.splitlines() if line.startswith(prefix)]


def run_directory_ids(home):
    """The run ids in the names of the run directories wandb made (`wandb/run-<time>-<id>`):
    where wandb.init raises, the id it generated is known only from there."""
    ids = []
    for root in (os.path.join(home, "wandb"), home):
        if os.path.isdir(root):
            for name in sorted(os.listdir(root)):
                parts = name.split("-", 2)
                if len(parts) == 3 and parts[0] in ("run", "offline", "dryrun") and os.path.isdir(os.path.join(root, name)):
                    ids.append(parts[2])
    return ids


# What only the machine causes, never the SDK's answer to the server: retried, then an error.
MACHINE_FAILURES = ("ServiceStartTimeoutError", "ServiceStartProcessError", "ManagerConnectionRefusedError",
                    "ManagerConnectionError")


def machine_failure(out):
    raised = out.get("raised") or {}
    return raised.get("type") in MACHINE_FAILURES or "timed out" in (raised.get("message") or "")


def normalized(out, generated_id):
    """The result with what differs between runs taken out: a generated run id (replaced by
    GENERATED) and, where wandb.init raised, a racing upsert."""
    out = dict(out)
    if out.get("raised"):
        # Once the answer has made wandb.init raise, whether wandb-core's upsert still got out
        # before the process was killed is timing, not behaviour (it varies between runs).
        out["operations"] = [op for op in out["operations"] if op != "UpsertBucket"]
    if not out["printedErrors"]:
        del out["printedErrors"]
    if generated_id:
        if out.get("printedErrors"):
            out["printedErrors"] = [line.replace(generated_id, GENERATED) for line in out["printedErrors"]]
        if out.get("runId") == generated_id:
            out["runId"] = GENERATED
        if out.get("raised"):
            out["raised"] = dict(out["raised"], message=out["raised"]["message"].replace(generated_id, GENERATED))
    return out


def process_version(version, args):
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log)
    server = fake_server.start()
    results = []
    try:
        for case in all_cases():
            for attempt in range(1, ATTEMPTS + 1):
                out = run_case(py, server, case)
                if not machine_failure(out):
                    break
                log("%s %r: %s (attempt %d of %d)" % (version, case, out["raised"], attempt, ATTEMPTS))
            else:
                raise RuntimeError("%s %r: the machine failed %d times: %r" % (version, case, ATTEMPTS, out["raised"]))
            directories = out.pop("runDirectories")
            generated = None
            if case["id"] is None:
                generated = out.get("runId") or (directories[0] if len(directories) == 1 else None)
                if generated is None and out.get("raised"):
                    raise RuntimeError("%s %r: raised, and the generated id is not known (run directories %r)"
                                       % (version, case, directories))
            results.append(normalized(out, generated))
    finally:
        server.shutdown()
    packages = venvs.installed(py)
    log("%s: %d cases in %.0f s" % (version, len(results), time.time() - t0))
    return version, results, packages


def parse_args(ap, out_name):
    """The options every generator of this directory takes besides `--versions`."""
    ap.add_argument("--out", default=os.path.join(HERE, out_name))
    ap.add_argument("--cache", default=os.environ.get("WANDB_CONFORMANCE_CACHE", venvs.DEFAULT_CACHE))
    ap.add_argument("--jobs", type=int, default=2, help="versions processed in parallel")
    ap.add_argument("--python", action="append", default=[], metavar="X.Y=PATH",
                    help="interpreter for a Python series, e.g. 3.7=/opt/py37/bin/python3.7")
    args = ap.parse_args()
    args.python_overrides = dict(p.split("=", 1) for p in args.python)
    return args


def write_vectors(path, schema, source_files, meta, cases, results, packages, t0):
    """Writes the vectors: the generator's fingerprint, `meta`, the installed packages, the
    cases and each release's results in the cases' order."""
    doc = {
        "meta": dict({
            "schema": schema,
            "generator": {"files": ["tests/conformance/" + n for n in source_files],
                          "sha256": sources_hash(source_files)},
        }, **meta, packages={v: packages[v] for v in sorted(packages, key=vkey)}),
        "cases": cases,
        "results": {v: results[v] for v in sorted(results, key=vkey)},
    }
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=False, ensure_ascii=False)
        f.write("\n")
    log("wrote %s: %d versions x %d cases in %.0f s" % (path, len(results), len(cases), time.time() - t0))


def run_versions(versions, args, process_version):
    """Runs `process_version(version, args)` for each release, `args.jobs` at a time: the
    results and the installed packages by release. Reports every release that failed, then
    exits (nothing is written)."""
    results, packages, failures = {}, {}, []
    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        futs = {ex.submit(process_version, v, args): v for v in versions}
        for fut in cf.as_completed(futs):
            v = futs[fut]
            try:
                _, results[v], packages[v] = fut.result()
            except Exception as e:  # report every version, then fail
                failures.append((v, e))
                log("FAILED %s: %s" % (v, e))
    if failures:
        for v, e in failures:
            print("FAILED %s: %s" % (v, e), file=sys.stderr)
        sys.exit(1)
    return results, packages


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: the %d releases of vectors/ and %d more"
                    % (len(MAIN_VERSIONS) + len(BOUNDARY_VERSIONS), len(SERVER_BOUNDARY_VERSIONS)))
    args = parse_args(ap, "server-vectors.json")
    versions = args.versions or sorted(MAIN_VERSIONS + BOUNDARY_VERSIONS + SERVER_BOUNDARY_VERSIONS, key=vkey)
    t0 = time.time()
    results, packages = run_versions(versions, args, process_version)
    server = {"existingRun": fake_server.EXISTING_RUN, "precreatedRun": fake_server.PRECREATED_RUN,
              "missingRun": MISSING_RUN, "lastStep": fake_server.LAST_STEP, "generatedId": GENERATED}
    write_vectors(args.out, SCHEMA, SOURCE_FILES, {"server": server}, all_cases(), results, packages, t0)


if __name__ == "__main__":
    main()
