#!/usr/bin/env python3
"""Generate the conformance vectors: what each wandb SDK release does with a resume
configuration, recorded by driving that release's own code.

    python3 tests/conformance/generate.py            # all versions, validate, write vectors/
    python3 tests/conformance/generate.py --versions 0.18.7 0.19.0 --jobs 2

For every version: a cached virtualenv with `wandb==<version>` from PyPI (venvs.py), one
worker process running every case in-process through the real `wandb.init` with only the
backend stubbed (driver.py batch), a check of the run-id generator (driver.py genid), and a
validation of a sample of cases against the complete, unmodified `wandb.init` run in a fresh
subprocess each (driver.py real). Any difference fails the run. See NOTES.md.

Deterministic: the cases come from a fixed seed, nothing time- or machine-dependent is
written, and a rerun writes the same bytes (as long as the cached venvs are the same).
"""

import argparse
import concurrent.futures as cf
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cases as case_mod  # noqa: E402
import venvs  # noqa: E402

SEED = 20240607
SCHEMA = 1

# The versions the README names, and the neighbours of its boundaries.
MAIN_VERSIONS = [
    "0.9.7", "0.10.33", "0.12.10", "0.14.1", "0.15.12", "0.16.5", "0.17.1", "0.17.8",
    "0.18.7", "0.19.0", "0.19.9", "0.21.0", "0.31.0",
]
BOUNDARY_VERSIONS = [
    "0.10.10", "0.10.11", "0.10.21", "0.10.22", "0.11.2", "0.12.0", "0.12.9", "0.14.0",
    "0.15.5", "0.15.6", "0.16.4", "0.17.0", "0.17.5", "0.17.6", "0.17.7", "0.19.2",
    "0.19.3", "0.19.4", "0.19.5", "0.19.8", "0.19.11", "0.20.0", "0.20.1", "0.21.1",
    "0.21.2", "0.21.3",
]
# Random cases per version: the main versions get many, boundary neighbours fewer (their
# hand-picked cases already cover each boundary), to keep vectors/ to a few MB.
RANDOM_MAIN = 1500
RANDOM_BOUNDARY = 200
VALIDATE = 30

# Printed by the complete wandb.init only because validation runs offline (0.12.0-0.30.0);
# the batch driver stops before the point where it is printed. Not part of the vectors.
OFFLINE_ONLY_WARNINGS = (
    "`resume` will be ignored since W&B syncing is set to `offline`. Starting a new run with run id ",
)

SOURCE_FILES = ["generate.py", "driver.py", "cases.py", "venvs.py"]


def vkey(v):
    return tuple(int(x) for x in v.split("."))


def sources_hash():
    h = hashlib.sha256()
    for name in SOURCE_FILES:
        with open(os.path.join(HERE, name), "rb") as f:
            h.update(name.encode() + b"\0" + f.read() + b"\0")
    return h.hexdigest()


def lineage(v):
    t = vkey(v)
    if t < (0, 10, 0):
        return "L0"
    if t < (0, 12, 10):
        return "LA"
    if t < (0, 19, 0):
        return "LB"
    return "LC"


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


# --------------------------------------------------------------------------- compact output


def compact_out(r):
    """A driver result -> the vector's `out` object (absent key = null / false / [])."""
    o = {}
    if r["rejected"]:
        o["rejected"] = True
        o["error"] = r["error"]
    else:
        if r.get("resume") is not None:
            o["resume"] = r["resume"]
        if r.get("runId") is not None:
            o["runId"] = r["runId"]
        for k in ("forkFrom", "resumeFrom"):
            if r.get(k) is not None:
                o[k] = r[k]
    if r.get("fullInit"):
        # A complete wandb.init's warnings are lines of its output (see comparable).
        warnings = drop_offline_only(r.get("warnings") or [], r.get("runId"))
    else:
        warnings = [w for w in (r.get("warnings") or []) if not w.startswith(OFFLINE_ONLY_WARNINGS)]
    if warnings:
        o["warnings"] = warnings
    if r.get("resumeFileAfter") is not None:
        o["resumeFileAfter"] = r["resumeFileAfter"]
    if r.get("fullInit"):
        o["fullInit"] = True
    if r.get("online"):
        o["online"] = r["online"]
    return o


def comparable(r):
    """The fields validation compares; warnings line by line (a real run's stderr has lines)."""
    c = {
        "rejected": r["rejected"],
        "error": r.get("error"),
        "resumeFileAfter": r.get("resumeFileAfter"),
        "warnings": [],
    }
    if not r["rejected"]:
        for k in ("resume", "runId", "generated", "forkFrom", "resumeFrom", "runResume"):
            c[k] = r.get(k)
    lines = [line for w in r.get("warnings") or [] for line in w.split("\n")]
    c["warnings"] = drop_offline_only(lines, r.get("runId"))
    return c


