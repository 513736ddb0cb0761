#!/usr/bin/env python3
r"""Generate tests/vectors/env_block.json and tests/vectors/init_call.json: what the REAL bash
and the REAL Python make of pasted text, for src/env_block.rs and src/init_call.rs to be
replayed against (tests/parser_vectors.rs).

Shell blocks: each case is written to a file and read by
    env -i PATH=<empty dir> /bin/bash --noprofile --norc -c 'set -a; source "$1"; env -0' _ file
in an empty temporary directory, and the exported environment is recorded byte for byte.
PATH points at an empty directory, so only builtins run (`true`, `cd`, `echo`, `set`, ...);
no case runs anything else. Syntax errors are taken from `bash -n`. Every case is run a
second time with its names and HOME preset to other values; a variable whose value changes
depends on the job's environment and must be among those the case expects to be unresolved
(the generator stops otherwise).

Python calls: each case is parsed with `ast.parse` (and `compile`, which reports repeated
keywords); the call's keyword values are evaluated with `ast.literal_eval`, exactly as the
brief of src/init_call.rs says.

Both halves record what the parsers promise beyond the tools, as rules written out here:
values that depend on the job's environment, a conditional, the locale, or that are not UTF-8
are expected to be reported unresolved (their values are not recorded); a `\N{NAME}` escape in
a read argument and a non-ASCII keyword name are expected to be refused (`unsupported-literal`);
a bytes value is expected to be refused (`non-literal`).

Usage (from the repository root, with Python 3.11 and bash 5.2):
    python3 scripts/gen_parser_vectors.py
Rerunning writes the same bytes. For a stress run (not committed):
    python3 scripts/gen_parser_vectors.py --seed 7 --random 5000 --random-init 5000 --out /tmp/v
    PARSER_VECTORS_DIR=/tmp/v cargo test --test parser_vectors
"""
import ast
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

SEED = 20261128
BASH = "/bin/bash"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "tests", "vectors")

# ---------------------------------------------------------------------------------------------
# bash

MARK = b"\0__WANDB_RESUME_VECTORS__\0"
SCRIPT = 'set -a; source "$1" >/dev/null 2>&1; printf "\\0__WANDB_RESUME_VECTORS__\\0"; /usr/bin/env -0'
# Names that are never preset (they change how bash itself behaves).
NO_PRESET = re.compile(
    r"^(PATH|HOME|IFS|ENV|BASH\w*|SHELLOPTS|POSIXLY_CORRECT|PS\d|CDPATH|GLOBIGNORE|LANG|LC_\w+|"
    r"TMOUT|TERM|SHLVL|PWD|OLDPWD|OPTIND|OPTERR|HISTFILE|MAIL\w*|FUNCNEST|EXECIGNORE|"
    r"INPUTRC|HOSTNAME|UID|EUID|PPID|RANDOM|SRANDOM|SECONDS|LINENO|EPOCH\w+|TIMEFORMAT|"
    r"COMP\w+|HISTCONTROL|READLINE\w*|_)$"
)


class Bash:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="wandb-resume-vectors-")
        self.empty_path = os.path.join(self.tmp, "no-commands")
        self.cwd = os.path.join(self.tmp, "cwd")
        os.mkdir(self.empty_path)
        os.mkdir(self.cwd)
        self.file = os.path.join(self.tmp, "case.sh")
        self.version = subprocess.run(
            [BASH, "--noprofile", "--norc", "-c", 'printf %s "$BASH_VERSION"'],
            capture_output=True,
            check=True,
        ).stdout.decode()
        # bash's own exported variables, and OLDPWD, which `cd` sets.
        self.ignored = set(self.run("")[0]) | {"OLDPWD"}

    def write(self, text):
        with open(self.file, "wb") as f:
            f.write(text.encode("utf-8"))

    def run(self, text, preset=None):
        """The exported environment after sourcing `text`: {name: bytes}."""
        self.write(text)
        env = {"PATH": self.empty_path}
        env.update(preset or {})
        out = subprocess.run(
            [BASH, "--noprofile", "--norc", "-c", SCRIPT, "_", self.file],
            env=env,
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=10,
        ).stdout
        if MARK not in out:
            raise SystemExit(f"bash did not reach the dump for {text!r}")
        dump = out.split(MARK, 1)[1]
        result = {}
        for item in dump.split(b"\0"):
            if not item:
                continue
            name, _, value = item.partition(b"=")
            name = name.decode("utf-8", "surrogateescape")
            if name.startswith("BASH_FUNC_"):
                continue
            result[name] = value
        return result, env

    def syntax_ok(self, text):
        self.write(text)
        return (
            subprocess.run(
                [BASH, "--noprofile", "--norc", "-n", self.file],
                env={"PATH": self.empty_path},
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=10,
            ).returncode
            == 0
        )


def env_case(bash, text, unresolved=(), error=None, notes=()):
    """Runs one shell case through bash and returns its vector."""
    ok = bash.syntax_ok(text)
    if error is not None:
        if ok:
            raise SystemExit(f"expected bash -n to fail: {text!r}")
        return {"text": text, "expect": {"error": error}}
    if not ok:
        raise SystemExit(f"bash -n fails but no error is expected: {text!r}")
    base, _ = bash.run(text)
    names = sorted(set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)))
    preset = {n: f"preset-{n}" for n in names if not NO_PRESET.match(n)}
    preset["HOME"] = "/preset-home"
    other, _ = bash.run(text, preset)
    unresolved = set(unresolved)
    result = {}
    for name, value in base.items():
        if name in bash.ignored:
            continue
        try:
            text_value = value.decode("utf-8")
        except UnicodeDecodeError:
            # Not UTF-8: the parser reports such a value as unresolved.
            unresolved.add(name)
            continue
        if other.get(name) != value and name not in unresolved:
            raise SystemExit(
                f"{name} depends on the environment but is not expected unresolved: {text!r}"
            )
        if name not in unresolved:
            result[name] = text_value
    expect = {"env": dict(sorted(result.items()))}
    if unresolved:
        expect["unresolved"] = sorted(unresolved)
    if notes:
        expect["notes"] = sorted(set(notes))
    return {"text": text, "expect": expect}


# Hand-picked shell cases: (text, unresolved names, error code, note codes that must appear).
def E(text, unresolved=(), error=None, notes=()):
    return (text, unresolved, error, notes)


