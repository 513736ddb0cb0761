# -*- coding: utf-8 -*-
"""Conformance driver: runs inside the virtualenv of ONE wandb version.

It drives the real SDK code of that version. Three modes:

  driver.py batch <cases.json> <out.json>
      Every case in one process. For each case the real `wandb.init(**kwargs)` of the
      installed version is called, with only the parts that need a backend replaced:
        * `_WandbInit.init` (0.10.0+), the method that launches the backend process and
          builds the Run, is replaced by a stub that captures the settings wandb.init has
          just finished computing and returns a placeholder;
        * `wandb._init_headless` (0.9.x), which spawns the helper process, is a no-op;
        * the service process is not started (`_setup_manager` / `connect_to_service`).
      Everything before that point is the SDK's own code in the SDK's own order: the
      `wandb.init` signature (so an unknown keyword is the interpreter's TypeError), its
      argument checks, wandb.setup's environment snapshot, the settings object, the
      init-argument handling, sweep handling, fork/resume_from handling, the auto-resume
      file logic and the run-id generator. Then, where the version deletes the resume file
      when the run becomes ready (`Run._on_ready`, 0.14.1+), that method of the SDK is
      called on a stand-in object carrying the captured settings, so the SDK's own
      statement decides. Between cases every singleton and cache is reset (see reset()).

  driver.py real <case.json> <out.json>
      One case through the complete, unmodified `wandb.init` (offline mode), except that
      the run-id generator returns a sentinel (as in batch mode). Used to validate batch.

  driver.py genid <out.json>
      Calls the version's run-id generator 10,000 times; reports alphabet and lengths.

Cases: {"env": {...}, "init": {...ResumeInput.init...}, "context": {"resumeFile": id}}.
Must run on Python 3.7+ (wandb 0.9.x runs on 3.7 only).
"""
from __future__ import print_function

import io
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
import traceback

SENTINEL_FMT = "zgen%04d"
SENTINEL_RE = re.compile(r"^zgen\d{4}$")
WARN_PREFIX = "wandb: WARNING "

# Environment every case runs with, besides the case's own WANDB_* variables.
# Offline: no login, no server (the server-side check is out of scope).
BASE_ENV_NEW = {"WANDB_MODE": "offline", "WANDB_CONSOLE": "off", "WANDB_ERROR_REPORTING": "false"}
BASE_ENV_09 = {"WANDB_MODE": "dryrun", "WANDB_CONSOLE": "off", "WANDB_ERROR_REPORTING": "false"}

INIT_KW = {"resume": "resume", "id": "id", "notes": "notes", "resumeFrom": "resume_from", "forkFrom": "fork_from"}


def wandb_version_tuple():
    import wandb

    return tuple(int(x) for x in re.findall(r"\d+", wandb.__version__)[:3])


def lineage():
    v = wandb_version_tuple()
    if v < (0, 10, 0):
        return "L0"
    if v < (0, 12, 10):
        return "LA"
    if v < (0, 19, 0):
        return "LB"
    return "LC"


# ---------------------------------------------------------------- stderr capture


