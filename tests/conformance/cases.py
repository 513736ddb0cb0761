"""The conformance cases: hand-picked edge cases plus seeded random combinations.

Every case is a ResumeInput without `sdk` (that is the vector file's `meta.sdk`):
    {"env": {...}, "init": {"resume", "id", "notes", "resumeFrom", "forkFrom"},
     "context": {"resumeFile": "<id stored in wandb/wandb-resume.json before launch>"}}
Absent keys are omitted; empty objects are omitted. `init.resume` is a bool or a string,
ids and run moments are strings: the model cannot express anything else, so nothing else
is generated.

Run ids whose UTF-8 length lies in 228..235 bytes are never generated: wandb puts the id in
the run directory's name, `run-<YYYYMMDD_HHMMSS>-<id>` online but `offline-run-...` offline
(`dryrun-...` in 0.9.x), and the drivers run offline, so in that window the offline limit
(255-byte file names) would reject an id the online SDK accepts. Below 228 and above 235
both modes agree.
"""

import json
import random

# --------------------------------------------------------------------------- pools

RESUME_INIT = [
    True, False,
    "allow", "must", "never", "auto",
    "true", "True", "TRUE", "false", "False", "None", "none", "null", "1", "0", "yes",
    "Allow", "ALLOW", "Must", "MUST", "Never", "NEVER", "Auto", "AUTO",
    "", " ", " allow", "allow ", "auto ", "\tmust",
    "abc123", "my-run", "myid", "auto-run", "a:b", "ａｌｌｏｗ",
]

MODES = ["allow", "must", "never", "auto"]

RESUME_ENV = [
    "allow", "must", "never", "auto",
    "", " ", "true", "True", "false", "False", "None", "1", "0",
    "Allow", "ALLOW", "MUST", "NEVER", "Auto", " auto", "allow ", "abc123",
]

SWEEP_IDS = ["sw1", "abc123", "", " ", " sw1", "sw1 ", "\tsw1", "a:b", "sw/1", "sw 1", "ünï"]

NORMAL_IDS = ["myid", "envid", "fileid", "abc123", "run-1", "RUN_1", "a.b", "a-b_c", "x1y2z3w4", "0", "-", "_"]

EDGE_IDS = [
    # empty and whitespace (Python str.strip / str.isspace semantics)
    "", " ", "  ", "\t", "\n", "\r\n", " abc", "abc ", "\tabc", "abc\n", "a b", "a\tb",
    "a\u00a0b", "\u00a0abc", "abc\u3000", "\u2003abc", "\u0085abc", "\x1cabc", "abc\x1f", "\x0babc",
    "abc\u200b", "\u200babc", "\ufeffabc",
    # reserved characters (0.21.0+)
    ":", "a:b", "a;b", "a,b", "a#b", "a?b", "a/b", "a'b", "a:b;c", "?_step=1", "/", "'",
    # discouraged (\ and %)
    "a\\b", "\\", "a%b", "a%20b", "100%", "%",
    # other non-word characters
    'a"b', "a@b", "a+b", "a=b", "a*b", "a|b", "a<b>", "a~b", "a!b", "a$b", "a&b", "a(b)",
    "a[b]", "a{b}", "a`b", "a^b", "..", ".", "a.b.c", "a\x00b", "a\x7fb",
    # unicode
    "ünïcödé", "日本語", "😀emoji", "Ωmega", "ǅx", "٣٤", "a\u0301", "Ⅻ", "ß", "İ",
    # lengths: 64/65 chars (documented limit), 128/129, up to 227 bytes (accepted offline and
    # online), 236+ bytes (rejected in both: the run directory name exceeds 255 bytes)
    "x" * 64, "x" * 65, "x" * 128, "x" * 129, "x" * 200, "x" * 227, "x" * 236, "y" * 255,
    "z" * 300, "\u00e9" * 113, "\u00e9" * 118, "\u65e5" * 75, "\u65e5" * 79,
]

ALL_IDS = NORMAL_IDS + EDGE_IDS

