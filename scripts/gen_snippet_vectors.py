#!/usr/bin/env python3
"""Generate tests/vectors/snippets.json: the snippets of src/snippets.rs, each checked against
the real thing before it is recorded.

For a few hundred configurations (hand-picked awkward values and seeded random strings from a
biased alphabet) this script

1. has the Rust code render them: it writes the inputs to a temporary file and runs
   `cargo test --test snippet_vectors` with WANDB_RESUME_SNIPPET_INPUTS=<inputs> and
   WANDB_RESUME_WRITE_SNIPPETS=<outputs>, which makes that test write the Rust snippets;
2. checks that each snippet gives back exactly the values entered:
   - shell: run by the real bash (also with --posix), dash and zsh, each in an empty
     environment (`env -i`) and again under LC_ALL=C.UTF-8, followed by `/usr/bin/env -0`; the
     WANDB_* variables it prints must be exactly the input's, byte for byte, and nothing may
     be printed on stderr;
   - python: parsed by Python's own `ast` (a `wandb.init(...)` call, keywords only) and every
     keyword value read back with `ast.literal_eval`;
   - kubernetes: loaded by PyYAML's pure-Python SafeLoader and by its libyaml CSafeLoader,
     then put through a port of Kubernetes' `$(VAR)` expansion
     (third_party/forked/golang/expansion), with every reference resolving to a marker so
     that any unescaped reference shows;
   - dockerfile: there is no Docker daemon here, so this one is NOT the real thing: a port of
     BuildKit's Dockerfile parser (frontend/dockerfile/parser: line scanning with its 64 KiB
     limit, comments, parser directives, line continuations, splitCommand, parseWords,
     parseNameVal) and of its shell lexer's ProcessWord (frontend/dockerfile/shell/lex.go:
     quotes, escapes; any `$` that reaches variable expansion fails the check), self-tested
     against cases from BuildKit's own envVarTest;
3. checks that the Rust texts equal an independent rendering of the documented rules
   (Python's own `repr()` for the call, the shell's bare-word alphabet, the YAML and Dockerfile
   escapes) and that the note codes are the expected ones;
4. writes the verified texts, with the inputs, as compact JSON. Any mismatch stops the script
   with a non-zero exit status and nothing is written.

Usage: python3 scripts/gen_snippet_vectors.py [--check]
  --check  verify everything and compare with the committed file instead of writing it.

PyYAML: when it is not importable (or lacks libyaml), the script makes a private venv under
/tmp, installs PyYAML there from PyPI and re-runs itself with that venv's Python (the same
CPython, so `repr()` and `str.isprintable()` are unchanged). The committed Rust test does not
need any of this.
"""
import ast
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "vectors" / "snippets.json"
TABLE = ROOT / "src" / "pyunicode_table.rs"
GENERATOR = "scripts/gen_snippet_vectors.py"
SEED = 20261128
RANDOM_CASES = 120
VENV = Path("/tmp/wandb-resume-snippets-venv")


def ensure_yaml():
    try:
        import yaml

        if yaml.__with_libyaml__:
            return
    except ImportError:
        pass
    if os.environ.get("WANDB_RESUME_SNIPPETS_IN_VENV"):
        sys.exit("PyYAML with libyaml is still missing inside the venv")
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "pyyaml==6.0.3"], check=True)
    env = dict(os.environ, WANDB_RESUME_SNIPPETS_IN_VENV="1")
    os.execve(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]], env)


ensure_yaml()
import yaml  # noqa: E402


def fail(msg):
    sys.stderr.write("gen_snippet_vectors: FAILED: " + msg + "\n")
    sys.exit(1)


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

LONG_PLAIN = "abc-" * 300
LONG_MIXED = "it's $x \"q\" é🙂\\ \t" * 40