HAND_ENV = [
    # plain forms
    E(""),
    E("\n\n   \n"),
    E("# only a comment\n"),
    E("A=1\n"),
    E("A=1"),
    E("export A=1\n"),
    E("export A=1 B=2 C=3\n"),
    E("declare -x A=1\n"),
    E("typeset -x A=1\n"),
    E("declare A=1\n"),
    E("  A=1\n\tB=2\n"),
    E("A=1 B=2\n"),
    E("A=1;B=2; C=3 ;\n"),
    E("export A=1; export B=2\n"),
    E("A=\nB=''\nC=\"\"\nD=$''\nE=$\"\"\n"),
    E("A==\nB=a=b=c\nC==x\n"),
    E("A=1=2 B=x==y\n"),
    E("WANDB_RESUME=allow\nWANDB_RUN_ID=abc123\n"),
    E("export WANDB_RESUME=must\nexport WANDB_RUN_ID=\"run-42\"\n"),
    E("lower=1\nMixed_Case9=2\n_=3\n__x=4\n"),
    # comments
    E("A=1 # trailing comment\n"),
    E("A=1# not a comment\n"),
    E("A=#x\n"),
    E("A='#x'\nB=\"#y\"\n"),
    E("A=x\\ #y\n"),
    E("# A=1\nB=2\n"),
    E("  # indented comment\nA=1\n"),
    E("#!/bin/bash\n#SBATCH --job-name=x\n#SBATCH --time=1:00:00\nexport WANDB_RESUME=allow\n"),
    E("A=1 #c1\n#c2\nB=2#c3\n"),
    E("# comment ending in backslash \\\nA=1\n"),
    # single quotes
    E("A='x y'\n"),
    E("A='$HOME \\n \\\\ \" `x`'\n"),
    E("A='multi\nline'\n"),
    E("A='a\\\nb'\n"),
    E("A='  '\n"),
    E("A='it'\\''s'\n"),
    # double quotes
    E('A="x y"\n'),
    E('A="\\\\ \\" \\$ \\` \\a \\n \\q"\n'),
    E('A="a\\\nb"\n'),
    E('A="multi\nline"\n'),
    E('A="it\'s"\n'),
    E('A="\\\'"\n'),
    E('A="$"\nB="a$"\nC="$ x"\n'),
    E('A="a$\'b\'c"\n'),
    E('A="a$"b\n'),
    E('A="x"\'y\'z\n'),
    E('A=""\'\'""x\n'),
    E('A="\t"\n'),
    # unquoted backslashes
    E("A=a\\ b\n"),
    E("A=\\$HOME\n"),
    E("A=\\'\\\"\\\\\n"),
    E("A=x\\\ny\n"),
    E("A=x\\\n=1\n"),
    E("B\\\n=2\n"),
    E("export A=1 \\\n  B=2 \\\n  C=3\n"),
    E("A=x\\"),
    E("A=\\a\\b\\c\n"),
    E("A=x\\;y\\&z\\|w\\<v\\>u\\(t\\)\n"),
    # ANSI-C quoting
    E("A=$'a\\tb\\nc'\n"),
    E("A=$'\\a\\b\\e\\E\\f\\n\\r\\t\\v\\\\\\'\\\"\\?'\n"),
    E("A=$'\\101\\1011\\60\\7'\n"),
    E("A=$'\\x41\\x4a\\x4\\xg\\x'\n"),
    E("A=$'\\u0041\\u7f\\U00000042\\u\\U'\n"),
    E("A=$'\\cA\\cz\\c?\\c[\\c1\\c~'\n"),
    E("A=$'x\\c\\\\y'\nB=$'x\\c\\y'\nC=$'x\\c'\n"),
    E("A=$'a\\0b'c\n"),
    E("A=$'x\\c@y'z\n"),
    E("A=$'x\\400y'\n"),
    E("A=$'\\q\\8\\9\\z'\n"),
    E("A=$'it\\'s'\n"),
    E("A=$'a\\\nb'\n"),
    E("A=$'\\xc3\\xa9'\n"),
    E("A=$'\\303\\251'\n"),
    E("A=$'\\u00e9'\n", unresolved=["A"], notes=["locale"]),
    E("A=$'\\U0001F600'\n", unresolved=["A"]),
    E("A=$'\\xff'\n", notes=["non-utf8"]),
    E("A=$'\\xc3'$'\\xa9'\n"),
    E("A=$'\\777'\n"),
    # $"..."
    E('A=$"hello"\n'),
    E('A=$"a\\"b"\n'),
    # concatenation
    E("A=a'b'\"c\"$'d'$\"e\"f\n"),
    E("A='x'\"y\"'z'\n"),
    E("WANDB_RUN_ID=\"exp\"'-'1\n"),
    # unicode
    E("A=é\nB='中文'\nC=\"🙂\"\n"),
    E("A=x\u00a0y\n"),
    E("A=\u200b\n"),
    E("A=\u3000\n"),
    E("A=\"e\u0301\"\n"),
    E("A=ﬁ\n"),
    E("\ufeffA=1\nB=2\n", notes=["invalid-name"]),
    E("A='\ufeff'\n"),
    # CRLF
    E("A=abc\r\n", notes=["crlf-line-end"]),
    E("WANDB_RUN_ID=abc\r\nWANDB_RESUME=allow\r\n", notes=["crlf-line-end"]),
    E("A=\"x\"\r\n", notes=["crlf-line-end"]),
    E("A='x'\r\n"),
    E("export A=1 B=2\r\n"),
    E("A=1 # comment\r\n"),
    E("# comment\r\nA=1\r\n"),
    E("\r\nA=1\r\n\r\n"),
    E("A=1 \r\n", notes=["command-prefix"]),
    E("A='a\r\nb'\r\n"),
    E("A=\"a\r\nb\"\r\n"),
    E("A=x\\\r\n"),
    E("A=\r\n"),
    E("A=1\r"),
    E("A=1\rB=2\n"),
    E("export A\r\n"),
    E("(A=1)\r\n", error="syntax"),
    E("{ A=1; }\r\n", error="syntax"),
    E("if true; then A=1; fi\r\n", error="syntax"),
    E("A=1\r\nunset A\r\n"),
    # expansions
    E("A=$HOME\n", unresolved=["A"]),
    E("A=$SLURM_JOB_ID\n", unresolved=["A"], notes=["expansion"]),
    E("A=${SLURM_JOB_ID}\n", unresolved=["A"]),
    E("A=run-${SLURM_JOB_ID}-$SLURM_ARRAY_TASK_ID\n", unresolved=["A"]),
    E('A="$X"\n', unresolved=["A"]),
    E("A='$X'\n"),
    E("A=\\$X\n"),
    E("A=1\nB=$A\n"),
    E("A=1\nB=${A}\n"),
    E("A=1\nB=\"$A-${A}\"\n"),
    E("A=1\nB=$Ax\n", unresolved=["B"]),
    E("A=1\nB=${A}x\n"),
    E("A=1\nB=$A$A\n"),
    E("B=$A\nA=1\n", unresolved=["B"]),
    E("A=1 B=$A\n"),
    E("export A=1 B=$A\n", unresolved=["B"]),
    E("A=0\nexport A=1 B=$A\n"),
    E("A=x\nA=y B=$A\n"),
    E("A=$X\nB=$A\n", unresolved=["A", "B"]),
    E("A=${X:-default}\n", unresolved=["A"]),
    E("A=${X-d}\nB=${X:=d}\nC=${#X}\nD=${!X}\n", unresolved=["A", "B", "C", "D", "X"]),
    E("A=${X:-{x}y}\n", unresolved=["A"]),
    E("A=${X:-a b}\n", unresolved=["A"]),
    E("A=\"${X:-'}'}\"\n", unresolved=["A"]),
    E("A=$(echo hi)\n", unresolved=["A"], notes=["expansion"]),
    E("A=$(echo \"a)b\")\n", unresolved=["A"]),
    E("A=$(echo $(echo x))\n", unresolved=["A"]),
    E("A=$( (echo x) )\n", unresolved=["A"]),
    E("A=$(echo x # )\n)\n", unresolved=["A"]),
    E("A=`echo hi`\n", unresolved=["A"]),
    E("A=\"`echo \\\"x\\\"`\"\n", unresolved=["A"]),
    E("A=$((1+2))\n", unresolved=["A"]),
    E("A=$[1+2]\n", unresolved=["A"]),
    E("A=$1\nB=$#\nC=$?\nD=$$\nE=$-\nF=$@\nG=$*\nH=$0\nI=$!\n", unresolved=list("ABCDEFGHI")),
    E("A=$_\n", unresolved=["A"]),
    E("A=a<(true)\n", unresolved=["A"]),
    E("A=$\nB=x$\nC=$/\nD=$%\n"),
    E("A=\"$\"'x'\n"),
    E("A=1\nB=$A\nA=2\nC=$A\n"),
    E("A=1\nunset A\nB=$A\n"),
    E("unset A\nB=${A}x\n"),
    E("A=x\nA+=y\n"),
    E("A+=y\n", unresolved=["A"]),
    E("A=1\nexport A+=2 B=$A\n"),
    E("A=$'\\n'\nB=\"$A\"\n"),
    E("IFS=:\nA=a:b\nB=$A\n"),
    # tilde
    E("A=~\n", unresolved=["A"], notes=["expansion"]),
    E("A=~/x\n", unresolved=["A"]),
    E("A=x:~/y\n", unresolved=["A"]),
    E("A=~\"x\"\n"),
    E("A=~\\/x\n"),
    E("A=\"~\"\nB='~'\nC=\\~\n"),
    E("A=a~\nB=a=~\nC=x:a~\n"),
    E("A=~/\"x\"\n", unresolved=["A"]),
    E("A=x:~\"/\"\n"),
    E("export A=~\n", unresolved=["A"]),
    E("A=~+\nB=~-\nC=~root\n", unresolved=["A", "B", "C"]),
    E("A=~nosuchuser1234\n", unresolved=["A"]),
    # export forms
    E("export A\n"),
    E("A=1\nexport A\n"),
    E("export -- A=1\n"),
    E("export -p A=1\n"),
    E("export -f A=1\n"),
    E("export A=1 1B=2 C=3\n", notes=["invalid-name"]),
    E("export A=1 B\nB=2\n"),
    E("export \"A=1\"\n"),
    E("export \"A\"=1\n"),
    E("export A\"=\"1\n"),
    E("export 'A=x y'\n"),
    E("A=1\nexport -n A\n", notes=["not-exported"]),
    E("export C={a,b}\n", unresolved=["C"], notes=["unsupported-syntax"]),
    E("C={a,b}\n"),
    E("export C=x{1..3}\n", unresolved=["C"]),
    E("export C=*\nD=*\nexport E=?\n"),
    E("export A=$X B=1\n", unresolved=["A"]),
    E("declare -r A=1\nA=2\n", notes=["readonly"]),
    E("readonly A=1\n"),
    E("readonly A=1\nA=2\n"),
    E("A=1\nreadonly A\nA=2\n"),
    E("declare -g A=1\ndeclare -t B=2\ndeclare -xr C=3\n"),
    E("declare -p A=1\n"),
    E("declare -i A=1+1\n", unresolved=["A"]),
    E("declare -u A=abc\n", unresolved=["A"]),
    E("declare -l A=ABC\n", unresolved=["A"]),
    E("declare +x A=1\n", unresolved=["A"]),
    E("declare -a A=1\n", unresolved=["A"]),
    E("declare -q A=1\n"),
    E("local A=1\n"),
    # arrays
    E("A=(1 2)\n", notes=["array-assignment"]),
    E("A[0]=x\n"),
    E("export B=(3)\n"),
    E("A=(1 2) B=3\n"),
    # set -a / set +a
    E("set -a\nA=1\n"),
    E("set +a\nA=1\nexport B=2\n", notes=["not-exported"]),
    E("set +a\nA=1\nexport A\n"),
    E("set +a\nA=1\nset -a\nB=2\n"),
    E("set +o allexport\nA=1\nset -o allexport\nB=2\n"),
    E("set -euo pipefail\nA=1\n"),
    E("set -x\nA=1\n"),
    E("set -- a b\nA=$1\n", unresolved=["A"]),
    E("export A=1\nset +a\nA=2\n"),
    # unset
    E("A=1\nunset A\n", notes=["unset"]),
    E("A=1\nunset -v A\n"),
    E("A=1\nunset -f A\n"),
    E("A=1 B=2\nunset A B\n"),
    E("unset NEVER_SET\n"),
    # command prefixes and commands
    E("A=1 true\n", notes=["command-prefix"]),
    E("A=1 B=2 true\n"),
    E("A=1 :\n"),
    E("A= true\n"),
    E("WANDB_MODE=offline python train.py\n", notes=["command-prefix"]),
    E("C=3 export D=4\n"),
    E("A=1 export B=$A\n", unresolved=["B"]),
    E("C=1 export C\n", unresolved=["C"]),
    E("A=1 2>/dev/null\n"),
    E("A=1 >/dev/null\nB=2 </dev/null\n"),
    E(">/dev/null A=1\n"),
    E("A=1 {fd}>/dev/null\n"),
    E("python train.py --lr 0.1\n", notes=["not-an-assignment"]),
    E("srun python train.py\nexport A=1\n"),
    E("cd /tmp\nA=1\n"),
    E("echo hi >/dev/null\nA=1\n"),
    E("true\nA=1\n:\n"),
    E("source /nonexistent/file\nA=1\n", notes=["opaque-command"]),
    E(". /nonexistent/file\nA=1\n"),
    E("1A=x\n", notes=["invalid-name"]),
    E("A-B=x\nA.B=y\n", notes=["invalid-name"]),
    E("\"A\"=1\n"),
    E("A =1\n", notes=["spaced-assignment"]),
    E("A = 1\n"),
    E("=x\n"),
    E("return\nA=1\n", notes=["stopped"]),
    E("A=1\nreturn 0 2>/dev/null; B=2\nC=3\n"),
    E("true && return\nA=1\n", unresolved=["A"], notes=["conditional"]),
    E("false && return\nA=1\n", unresolved=["A"]),
    # control structure
    E("true && A=1\n", unresolved=["A"], notes=["conditional"]),
    E("false || A=1\n", unresolved=["A"]),
    E("A=1 && B=2\n", unresolved=["B"]),
    E("A=1 || B=2\n", unresolved=["B"]),
    E("true &&\nA=1\n", unresolved=["A"]),
    E("! A=1\n"),
    E("A=1 | true\n", notes=["subshell"]),
    E("true | A=1\n"),
    E("A=1 &\nwait\n"),
    E("A=1 & B=2\nwait\n"),
    E("(A=1)\n"),
    E("( A=1; B=2 )\nC=3\n"),
    E("{ A=1; }\n"),
    E("{ A=1; B=2; }\n"),
    E("{\nA=1\n}\n"),
    E("{ A=1; } | true\n"),
    E("{ A=1; } && B=2\n", unresolved=["B"]),
    E("if true; then A=1; fi\n", unresolved=["A"]),
    E("if false; then A=1; else B=2; fi\n", unresolved=["A", "B"]),
    E("if true\nthen\n  A=1\nelif false; then\n  B=2\nelse\n  C=3\nfi\nD=4\n", unresolved=["A", "B", "C"]),
    E("if [ -z \"$X\" ]; then export A=1; fi\n", unresolved=["A"]),
    E("if [[ -z $X && -n $Y ]]; then A=1; fi\n", unresolved=["A"]),
    E("[[ -z $X ]] && A=1\n", unresolved=["A"]),
    E("(( 1 + 1 )) && A=1\n", unresolved=["A"]),
    E("for B in 1 2; do A=$B; done\n", unresolved=["A", "B"]),
    E("for B in 1 2\ndo\n  :\ndone\n", unresolved=["B"]),
    E("for ((i=0; i<2; i++)); do A=1; done\n", unresolved=["A", "i"]),
    E("(( A = 1, B += 2, C++ , D == 1 )) || true\n", unresolved=["A", "B", "C"]),
    E("((A=0x1F)) ; ((--B)) ; (( C <= 2 )) || true\n", unresolved=["A", "B"]),
    E("let E=1 'F = 2'\n", unresolved=["E", "F"]),
    E("true && (( A = 5 ))\n", unresolved=["A"]),
    E(": ${A:=x} \"${B=y}\"\nC=${D:=z}\n", unresolved=["A", "B", "C", "D"]),
    E("A=1\n: ${A:=x}\n"),
    E("while false; do A=1; done\nB=2\n", unresolved=["A"]),
    E("until true; do A=1; done\n", unresolved=["A"]),
    E("case x in x) A=1;; y|z) B=2;; esac\n", unresolved=["A", "B"]),
    E("case x in\n  (x) A=1 ;;\n  *) B=2 ;&\nesac\n", unresolved=["A", "B"]),
    E("case $X in esac\nA=1\n"),
    E("f() { A=1; }\n", unresolved=["A"]),
    E("f() { A=1; }\nf\n", unresolved=["A"]),
    E("function g { B=2; }\ng\n", unresolved=["B"]),
    E("function g() {\n  B=2\n}\n", unresolved=["B"]),
    E("f() { local A=1; }\nf\n"),
    E("f() { declare -x A=1; declare -g B=2; declare C=3; }\nf\n", unresolved=["B"]),
    E("f() ( A=1 )\nB=2\n"),
    E("select A in x; do break; done </dev/null\n", unresolved=["A", "REPLY"]),
    E("if true; then\n  A=1\nfi > /dev/null\n", unresolved=["A"]),
    # here-documents
    E("cat <<EOF\nA=1\nEOF\nB=2\n"),
    E("cat <<'EOF'\nA=$X\nEOF\nB=2\n"),
    E("cat <<-EOF\n\tA=1\n\tEOF\nB=2\n"),
    E("cat <<EOF; C=3\nA=1\nEOF\nB=2\n"),
    E("cat <<A <<B\nX=1\nA\nY=2\nB\nZ=3\n"),
    E("cat <<EOF\nA=1\n", notes=["unterminated-heredoc"]),
    E("cat <<EOF\nA=1\nEOF \nB=2\nEOF\nC=3\n"),
    E("cat <<<'A=1'\nB=2\n"),
    # more pastes seen in the wild
    E("export $(cat .env | xargs)\n", notes=["opaque-command"]),
    E("export\tA=1\texport B=2\n"),
    E("É=1\nA=2\n", notes=["invalid-name"]),
    E("export WANDB_RUN_ID=$(python3 -c 'import uuid; print(uuid.uuid4().hex)')\n", unresolved=["WANDB_RUN_ID"]),
    E("set -o allexport\nsource .env 2>/dev/null\nset +o allexport\nWANDB_MODE=offline\n"),
    E("export WANDB_NOTES=\"tuned lr; see #42\"  # why\n"),
    E("export WANDB_RESUME=\"${WANDB_RESUME:-allow}\"\n", unresolved=["WANDB_RESUME"]),
    E("[ -f .env ] && . .env\nA=1\n"),
    E("A=1 # comment with 'quote\nB=2\n"),
    E("A='x' # it's fine\n"),
    # a whole SLURM script
    E(
        "#!/bin/bash\n#SBATCH --job-name=train\n#SBATCH --array=0-3\nset -eo pipefail\n\n"
        "module load cuda 2>/dev/null || true\nexport WANDB_PROJECT=demo\n"
        "export WANDB_RESUME=allow\nexport WANDB_RUN_ID=\"job-${SLURM_ARRAY_JOB_ID}-${SLURM_ARRAY_TASK_ID}\"\n"
        "cd /tmp\nif [ -n \"${DEBUG:-}\" ]; then\n  export WANDB_MODE=offline\nfi\n"
        "srun python train.py --lr 3e-4 || true\n",
        unresolved=["WANDB_RUN_ID", "WANDB_MODE"],
    ),
    E(
        "# .env\nWANDB_API_KEY=xxxxxxxx\nWANDB_ENTITY=my-team\nWANDB_PROJECT='my project'\n"
        "WANDB_RESUME=must\nWANDB_RUN_ID=abc123 # the run to continue\n"
    ),
    # errors
    E("A='x\n", error="unterminated-quote"),
    E('A="x\n', error="unterminated-quote"),
    E("A=$'x\n", error="unterminated-quote"),
    E('A=$"x\n', error="unterminated-quote"),
    E("A=1\nB='never closed\nC=3\n", error="unterminated-quote"),
    E("A=\"a\\\"\n", error="unterminated-quote"),
    E("A=${x\nB=1\n", error="unterminated-expansion"),
    E("A=$(x\nB=1\n", error="unterminated-expansion"),
    E("A=`x\nB=1\n", error="unterminated-expansion"),
    E("A=$((1+\n", error="unterminated-expansion"),
    E('A="$(echo x"\n', error="unterminated-quote"),
    E("A=(1 2\n", error="unterminated-expansion"),
    E("A=1 &&\n", error="syntax"),
    E("&& A=1\n", error="syntax"),
    E("A=1 ;;\n", error="syntax"),
    E("A=1 ; ;\n", error="syntax"),
    E("; A=1\n", error="syntax"),
    E("A=1 |\n", error="syntax"),
    E("fi\n", error="syntax"),
    E("A=1\ndone\n", error="syntax"),
    E("if true; then A=1\n", error="syntax"),
    E("if true; then fi\n", error="syntax"),
    E("while true; do A=1\n", error="syntax"),
    E("case x in x) A=1;;\n", error="syntax"),
    E("{ A=1\n", error="syntax"),
    E("{A=1;}\n", error="syntax"),
    E("A=1 )\n", error="syntax"),
    E("A=1 (\n", error="syntax"),
    E("(A=1\n", error="syntax"),
    E("A=1 >\n", error="syntax"),
    E("A=1 > ;\n", error="syntax"),
    E("A=1 <<\n", error="syntax"),
    E("f() A=1\n", error="syntax"),
    E("export A=1 &&& B=2\n", error="syntax"),
]


