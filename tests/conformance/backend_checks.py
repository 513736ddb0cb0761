"""The launches a backend process decides, recorded from the release's complete `wandb.init`:
for the generators whose cases run through a batch driver (generate_settings_resume.py,
generate_mixed.py). Python 3.7-compatible.

The batch driver stops before the run starts; three checks happen then, offline too
(generate.py's `needs_backend`): the Python internal process of 0.17.x refuses fork_from with
resume_from, wandb-core (0.18.0+) more than one of resume / fork_from / resume_from and a
fork_from naming the run's own id, and it may check resume_from against the run id. Such a
launch runs again through the driver's `real` mode and that result replaces the batch one
(`fullInit`), its warnings without the offline-only line, as generate.py records the main
vectors. Where asked, 0.16.5-0.17.x's launch runs once more online (its WANDB_MODE dropped)
against the absent server, whose Python sender refuses more than one of resume, resume_from
and fork_from only there: what that raises is `sender`.

A settings `resume=True` stored as given is recorded from the complete `wandb.init` too, on
every release before 0.16.2: 0.15.6-0.16.1 raise turning the settings into their protobuf
inside the service's `_inform_init`, which the batch driver never calls (0.16.2+ call
`to_proto()` in `wandb.init` itself, which it stubs to do the same), and the older ones show
that they do not.
"""

import concurrent.futures as cf
import json
import os

from generate import REAL_ATTEMPTS, branch_count, drop_offline_only, lineage, needs_backend, run_checked, \
    service_unreachable, vkey

HERE = os.path.dirname(os.path.abspath(__file__))


# Launches at a time: most of a complete wandb.init is waiting (a service process starting; 0.17.x's
# internal process refusing fork_from with resume_from makes wandb.init wait 90 s).
WORKERS = 3


def run_complete(py, version, driver, case, tmp, online=False):
    """`case` through the release's complete `wandb.init` (`driver real`; online: against the
    absent server), retried where wandb.init could not reach its own service process (the
    machine, not the SDK's answer), as generate.py's `run_real`."""
    case = dict(case, _lineage=lineage(version))
    if online:
        # The case's own WANDB_MODE=offline would win over the driver's online environment.
        case["env"] = {k: v for k, v in case["env"].items() if k != "WANDB_MODE"}
        case["_online"] = True
    tag = "%d_%s" % (id(case), "online" if online else "offline")
    cp, op = os.path.join(tmp, "real_case_%s.json" % tag), os.path.join(tmp, "real_out_%s.json" % tag)
    with open(cp, "w") as f:
        json.dump(case, f)
    r = None
    for _ in range(REAL_ATTEMPTS):
        run_checked([py, os.path.join(HERE, driver), "real", cp, op], 400, "%s real for %s" % (driver, version))
        with open(op) as f:
            r = json.load(f)
        if not service_unreachable(r):
            r.pop("output", None)
            return r
    raise RuntimeError("%s: wandb.init failed to reach its service process %d times: %r"
                       % (version, REAL_ATTEMPTS, r["error"]))


def record(py, version, driver, cases, results, tmp, log, sender=True):
    """Replaces each batch result `needs_backend` or `stores_true` names by the complete
    `wandb.init`'s (the batch result's `hashSeeds` kept), and adds `sender` where asked;
    returns how many."""
    backend = [i for i, r in enumerate(results) if needs_backend(version, r) or stores_true(version, r)]
    with cf.ThreadPoolExecutor(max_workers=WORKERS) as ex:
        reals = list(ex.map(lambda i: complete(py, version, driver, cases[i], results[i], tmp, sender), backend))
    for i, r in zip(backend, reals):
        results[i] = r
    if backend:
        log("%s: %d launches through the complete wandb.init (backend checks)" % (version, len(backend)))
    return len(backend)


def stores_true(version, r):
    """A launch whose settings hold `resume=True` as given (the batch records `True`, which the
    call's own `resume=True` never leaves) on a release before 0.16.2 (see above)."""
    return not r["rejected"] and r.get("resume") is True and vkey(version) < (0, 16, 2)


def complete(py, version, driver, case, batch, tmp, sender):
    """One launch's result from the complete `wandb.init`, in place of `batch`."""
    r = run_complete(py, version, driver, case, tmp)
    r["warnings"] = drop_offline_only(r.get("warnings") or [], r.get("runId"))
    r["fullInit"] = True
    if "hashSeeds" in batch:
        r["hashSeeds"] = batch["hashSeeds"]
    if sender and not r["rejected"] and vkey(version) < (0, 18, 0) and branch_count(r) >= 2:
        online = run_complete(py, version, driver, case, tmp, online=True)
        if not online["rejected"] or online["error"]["type"] == "CommError":
            raise RuntimeError("%s: online run did not stop at the sender's check: %r"
                               % (version, {k: online.get(k) for k in ("rejected", "error")}))
        r["sender"] = {"rejected": True, "error": online["error"]}
    return r