# (name, value): each is tried as the value of WANDB_NOTES and as the notes= argument.
VALUES = [
    ("plain", "allow"),
    ("empty", ""),
    ("space", "a b"),
    ("leading-space", " a"),
    ("trailing-space", "a "),
    ("only-spaces", "   "),
    ("single-quote", "it's"),
    ("only-single-quote", "'"),
    ("two-single-quotes", "''"),
    ("double-quote", 'say "hi"'),
    ("both-quotes", "it's \"x\""),
    ("backslash", "a\\b"),
    ("trailing-backslash", "a\\"),
    ("only-backslash", "\\"),
    ("backslash-quote", "\\\""),
    ("backslash-n-literal", "a\\nb"),
    ("backslash-space-end", "a \\"),
    ("dollar-var", "$HOME"),
    ("dollar-brace", "${HOME}"),
    ("dollar-paren", "$(whoami)"),
    ("dollar-dollar", "$$"),
    ("trailing-dollar", "a$"),
    ("only-dollar", "$"),
    ("dollar-default", "${X:-y}"),
    ("k8s-reference", "$(WANDB_RUN_ID)"),
    ("k8s-escaped-reference", "$$(X)"),
    ("dollar-non-ascii", "$é$🙂"),
    ("backtick", "`id`"),
    ("tilde", "~"),
    ("tilde-user", "~root/x"),
    ("tilde-after-colon", "a:~"),
    ("tilde-after-equals", "a=~"),
    ("hash", "#x"),
    ("hash-mid", "a#b"),
    ("hash-after-space", "a #b"),
    ("star", "*"),
    ("question", "?"),
    ("glob-class", "[ab]"),
    ("brace", "{a,b}"),
    ("brace-range", "{1..3}"),
    ("bang", "!"),
    ("bang-bang", "!!"),
    ("bang-dollar", "!$"),
    ("equals-start", "=ls"),
    ("equals-mid", "a=b"),
    ("colon-equals", "a:=ls"),
    ("only-equals", "="),
    ("leading-dash", "-n"),
    ("double-dash", "--"),
    ("percent", "%1"),
    ("at", "@a"),
    ("plus", "+x"),
    ("comma", "a,b"),
    ("all-bare-safe", "Az09_./:@%+,-"),
    ("semicolon", "a;b"),
    ("ampersand", "a&b"),
    ("pipe", "a|b"),
    ("redirect", "a>b"),
    ("heredoc", "<<EOF"),
    ("parens", "(a)"),
    ("caret", "^a"),
    ("newline", "line 1\nline 2"),
    ("trailing-newline", "a\n"),
    ("only-newline", "\n"),
    ("carriage-return", "a\rb"),
    ("crlf", "a\r\nb"),
    ("tab", "a\tb"),
    ("vt-ff", "\x0b\x0c"),
    ("escape-sequence", "\x1b[31mred"),
    ("del", "\x7f"),
    ("bell", "\x07"),
    ("nul", "a\x00b"),
    ("only-nul", "\x00"),
    ("e-acute", "café"),
    ("combining", "cafe\u0301"),
    ("combining-first", "\u0301x"),
    ("emoji", "🙂"),
    ("zwj-sequence", "👩\u200d👩\u200d👧"),
    ("flag", "🇫🇷"),
    ("hebrew", "עברית"),
    ("arabic", "مرحبا"),
    ("rtl-override", "\u202eabc"),
    ("zero-width-space", "a\u200bb"),
    ("bom", "\ufeffx"),
    ("nbsp", "a\u00a0b"),
    ("ideographic-space", "a\u3000b"),
    ("next-line", "a\u0085b"),
    ("line-separator", "a\u2028b"),
    ("paragraph-separator", "a\u2029b"),
    ("cjk", "中文"),
    ("private-use", "\ue000"),
    ("noncharacter", "\uffff"),
    ("max-code-point", "\U0010ffff"),
    ("tag-character", "\U000e0001"),
    ("c1-controls", "\x80\x9f"),
    ("soft-hyphen", "\u00ad"),
    ("yaml-true", "true"),
    ("yaml-null", "null"),
    ("yaml-number", "1e3"),
    ("yaml-colon", "a: b"),
    ("yaml-dash", "- a"),
    ("yaml-anchor", "&a *a"),
    ("yaml-tag", "!!str x"),
    ("yaml-flow", "[a, {b: c}]"),
    ("python-triple-quotes", "'''\"\"\""),
    ("python-braces", "{x}"),
    ("dockerfile-directive", "# escape=`"),
    ("json-array", '["a"]'),
    ("run-id", "1a2b3c4d"),
    ("resume-from", "abc123?_step=200"),
    ("long-plain", LONG_PLAIN),
    ("long-mixed", LONG_MIXED),
]


def case(name, env=None, init=None, **extra):
    data = {}
    if env is not None:
        data["env"] = env
    if init is not None:
        data["init"] = init
    data.update(extra)
    return {"name": name, "input": data}