def drop_offline_only(lines, run_id):
    """`lines` (warnings, one line of output each) without the offline-only warning: its first
    line and, when the run id it ends with spans several lines, those that continue it."""
    continued = (run_id or "").count("\n")
    out, skip = [], 0
    for line in lines:
        if skip:
            skip -= 1
        elif line.startswith(OFFLINE_ONLY_WARNINGS):
            skip = continued
        else:
            out.append(line)
    return out


# --------------------------------------------------------------------------- per version


# Fixed string hashing: 0.19.0-0.19.4 apply settings in set-iteration order, and which of two
# errors fork_from/resume_from hit depends on it.
CHILD_ENV = dict(os.environ, PYTHONHASHSEED="0")


def run_checked(cmd, timeout, what):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=CHILD_ENV)
    if p.returncode != 0:
        raise RuntimeError("%s failed (exit %d):\n%s\n%s" % (what, p.returncode, p.stdout[-3000:], p.stderr[-5000:]))
    return p


def branch_count(r):
    return (r.get("resume") is not None) + (r.get("forkFrom") is not None) + (r.get("resumeFrom") is not None)


def needs_backend(version, r):
    """Cases whose outcome a backend process can still change although no server is involved.
    Three checks happen when the run starts, offline too, after everything the batch driver
    runs: the Python internal process of 0.17.x rejects fork_from with resume_from
    (SettingsStatic: the process dies and wandb.init times out); wandb-core (0.18.0+ by
    default) rejects more than one of resume / fork_from / resume_from (0.17.6-0.19.11), a
    fork_from naming the run's own id ("fork_from run id must be different from current run
    id"; the Python check misses it where it depends on the environment's order), and may
    check resume_from against the run id. Such cases are recorded from the complete
    wandb.init instead of the batch driver (out.fullInit)."""
    if r["rejected"] or vkey(version) < (0, 16, 5):
        return False
    if branch_count(r) >= 2:
        return True
    run_id = r.get("runId")  # None = generated
    if r.get("forkFrom") is not None and r["forkFrom"].get("run") == run_id:
        return True
    if r.get("resumeFrom") is not None and r["resumeFrom"].get("run") != run_id:
        return True
    return False


def run_real(version, py, case, i, workdir, online=False):
    case = dict(case)
    case["_lineage"] = lineage(version)
    if online:
        case["_online"] = True
    tag = "online_" if online else ""
    cp = os.path.join(workdir, "real_%scase_%d.json" % (tag, i))
    op = os.path.join(workdir, "real_%sout_%d.json" % (tag, i))
    with open(cp, "w") as f:
        json.dump(case, f)
    for attempt in range(1, REAL_ATTEMPTS + 1):
        run_checked([py, os.path.join(HERE, "driver.py"), "real", cp, op], 400, "wandb.init for case %d of %s" % (i, version))
        with open(op) as f:
            res = json.load(f)
        if not service_unreachable(res):
            return res
        log("%s case %d: wandb.init could not reach its own service process (attempt %d of %d)"
            % (version, i, attempt, REAL_ATTEMPTS))
    # Never record the machine's failure as the SDK's answer.
    raise RuntimeError("%s case %d: wandb.init failed to reach its service process %d times: %r"
                       % (version, i, REAL_ATTEMPTS, res["error"]))


# A complete wandb.init starts a service process and connects to it; under load (two
# generators, each with three workers) the connection can be refused. That is the machine,
# not the SDK's answer to the case: such a run is retried.
REAL_ATTEMPTS = 3
SERVICE_FAILURES = ("ManagerConnectionRefusedError", "ManagerConnectionError", "ServiceStartTimeoutError",
                    "ServiceStartProcessError")


def service_unreachable(res):
    err = res.get("error") or {}
    return bool(res.get("rejected")) and (err.get("type") in SERVICE_FAILURES
                                          or "Connection to wandb service failed" in (err.get("message") or ""))