MOMENTS = [
    "abc?_step=10", "abc?_step=0", "abc?_step=-1", "abc?_step=1.5", "abc?_step=1e3",
    "abc?_step= 5", "abc?_step=+5", "abc?_step=%2B5", "abc?_step=nan", "abc?_step=inf",
    "abc?_step=-inf", "abc?_step=1e400", "abc?_step=\u0661\u0662", "abc?_step=99999999999999999999",
    "abc?_step=10&_step=20", "u@h:1?_step=2", "ab%20c?_step=1", "a b?_step=1",
    "abc", "abc?step=1", "abc?_foo=3", "abc?_step=", "abc?_step=x", "?_step=1",
    "abc?_step=1&x=2", "a/b?_step=1", "abc?_step=1#f", "[x?_step=1", "", " ",
    "abc?_step=10 ", " abc?_step=1", "abc ?_step=1", "abc?_step=1;x", "abc?_step=0x10",
    "abc?_step=1_000", "abc?_STEP=1", "abc??_step=1", "a:b?_step=1", "runmoment://abc?_step=1",
]


def moment_for(run_id, rng):
    return "%s?_step=%d" % (run_id, rng.choice([0, 1, 5, 100]))


# --------------------------------------------------------------------------- helpers


def make(env=None, init=None, file=None):
    c = {}
    if env:
        c["env"] = dict(env)
    if init:
        c["init"] = {k: v for k, v in init.items() if v is not None}
        if not c["init"]:
            del c["init"]
    if file is not None:
        c["context"] = {"resumeFile": file}
    return c


def key(case):
    return json.dumps(case, sort_keys=True, ensure_ascii=False)


def expressible(case):
    """An environment variable cannot hold a NUL character (execve takes C strings)."""
    return all("\x00" not in v for v in (case.get("env") or {}).values())


def utf8_len_ok(case):
    ids = []
    for v in (case.get("env") or {}).values():
        ids.append(v)
    for k, v in (case.get("init") or {}).items():
        if isinstance(v, str):
            ids.append(v)
    f = (case.get("context") or {}).get("resumeFile")
    if f is not None:
        ids.append(f)
    for s in ids:
        n = len(s.encode("utf-8", "surrogatepass"))
        if 228 <= n <= 235:
            return False
    return True


# --------------------------------------------------------------------------- hand-picked