def hand_picked():
    cases = [
        case("empty-input"),
        case("empty-env-and-init", env={}, init={}),
        case("only-other-variables", env={"PATH": "/usr/bin", "wandb_resume": "allow", "XWANDB_A": "1"}),
        case(
            "documented-env",
            env={"WANDB_RESUME": "allow", "WANDB_RUN_ID": "abc123"},
            sdk="0.17.0",
            context={"resumeFile": "zzz", "runExists": True},
        ),
        case("args-resume-true", init={"resume": True}),
        case("args-resume-false", init={"resume": False}),
        case("args-resume-must-id", init={"resume": "must", "id": "abc123"}),
        case("args-id-only", init={"id": "abc123"}),
        case("args-resume-from", init={"resumeFrom": "abc123?_step=200"}),
        case("args-fork-from", init={"forkFrom": "abc123?_step=200", "notes": "fork"}),
        case(
            "args-all-five",
            init={
                "resume": "allow",
                "id": "abc123",
                "notes": "it's",
                "resumeFrom": "abc123?_step=1",
                "forkFrom": "xyz?_step=2",
            },
        ),
        case("args-three", init={"resume": True, "id": "a'b\"c", "notes": "n"}),
        case("args-nulls", init={"resume": None, "id": None, "notes": None}),
        case(
            "env-and-init",
            env={"WANDB_RESUME": "never", "WANDB_RUN_ID": "run 1", "HOME": "/root"},
            init={"resume": "auto", "id": "run-2"},
        ),
        case("name-just-prefix", env={"WANDB_": "x"}),
        case("name-with-dash", env={"WANDB_RUN-ID": "x", "WANDB_RUN_ID": "y"}),
        case("name-with-space", env={"WANDB_ NOTES": "x"}),
        case("name-non-ascii", env={"WANDB_É": "x"}),
        case("name-with-equals", env={"WANDB_A=B": "x"}),
        case("name-with-newline", env={"WANDB_\n": "x", "WANDB_\x00": "y"}),
        case("name-lowercase", env={"WANDB_run_id": "x"}),
        case(
            "mixed-problems",
            env={
                "WANDB_A": "a\x00",
                "WANDB_B": "b\nb",
                "WANDB_C": "$c",
                "WANDB_D": "",
                "WANDB_E-F": "e",
            },
        ),
        case("all-left-out", env={"WANDB_A": "\x00", "WANDB_B-": "b"}),
        case("newline-only-var", env={"WANDB_NOTES": "a\nb"}),
        case(
            "many-vars",
            env={f"WANDB_V{i:02d}": v for i, (_, v) in enumerate(VALUES[:24]) if "\x00" not in v},
        ),
    ]
    for name, value in VALUES:
        cases.append(case("env-" + name, env={"WANDB_NOTES": value}))
        if len(value) < 1000:
            cases.append(case("init-" + name, init={"notes": value, "id": value}))
    return cases


POOLS = [
    "abcXYZ019_-./:@%+,",
    " '\"\\$`!~#*?[]{}()<>|&;=^",
    "\t\n\r\x0b\x0c\x1b\x7f",
    "é\u0301ßЖ中🙂\u200b\u200f\u202eעב\u00a0\u0085\u2028\ufeff\uffff\U0010ffff",
]
ENV_NAMES = ["WANDB_RESUME", "WANDB_RUN_ID", "WANDB_NOTES", "WANDB_NAME", "WANDB_PROJECT"]
INIT_KEYS = ["id", "resume", "resumeFrom", "forkFrom", "notes"]


def random_text(rng):
    out = []
    for _ in range(rng.randint(0, 12)):
        pick = rng.random()
        if pick < 0.5:
            out.append(rng.choice(POOLS[0]))
        elif pick < 0.97:
            out.append(rng.choice(rng.choice(POOLS[1:])))
        elif pick < 0.985:
            out.append("\x00")
        else:
            cp = rng.randint(1, 0x10FFFF)
            while 0xD800 <= cp <= 0xDFFF:
                cp = rng.randint(1, 0x10FFFF)
            out.append(chr(cp))
    return "".join(out)


def random_cases(rng, count):
    cases = []
    for i in range(count):
        env = None
        if rng.random() < 0.85:
            env = {}
            for name in rng.sample(ENV_NAMES, rng.randint(1, 3)):
                env[name] = random_text(rng)
            if rng.random() < 0.1:
                env["PATH"] = random_text(rng)
        init = None
        if rng.random() < 0.7:
            init = {}
            for key in rng.sample(INIT_KEYS, rng.randint(1, 4)):
                if key == "resume" and rng.random() < 0.3:
                    init[key] = rng.random() < 0.5
                else:
                    init[key] = random_text(rng)
        cases.append(case(f"random-{i:03d}", env=env, init=init))
    return cases


# ---------------------------------------------------------------------------------------------
# The documented rules, rendered independently of the Rust code
# ---------------------------------------------------------------------------------------------

ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
SHELL_BARE = re.compile(r"[A-Za-z0-9_./:@%+,-]+")
DOCKERFILE_MAX_LINE = 65535
ENV_ENTRY_MAX = 131072
NO_VARS = "# no WANDB_* variables set"
INIT_ORDER = [("id", "id"), ("resume", "resume"), ("resume_from", "resumeFrom"), ("fork_from", "forkFrom"), ("notes", "notes")]