# ---------------------------------------------------------------------------------------------
# Seeded random shell blocks

POOL = ["A", "B", "WANDB_RUN_ID", "WANDB_RESUME", "x1", "_u"]
EXTERNAL = ["SLURM_JOB_ID", "EXT"]
UNQUOTED = "abcxyzABC0189-_./:@%+,^=*?!é中🙂"
SQ_CHARS = "ab z$\\\"`#;&|()<>*{}~é\t\n"
DQ_PLAIN = "ab z#;&|()<>*{}~'é\t\n"
ESCAPABLE = " \"'$\\#;&|<>()*x~{}"
ANSI_PARTS = ["a", " ", "\\n", "\\t", "\\\\", "\\'", '\\"', "\\x41", "\\x7e", "\\101", "\\u0041",
              "\\cA", "\\q", "\\e", "é", "$", "\\0", "\\x0", "\\c@", "\\?"]


def rand_value(rng, state):
    """A word for an assignment value: (text, resolved)."""
    pieces = []
    resolved = True
    prev_var = False
    for k in range(rng.randint(0, 4)):
        kind = rng.choices(
            ["unq", "esc", "sq", "dq", "ansi", "locale", "ref", "ext", "dyn", "tilde"],
            weights=[30, 8, 12, 16, 10, 2, 10, 4, 3, 2 if k == 0 else 0],
        )[0]
        if kind == "unq":
            s = "".join(rng.choice(UNQUOTED) for _ in range(rng.randint(1, 4)))
            # Avoid a `~` that would tilde-expand and a `$` that would start an expansion.
            s = s.replace("~", "t")
        elif kind == "esc":
            s = "\\" + rng.choice(ESCAPABLE)
        elif kind == "sq":
            s = "'" + "".join(rng.choice(SQ_CHARS) for _ in range(rng.randint(0, 4))) + "'"
        elif kind in ("dq", "locale"):
            parts = []
            for _ in range(rng.randint(0, 3)):
                sub = rng.choice(["plain", "plain", "esc", "ref", "ext", "cont", "dollar"])
                if sub == "plain":
                    parts.append(rng.choice(DQ_PLAIN))
                elif sub == "esc":
                    parts.append(rng.choice(["\\\\", '\\"', "\\$", "\\`", "\\a", "\\n", "\\'"]))
                elif sub == "ref":
                    name = rng.choice(POOL)
                    parts.append("${" + name + "}")
                    if not state.get(name, False):
                        resolved = False
                elif sub == "ext":
                    parts.append("$" + rng.choice(EXTERNAL) + "_")
                    resolved = False
                elif sub == "cont":
                    parts.append("\\\n")
                else:
                    parts.append(rng.choice(["$'", "$ "]))
            s = ("$" if kind == "locale" else "") + '"' + "".join(parts) + '"'
        elif kind == "ansi":
            s = "$'" + "".join(rng.choice(ANSI_PARTS) for _ in range(rng.randint(0, 4))) + "'"
        elif kind == "ref":
            name = rng.choice(POOL)
            s = rng.choice(["$" + name, "${" + name + "}"])
            if not state.get(name, False):
                resolved = False
        elif kind == "ext":
            s = rng.choice(["$", "${"]) + rng.choice(EXTERNAL)
            s += "}" if s.startswith("${") else ""
            resolved = False
        elif kind == "dyn":
            s = rng.choice(["$(echo hi)", "`echo hi`", "$((1+2))", "${EXT:-d}", "$$"])
            resolved = False
        else:
            # The tilde-prefix must end at an unquoted `/` or `:` to expand whatever follows.
            s = rng.choice(["~/x", "~/", "~:"])
            resolved = False
        # `$NAME` followed by a name character would read a longer name.
        if prev_var and re.match(r"[A-Za-z0-9_]", s):
            pieces[-1] = "${" + pieces[-1][1:] + "}"
        prev_var = kind == "ref" and s.startswith("$") and not s.startswith("${")
        pieces.append(s)
    text = "".join(pieces)
    if text.startswith("("):
        text = "\\" + text
    return text, resolved