def hand_picked():
    C = []
    add = lambda **kw: C.append(make(**kw))  # noqa: E731

    # nothing at all; notes only
    add()
    add(init={"notes": "my notes"})
    add(env={"WANDB_NOTES": "env notes"})
    add(init={"notes": "n", "resume": "allow", "id": "myid"})
    add(env={"WANDB_NOTES": "n", "WANDB_RESUME": "allow", "WANDB_RUN_ID": "myid"})

    # A. every init resume value, with and without an id
    for r in RESUME_INIT:
        add(init={"resume": r})
        add(init={"resume": r, "id": "myid"})
    # with WANDB_RUN_ID (the string-as-id conversion only looks at the init id)
    for r in ["abc123", "true", "", "auto", True, "allow"]:
        add(env={"WANDB_RUN_ID": "envid"}, init={"resume": r})

    # B. every WANDB_RESUME value, with and without an id (init or env)
    for e in RESUME_ENV:
        add(env={"WANDB_RESUME": e})
        add(env={"WANDB_RESUME": e}, init={"id": "myid"})
        add(env={"WANDB_RESUME": e, "WANDB_RUN_ID": "envid"})

    # C. init resume over WANDB_RESUME
    for e in ["allow", "must", "never", "auto", "", "ALLOW"]:
        for r in [True, False, "allow", "must", "never", "auto", "abc123", "", "ALLOW"]:
            add(env={"WANDB_RESUME": e}, init={"resume": r, "id": "myid"})

    # D. run ids, from init and from the environment, alone and with resume
    for i in ALL_IDS:
        add(init={"id": i})
        add(env={"WANDB_RUN_ID": i})
    for i in ["", " ", " abc", "a:b", "a/b", "a%b", "a\\b", "ünïcödé", "x" * 236]:
        add(init={"id": i, "resume": "must"})
        add(init={"id": i, "resume": "auto"})
        add(env={"WANDB_RUN_ID": i, "WANDB_RESUME": "allow"})
    # init id over WANDB_RUN_ID, including empty / invalid ones on either side
    for a, b in [("initid", "envid"), ("", "envid"), ("initid", ""), (" ", "envid"), ("initid", " "),
                 ("a:b", "envid"), ("initid", "a:b"), ("same", "same")]:
        add(env={"WANDB_RUN_ID": b}, init={"id": a})

    # E. sweeps
    for sw in [None] + SWEEP_IDS:
        for envid in [None, "envid", "", " "]:
            for iid in [None, "initid", "", " ", "envid"]:
                env = {}
                if sw is not None:
                    env["WANDB_SWEEP_ID"] = sw
                if envid is not None:
                    env["WANDB_RUN_ID"] = envid
                if sw is None and envid is None:
                    continue
                add(env=env, init={"id": iid})
    for r in [True, "auto", "must", "never", "allow", False]:
        add(env={"WANDB_SWEEP_ID": "sw1", "WANDB_RUN_ID": "envid"}, init={"id": "initid", "resume": r})
        add(env={"WANDB_SWEEP_ID": "sw1", "WANDB_RUN_ID": "envid"}, init={"resume": r}, file="fileid")
    add(env={"WANDB_SWEEP_ID": "sw1", "WANDB_RESUME": "auto"}, file="fileid")
    add(env={"WANDB_SWEEP_ID": "sw1", "WANDB_RUN_ID": "envid", "WANDB_RESUME": "auto"}, file="fileid")
    add(env={"WANDB_SWEEP_ID": "sw1"}, init={"id": "initid", "resume": "auto"}, file="fileid")
    add(env={"WANDB_SWEEP_ID": "sw1"}, init={"id": "a:b"})
    add(env={"WANDB_SWEEP_ID": "sw1"}, init={"id": "a\nb"})
    add(env={"WANDB_SWEEP_ID": "sw1"}, init={"id": "x" * 300})

    # F. the auto-resume file
    files = [None, "fileid", "myid", "envid", "", " ", " fileid", "a:b", "x" * 300, "ünï"]
    for f in files:
        for r in [None, True, "auto", "allow", "must", "never", False, "", "abc123", "AUTO"]:
            for iid in [None, "myid"]:
                add(init={"resume": r, "id": iid}, file=f)
        for e in ["auto", "allow", "AUTO", ""]:
            add(env={"WANDB_RESUME": e}, file=f)
            add(env={"WANDB_RESUME": e, "WANDB_RUN_ID": "envid"}, file=f)
            add(env={"WANDB_RESUME": e}, init={"id": "myid"}, file=f)
        add(env={"WANDB_RUN_ID": "envid"}, init={"resume": "auto"}, file=f)
        add(env={"WANDB_RUN_ID": "envid"}, init={"resume": True, "id": "myid"}, file=f)
        add(env={"WANDB_RESUME": "auto"}, init={"resume": False}, file=f)
        add(env={"WANDB_RESUME": "auto"}, init={"resume": "allow"}, file=f)
        add(env={"WANDB_RESUME": "allow"}, init={"resume": True}, file=f)
    for i in ["", " ", " abc", "a:b"]:
        add(init={"resume": "auto", "id": i}, file="fileid")
        add(env={"WANDB_RUN_ID": i}, init={"resume": "auto"}, file="fileid")
    # an empty id that the settings keep as "set" (0.10.0-0.15.5) against a file holding an
    # empty id too, a blank one or a real one (0.10.11+ warn only when the two differ)
    for f in ["", " ", "fileid"]:
        add(init={"resume": True, "id": ""}, file=f)
        add(init={"resume": "auto", "id": ""}, file=f)
        add(env={"WANDB_RUN_ID": ""}, init={"resume": True}, file=f)
        add(env={"WANDB_RESUME": "auto", "WANDB_RUN_ID": ""}, file=f)
        add(env={"WANDB_RESUME": "auto"}, init={"id": ""}, file=f)

    # G. fork_from / resume_from: every string, from init and from the environment
    for m in MOMENTS:
        add(init={"forkFrom": m})
        add(init={"resumeFrom": m})
        add(env={"WANDB_FORK_FROM": m})
        add(env={"WANDB_RESUME_FROM": m})
    for kind in ["forkFrom", "resumeFrom"]:
        envk = "WANDB_FORK_FROM" if kind == "forkFrom" else "WANDB_RESUME_FROM"
        m = "abc?_step=1"
        # with the same / a different / an invalid id, from init or env
        for iid in ["abc", "xyz", "", " ", "a:b"]:
            add(init={kind: m, "id": iid})
            add(env={"WANDB_RUN_ID": iid}, init={kind: m})
            add(env={envk: m}, init={"id": iid})
            add(env={envk: m, "WANDB_RUN_ID": iid})
        add(env={"WANDB_RUN_ID": "xyz"}, init={kind: m, "id": "abc"})
        add(env={"WANDB_RUN_ID": "abc"}, init={kind: m, "id": "xyz"})
        # with resume, from init or env, truthy or not
        for r in [True, False, "allow", "must", "never", "auto", "", "abc123"]:
            add(init={kind: m, "resume": r})
            add(env={envk: m}, init={"resume": r})
        for e in ["allow", "must", "auto", "", "ALLOW"]:
            add(env={"WANDB_RESUME": e}, init={kind: m})
            add(env={"WANDB_RESUME": e, envk: m})
        # with the resume file and a sweep
        add(init={kind: m}, file="fileid")
        add(init={kind: m}, file="abc")
        add(env={"WANDB_RESUME": "auto", envk: m}, file="fileid")
        add(env={"WANDB_SWEEP_ID": "sw1", "WANDB_RUN_ID": "envid"}, init={kind: m})
        add(env={"WANDB_SWEEP_ID": "sw1"}, init={kind: m, "id": "abc"})
        # malformed with ids
        add(init={kind: "abc", "id": "abc"})
        add(init={kind: "abc?_step=x", "resume": "allow"})
        # moments naming odd runs
        for rid in ["a:b", " abc", "ünï", "x" * 300]:
            add(init={kind: rid + "?_step=1"})
            add(init={kind: rid + "?_step=1", "id": rid})
    # both at once, init and env in every pairing
    fm, rm = "abc?_step=1", "abc?_step=2"
    add(init={"forkFrom": fm, "resumeFrom": rm})
    add(init={"forkFrom": fm}, env={"WANDB_RESUME_FROM": rm})
    add(init={"resumeFrom": rm}, env={"WANDB_FORK_FROM": fm})
    add(env={"WANDB_FORK_FROM": fm, "WANDB_RESUME_FROM": rm})
    add(init={"forkFrom": fm, "resumeFrom": rm, "resume": "allow"})
    add(init={"forkFrom": fm, "resumeFrom": "xyz?_step=2"})
    add(init={"forkFrom": "abc", "resumeFrom": "abc"})
    add(init={"forkFrom": "abc?_step=1", "id": "xyz"}, env={"WANDB_FORK_FROM": "other?_step=3"})
    add(init={"resumeFrom": "abc?_step=1"}, env={"WANDB_RESUME_FROM": "other?_step=3"})
    # an init resume_from naming the init id, with WANDB_RESUME_FROM as well (0.19.0-0.19.4
    # check the variable when the settings load, before the argument replaces it)
    for m in ["other?_step=3", "abc?_step=3", "abc?_step=1.5", "abc?_step=x"]:
        add(init={"resumeFrom": "abc?_step=1", "id": "abc"}, env={"WANDB_RESUME_FROM": m})
    add(init={"resumeFrom": "abc?_step=1", "id": "abc"}, env={"WANDB_RESUME_FROM": "abc?_step=3", "WANDB_RUN_ID": "abc"})

    # Two checks fail: which one wandb.init raises first (src/check_order.rs).
    # Its own arguments before the environment (0.19.0+), the environment first before.
    add(env={"WANDB_RUN_ID": " "}, init={"id": ""})
    add(env={"WANDB_SWEEP_ID": ""}, init={"id": " "})
    add(env={"WANDB_RESUME": "Allow"}, init={"resume": "yes", "id": "myid"})
    add(env={"WANDB_RESUME_FROM": "abc?_STEP=1"}, init={"id": "\t"})
    # A keyword the release lacks (TypeError) before anything else.
    add(env={"WANDB_RUN_ID": ""}, init={"id": " ", "forkFrom": "abc?_step=1", "resumeFrom": "abc?_step=2"})
    # resume_from against an id wandb.init did not get: WANDB_RUN_ID (when the arguments are
    # merged), the resume file's (after that), the init id a sweep drops; each with resume.
    for env, file in [({"WANDB_RESUME": "auto", "WANDB_RUN_ID": "envid"}, None),
                      ({"WANDB_RESUME": "auto"}, "fileid"),
                      ({"WANDB_RESUME": "auto", "WANDB_SWEEP_ID": "sw1"}, None)]:
        add(env=env, init={"resumeFrom": "abc?_step=1"}, file=file)
    add(env={"WANDB_SWEEP_ID": "sw1"}, init={"id": "abc", "resume": "never", "resumeFrom": "abc?_step=1"})
    add(env={"WANDB_SWEEP_ID": "sw1", "WANDB_RUN_ID": "abc\n"}, init={"id": "abc", "resumeFrom": "abc?_step=1"})
    # fork_from naming WANDB_RUN_ID (found when merged) with resume (found when assigned).
    add(env={"WANDB_RUN_ID": "abc"}, init={"forkFrom": "abc?_step=1", "resume": "must"})
    add(env={"WANDB_RUN_ID": "abc", "WANDB_RESUME": "never"}, init={"forkFrom": "abc?_step=1", "id": "xyz"})
    return C