def wandb_vars(inp):
    return [(k, v) for k, v in sorted((inp.get("env") or {}).items(), key=lambda kv: kv[0].encode()) if k.startswith("WANDB_")]


def shell_word(v):
    return v if SHELL_BARE.fullmatch(v) else "'" + v.replace("'", "'\\''") + "'"


def dockerfile_word(v):
    return '"' + "".join("\\" + c if c in '\\"$' else c for c in v) + '"'


def kubernetes_value(v):
    out = ['"']
    for c in v:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\t":
            out.append("\\t")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "$":
            out.append("$$")
        elif not c.isprintable():
            out.append("\\u%04x" % ord(c) if ord(c) <= 0xFFFF else "\\U%08x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def python_call(init):
    args = []
    for kw, key in INIT_ORDER:
        v = (init or {}).get(key)
        if v is None:
            continue
        args.append(f"{kw}={v!r}")
    if len(args) > 2:
        return "wandb.init(\n" + "".join(f"    {a},\n" for a in args) + ")"
    return "wandb.init(" + ", ".join(args) + ")"


def expected(inp):
    """The four texts and the note codes the documented rules give, and for each env syntax
    the (name, value) pairs it must set."""
    shell, docker, kube, codes = [], [], [], []
    sets = {"shell": [], "dockerfile": [], "kubernetes": []}
    pairs = wandb_vars(inp)
    for name, value in pairs:
        if not ENV_NAME.fullmatch(name):
            c = f"# {name!r} left out: not a valid environment variable name"
            shell.append(c)
            docker.append(c)
            kube.append(("comment", c))
            codes.append("invalid-env-name")
            continue
        if "\x00" in value:
            c = f"# {name} left out: its value holds a NUL character, which no environment variable can hold"
            shell.append(c)
            docker.append(c)
            kube.append(("comment", c))
            codes.append("nul-in-env")
            continue
        line_break = "\n" in value or "\r" in value
        if line_break:
            codes.append("newline-in-env")
        if len(name) + 1 + len(value.encode()) + 1 > ENV_ENTRY_MAX:
            codes.append("env-entry-too-long")
        shell.append(f"export {name}={shell_word(value)}")
        sets["shell"].append((name, value))
        if line_break:
            docker.append(f"# {name} left out: its value holds a line break, which ENV cannot hold portably")
            codes.append("newline-in-dockerfile")
        else:
            line = f"ENV {name}={dockerfile_word(value)}"
            if len(line.encode()) > DOCKERFILE_MAX_LINE:
                docker.append(f"# {name} left out: its ENV line would be longer than the Dockerfile parser reads")
                codes.append("dockerfile-line-too-long")
            else:
                docker.append(line)
                sets["dockerfile"].append((name, value))
        if "$" in value:
            codes.append("dollar-in-kubernetes")
        kube.append(("entry", name, kubernetes_value(value)))
        sets["kubernetes"].append((name, value))
    if not pairs:
        shell.append(NO_VARS)
        docker.append(NO_VARS)
    if any(k[0] == "entry" for k in kube):
        lines = ["env:"]
        for k in kube:
            if k[0] == "comment":
                lines.append("  " + k[1])
            else:
                lines += [f"  - name: {k[1]}", f"    value: {k[2]}"]
    else:
        lines = [k[1] for k in kube] + ["env: []"]
    texts = {
        "shell": "\n".join(shell),
        "python": python_call(inp.get("init")),
        "dockerfile": "\n".join(docker),
        "kubernetes": "\n".join(lines),
    }
    return texts, codes, sets


# ---------------------------------------------------------------------------------------------
# Real interpreters
# ---------------------------------------------------------------------------------------------

SHELLS = {
    "bash": ["/bin/bash", "--noprofile", "--norc"],
    "bash-posix": ["/bin/bash", "--posix", "--noprofile", "--norc"],
    "dash": ["/bin/dash"],
    "zsh": ["/usr/bin/zsh", "-f"],
}
LOCALES = [{}, {"LC_ALL": "C.UTF-8"}]


def tool_version(argv):
    try:
        r = subprocess.run(argv, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return r.stdout.strip().splitlines()[0] if r.stdout.strip() else None


def run_shell(argv, snippet, env):
    if "\x00" in snippet:
        raise AssertionError("the shell snippet holds a NUL, which no argv can carry")
    r = subprocess.run(argv + ["-c", snippet + "\n/usr/bin/env -0\n"], env=env, capture_output=True)
    if r.returncode != 0 or r.stderr:
        raise AssertionError(f"exit {r.returncode}, stderr {r.stderr!r}")
    got = []
    for entry in r.stdout.split(b"\x00")[:-1]:
        name, sep, value = entry.partition(b"=")
        if not sep:
            raise AssertionError(f"odd env entry {entry!r}")
        if name.startswith(b"WANDB_"):
            got.append((name.decode("utf-8"), value.decode("utf-8")))
    return sorted(got)


def check_shell(text, want):
    for shell, argv in SHELLS.items():
        if not Path(argv[0]).exists():
            continue
        for extra in LOCALES:
            got = run_shell(argv, text, dict(extra))
            if got != sorted(want):
                raise AssertionError(f"{shell} {extra or ''}: got {got!r}, want {sorted(want)!r}")


def check_python(text, inp):
    compile(text, "<snippet>", "exec")
    tree = ast.parse(text, mode="eval")
    call = tree.body
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "init"
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "wandb"
        and not call.args
    ):
        raise AssertionError("not a wandb.init(...) call with keywords only")
    got = [(k.arg, ast.literal_eval(k.value)) for k in call.keywords]
    want = [(kw, (inp.get("init") or {})[key]) for kw, key in INIT_ORDER if (inp.get("init") or {}).get(key) is not None]
    if [(k, type(v), v) for k, v in got] != [(k, type(v), v) for k, v in want]:
        raise AssertionError(f"got {got!r}, want {want!r}")


def k8s_expand(value, mapping):
    """Port of Kubernetes' third_party/forked/golang/expansion.Expand (works on UTF-8 bytes
    and decodes one rune after a lone `$`, as the current version does)."""
    data = value.encode("utf-8")
    buf = bytearray()
    checkpoint = 0
    cursor = 0
    while cursor < len(data):
        if data[cursor] == 0x24 and cursor + 1 < len(data):
            buf += data[checkpoint:cursor]
            rest = data[cursor + 1 :]
            if rest[0] == 0x24:
                read, is_var, advance = b"$", False, 1
            elif rest[0] == 0x28:
                close = rest.find(b")", 1)
                if close >= 1:
                    read, is_var, advance = rest[1:close], True, close + 1
                else:
                    read, is_var, advance = b"$(", False, 1
            else:
                ch = rest.decode("utf-8", errors="surrogateescape")[0]
                size = len(ch.encode("utf-8", errors="surrogateescape"))
                read, is_var, advance = b"$" + rest[:size], False, size
            buf += mapping(read.decode("utf-8")).encode() if is_var else read
            cursor += advance
            checkpoint = cursor + 1
        cursor += 1
    return (bytes(buf) + data[checkpoint:]).decode("utf-8")


K8S_SELF_TEST = [
    ("$(VAR_A)", "A"),
    ("$$(VAR_B)_$(VAR_A)", "$(VAR_B)_A"),
    ("f000-$$VAR_A", "f000-$VAR_A"),
    ("$(VAR_A$(VAR_B))", "$(VAR_A$(VAR_B))"),
    ("$?_boo_$!", "$?_boo_$!"),
    ("$(VAR_DNE)", "$(VAR_DNE)"),
    ("$$$$$$(BIG_MONEY)", "$$$(BIG_MONEY)"),
    ("$$$$$$$(VAR_A)", "$$$A"),
    ("$(VAR_C)_______$(", "C_______$("),
    ("$(VAR_A)foobarzab$", "Afoobarzab$"),
    ("--$($($($($--", "--$($($($($--"),
    ("$(foo$$var)", "$(foo$$var)"),
    ("$é", "$é"),
]


def k8s_self_test():
    known = {"VAR_A": "A", "VAR_B": "B", "VAR_C": "C"}
    for value, want in K8S_SELF_TEST:
        got = k8s_expand(value, lambda n: known.get(n, "$(" + n + ")"))
        if got != want:
            fail(f"Kubernetes expansion port: {value!r} gave {got!r}, want {want!r}")


def check_kubernetes(text, want):
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        doc = yaml.load(text, Loader=loader)
        if not (isinstance(doc, dict) and list(doc) == ["env"] and isinstance(doc["env"], list)):
            raise AssertionError(f"{loader.__name__}: not an env list: {doc!r}")
        got = []
        for item in doc["env"]:
            if not (isinstance(item, dict) and list(item) == ["name", "value"]):
                raise AssertionError(f"{loader.__name__}: odd item {item!r}")
            name, value = item["name"], item["value"]
            if not (isinstance(name, str) and isinstance(value, str)):
                raise AssertionError(f"{loader.__name__}: non-string in {item!r}")
            # Every reference resolves to a marker, so an unescaped one cannot go unseen.
            got.append((name, k8s_expand(value, lambda n: "\ue000REFERENCE(" + n + ")\ue000")))
        if got != want:
            raise AssertionError(f"{loader.__name__}: got {got!r}, want {want!r}")


# --- Dockerfile: a port of BuildKit's parser and lexer (not the real thing) -------------------

GO_SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200B)}
RE_WHITESPACE = re.compile(r"[\t\x0b\x0c\r ]+")
DIRECTIVE = re.compile(r"^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*\Z")
CONTINUATION = re.compile(r"([^\\])\\[ \t]*\Z|^\\[ \t]*\Z")
EOF = None