def rand_block(rng):
    state = {}  # name -> resolved (known value); absent = from the job's environment
    present = set()
    lines = []
    crlf = rng.random() < 0.15
    for _ in range(rng.randint(1, 6)):
        kind = rng.choices(
            ["assign", "multi", "export", "append", "prefix", "other", "unset", "cond",
             "subshell", "group", "semi", "comment"],
            # With CRLF, `)`, `}` and `fi` would end in a carriage return: a syntax error.
            weights=[30, 8, 16, 4, 4, 5, 0 if crlf else 3, 4, 0 if crlf else 3, 0 if crlf else 2, 4, 4],
        )[0]
        indent = rng.choice(["", "", "", "  ", "\t"])
        if kind == "assign":
            name = rng.choice(POOL)
            value, ok = rand_value(rng, state)
            line = f"{name}={value}"
            state[name] = ok
            present.add(name)
        elif kind in ("multi", "semi"):
            parts = []
            for _ in range(rng.randint(2, 3)):
                name = rng.choice(POOL)
                value, ok = rand_value(rng, state)
                parts.append(f"{name}={value}")
                state[name] = ok
                present.add(name)
            line = (" " if kind == "multi" else rng.choice([";", "; "])).join(parts)
        elif kind == "export":
            before = dict(state)
            parts = []
            assigned = []
            for _ in range(rng.randint(1, 3)):
                name = rng.choice(POOL)
                value, ok = rand_value(rng, before)
                parts.append(f"{name}={value}")
                assigned.append((name, ok))
            for name, ok in assigned:
                state[name] = ok
                present.add(name)
            sep = rng.choice([" ", " ", " \\\n  "])
            line = rng.choice(["export", "declare -x", "export --"]) + " " + sep.join(parts)
        elif kind == "append":
            name = rng.choice(POOL)
            value, ok = rand_value(rng, state)
            line = f"{name}+={value}"
            state[name] = ok and state.get(name, False)
            present.add(name)
        elif kind == "prefix":
            name = rng.choice(POOL)
            value, _ = rand_value(rng, state)
            line = f"{name}={value} " + rng.choice(["true", ":", "true x"])
        elif kind == "other":
            line = rng.choice(["true", "cd /tmp", "echo x >/dev/null", ":", "python3 -c pass"])
        elif kind == "unset":
            name = rng.choice(POOL)
            line = f"unset {name}"
            state[name] = True
            present.discard(name)
        elif kind == "cond":
            name = rng.choice(POOL)
            value, _ = rand_value(rng, state)
            forms = [f"true && {name}={value}", f"if true; then {name}={value}; fi"]
            line = forms[0] if crlf else rng.choice(forms)
            state[name] = False
            present.add(name)
        elif kind == "subshell":
            name = rng.choice(POOL)
            value, _ = rand_value(rng, state)
            line = rng.choice([f"({name}={value})", f"{name}={value} | true"])
        elif kind == "group":
            name = rng.choice(POOL)
            value, ok = rand_value(rng, state)
            line = f"{{ {name}={value}; }}"
            state[name] = ok
            present.add(name)
        else:
            line = "#" + rng.choice(["", " comment", "SBATCH --x=1", " A=1"])
        if rng.random() < 0.1 and kind not in ("comment",):
            line += " # note"
        lines.append(indent + line)
    eol = "\r\n" if crlf else "\n"
    text = eol.join(lines) + (eol if rng.random() < 0.9 else "")
    unresolved = sorted(n for n in present if not state.get(n, False))
    return text, unresolved


def rand_error(rng):
    name = rng.choice(POOL)
    opener, code = rng.choice([
        ("'abc", "unterminated-quote"),
        ('"abc', "unterminated-quote"),
        ("$'abc", "unterminated-quote"),
        ("${X", "unterminated-expansion"),
        ("$(echo", "unterminated-expansion"),
        ("`echo", "unterminated-expansion"),
    ])
    return f"A=1\n{name}={opener}\nB=2\n", code


SOUP = ["A=1", "B=", "x", " ", " ", " ", "'", '"', "$", "{", "}", "(", ")", ";", "&", "|", "\n",
        "\n", "\\", "`", "#", "<", ">", "if", "then", "fi", "for", "do", "done", "case", "esac", "in",
        "while", "=", "!", "*", "~", ":", "-", "$(", "${", "$'", "<<", "EOF", "\t", "\r", "elif",
        "else", "{ ", " }", ";;", "function", "f()", "export", "C=$'\\", "A+=", "\\\n", "2>",
        "&&", "||"]


def soup_case(bash, text):
    """Random shell text only checked with `bash -n` (running it would not be safe): the parser
    must accept exactly what bash accepts. Which error bash names first is not compared."""
    if bash.syntax_ok(text):
        return {"text": text, "expect": {"syntaxOnly": True}}
    return {"text": text, "expect": {"error": "any"}}


def env_vectors(bash, seed, random_count):
    rng = random.Random(seed)
    cases = []
    for text, unresolved, error, notes in HAND_ENV:
        cases.append(env_case(bash, text, unresolved, error, notes))
    seen = {c["text"] for c in cases}
    while len(cases) < len(HAND_ENV) + random_count:
        if rng.random() < 0.05:
            text, code = rand_error(rng)
            if text in seen:
                continue
            seen.add(text)
            cases.append(env_case(bash, text, error=code))
            continue
        text, unresolved = rand_block(rng)
        if text in seen:
            continue
        seen.add(text)
        cases.append(env_case(bash, text, unresolved))
    # Syntax only: token soup. `[[`/`((` and a backslash at the very end are left out: bash
    # reads those differently under `bash -n` than when sourcing, so they prove nothing.
    soups = 0
    while soups < random_count // 2:
        text = "".join(rng.choice(SOUP) for _ in range(rng.randint(1, 12)))
        if text in seen or text.endswith("\\"):
            continue
        seen.add(text)
        cases.append(soup_case(bash, text))
        soups += 1
    return cases


# ---------------------------------------------------------------------------------------------
# Python: wandb.init(...) calls

import io
import tokenize

READ = ["resume", "id", "notes", "resume_from", "fork_from", "mode"]
CAMEL = {"resume": "resume", "id": "id", "notes": "notes", "resume_from": "resumeFrom",
         "fork_from": "forkFrom", "mode": "mode"}


def char_col(text, lineno, col_offset):
    """Python's (line, UTF-8 byte offset) as (line, 1-based character column) in `text`."""
    line = re.split(r"\r\n|\r|\n", text)[lineno - 1]
    return lineno, len(line.encode("utf-8")[:col_offset].decode("utf-8")) + 1


TOKENIZER_ERROR = re.compile(
    r"unterminated|unmatched|was never closed|does not match|invalid decimal literal|"
    r"invalid (hexadecimal|octal|binary) literal|invalid digit|leading zeros|\(unicode error\)|"
    r"\(value error\)|bytes can only contain|cannot mix bytes|f-string"
)


