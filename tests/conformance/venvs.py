"""Virtualenvs with one wandb release each, cached under
~/.cache/wandb-resume-conformance/venvs/<version> (override with $WANDB_CONFORMANCE_CACHE).

Used by generate.py; `python3 venvs.py 0.18.7 0.19.0` prepares the given ones alone.
"""

import glob
import os
import shutil
import subprocess
import sys

DEFAULT_CACHE = os.path.join(os.path.expanduser("~"), ".cache", "wandb-resume-conformance")


def vtuple(v):
    return tuple(int(x) for x in v.split("."))


def python_series(version):
    """The CPython series a release is run on: the newest on which it imports and runs.

    0.9.x: its graphql-core 1.x uses `collections.Iterable`, gone in 3.10, and it was tested
    on 3.7 in research; 0.10.x-0.12.x: protobuf 3 wheels and the old code paths run on 3.8;
    0.13+: 3.11 (the Python the engine's Unicode tables were generated with)."""
    t = vtuple(version)
    if t < (0, 10, 0):
        return "3.7"
    if t < (0, 13, 0):
        return "3.8"
    return "3.11"


# sentry-sdk 3.0 removed `configure_scope` and `Hub`, which releases up to 0.15.x import or call
# (0.9.7-0.10.33 and 0.12.21-0.15.0 then fail to import, 0.12.9-0.12.10 raise "problem" in every
# launch); 2.x keeps them, deprecated. wandb only imports it here (WANDB_ERROR_REPORTING=false),
# so one exact 2.x release for every wandb release keeps each venv the same on any day.
SENTRY_SDK = "sentry-sdk==2.76.0"


def pins(version):
    """Extra requirements that keep an old release installable and its output stable."""
    t = vtuple(version)
    if t < (0, 13, 0):
        return ["protobuf<4", SENTRY_SDK]
    if t >= (0, 19, 0):
        # pydantic's message layout is part of the recorded error texts
        return ["pydantic==2.14.4", SENTRY_SDK]
    return [SENTRY_SDK]


def find_python(series, overrides=None):
    if overrides and series in overrides:
        return overrides[series]
    cands = []
    home = os.path.expanduser("~")
    cands += sorted(glob.glob(os.path.join(home, ".pyenv", "versions", series + ".*", "bin", "python" + series)), reverse=True)
    cands += ["/usr/local/bin/python" + series, "/usr/bin/python" + series]
    w = shutil.which("python" + series)
    if w:
        cands.append(w)
    for c in cands:
        if os.path.exists(c):
            try:
                out = subprocess.run([c, "-c", "import sys;print('%d.%d' % sys.version_info[:2])"],
                                     capture_output=True, text=True, timeout=60)
            except Exception:
                continue
            if out.returncode == 0 and out.stdout.strip() == series:
                return c
    return None


def venv_python(cache, version):
    return os.path.join(cache, "venvs", version, "bin", "python")


def ensure_venv(version, cache=DEFAULT_CACHE, overrides=None, log=print):
    """Create the venv (once) and install wandb==version. Returns the venv's python."""
    py = venv_python(cache, version)
    d = os.path.dirname(os.path.dirname(py))
    marker = os.path.join(d, ".wandb-conformance-ok")
    # the marker names what was installed: a venv made before a pin changed is made again
    requirements = " ".join(["wandb==" + version] + pins(version)) + "\n"
    if os.path.exists(marker) and os.path.exists(py):
        with open(marker) as f:
            if f.read() == requirements:
                return py
    series = python_series(version)
    base = find_python(series, overrides)
    if base is None:
        raise RuntimeError("no Python %s found for wandb %s (pyenv, /usr/bin, PATH)" % (series, version))
    if os.path.exists(d):
        shutil.rmtree(d)
    os.makedirs(os.path.dirname(d), exist_ok=True)
    log("[venv] %s: creating with %s" % (version, base))
    subprocess.run([base, "-m", "venv", d], check=True)
    cmd = [py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "wandb==" + version] + pins(version)
    r = subprocess.run(cmd, capture_output=True, text=True)
    with open(os.path.join(d, "install.log"), "w") as f:
        f.write(" ".join(cmd) + "\n" + r.stdout + r.stderr)
    if r.returncode != 0:
        raise RuntimeError("pip install failed for wandb %s:\n%s" % (version, r.stderr[-3000:]))
    chk = subprocess.run([py, "-c", "import wandb; print(wandb.__version__)"], capture_output=True, text=True)
    if chk.returncode != 0 or chk.stdout.strip() != version:
        raise RuntimeError("wandb %s does not import in %s:\n%s" % (version, d, chk.stderr[-3000:]))
    with open(marker, "w") as f:
        f.write(requirements)
    return py


def installed(py, names=("wandb", "pydantic", "pydantic_core", "protobuf", "shortuuid", "click")):
    code = (
        "import json,sys\n"
        "try:\n from importlib import metadata as m\n"
        "except ImportError:\n import importlib_metadata as m\n"
        "out={}\n"
        "for n in %r:\n"
        " try: out[n]=m.version(n)\n"
        " except Exception: pass\n"
        "print(json.dumps(out, sort_keys=True))" % (tuple(names),)
    )
    r = subprocess.run([py, "-c", code], capture_output=True, text=True, check=True)
    import json

    return json.loads(r.stdout)


if __name__ == "__main__":
    cache = os.environ.get("WANDB_CONFORMANCE_CACHE", DEFAULT_CACHE)
    for v in sys.argv[1:]:
        print(v, ensure_venv(v, cache))