def go_trim_left_space(s):
    i = 0
    while i < len(s) and s[i] in GO_SPACE:
        i += 1
    return s[i:]


def go_trim_space(s):
    s = go_trim_left_space(s)
    j = len(s)
    while j > 0 and s[j - 1] in GO_SPACE:
        j -= 1
    return s[:j]


class DockerfileError(Exception):
    pass


def dockerfile_lines(text):
    """frontend/dockerfile/parser.Parse for a fragment of ENV instructions: the logical lines,
    after BOM, comment, parser-directive and line-continuation handling."""
    raw = text.encode("utf-8")
    tokens = []
    start = 0
    while start < len(raw):
        nl = raw.find(b"\n", start)
        end = len(raw) if nl < 0 else nl + 1
        # bufio.Scanner with the default 64 KiB buffer: a line (newline excluded) may be
        # at most 65535 bytes.
        if len(raw[start:end].rstrip(b"\n")) > DOCKERFILE_MAX_LINE:
            raise DockerfileError("dockerfile line greater than max allowed size of 65535")
        tokens.append(raw[start:end].decode("utf-8"))
        start = end
    directives_done = False

    def possible_directive(line):
        nonlocal directives_done
        if directives_done:
            return
        if not line.startswith("#"):
            directives_done = True
            return
        m = DIRECTIVE.match(go_trim_left_space(line[1:]))
        if not m or m.group(1).lower() not in ("syntax", "escape", "check"):
            directives_done = True
            return
        raise DockerfileError(f"parser directive in the snippet: {line!r}")

    def is_comment(line):
        line = go_trim_left_space(line)
        return line.startswith("#")

    def process_line(token, strip_left):
        token = token.rstrip("\r\n")
        if strip_left:
            token = go_trim_left_space(token)
        possible_directive(token)
        return "" if is_comment(token) else token

    def trim_continuation(line):
        if CONTINUATION.search(line):
            return CONTINUATION.sub(lambda m: m.group(1) or "", line), False
        return line, True

    out = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if len(out) == 0 and token.startswith("\ufeff") and i == 1:
            token = token[1:]
        line = process_line(token, True)
        line, end = trim_continuation(line)
        if end and not line:
            continue
        buf = line
        while not end and i < len(tokens):
            nxt = tokens[i]
            i += 1
            part = process_line(nxt, False)
            if is_comment(nxt):
                continue
            if not go_trim_left_space(part.rstrip("\r\n")):
                continue
            part, end = trim_continuation(part)
            buf += part
        out.append(buf)
    return out