def syntax_code(exc):
    msg = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    if "unterminated" in msg and "string" in msg:
        return "unterminated-string"
    if msg.startswith("(unicode error)") or msg.startswith("(value error)"):
        return "invalid-escape"
    if "keyword argument repeated" in msg:
        return "repeated-argument"
    if "positional argument follows" in msg or "iterable argument unpacking follows" in msg:
        return "positional-argument"
    return "syntax"


def py_tokens(text):
    """Python's own tokens (stops quietly where the tokenizer gives up)."""
    toks = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                            tokenize.DEDENT, tokenize.ENDMARKER):
                continue
            toks.append(tok)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return toks


def has_init_call(text):
    """Whether the text has a call the parser looks for (`init` NAME followed by `(`)."""
    toks = py_tokens(text)
    for k, tok in enumerate(toks[:-1]):
        if tok.type == tokenize.NAME and tok.string == "init" and toks[k + 1].string == "(":
            before = toks[k - 1].string if k > 0 else None
            if before == "def":
                continue
            if before == ".":
                owner = toks[k - 2] if k > 1 else None
                if owner is None or owner.type != tokenize.NAME:
                    continue
            return True
    return False


def find_call(tree):
    aliases = [a.asname for node in ast.walk(tree) if isinstance(node, ast.Import)
               for a in node.names if a.name == "wandb" and a.asname]
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "init" and isinstance(f.value, ast.Name):
            if f.value.id == "wandb":
                rule = 0
            elif f.value.id in aliases:
                rule = 1
            else:
                continue
        elif isinstance(f, ast.Name) and f.id == "init":
            rule = 2
        else:
            continue
        found.append((rule, f.end_lineno, f.end_col_offset, node))
    found.sort(key=lambda x: x[:3])
    return found[0][3] if found else None


def string_tokens(segment):
    return [t.string for t in py_tokens(segment) if t.type == tokenize.STRING]


def uses_named_escape(segment):
    """A non-raw str literal in the segment with a `\\N{` escape."""
    for s in string_tokens(segment):
        prefix = re.match(r"[A-Za-z]*", s).group(0).lower()
        if "r" in prefix or "b" in prefix:
            continue
        if re.search(r"(?<!\\)(\\\\)*\\N\{", s):
            return True
    return False


def is_const_fstring(node):
    return isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in node.values)