class CaptureStream(object):
    """Stands in for sys.stderr/sys.stdout: keeps each write() call separately, so that one
    termwarn() call (one click.echo write, possibly several prefixed lines) is one warning."""

    def __init__(self):
        self.chunks = []
        self.encoding = "utf-8"
        self.errors = "strict"

    def write(self, s):
        if isinstance(s, bytes):
            s = s.decode("utf-8", "replace")
        self.chunks.append(s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise io.UnsupportedOperation("fileno")

    def text(self):
        return "".join(self.chunks)


def warnings_from_chunks(chunks):
    """One termwarn() call writes one chunk `wandb: WARNING <line>` per line of its message
    (all lines prefixed); the message is rebuilt by stripping the prefix of every line."""
    out = []
    # chunks may be split oddly by some writers; rebuild by newline-terminated records.
    records = []
    cur = ""
    for chunk in chunks:
        cur += chunk
        if cur.endswith("\n"):
            records.append(cur)
            cur = ""
    if cur:
        records.append(cur)
    for rec in records:
        lines = rec[:-1].split("\n") if rec.endswith("\n") else rec.split("\n")
        if lines and all(l.startswith(WARN_PREFIX) for l in lines):
            out.append("\n".join(l[len(WARN_PREFIX):] for l in lines))
    return out


def warnings_from_text(text):
    """For a real subprocess: every line starting with the prefix is one warning line."""
    return [l[len(WARN_PREFIX):] for l in text.split("\n") if l.startswith(WARN_PREFIX)]


# ---------------------------------------------------------------- patches


class IdGen(object):
    def __init__(self):
        self.n = 0

    def __call__(self, *a, **k):
        self.n += 1
        return SENTINEL_FMT % self.n


ID_GEN = IdGen()
ORIG_GENERATORS = []


def find_generators():
    """The run-id generator(s) of this version, as imported by the SDK."""
    import importlib

    found = []
    for name in ("wandb.sdk.lib.runid", "wandb.lib.runid", "wandb.util"):
        try:
            mod = importlib.import_module(name)
        except Exception:
            continue
        f = getattr(mod, "generate_id", None)
        if f is not None and f not in [g for _, g in found]:
            found.append((name + ".generate_id", f))
    return found


def patch_generators():
    """Replace every reference to the generator in loaded wandb modules by the sentinel."""
    if not ORIG_GENERATORS:
        ORIG_GENERATORS.extend(find_generators())
    originals = [f for _, f in ORIG_GENERATORS]
    count = 0
    for name, mod in list(sys.modules.items()):
        if mod is None or not name.startswith("wandb"):
            continue
        d = getattr(mod, "__dict__", None)
        if not d:
            continue
        for k, v in list(d.items()):
            if any(v is f for f in originals):
                setattr(mod, k, ID_GEN)
                count += 1
    return count


def import_sdk():
    import wandb  # noqa: F401

    mods = [
        "wandb.sdk.wandb_settings",
        "wandb.sdk.wandb_init",
        "wandb.sdk.wandb_run",
        "wandb.sdk.wandb_setup",
        "wandb.sdk.lib.service_connection",
        "wandb.wandb_run",
    ]
    import importlib

    for m in mods:
        try:
            importlib.import_module(m)
        except Exception:
            pass
    return wandb


class Captured(object):
    settings = None
    calls = 0


class Placeholder(object):
    """Returned by the stubbed _WandbInit.init in place of a Run."""

    def __init__(self, settings):
        self._settings = settings


def install_batch_stubs(wandb):
    lin = lineage()
    if lin == "L0":

        def _no_headless(run, cloud=True):
            return None

        wandb._init_headless = _no_headless
        install_l0_capture()
        return
    install_batch_stubs_new(wandb)


def install_l0_capture():
    """0.9.x: record what Run.from_environment_or_defaults reads (wandb.init later writes the
    Run's values back into os.environ, e.g. an unset WANDB_RESUME becomes 'never')."""
    if True:
        from wandb import wandb_run as _wr

        orig = _wr.Run.from_environment_or_defaults.__func__

        def _from_env(cls, environment=None):
            env = os.environ if environment is None else environment
            Captured.settings = {"resume": env.get("WANDB_RESUME"), "run_id": env.get("WANDB_RUN_ID")}
            return orig(cls, environment)

        _wr.Run.from_environment_or_defaults = classmethod(_from_env)


def install_batch_stubs_new(wandb):
    from wandb.sdk import wandb_init

    import inspect

    try:
        serializes = "to_proto()" in inspect.getsource(wandb_init._WandbInit.init)
    except Exception:
        serializes = False

    def _stub_init(self, *a, **k):
        Captured.calls += 1
        s = a[0] if a else k.get("settings")
        if s is None:
            s = self.settings
        Captured.settings = s
        if serializes:
            # The first thing the real _WandbInit.init does with the settings is to hand them
            # to the service as a protobuf; 0.19.0-0.19.4 crash there on fork_from/resume_from.
            s.to_proto()
        return Placeholder(s)

    wandb_init._WandbInit.init = _stub_init
    from wandb.sdk import wandb_setup

    inner = getattr(wandb_setup, "_WandbSetup__WandbSetup", None)
    if inner is not None and hasattr(inner, "_setup_manager"):
        inner._setup_manager = lambda self, *a, **k: None
    try:
        from wandb.sdk.lib import service_connection

        service_connection.connect_to_service = lambda *a, **k: None
    except Exception:
        pass
    install_viewer_timeout_stub()


def install_viewer_timeout_stub():
    """0.10.2-0.10.9: wandb.setup asks the server for the viewer even offline and waits out a
    5-second timeout (wandb/lib/server.py:29, wandb_setup.py:160 (0.10.5)); 1 343 cases would
    take 2 h. Leave what that timeout leaves (a network error, no viewer) without the wait.
    The viewer never feeds a resume setting."""
    try:
        from wandb.lib import server
    except ImportError:
        return

    def _timed_out(self, timeout=None):
        self._error_network = True

    server.Server.query_with_timeout = _timed_out


class _Noop(object):
    """Stand-in for every attribute of a Run except _settings: calls and attributes are no-ops."""

    def __init__(self, settings=None):
        object.__setattr__(self, "_settings", settings)

    def __getattr__(self, name):
        return _Noop()

    def __setattr__(self, name, value):
        pass

    def __call__(self, *a, **k):
        return _Noop()

    def __bool__(self):
        return True

    __nonzero__ = __bool__


def on_ready_deletes_file():
    """True when this version's Run._on_ready removes the resume file (0.14.1+)."""
    import inspect

    try:
        from wandb.sdk.wandb_run import Run
    except Exception:
        return False
    f = getattr(Run, "_on_ready", None)
    if f is None:
        return False
    try:
        return "resume_fname" in inspect.getsource(f)
    except Exception:
        return False


def call_on_ready(settings):
    from wandb.sdk.wandb_run import Run

    Run._on_ready(_Noop(settings))


# ---------------------------------------------------------------- state reset


def reset_state(wandb):
    lin = lineage()
    Captured.settings = None
    Captured.calls = 0
    # termwarn dedup (repeat=False) and silence flags
    for modname in ("wandb.errors.term", "wandb.core", "wandb.old.core", "wandb.sdk.lib.term"):
        mod = sys.modules.get(modname)
        if mod is None:
            continue
        for attr in ("PRINTED_MESSAGES", "_printed_messages"):
            s = getattr(mod, attr, None)
            if isinstance(s, set):
                s.clear()
        for attr, val in (("_silent", False), ("_show_info", True), ("_show_warnings", True), ("_show_errors", True)):
            if hasattr(mod, attr):
                setattr(mod, attr, val)
    if lin == "L0":
        wandb.run = None
        try:
            del wandb._global_run_stack[:]
        except Exception:
            pass
        return
    from wandb.sdk import wandb_setup

    if hasattr(wandb_setup, "_singleton"):
        wandb_setup._singleton = None
    outer = getattr(wandb_setup, "_WandbSetup", None)
    if outer is not None and hasattr(outer, "_instance"):
        outer._instance = None
    try:
        wandb.run = None
    except Exception:
        pass
    Captured.settings = None
    Captured.calls = 0


def close_log_handlers():
    loggers = [logging.getLogger()] + [
        l for l in logging.Logger.manager.loggerDict.values() if isinstance(l, logging.Logger)
    ]
    for lg in loggers:
        for h in list(lg.handlers):
            if isinstance(h, logging.FileHandler):
                lg.removeHandler(h)
                try:
                    h.close()
                except Exception:
                    pass


def set_environ(case_env, base):
    for k in list(os.environ):
        if k.startswith("WANDB_"):
            del os.environ[k]
    os.environ.update(base)
    os.environ.update(case_env)


def write_resume_file(wd, context):
    if context is None or "resumeFile" not in context or context["resumeFile"] is None:
        return
    os.makedirs(os.path.join(wd, "wandb"))
    with open(os.path.join(wd, "wandb", "wandb-resume.json"), "w") as f:
        f.write(json.dumps({"run_id": context["resumeFile"]}))


def read_resume_file(wd):
    p = os.path.join(wd, "wandb", "wandb-resume.json")
    if not os.path.exists(p):
        return None
    with open(p) as f:
        raw = f.read()
    try:
        rid = json.loads(raw)["run_id"]
    except Exception:
        return {"unparsed": raw}
    if isinstance(rid, str) and SENTINEL_RE.match(rid):
        return "<generated>"
    return rid


def init_kwargs(case):
    kw = {}
    for k, v in (case.get("init") or {}).items():
        if v is None:
            continue
        kw[INIT_KW[k]] = v
    return kw


# ---------------------------------------------------------------- results


TIMESTAMP_RE = re.compile(r"\d{8}_\d{6}")
CWD = {"paths": []}
# pydantic shows a model-level error's input as a truncated repr of the whole Settings
# object, whose visible tail is the case's temporary directory: not reproducible.
SETTINGS_REPR_RE = re.compile(r"input_value=Settings\(.*?\), input_type=Settings")


def normalize_text(msg):
    """Make texts that embed the case's directory or the launch time reproducible."""
    for p in CWD["paths"]:
        if p:
            msg = msg.replace(p, "<cwd>")
    msg = SETTINGS_REPR_RE.sub("input_value=Settings(...), input_type=Settings", msg)
    return TIMESTAMP_RE.sub("<timestamp>", msg)


def set_cwd_paths(wd):
    CWD["paths"] = sorted({wd, os.path.realpath(wd)}, key=len, reverse=True)


def clean_message(e):
    msg = normalize_text(str(e))
    if type(e).__name__ == "ValidationError":
        lines = msg.split("\n")
        lines = [l for l in lines if not l.strip().startswith("For further information visit")]
        msg = "\n".join(lines)
    return msg


def error_record(e):
    rec = {"type": type(e).__name__, "message": clean_message(e)}
    c = e.__cause__ or (e.__context__ if not e.__suppress_context__ else None)
    if c is not None:
        rec["cause"] = {"type": type(c).__name__, "message": clean_message(c)}
    return rec


def moment(m):
    if m is None:
        return None
    if isinstance(m, str):
        return {"raw": m}
    run = getattr(m, "run", None)
    val = getattr(m, "value", None)
    if isinstance(val, float) and (val != val or val in (float("inf"), float("-inf"))):
        val = repr(val)
    return {"run": run, "value": val}


def norm_resume(v):
    if v is None or v is False or v == "":
        return None
    if v is True:
        return True
    return v


def norm_run_id(v):
    if v is None:
        return None
    if isinstance(v, str) and SENTINEL_RE.match(v):
        return None
    return v


def settings_get(s, name):
    try:
        return getattr(s, name)
    except Exception:
        try:
            return s[name]
        except Exception:
            return None


def result_from_settings(s):
    r = {
        "rejected": False,
        "resume": norm_resume(settings_get(s, "resume")),
        "runId": norm_run_id(settings_get(s, "run_id")),
    }
    rid = settings_get(s, "run_id")
    r["generated"] = bool(isinstance(rid, str) and SENTINEL_RE.match(rid))
    if rid is None or rid == "":
        # never observed: wandb always settles on an id
        r["runIdRaw"] = rid
    for name, key in (("fork_from", "forkFrom"), ("resume_from", "resumeFrom")):
        r[key] = moment(settings_get(s, name))
    return r


# ---------------------------------------------------------------- batch mode


def run_batch(cases_path, out_path):
    with open(cases_path) as f:
        cases = json.load(f)
    # wandb reads some variables at import (error reporting: Sentry would otherwise try to
    # flush every exception to the network, 2 s each), so the base environment comes first.
    set_environ({}, BASE_ENV_NEW)
    wandb = import_sdk()
    lin = lineage()
    install_batch_stubs(wandb)
    patch_generators()
    deletes_on_ready = on_ready_deletes_file() if lin != "L0" else False
    base = BASE_ENV_09 if lin == "L0" else BASE_ENV_NEW
    root = tempfile.mkdtemp(prefix="wbconf_")
    home = os.path.join(root, "home")
    os.makedirs(home)
    os.environ["HOME"] = home
    results = []
    real_stderr, real_stdout = sys.stderr, sys.stdout
    for i, case in enumerate(cases):
        wd = os.path.join(root, "c%d" % i)
        os.makedirs(wd)
        os.chdir(wd)
        set_cwd_paths(wd)
        write_resume_file(wd, case.get("context"))
        set_environ(case.get("env") or {}, base)
        reset_state(wandb)
        ID_GEN.n = 0
        t_case = time.time()
        cap = CaptureStream()
        sys.stderr = cap
        sys.stdout = cap
        res = None
        try:
            run = wandb.init(**init_kwargs(case))
            if lin == "L0":
                res = {
                    "rejected": False,
                    "resume": norm_resume(Captured.settings["resume"]),
                    "runId": norm_run_id(run.id),
                    "generated": bool(SENTINEL_RE.match(run.id)),
                    "runResume": run.resume,
                    "forkFrom": None,
                    "resumeFrom": None,
                }
            else:
                if not isinstance(run, Placeholder):
                    raise RuntimeError("stub not reached: %r" % (run,))
                s = Captured.settings
                if deletes_on_ready:
                    call_on_ready(s)
                res = result_from_settings(s)
        except BaseException as e:  # noqa: B902 - SystemExit from the SDK is a result too
            if isinstance(e, KeyboardInterrupt):
                raise
            res = {"rejected": True, "error": error_record(e)}
        finally:
            sys.stderr, sys.stdout = real_stderr, real_stdout
        res["warnings"] = [normalize_text(w) for w in warnings_from_chunks(cap.chunks)]
        res["resumeFileAfter"] = read_resume_file(wd)
        res["seconds"] = round(time.time() - t_case, 3)
        close_log_handlers()
        os.chdir(root)
        shutil.rmtree(wd, ignore_errors=True)
        results.append(res)
    shutil.rmtree(root, ignore_errors=True)
    meta = {
        "wandb": wandb.__version__,
        "python": "%d.%d.%d" % sys.version_info[:3],
        "lineage": lin,
        "onReadyDeletesResumeFile": deletes_on_ready,
        "generators": [n for n, _ in ORIG_GENERATORS],
    }
    with open(out_path, "w") as f:
        json.dump({"meta": meta, "results": results}, f)


# ---------------------------------------------------------------- real mode


def run_real(case_path, out_path):
    """Complete wandb.init in this fresh process (offline)."""
    with open(case_path) as f:
        case = json.load(f)
    wd = tempfile.mkdtemp(prefix="wbreal_")
    home = os.path.join(wd, "_home")
    os.makedirs(home)
    os.environ["HOME"] = home
    os.chdir(wd)
    set_cwd_paths(wd)
    # everything written to fds 1 and 2 (by this process and any child it starts) goes to a file
    errpath = os.path.join(home, "stderr.txt")
    fd = os.open(errpath, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    write_resume_file(wd, case.get("context"))
    major09 = case.get("_lineage") == "L0"
    base = dict(BASE_ENV_09 if major09 else BASE_ENV_NEW)
    if case.get("_online"):
        # Online against a server that is not there (connection refused on the discard
        # port): the backend's own checks of the run record run as they do online, before
        # anything needs an answer from the server.
        base.update({"WANDB_MODE": "online", "WANDB_API_KEY": "0" * 40, "WANDB_BASE_URL": "http://127.0.0.1:9"})
    set_environ(case.get("env") or {}, base)
    wandb = import_sdk()
    if lineage() == "L0":
        install_l0_capture()
    patch_generators()
    res = None
    try:
        run = wandb.init(**init_kwargs(case))
        if lineage() == "L0":
            res = {
                "rejected": False,
                "resume": norm_resume(Captured.settings["resume"]),
                "runId": norm_run_id(run.id),
                "generated": bool(SENTINEL_RE.match(run.id)),
                "runResume": run.resume,
                "forkFrom": None,
                "resumeFrom": None,
            }
        else:
            res = result_from_settings(run._settings)
            if res["runId"] is None and not res["generated"]:
                res["runId"] = norm_run_id(run.id)
    except BaseException as e:  # noqa: B902
        res = {"rejected": True, "error": error_record(e)}
    res["resumeFileAfter"] = read_resume_file(wd)
    sys.stdout.flush()
    sys.stderr.flush()
    # As written: universal newlines would turn a "\r" the SDK prints (an id ending in
    # "\r\n") into a line break of its own.
    with open(errpath, newline="") as f:
        text = f.read()
    res["warnings"] = [normalize_text(w) for w in warnings_from_text(text)]
    res["output"] = normalize_text(text)[-4000:]
    with open(out_path, "w") as f:
        json.dump(res, f)
    if not res["rejected"] and lineage() != "L0":
        try:
            run.finish()
        except Exception:
            pass
    os._exit(0)


# ---------------------------------------------------------------- generator check


def run_genid(out_path, n=10000):
    import_sdk()
    gens = find_generators()
    # The function the SDK calls for run ids: runid module when present, else wandb.util.
    name, f = gens[0]
    chars = set()
    lengths = {}
    seen = set()
    for _ in range(n):
        x = f()
        chars.update(x)
        lengths[len(x)] = lengths.get(len(x), 0) + 1
        seen.add(x)
    import wandb

    out = {
        "function": name,
        "calls": n,
        "alphabet": "".join(sorted(chars)),
        "lengths": {str(k): v for k, v in sorted(lengths.items())},
        "distinct": len(seen),
        "wandb": wandb.__version__,
    }
    with open(out_path, "w") as fh:
        json.dump(out, fh)


if __name__ == "__main__":
    mode = sys.argv[1]
    sys.argv[2:] = [os.path.abspath(a) for a in sys.argv[2:]]
    if mode == "batch":
        run_batch(sys.argv[2], sys.argv[3])
    elif mode == "real":
        run_real(sys.argv[2], sys.argv[3])
    elif mode == "genid":
        run_genid(sys.argv[2])
    else:
        raise SystemExit("unknown mode " + mode)