def parse_words(rest):
    """parser.parseWords with the default escape token."""
    words, word, phase, quote, blank_ok = [], "", "spaces", "", False
    pos = 0
    n = len(rest)
    while pos <= n:
        ch = rest[pos] if pos < n else ""
        if phase == "spaces":
            if pos == n:
                break
            if ch in GO_SPACE:
                pos += 1
                continue
            phase = "word"
        if phase in ("word", "quote") and pos == n:
            if blank_ok or word:
                words.append(word)
            break
        if phase == "word":
            if ch in GO_SPACE:
                phase = "spaces"
                if blank_ok or word:
                    words.append(word)
                word, blank_ok = "", False
                pos += 1
                continue
            if ch in ("'", '"'):
                quote, blank_ok, phase = ch, True, "quote"
            if ch == "\\":
                if pos + 1 == n:
                    pos += 1
                    continue
                word += ch
                pos += 1
                ch = rest[pos]
            word += ch
            pos += 1
            continue
        if phase == "quote":
            if ch == quote:
                phase = "word"
            if ch == "\\" and quote != "'":
                if pos + 1 == n:
                    phase = "word"
                    pos += 1
                    continue
                pos += 1
                word += ch
                ch = rest[pos]
            word += ch
            pos += 1
    return words


class Lexer:
    """shell.Lex.ProcessWord with the default escape token and no variables: quotes and
    escapes are processed; any `$` reaching processDollar is an error here, because nothing in
    a snippet may be substituted."""

    def __init__(self, word):
        self.s = word
        self.i = 0
        if self.s.startswith("\ufeff"):  # text/scanner skips a BOM at the very start
            self.i = 1

    def peek(self):
        return self.s[self.i] if self.i < len(self.s) else EOF

    def next(self):
        ch = self.peek()
        if ch is not EOF:
            self.i += 1
        return ch

    def dollar(self):
        raise DockerfileError(f"unescaped $ would be substituted in {self.s!r}")

    def word(self):
        result = []
        while self.peek() is not EOF:
            ch = self.peek()
            if ch == "$":
                self.dollar()
            elif ch == "<":
                self.next()
                if self.peek() != "<":
                    result.append("<")
                    continue
                self.next()
                spaces = ""
                while self.peek() in (" ", "\t"):
                    spaces += self.next()
                result.append("<<" + spaces)
            elif ch == "'":
                result.append(self.single_quote())
            elif ch == '"':
                result.append(self.double_quote())
            else:
                ch = self.next()
                if ch == "\\":
                    ch = self.next()
                    if ch is EOF:
                        break
                result.append(ch)
        return "".join(result)

    def single_quote(self):
        self.next()
        out = []
        while True:
            ch = self.next()
            if ch is EOF:
                raise DockerfileError("unexpected end of statement while looking for matching single-quote")
            if ch == "'":
                return "".join(out)
            out.append(ch)

    def double_quote(self):
        self.next()
        out = []
        while True:
            ch = self.peek()
            if ch is EOF:
                raise DockerfileError("unexpected end of statement while looking for matching double-quote")
            if ch == '"':
                self.next()
                return "".join(out)
            if ch == "$":
                self.dollar()
            ch = self.next()
            if ch == "\\":
                nxt = self.peek()
                if nxt is EOF:
                    continue
                if nxt in ('"', "$", "\\"):
                    ch = self.next()
            out.append(ch)