def str_value(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if is_const_fstring(node):
        return "".join(v.value for v in node.values)
    return None


def env_lookup(node):
    def is_environ(x):
        return (isinstance(x, ast.Name) and x.id == "environ") or (
            isinstance(x, ast.Attribute) and x.attr == "environ"
            and isinstance(x.value, ast.Name) and x.value.id == "os")

    if isinstance(node, ast.Subscript) and is_environ(node.value):
        key = str_value(node.slice)
        return (key, None, [key]) if key is not None else None
    if isinstance(node, ast.Call) and not node.keywords:
        f = node.func
        getter = (isinstance(f, ast.Name) and f.id == "getenv") or (
            isinstance(f, ast.Attribute) and f.attr == "get" and is_environ(f.value)) or (
            isinstance(f, ast.Attribute) and f.attr == "getenv"
            and isinstance(f.value, ast.Name) and f.value.id == "os")
        if not getter or not 1 <= len(node.args) <= 2:
            return None
        key = str_value(node.args[0])
        if key is None:
            return None
        if len(node.args) == 1:
            return key, None, [key]
        d = node.args[1]
        if isinstance(d, ast.Constant) and d.value is None:
            return key, None, [key]
        dv = str_value(d)
        if dv is None:
            return None
        return key, dv, [key, dv]
    return None


def settings_expect(node, text):
    """`settings=` as the parser reads it: "none" for None, the form and the key names of a
    `Settings(...)` / `<x>.Settings(...)` / `dict(...)` call or a dict display (keys that are
    not plain strings, `**…` and positional arguments are left unread), None for anything else."""
    if isinstance(node, ast.Constant) and node.value is None:
        return "none"
    out = {"keys": []}

    def key(name, value):
        # The keys that turn the service off are listed, with their value where it is a
        # literal bool (anything else is left for `decide` to ask for).
        if name in ("_disable_service", "x_disable_service"):
            out["keys"].append(name)
            try:
                literal = ast.literal_eval(value)
            except ValueError:
                return
            if isinstance(literal, bool):
                out["disableService"] = literal
            return
        # The mode, resume and run_id keys are read as `mode=`, `resume=` and `id=` are: a
        # literal gives its value, None drops the key, one read from the environment is listed
        # without its value.
        field = {"mode": "mode", "resume": "resume", "run_id": "runId"}.get(name)
        if field is None:
            out["keys"].append(name)
            return
        kind, read = value_expect(name, value, text)
        if kind != "none":
            out["keys"].append(name)
        if kind in ("text", "bool"):
            out[field] = read

    if isinstance(node, ast.Call):
        f = node.func
        if (isinstance(f, ast.Name) and f.id == "Settings") or (isinstance(f, ast.Attribute) and f.attr == "Settings"):
            form = "object"
        elif isinstance(f, ast.Name) and f.id == "dict":
            form = "dict"
        else:
            return None
        # in the order written, positional arguments among them (left unread)
        for k in sorted(node.keywords, key=lambda k: (k.lineno, k.col_offset)):
            if k.arg is not None:
                key(k.arg, k.value)
    elif isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and isinstance(k.value, str):
                kpos = char_col(text, k.lineno, k.col_offset)
                if has_surrogate(k.value):
                    raise Refused("lone-surrogate", kpos)
                if uses_named_escape(ast.get_source_segment(text, k)):
                    raise Refused("unsupported-literal", kpos)
                key(k.value, v)
        form = "dict"
    else:
        return None
    out = {"form": form, **out}
    return out


class Refused(Exception):
    def __init__(self, code, pos=None):
        self.code, self.pos = code, pos


def has_surrogate(s):
    return any(0xD800 <= ord(c) <= 0xDFFF for c in s)


def evaluate_call(call, text):
    """The expectation for one ast.Call, in the parser's terms."""
    items = [(a.lineno, a.col_offset, "arg", a) for a in call.args]
    items += [(k.lineno, k.col_offset, "kw", k) for k in call.keywords]
    items.sort(key=lambda x: x[:2])
    out = {"init": {}, "explicitNone": [], "fromEnvironment": [], "otherArguments": []}
    for lineno, col, kind, node in items:
        if kind == "arg":
            raise Refused("positional-argument", char_col(text, lineno, col))
        if node.arg is None:
            raise Refused("non-literal", char_col(text, lineno, col))
        written = ast.get_source_segment(text, node).split("=", 1)[0].strip()
        if not written.isascii():
            # Python folds non-ASCII identifiers with NFKC; the parser refuses them.
            raise Refused("unsupported-literal", char_col(text, lineno, col))
        name = node.arg
        if name == "settings":
            settings = settings_expect(node.value, text)
            if settings == "none":
                out["explicitNone"].append(name)
            elif settings is None:
                out["otherArguments"].append(name)
            else:
                out["init"]["settings"] = settings
            continue
        if name not in READ:
            out["otherArguments"].append(name)
            continue
        kind, value = value_expect(name, node.value, text)
        if kind == "none":
            out["explicitNone"].append(name)
        elif kind == "env":
            out["fromEnvironment"].append(value)
        else:
            out["init"][CAMEL[name]] = value
    return out


def value_expect(name, v, text):
    """One argument's value as the parser reads it: ("none", None), ("env", the lookup),
    ("bool", b) for `resume`, ("text", s); what it refuses raises Refused."""
    vpos = char_col(text, v.lineno, v.col_offset)
    segment = ast.get_source_segment(text, v)
    if isinstance(v, ast.Constant) and v.value is None:
        return "none", None
    env = env_lookup(v)
    if env is not None:
        key, default, strings = env
        if any(has_surrogate(s) for s in strings):
            raise Refused("lone-surrogate", vpos)
        if uses_named_escape(segment):
            raise Refused("unsupported-literal", vpos)
        return "env", {"field": name, "variable": key, "default": default, "line": vpos[0], "column": vpos[1]}
    try:
        value = ast.literal_eval(v)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        if is_const_fstring(v):
            value = str_value(v)
        else:
            raise Refused("non-literal", vpos)
    if isinstance(value, bool) and name == "resume":
        return "bool", value
    if isinstance(value, str):
        if has_surrogate(value):
            raise Refused("lone-surrogate", vpos)
        if uses_named_escape(segment):
            raise Refused("unsupported-literal", vpos)
        return "text", value
    if isinstance(value, bytes):
        raise Refused("non-literal", vpos)
    raise Refused("unsupported-value", vpos)


def init_case(text, parse_as=None):
    """Runs one case through Python and returns its vector."""
    py_text = parse_as if parse_as is not None else text
    if py_text.startswith("\ufeff"):
        py_text = py_text[1:]
    try:
        if has_init_call(py_text):
            tree = ast.parse(py_text)
            compile(tree, "<paste>", "exec")
            call = find_call(tree)
            if call is None:
                raise SystemExit(f"tokens show a call but ast does not: {text!r}")
            expect = evaluate_call(call, py_text)
        else:
            toks = py_tokens(py_text)
            if not toks:
                expect = evaluate_call(ast.parse("f()", mode="eval").body, "f()")
            elif toks[0].type == tokenize.NAME and len(toks) > 1 and toks[1].string == "=":
                wrapped = "f(\n" + py_text + "\n)"
                tree = ast.parse(wrapped, mode="eval")
                compile(tree, "<paste>", "eval")
                expect = evaluate_call(tree.body, wrapped)
                # Positions are in the wrapped text: one line lower.
                for env in expect["fromEnvironment"]:
                    env["line"] -= 1
            else:
                # Not a call and not a keyword list; but errors the tokenizer finds (strings,
                # brackets, numbers) are reported first, as Python does.
                try:
                    ast.parse(py_text)
                except SyntaxError as e:
                    if TOKENIZER_ERROR.search(e.msg):
                        return {"text": text, "expect": {"error": syntax_code(e)}}
                return {"text": text, "expect": {"error": "no-call"}}
    except (SyntaxError, ValueError) as e:
        return {"text": text, "expect": {"error": syntax_code(e)}}
    except Refused as r:
        case = {"text": text, "expect": {"error": r.code}}
        if r.pos is not None and parse_as is None:
            line, column = r.pos
            if parse_as is None and not has_init_call(py_text):
                line -= 1  # keyword list: positions were in the wrapped text
            case["expect"]["line"], case["expect"]["column"] = line, column
        return case
    if has_surrogate(json.dumps(expect, ensure_ascii=False)):
        raise SystemExit(f"an expectation holds a lone surrogate: {text!r}")
    return {"text": text, "expect": expect}


def P(text, parse_as=None):
    return (text, parse_as)


HAND_INIT = [
    # call forms
    P('wandb.init(resume=True, id="abc")'),
    P('wandb.init(resume=False)'),
    P('wandb.init(resume=None, id=None, notes=None, resume_from=None, fork_from=None)'),
    P('wandb.init()'),
    P('wandb.init( )'),
    P('wandb.init(\n)'),
    P('run = wandb.init(\n    project="p",\n    resume="allow",  # comment\n    id=os.environ["RUN_ID"],\n)\n'),
    P('with wandb.init(resume="must", id="r1") as run:\n    run.log({"a": 1})\n'),
    P('with wandb.init(resume="must") as run:', parse_as='with wandb.init(resume="must") as run:\n    pass'),
    P('    run = wandb.init(id="indented")\n', parse_as='run = wandb.init(id="indented")\n'),
    P('import wandb\n\nwandb.login()\nrun = wandb.init(project="x", id="abc", resume="allow")\nrun.finish()\n'),
    P('import wandb as wb\nwb.init(id="alias")\n'),
    P('import wandb as wb\nwb.init(id="alias")\nwandb.init(id="first-rule")\n'),
    P('from wandb import init\ninit(id="bare")\n'),
    P('def init(x):\n    pass\ninit(id="bare-call")\n'),
    P('def init(id="not-this"):\n    pass\nwandb.init(id="this")\n'),
    P('x.init(id="no")\nwandb.init(id="yes")\n'),
    P('self.wandb.init(id="no")\ninit(id="bare")\n'),
    P('ray.init(num_cpus=2)\nwandb.init(id="yes")\n'),
    P('# wandb.init(id="comment")\ns = "wandb.init(id=\'string\')"\nwandb.init(id="real")\n'),
    P('wandb.init(id="first")\nwandb.init(id="second")\n'),
    P('wandb . init (id="spaced")'),
    P('wandb.init  # comment\n(id="x")', parse_as='(wandb.init  # comment\n(id="x"))'),
    P('wandb.init(id="a",)'),
    P('wandb.init(\n    id="a",\n    resume=True,\n)'),
    P('wandb.init(id="a"  ,  resume  =  True  )'),
    P('wandb.init(id = "a")'),
    P('wandb.init(id="crlf",\r\n  resume=True)\r\n'),
    P('wandb.init(id="""a\r\nb""")'),
    P('wandb.init(id="""a\rb""")'),
    P('wandb.init(id="x")  # trailing comment'),
    P('wandb.init(  # comment after paren\n  id="x",  # after arg\n  # own line\n  resume=True  # last\n)'),
    P('\ufeffwandb.init(id="bom")'),
    P('print(wandb.init(id="nested"))'),
    P('runs = [wandb.init(id="in-list")]'),
    P('wandb.init(id="x"); wandb.log({})'),
    # keyword lists
    P('resume=True, id="abc"'),
    P('resume="allow"'),
    P('id="x",'),
    P('  resume = True ,\n  id = "y"  # comment\n'),
    P('project="p", resume="must", config=dict(a=1)'),
    P(''),
    P('# only a comment'),
    P('id=os.environ["RUN_ID"]'),
    P('print("hello")'),
    P('x + 1'),
    P('"resume=True"'),
    # values: booleans and None
    P('wandb.init(resume=True)'),
    P('wandb.init(resume=(True))'),
    P('wandb.init(resume=((False)))'),
    P('wandb.init(id=True)'),
    P('wandb.init(notes=False)'),
    P('wandb.init(resume=None)'),
    P('wandb.init(resume=(None))'),
    # values: numbers and containers
    P('wandb.init(resume=1)'),
    P('wandb.init(resume=0)'),
    P('wandb.init(resume=-1)'),
    P('wandb.init(resume=1.5)'),
    P('wandb.init(resume=1j)'),
    P('wandb.init(resume=1+2j)'),
    P('wandb.init(resume=-1-2j)'),
    P('wandb.init(resume=1+2)'),
    P('wandb.init(resume=-True)'),
    P('wandb.init(resume=--1)'),
    P('wandb.init(id=0x1F)'),
    P('wandb.init(id=1_000)'),
    P('wandb.init(id=("a",))'),
    P('wandb.init(id=())'),
    P('wandb.init(id=["a"])'),
    P('wandb.init(id={"a": 1})'),
    P('wandb.init(id={"a"})'),
    P('wandb.init(id=set())'),
    P('wandb.init(id={})'),
    P('wandb.init(id=[*a])'),
    P('wandb.init(id={**a})'),
    P('wandb.init(id=...)'),
    P('wandb.init(id=[b"x"])'),
    # values: strings, quote styles and prefixes
    P("wandb.init(id='single')"),
    P('wandb.init(id="double")'),
    P("wandb.init(id='''triple single''')"),
    P('wandb.init(id="""triple double""")'),
    P('wandb.init(id="""multi\nline""")'),
    P("wandb.init(id='''a'b\"c''')"),
    P('wandb.init(id="""a""b""")'),
    P('wandb.init(id=""" "quoted" """)'),
    P('wandb.init(id="")'),
    P("wandb.init(id='')"),
    P('wandb.init(id="""""")'),
    P('wandb.init(id=r"raw\\n\\d")'),
    P('wandb.init(id=R"raw\\t")'),
    P('wandb.init(id=u"unicode")'),
    P('wandb.init(id=U"unicode")'),
    P('wandb.init(id=r"\\"")'),
    P("wandb.init(id=r'\\'')"),
    P('wandb.init(id=r"a\\\nb")'),
    P('wandb.init(id=r"""\\""")'),
    P('wandb.init(id=r"\\\\")'),
    P('wandb.init(id=f"plain")'),
    P('wandb.init(id=F"plain")'),
    P('wandb.init(id=f"")'),
    P('wandb.init(id=f"a{{b}}c")'),
    P('wandb.init(id=rf"a\\d{{")'),
    P('wandb.init(id=fR"\\n")'),
    P('wandb.init(id=f"\\n\\t")'),
    P('wandb.init(id=f"{run_id}")'),
    P('wandb.init(id=f"run-{i}")'),
    P('wandb.init(id=f"{x!r:>{w}}")'),
    P('wandb.init(id=b"bytes")'),
    P('wandb.init(id=B"bytes")'),
    P('wandb.init(id=rb"x")'),
    P('wandb.init(id=Br"x")'),
    P('wandb.init(project=b"ok", id="x")'),
    # escapes
    P('wandb.init(id="\\\\ \\\' \\" \\a \\b \\f \\n \\r \\t \\v")'),
    P('wandb.init(id="\\0\\7\\12\\101\\1234\\777\\8\\9")'),
    P('wandb.init(id="\\x41\\x7e\\xff\\xFf")'),
    P('wandb.init(id="\\u0041\\u00e9\\u4e2d\\uFFFF\\u200b")'),
    P('wandb.init(id="\\U0001F600\\U00000041\\U0010FFFF")'),
    P('wandb.init(id="\\d\\w\\s\\q\\z\\ \\{")'),
    P('wandb.init(id="a\\\nb")'),
    P("wandb.init(id='''a\\\nb''')"),
    P('wandb.init(id="a\\\r\nb")'),
    P('wandb.init(id="\\x4")'),
    P('wandb.init(id="\\x")'),
    P('wandb.init(id="\\xg0")'),
    P('wandb.init(id="\\u12")'),
    P('wandb.init(id="\\U0011FFFF")'),
    P('wandb.init(id="\\U1234")'),
    P('wandb.init(id="\\N")'),
    P('wandb.init(id="\\N{")'),
    P('wandb.init(id="\\N{DIGIT ONE}")'),
    P('wandb.init(id=r"\\N{DIGIT ONE}")'),
    P('wandb.init(project="\\N{DIGIT ONE}", id="x")'),
    P('wandb.init(id="\\ud800")'),
    P('wandb.init(id="\\udfff")'),
    P('wandb.init(id="\\ud83d\\ude00")'),
    P('wandb.init(id=r"\\ud800")'),
    P('wandb.init(project="\\ud800", id="x")'),
    P('wandb.init(id=b"\\x4")'),
    P('wandb.init(id=b"\\777\\u1234")', ),
    P('wandb.init(project=b"\\777\\u1234\\N{x}", id="x")'),
    # implicit concatenation
    P('wandb.init(id="a" \'b\')'),
    P('wandb.init(id="a"\n    "b"\n    "c")'),
    P('wandb.init(id="a"  # comment\n  "b")'),
    P('wandb.init(id=("a"\n "b"))'),
    P('wandb.init(id="a" r"\\d" u"c")'),
    P('wandb.init(id="a" f"b")'),
    P('wandb.init(id=f"a" "{b}")'),
    P('wandb.init(id="a" f"{b}")'),
    P('wandb.init(id="a" b"b")'),
    P('wandb.init(id=b"a" b"b")'),
    P('wandb.init(id="""a""" \'b\')'),
    P('wandb.init(id="a"\\\n"b")'),
    # unicode
    P('wandb.init(id="é中🙂")'),
    P('wandb.init(id="e\u0301")'),
    P('wandb.init(id="\u00e9")'),
    P('wandb.init(id="ﬁ")'),
    P('wandb.init(id="\u200b\u00a0\u3000")'),
    P('wandb.init(id="\u2028x")'),
    P('wandb.init(id="x\u0085y")'),
    P('wandb.init(id="\ufeff")'),
    P('wandb.init(notes="日本語のメモ")'),
    P('wandb.init(id="é", résumé="x")'),
    P('wandb.init(ｉｄ="x")'),
    P('# é\nwandb.init(id=x)'),
    P('wandb.init(project="é", id=x)'),
    # environment
    P('wandb.init(id=os.environ["RUN_ID"])'),
    P("wandb.init(id=os.environ['RUN_ID'])"),
    P('wandb.init(id=os.environ.get("RUN_ID"))'),
    P('wandb.init(id=os.environ.get("RUN_ID", "default"))'),
    P('wandb.init(id=os.environ.get("RUN_ID", None))'),
    P('wandb.init(id=os.getenv("RUN_ID"))'),
    P('wandb.init(id=os.getenv("RUN_ID", "d"))'),
    P('wandb.init(resume=environ["R"], id=getenv("I"), notes=environ.get("N", "n"))'),
    P('wandb.init(id=(os.environ["X"]))'),
    P('wandb.init(id=os.environ["RUN" "_ID"])'),
    P('wandb.init(id=os.environ[f"X"])'),
    P('wandb.init(id=os.environ[f"{x}"])'),
    P('wandb.init(id=os.environ[key])'),
    P('wandb.init(id=os.environ.get("X", 1))'),
    P('wandb.init(id=os.environ.get("X", default="d"))'),
    P('wandb.init(id=os.getenv("X", "a", "b"))'),
    P('wandb.init(id=os.environ["X"] + "-1")'),
    P('wandb.init(id=str(os.environ["X"]))'),
    P('wandb.init(id=sys.environ["X"])'),
    P('wandb.init(id=os.environ["\\ud800"])'),
    P('wandb.init(id=os.environ.get("X", "\\ud800"))'),
    P('wandb.init(id=os.environ.get("X", "\\N{DIGIT ONE}"))'),
    # other arguments
    P('wandb.init(project="p", entity="e", name="n", id="x")'),
    P('wandb.init(config=dict(a=1, b=[1, 2]), id="x")'),
    P('wandb.init(config={"lr": 1e-3, "layers": (1, 2), "f": lambda x: x * 2}, id="x")'),
    P('wandb.init(settings=wandb.Settings(start_method="fork", _disable_stats=True), id="x")'),
    # settings=: the form and the keys' names
    P('wandb.init(settings=wandb.Settings(), id="x")'),
    P('import wandb as wb\nwb.init(settings=wb.Settings(console="off", mode="offline"))'),
    P('from wandb import Settings, init\ninit(settings=Settings(**extra, start_method="thread"))'),
    P('wandb.init(settings={"start_method": "thread", "con" "sole": "off", 1: 2, **more})'),
    P('wandb.init(settings=dict(resume="must", run_id="abc"), project="p")'),
    P('wandb.init(settings=wandb.Settings(resume=True, run_id=os.environ["SLURM_JOB_ID"]))'),
    P('wandb.init(settings={"run_id": "abc", "resume": None, "mode": "offline"}, resume=False)'),
    P('wandb.init(settings=wandb.Settings(run_id=f"abc", resume="allow"), id="xyz")'),
    P('wandb.init(settings=wandb.Settings(run_id=True))'),
    P('wandb.init(settings=dict(resume=1))'),
    P('wandb.init(settings=dict(), resume="allow")'),
    P('wandb.init(settings={})'),
    P('wandb.init(settings=None, id="x")'),
    P('wandb.init(settings=my_settings, id="x")'),
    P('wandb.init(settings=make_settings(mode="offline"))'),
    P('wandb.init(settings=wandb.Settings(f(x), console="off"))'),
    P('wandb.init(settings={f"k": 1, b"raw": 2, "ok": 3})'),
    P('wandb.init(settings={"\\ud800": 1})'),
    P('wandb.init(settings={"\\N{DIGIT ONE}": 1})'),
    P('wandb.init(settings=wandb.Settings(console="off",), settings=None)'),
    # the keys that turn the service process off: a literal bool is read, anything else listed
    P('wandb.init(settings=wandb.Settings(_disable_service=True), resume=True)'),
    P('wandb.init(settings={"console": "off", "x_disable_service": False})'),
    P('wandb.init(settings=dict(_disable_service=(True)))'),
    P('wandb.init(settings=wandb.Settings(_disable_service=os.environ["X"]))'),
    P('wandb.init(settings=wandb.Settings(x_disable_service=1))'),
    P('wandb.init(settings=wandb.Settings(_disable_service=None))'),
    # the settings' mode key: its value read as mode= is read
    P('wandb.init(settings=wandb.Settings(mode="offline", console="off"), id="x")'),
    P('wandb.init(settings={"console": "off", "mode": "disabled"})'),
    P("wandb.init(settings=wandb.Settings(mode=f'dryrun'))"),
    P('wandb.init(settings=dict(mode=None, console="off"))'),
    P('wandb.init(settings=wandb.Settings(mode=os.environ["WANDB_MODE"]))'),
    P('wandb.init(settings=wandb.Settings(mode=args.mode))'),
    P('wandb.init(settings={"mode": 1})'),
    P('wandb.init(settings={"mode": "a", "mode": "offline"})'),
    P('wandb.init(tags=["a", "b"], id="x")'),
    P('wandb.init(name=f"{model}-{seed}", id="x")'),
    P('wandb.init(mode="offline" if debug else "online", id="x")'),
    P('wandb.init(group=args.group, job_type=args.job, dir=os.path.join(a, "b"), id="x")'),
    P('wandb.init(config=[x ** 2 for x in range(3) if x], id="x")'),
    P('wandb.init(config={k: v for k, v in d.items()}, id="x")'),
    P('wandb.init(config=(x for x in y), id="x")'),
    P('wandb.init(config={*a, *b}, id="x")'),
    P('wandb.init(config=a[1:2, ::3], id="x")'),
    P('wandb.init(config=not a and b or c, id="x")'),
    P('wandb.init(config=a if b else c, id="x")'),
    P('wandb.init(config=a < b <= c != d is not e not in f, id="x")'),
    P('wandb.init(config=-a ** -b // c @ d % e | f ^ g & h << i >> j, id="x")'),
    P('wandb.init(config=await x, id="x")', parse_as='async def f():\n    wandb.init(config=await x, id="x")'),
    P('wandb.init(config=(y := 5), id="x")'),
    P('wandb.init(config={"a": "}", "b": "("}, id="x")'),
    P('wandb.init(config="""\n)\n""", id="x")'),
    P('wandb.init(config=f"{x[\'a\']}", id="x")'),
    P('wandb.init(config=1if x else 2, id="x")'),
    P('wandb.init(a=1, b=2, c=3, d=4, id="x", e=5)'),
    P('wandb.init(match=1, case=2, _=3, id="x")'),
    P('wandb.init(config=..., id="x")'),
    # non-literal read arguments
    P('wandb.init(id=run_id)'),
    P('wandb.init(id=args.id)'),
    P('wandb.init(id=get_id())'),
    P('wandb.init(id="a" + "b")'),
    P('wandb.init(id="run-%d" % 3)'),
    P('wandb.init(id="{}".format(x))'),
    P('wandb.init(resume=not False)'),
    P('wandb.init(resume="allow" if x else "never")'),
    P('wandb.init(id=lambda: "x")'),
    P('wandb.init(id=x[0])'),
    P('wandb.init(id=(yield))', parse_as='def g():\n    wandb.init(id=(yield))'),
    P('wandb.init(id=(x := "a"))'),
    P('wandb.init(**kwargs)'),
    P('wandb.init(id="x", **kwargs)'),
    P('wandb.init(**kwargs, id="x")'),
    P('wandb.init(project=run_id, id="x")'),
    # positional and repeated
    P('wandb.init("project")'),
    P('wandb.init("project", id="x")'),
    P('wandb.init(*args)'),
    P('wandb.init(id="x", *args)'),
    P('wandb.init(id="x", "p")'),
    P('wandb.init(**kw, "p")'),
    P('wandb.init(**kw, *a)'),
    P('wandb.init(x for x in y)'),
    P('wandb.init(x for x in y, id="a")'),
    P('wandb.init(id="a", id="b")'),
    P('wandb.init(id="a", resume=True, id=None)'),
    P('wandb.init(project="a", project="b")'),
    P('wandb.init(config=dict(a=1, a=2), id="x")'),
    P('resume=True, resume=False'),
    P('True, id="x"'),
    # syntax errors
    P('wandb.init(id="x"'),
    P('wandb.init(id="x",'),
    P('wandb.init(id=)'),
    P('wandb.init(id="x" resume=True)'),
    P('wandb.init(,)'),
    P('wandb.init(id="x",,)'),
    P('wandb.init(id=="x")'),
    P('wandb.init(a.b="x")'),
    P('wandb.init(True=1)'),
    P('wandb.init(None="x")'),
    P('wandb.init(if="x")'),
    P('wandb.init(id=x y)'),
    P('wandb.init(id=x "abc")'),
    P('wandb.init(id="abc" x)'),
    P('wandb.init(id=(1)'),
    P('wandb.init(config={"a": 1, id="x")'),
    P('wandb.init(config=[1, 2), id="x")'),
    P('wandb.init(id="x"))'),
    P('wandb.init(id="x\n")'),
    P("wandb.init(id='x)"),
    P('wandb.init(id="""x)'),
    P('wandb.init(id="x\\")'),
    P('wandb.init(id=r"x\\")'),
    P('wandb.init(id=ur"x")'),
    P('wandb.init(id=x"abc")'),
    P('wandb.init(id=b"é")'),
    P('wandb.init(id=f"{")'),
    P('wandb.init(id=f"}")'),
    P('wandb.init(id=f"{}")'),
    P('wandb.init(id=f"{x\\n}")'),
    P('wandb.init(id=01)'),
    P('wandb.init(id=1_)'),
    P('wandb.init(id=0x)'),
    P('wandb.init(id=1abc)'),
    P('wandb.init(id=a:=1)'),
    P('wandb.init(id=x for x in y)'),
    P('wandb.init(id="x" $)'),
    P('wandb.init(id="\0")'),
    P('wandb.init(config=lambda: , id="x")'),
    P('wandb.init(config=[x for in y], id="x")'),
    P('x = "unterminated\nwandb.init(id="x")'),
    P('wandb.init(id="x")\ny = "unterminated'),
]


# Random calls

R_KEYS = READ + ["project", "config", "name", "tags", "settings", "job_type", "group"]


def rand_str_literal(rng, allow_f=True, allow_bytes=False):
    """A random string literal (valid Python) using every quote style, prefix and escape."""
    prefixes = ["", "", "", "r", "R", "u", "U"] + (["f", "F", "rf", "fR", "Rf"] if allow_f else [])
    prefixes += ["b", "rb"] if allow_bytes else []
    prefix = rng.choice(prefixes)
    raw = "r" in prefix.lower()
    fmt = "f" in prefix.lower()
    quote = rng.choice(["'", '"', "'''", '"""'])
    triple = len(quote) == 3
    q = quote[0]
    parts = []
    for _ in range(rng.randint(0, 6)):
        kind = rng.choice(["plain", "plain", "plain", "esc", "esc", "uni", "other_q", "nl", "brace"])
        if kind == "plain":
            parts.append(rng.choice(["a", "b", "Z", "0", " ", "-", "_", "#", "(", ")", ",", "=", "$", "%", "?", "/", ":", "@"]))
        elif kind == "uni":
            parts.append(rng.choice(["é", "中", "🙂", "\u00a0", "\u200b", "ß", "\u0301", "Ж"]))
        elif kind == "other_q":
            parts.append('"' if q == "'" else "'")
        elif kind == "nl":
            if triple:
                parts.append(rng.choice(["\n", "\\\n"]) if not raw else "\n")
            elif not raw:
                parts.append("\\\n")
        elif kind == "brace":
            if fmt:
                parts.append(rng.choice(["{{", "}}"]))
            else:
                parts.append(rng.choice(["{", "}"]))
        else:
            parts.append(rng.choice([
                "\\\\", "\\'", '\\"', "\\a", "\\b", "\\f", "\\n", "\\r", "\\t", "\\v",
                "\\0", "\\7", "\\12", "\\101", "\\777", "\\x41", "\\x7e", "\\xe9", "\\u00e9", "\\u4e2d",
                "\\U0001F600", "\\U00000041", "\\d", "\\q", "\\ ", "\\8",
            ]))
    body = "".join(parts)
    # A quote character right before the closing quotes would end a triple-quoted string early.
    if triple and body.endswith(q):
        body += "x"
    if not triple and q in body.replace("\\" + q, ""):
        body = body.replace(q, "\\" + q) if not raw else body.replace(q, "")
    if raw and len(re.search(r"\\*$", body).group(0)) % 2:
        # A raw string cannot end in an odd number of backslashes (the last would take the
        # closing quote with it).
        body += "x"
    return prefix + quote + body + quote


def rand_strings(rng, allow_f=True):
    pieces = [rand_str_literal(rng, allow_f) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    seps = [" ", "", "\n        ", "  # c\n        ", " \\\n        "]
    text = pieces[0]
    for p in pieces[1:]:
        text += rng.choice(seps) + p
    return text


def rand_other_expr(rng, depth=0):
    forms = ["1", "-2.5e-3", "0x1F", "3j", "None", "True", "name", "a.b", "f(x)", "[1, 'a']", "(1,)",
             "{'k': [1, 2]}", "{1, 2}", "dict(a=1, b=(2, 3))", "lambda x: x + 1", "x if y else z",
             "[i for i in range(3) if i]", "not x", "a < b", "f'{x}-{y!r}'", "b'raw'", "'s' 't'",
             "wandb.Settings(start_method='fork')", "x[1:2]", "*args", "os.environ['X']", "..."]
    e = rng.choice(forms)
    if e == "*args":
        e = "[*args]"
    if depth < 2 and rng.random() < 0.3:
        e = f"[{e}, {rand_other_expr(rng, depth + 1)}]"
    return e


def rand_read_value(rng, name):
    r = rng.random()
    if r < 0.55:
        return rand_strings(rng)
    if r < 0.65:
        return "None"
    if r < 0.75 and name == "resume":
        return rng.choice(["True", "False", "(True)"])
    if r < 0.85:
        var = rng.choice(["RUN_ID", "WANDB_RESUME", "X"])
        return rng.choice([f'os.environ["{var}"]', f"os.environ.get('{var}')",
                           f'os.getenv("{var}", {rand_str_literal(rng, False)})', f"environ['{var}']"])
    return "(" + rand_strings(rng) + ")"


def rand_call(rng):
    names = rng.sample(R_KEYS, rng.randint(0, 6))
    args = []
    for name in names:
        value = rand_read_value(rng, name) if name in READ else rand_other_expr(rng)
        eq = rng.choice(["=", "=", " = ", "= "])
        args.append(f"{name}{eq}{value}")
    fault = None
    if rng.random() < 0.15:
        fault = rng.choice(["positional", "repeat", "nonliteral", "number", "bytes", "fstring",
                            "unterminated", "escape", "named", "surrogate", "kwargs"])
        pos = rng.randint(0, len(args))
        name = rng.choice(READ)
        if fault == "positional":
            args.insert(0, '"project"')
        elif fault == "repeat" and args:
            args.append(args[0])
        elif fault == "nonliteral":
            args.insert(pos, f"{name}=some_variable")
        elif fault == "number":
            args.insert(pos, f"{name}={rng.choice(['1', '-2', '0.5', '[1]', '()'])}")
        elif fault == "bytes":
            args.insert(pos, f"{name}=b'x'")
        elif fault == "fstring":
            args.insert(pos, f"{name}=f'{{x}}'")
        elif fault == "unterminated":
            args.insert(pos, f"{name}='abc")
        elif fault == "escape":
            args.insert(pos, f"{name}='\\x4'")
        elif fault == "named":
            args.insert(pos, f"{name}='a\\N{{DIGIT ONE}}'")
        elif fault == "surrogate":
            args.insert(pos, f"{name}='\\udc80'")
        elif fault == "kwargs":
            args.insert(pos, "**kwargs")
    # A repeated read keyword can arise from the fault insertion; keep the case as it is:
    # Python decides.
    layout = rng.choice(["inline", "lines", "lines_comments"])
    if layout == "inline":
        inner = ", ".join(args) + (rng.choice(["", ","]) if args else "")
        call = f"wandb.init({inner})"
    else:
        sep = ",  # note\n    " if layout == "lines_comments" else ",\n    "
        inner = sep.join(args)
        call = "wandb.init(\n    " + inner + (",\n" if args else "\n") + ")"
    wrap = rng.choice(["bare", "assign", "with", "lines", "kwlist"])
    if wrap == "assign":
        text = "run = " + call
    elif wrap == "with":
        text = f"with {call} as run:\n    run.log({{'a': 1}})\n"
    elif wrap == "lines":
        text = "import os\nimport wandb  # wandb.init(id='decoy')\n\nx = \"wandb.init(\"\n" + call + "\nrun.finish()\n"
    elif wrap == "kwlist" and args and not args[0].startswith(('"', "*")):
        text = ", ".join(args)
    else:
        text = call
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return text


def init_vectors(seed, random_count):
    rng = random.Random(seed + 1)
    cases = [init_case(text, parse_as) for text, parse_as in HAND_INIT]
    seen = {c["text"] for c in cases}
    while len(cases) < len(HAND_INIT) + random_count:
        text = rand_call(rng)
        if text in seen:
            continue
        seen.add(text)
        cases.append(init_case(text))
    return cases


# ---------------------------------------------------------------------------------------------


def main():
    # Python's own warnings about the cases (invalid escapes, `1if`) are expected.
    warnings.filterwarnings("ignore")
    # Options for stress runs (not for the committed vectors): --seed N --random N --out DIR
    args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
    seed = int(args.get("--seed", SEED))
    count = int(args.get("--random", 300))
    global OUT_DIR
    OUT_DIR = args.get("--out", OUT_DIR)
    bash = Bash()
    try:
        env = env_vectors(bash, seed, count)
    finally:
        shutil.rmtree(bash.tmp, ignore_errors=True)
    meta = {
        "generator": "scripts/gen_parser_vectors.py",
        "seed": seed,
        "python": sys.version.split()[0],
        "bash": bash.version,
    }
    write("env_block.json", {"meta": dict(meta, ignoredNames=sorted(bash.ignored)), "cases": env})
    print(f"env_block.json: {len(env)} cases", file=sys.stderr)
    init = init_vectors(seed, int(args.get("--random-init", 330)))
    write("init_call.json", {"meta": meta, "cases": init})
    print(f"init_call.json: {len(init)} cases", file=sys.stderr)


def write(name, data):
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    with open(os.path.join(OUT_DIR, name), "w", encoding="ascii", newline="\n") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