# --------------------------------------------------------------------------- random


def random_cases(rng, n):
    out = []

    def pick_id():
        return rng.choice(NORMAL_IDS) if rng.random() < 0.7 else rng.choice(EDGE_IDS)

    for _ in range(n):
        shared = pick_id() if rng.random() < 0.85 else rng.choice(EDGE_IDS)
        env, init = {}, {}
        file = None
        # mostly real modes, so that combinations reach the later steps in every version;
        # the other spellings often enough to meet everything else
        if rng.random() < 0.45:
            env["WANDB_RESUME"] = rng.choice(MODES) if rng.random() < 0.7 else rng.choice(RESUME_ENV)
        if rng.random() < 0.35:
            env["WANDB_RUN_ID"] = shared if rng.random() < 0.3 else pick_id()
        if rng.random() < 0.15:
            env["WANDB_SWEEP_ID"] = rng.choice(SWEEP_IDS)
        if rng.random() < 0.05:
            env["WANDB_FORK_FROM"] = rng.choice(MOMENTS) if rng.random() < 0.5 else moment_for(shared, rng)
        if rng.random() < 0.05:
            env["WANDB_RESUME_FROM"] = rng.choice(MOMENTS) if rng.random() < 0.5 else moment_for(shared, rng)
        if rng.random() < 0.04:
            env["WANDB_NOTES"] = "env notes"
        if rng.random() < 0.6:
            r = rng.random()
            if r < 0.2:
                init["resume"] = True
            elif r < 0.3:
                init["resume"] = False
            elif r < 0.65:
                init["resume"] = rng.choice(["allow", "must", "never", "auto"])
            elif rng.random() < 0.5:
                init["resume"] = rng.choice(RESUME_INIT)
            else:
                init["resume"] = rng.choice(MODES)
        if rng.random() < 0.55:
            init["id"] = shared if rng.random() < 0.4 else pick_id()
        if rng.random() < 0.04:
            init["notes"] = "my notes"
        if rng.random() < 0.07:
            init["forkFrom"] = rng.choice(MOMENTS) if rng.random() < 0.5 else moment_for(shared if rng.random() < 0.5 else pick_id(), rng)
        if rng.random() < 0.07:
            init["resumeFrom"] = rng.choice(MOMENTS) if rng.random() < 0.5 else moment_for(shared if rng.random() < 0.5 else pick_id(), rng)
        if rng.random() < 0.4:
            file = shared if rng.random() < 0.4 else (pick_id() if rng.random() < 0.8 else rng.choice(["", " "]))
        c = make(env=env, init=init, file=file)
        out.append(c)
    return out


def build(seed, n_random):
    """Hand-picked cases first (deduplicated, in order), then `n_random` distinct random ones."""
    seen = set()
    hp = []
    for c in hand_picked():
        if not expressible(c):
            continue
        if not utf8_len_ok(c):
            raise AssertionError("hand-picked case in the offline/online length window: %r" % (c,))
        k = key(c)
        if k not in seen:
            seen.add(k)
            hp.append(c)
    rng = random.Random(seed)
    rnd = []
    while len(rnd) < n_random:
        for c in random_cases(rng, n_random - len(rnd)):
            k = key(c)
            if k in seen or not utf8_len_ok(c) or not expressible(c):
                continue
            seen.add(k)
            rnd.append(c)
    return hp, rnd


if __name__ == "__main__":
    hp, rnd = build(1, 10)
    print(len(hp), "hand-picked;", len(rnd), "random")