def process_word(word):
    return Lexer(word).word()


# From BuildKit's frontend/dockerfile/shell/envVarTest (lines without substitution).
LEX_SELF_TEST = [
    ("hello", "hello"),
    ("he'll'o", "hello"),
    ("he'llo", None),
    ("he\\'llo", "he'llo"),
    ("he\\\\'llo", None),
    ("abc\\tdef", "abctdef"),
    ('"abc\\tdef"', "abc\\tdef"),
    ('"abc\\\\tdef"', "abc\\tdef"),
    ("'abc\\tdef'", "abc\\tdef"),
    ("hello\\", "hello"),
    ("hello\\\\", "hello\\"),
    ('"hello', None),
    ('"hello\\"', None),
    ('"hel\'lo"', "hel'lo"),
    ("'hello", None),
    ("'hello\\'", "hello\\"),
    ('"\'\'"', "''"),
    ("he\\$PWD", "he$PWD"),
    ('"he\\$PWD"', "he$PWD"),
    ("'he\\$PWD'", "he\\$PWD"),
    ("'$PWD'", "$PWD"),
    ("\\${}", "${}"),
    ("안녕\\'하세요", "안녕'하세요"),
    ("안\\\\'녕하세요", None),
]


def dockerfile_self_test():
    for word, want in LEX_SELF_TEST:
        try:
            got = process_word(word)
        except DockerfileError:
            got = None
        if got != want:
            fail(f"Dockerfile lexer port: {word!r} gave {got!r}, want {want!r}")
    words = parse_words('A="a b" B=\'c\\ d\' C=e\\ f D="g\\"h"')
    if words != ['A="a b"', "B='c\\ d'", "C=e\\ f", 'D="g\\"h"']:
        fail(f"Dockerfile parseWords port: {words!r}")
    lines = dockerfile_lines("# c\nENV A=1 \\\n  # skipped\n  B=2\n\nENV C=3")
    if lines != ["ENV A=1   B=2", "ENV C=3"]:
        fail(f"Dockerfile line port: {lines!r}")


def dockerfile_env(text):
    pairs = []
    for line in dockerfile_lines(text):
        parts = RE_WHITESPACE.split(go_trim_space(line), maxsplit=1)
        if parts[0].lower() != "env":
            raise DockerfileError(f"not an ENV instruction: {line!r}")
        args = go_trim_space(parts[1]) if len(parts) == 2 else ""
        if args.startswith("--"):
            raise DockerfileError(f"builder flag in {line!r}")
        words = parse_words(args)
        if not words or "=" not in words[0]:
            raise DockerfileError(f"not the NAME=value form: {line!r}")
        for w in words:
            if "=" not in w:
                raise DockerfileError(f"can't find = in {w!r}")
            key, value = w.split("=", 1)
            if not key:
                raise DockerfileError("blank ENV name")
            pairs.append((process_word(key), process_word(value)))
    return pairs


def check_dockerfile(text, want):
    got = dockerfile_env(text)
    if got != want:
        raise AssertionError(f"got {got!r}, want {want!r}")


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------