def validation_sample(version, all_cases, results, n):
    rng = random.Random("%d:%s" % (SEED, version))
    idx = [i for i in range(len(all_cases)) if not results[i].get("fullInit")]
    interesting = [i for i in idx if results[i]["rejected"] or results[i].get("warnings")]
    with_file = [i for i in idx if (all_cases[i].get("context") or {}).get("resumeFile") is not None]
    branch = [i for i in idx if any(k in (all_cases[i].get("init") or {}) for k in ("forkFrom", "resumeFrom"))
              or any(k in (all_cases[i].get("env") or {}) for k in ("WANDB_FORK_FROM", "WANDB_RESUME_FROM"))]
    chosen = []
    for pool, k in ((interesting, n * 4 // 15), (with_file, n // 5), (branch, n * 4 // 15)):
        pool = [i for i in pool if i not in chosen]
        chosen += rng.sample(pool, min(k, len(pool)))
    rest = [i for i in idx if i not in chosen]
    chosen += rng.sample(rest, max(0, n - len(chosen)))
    return sorted(chosen)


def validate(version, py, all_cases, results, n, workdir):
    sample = validation_sample(version, all_cases, results, n)
    mismatches = []
    for i in sample:
        try:
            real = run_real(version, py, all_cases[i], i, workdir)
        except subprocess.TimeoutExpired:
            mismatches.append({"case": i, "input": all_cases[i], "problem": "real wandb.init timed out"})
            continue
        a, b = comparable(results[i]), comparable(real)
        if a != b:
            mismatches.append({"case": i, "input": all_cases[i], "driver": a, "real": b,
                               "realOutput": real.get("output", "")[-1500:]})
    return sample, mismatches


def process_version(version, args, hp, rnd_all, src_hash):
    t0 = time.time()
    py = venvs.ensure_venv(version, args.cache, args.python_overrides, log=log)
    pkgs = venvs.installed(py)
    n_random = args.random_main if version in MAIN_VERSIONS else args.random_boundary
    rnd = rnd_all[:n_random]
    all_cases = hp + rnd
    workdir = tempfile.mkdtemp(prefix="wbconf_%s_" % version)
    cp = os.path.join(workdir, "cases.json")
    op = os.path.join(workdir, "results.json")
    gp = os.path.join(workdir, "genid.json")
    with open(cp, "w") as f:
        json.dump(all_cases, f)
    log("%s: %d cases through the batch driver" % (version, len(all_cases)))
    run_checked([py, os.path.join(HERE, "driver.py"), "batch", cp, op], 3600, "batch driver for %s" % version)
    with open(op) as f:
        batch = json.load(f)
    results = batch["results"]
    assert len(results) == len(all_cases)
    run_checked([py, os.path.join(HERE, "driver.py"), "genid", gp], 600, "generator check for %s" % version)
    with open(gp) as f:
        genid = json.load(f)
    t_batch = time.time() - t0
    backend = [i for i, r in enumerate(results) if needs_backend(version, r)]
    if backend:
        log("%s: %d cases through the complete wandb.init (backend checks)" % (version, len(backend)))
        with cf.ThreadPoolExecutor(max_workers=3) as ex:
            reals = list(ex.map(lambda i: run_real(version, py, all_cases[i], i, workdir), backend))
        for i, real in zip(backend, reals):
            real.pop("output", None)
            real["fullInit"] = True
            results[i] = real
    online = [i for i in backend if not results[i]["rejected"] and vkey(version) < (0, 18, 0)
              and branch_count(results[i]) >= 2]
    if online:
        # 0.16.5-0.17.x: the Python sender checks the run record only online, where it
        # rejects what offline passes. Recorded as out.online (see NOTES.md).
        log("%s: %d cases online against an absent server (sender checks)" % (version, len(online)))
        with cf.ThreadPoolExecutor(max_workers=3) as ex:
            reals = list(ex.map(lambda i: run_real(version, py, all_cases[i], i, workdir, online=True), online))
        for i, real in zip(online, reals):
            if not real["rejected"] or real["error"]["type"] == "CommError":
                raise RuntimeError("%s case %d: online run did not stop at the sender's check: %r"
                                   % (version, i, {k: real.get(k) for k in ("rejected", "error", "output")}))
            results[i]["online"] = {"rejected": True, "error": real["error"]}
    validation = None
    if args.validate > 0:
        log("%s: validating %d cases against the complete wandb.init" % (version, args.validate))
        sample, mismatches = validate(version, py, all_cases, results, args.validate, workdir)
        if mismatches:
            path = os.path.join(workdir, "mismatches.json")
            with open(path, "w") as f:
                json.dump(mismatches, f, indent=1, ensure_ascii=False)
            raise RuntimeError("%s: %d of %d validated cases differ from the real wandb.init; see %s"
                               % (version, len(mismatches), len(sample), os.path.abspath(path)))
        validation = {"cases": sample, "mismatches": 0, "against": "complete wandb.init, offline, one fresh process per case"}
    meta = {
        "schema": SCHEMA,
        "sdk": version,
        "python": batch["meta"]["python"],
        "lineage": lineage(version),
        "packages": pkgs,
        "seed": SEED,
        "generator": {"files": ["tests/conformance/" + n for n in SOURCE_FILES], "sha256": src_hash},
        "cases": len(all_cases),
        "casesFile": "cases.json",
        "handPicked": len(hp),
        "random": len(rnd),
        "derivedFrom": None,
        "mode": "offline (no server); see NOTES.md",
        "resumeFileDeletedWhenRunReady": batch["meta"]["onReadyDeletesResumeFile"],
        "runIdGenerator": {k: genid[k] for k in ("function", "calls", "alphabet", "lengths")},
        "validation": validation,
    }
    if lineage(version) == "L0":
        meta["note"] = ("0.9.x: `resume` is the WANDB_RESUME value wandb.init hands to the Run "
                        "(null when unset or empty); the Run stores it as `resume or 'never'`.")
    meta["fullInitCases"] = len(backend)
    meta["onlineCases"] = len(online)
    vec = {"meta": meta, "out": [compact_out(r) for r in results]}
    text = json.dumps(vec, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    path = os.path.join(args.out, "%s.json" % version)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    log("%s: wrote %s (%d bytes) in %.0f s (batch %.0f s)" % (version, path, len(text) + 1, time.time() - t0, t_batch))
    return version, len(all_cases), len(text) + 1, time.time() - t0


def write_cases(out_dir, hp, rnd, src_hash):
    """vectors/cases.json: every input once; version files hold the outputs in the same order
    (a version with fewer random cases uses the first `meta.cases` entries)."""
    doc = {
        "meta": {
            "schema": SCHEMA,
            "seed": SEED,
            "generator": {"files": ["tests/conformance/" + n for n in SOURCE_FILES], "sha256": src_hash},
            "handPicked": len(hp),
            "random": len(rnd),
            "cases": len(hp) + len(rnd),
        },
        "cases": hp + rnd,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(out_dir, "cases.json"), "w", encoding="utf-8") as f:
        f.write(text + "\n")


def main():
    global SEED
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--versions", nargs="*", help="default: all (%d)" % (len(MAIN_VERSIONS) + len(BOUNDARY_VERSIONS)))
    ap.add_argument("--out", default=os.path.join(HERE, "vectors"))
    ap.add_argument("--cache", default=os.environ.get("WANDB_CONFORMANCE_CACHE", venvs.DEFAULT_CACHE))
    ap.add_argument("--jobs", type=int, default=2, help="versions processed in parallel")
    ap.add_argument("--validate", type=int, default=VALIDATE, help="cases per version checked against the real wandb.init (0: skip)")
    ap.add_argument("--random-main", type=int, default=RANDOM_MAIN)
    ap.add_argument("--random-boundary", type=int, default=RANDOM_BOUNDARY)
    ap.add_argument("--seed", type=int, default=SEED,
                    help="seed of the random cases (default %d, the committed vectors'); another "
                         "seed with --out elsewhere gives a fresh sample to replay with "
                         "WANDB_RESUME_VECTORS=DIR" % SEED)
    ap.add_argument("--python", action="append", default=[], metavar="X.Y=PATH",
                    help="interpreter for a Python series, e.g. 3.7=/opt/py37/bin/python3.7")
    args = ap.parse_args()
    SEED = args.seed
    args.python_overrides = dict(p.split("=", 1) for p in args.python)
    versions = args.versions or sorted(MAIN_VERSIONS + BOUNDARY_VERSIONS, key=vkey)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.time()
    hp, rnd = case_mod.build(SEED, max(args.random_main, args.random_boundary))
    src_hash = sources_hash()
    write_cases(args.out, hp, rnd, src_hash)
    log("%d hand-picked cases, %d random (seed %d); %d versions" % (len(hp), len(rnd), SEED, len(versions)))
    failures = []
    done = []
    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        futs = {ex.submit(process_version, v, args, hp, rnd, src_hash): v for v in versions}
        for fut in cf.as_completed(futs):
            v = futs[fut]
            try:
                done.append(fut.result())
            except Exception as e:  # report every version, then fail
                failures.append((v, e))
                log("FAILED %s: %s" % (v, e))
    done.sort(key=lambda x: vkey(x[0]))
    total = sum(d[2] for d in done)
    for v, n, size, secs in done:
        print("%-8s %5d cases %8d bytes %6.0f s" % (v, n, size, secs))
    print("total: %d versions, %d bytes, %.0f s" % (len(done), total, time.time() - t0))
    if failures:
        for v, e in failures:
            print("FAILED %s: %s" % (v, e), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