def rust_snippets(inputs):
    with tempfile.TemporaryDirectory(prefix="snippet-vectors-") as tmp:
        src = Path(tmp) / "inputs.json"
        dst = Path(tmp) / "outputs.json"
        src.write_text(json.dumps(inputs, ensure_ascii=False), encoding="utf-8")
        env = dict(os.environ, WANDB_RESUME_SNIPPET_INPUTS=str(src), WANDB_RESUME_WRITE_SNIPPETS=str(dst))
        r = subprocess.run(
            ["cargo", "test", "--quiet", "--test", "snippet_vectors"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if r.returncode != 0 or not dst.exists():
            fail("cargo test --test snippet_vectors (write mode) failed:\n" + r.stdout + r.stderr)
        return json.loads(dst.read_text(encoding="utf-8"))


def table_unicode_version():
    m = re.search(r'UNICODE_VERSION: &str = "([^"]+)"', TABLE.read_text(encoding="utf-8"))
    return m.group(1) if m else None


def main():
    check_only = "--check" in sys.argv[1:]
    if table_unicode_version() != unicodedata.unidata_version:
        fail(
            f"this Python has Unicode {unicodedata.unidata_version}, src/pyunicode_table.rs was "
            f"generated with {table_unicode_version()}: run with that Python"
        )
    for shell in ("bash", "dash"):
        if not Path(SHELLS[shell][0]).exists():
            fail(f"{SHELLS[shell][0]} is required")
    if not Path(SHELLS["zsh"][0]).exists():
        sys.stderr.write("gen_snippet_vectors: warning: zsh not found; the shell lines are not checked with it\n")
    if not getattr(yaml, "__with_libyaml__", False):
        fail("PyYAML without libyaml: CSafeLoader is needed")
    k8s_self_test()
    dockerfile_self_test()

    rng = random.Random(SEED)
    cases = hand_picked() + random_cases(rng, RANDOM_CASES)
    names = [c["name"] for c in cases]
    if len(set(names)) != len(names):
        fail("duplicate case names")
    outputs = rust_snippets([c["input"] for c in cases])
    if len(outputs) != len(cases):
        fail(f"{len(outputs)} outputs for {len(cases)} inputs")

    errors = []
    records = []
    for c, out in zip(cases, outputs):
        inp = c["input"]
        texts, codes, sets = expected(inp)
        got_codes = [n["code"] for n in out["notes"]]
        problems = []
        for key in ("shell", "python", "dockerfile", "kubernetes"):
            if out[key] != texts[key]:
                problems.append(f"{key}: Rust {out[key]!r}\n      rules {texts[key]!r}")
        if got_codes != codes:
            problems.append(f"notes: Rust {got_codes} rules {codes}")
        checks = [
            ("shell", lambda: check_shell(out["shell"], sets["shell"])),
            ("python", lambda: check_python(out["python"], inp)),
            ("kubernetes", lambda: check_kubernetes(out["kubernetes"], sets["kubernetes"])),
            ("dockerfile", lambda: check_dockerfile(out["dockerfile"], sets["dockerfile"])),
        ]
        for key, check in checks:
            try:
                check()
            except Exception as e:  # noqa: BLE001 - every failure is reported
                problems.append(f"{key} does not evaluate back: {type(e).__name__}: {e}")
        if problems:
            errors.append(f"case {c['name']} {json.dumps(inp, ensure_ascii=False)}:\n    " + "\n    ".join(problems))
        records.append(
            {
                "name": c["name"],
                "input": inp,
                "shell": out["shell"],
                "python": out["python"],
                "dockerfile": out["dockerfile"],
                "kubernetes": out["kubernetes"],
                "notes": got_codes,
            }
        )
    if errors:
        fail(f"{len(errors)} of {len(cases)} cases:\n" + "\n".join(errors[:40]))

    meta = {
        "generator": GENERATOR,
        "seed": SEED,
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "bash": tool_version(["/bin/bash", "-c", 'echo "$BASH_VERSION"']),
        "dash": tool_version(["dpkg-query", "-W", "-f", "${Version}", "dash"]),
        "zsh": tool_version([SHELLS["zsh"][0], "-f", "-c", 'echo "$ZSH_VERSION"']),
        "pyyaml": yaml.__version__,
        "dockerfile": "port of BuildKit's parser and shell lexer, not the real thing",
    }
    text = json.dumps({"meta": meta, "cases": records}, ensure_ascii=False, separators=(",", ":")) + "\n"
    if check_only:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            fail(f"{OUT.relative_to(ROOT)} is not what this generator writes; rerun without --check")
        print(f"{len(records)} cases verified; {OUT.relative_to(ROOT)} is up to date")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"{len(records)} cases verified with the real interpreters; wrote {OUT.relative_to(ROOT)} ({len(text.encode())} bytes)")


if __name__ == "__main__":
    main()
