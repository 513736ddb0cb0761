"""Compare a rerun of a generator on some releases with the committed vectors.

    python3 compare_rerun.py COMMITTED.json RERUN.json

A generator run with `--versions A B --out /tmp/x.json` writes the same file as the committed
one for those releases alone. This says, release by release, whether the results are equal,
whether the cases and the rest of `meta` are, and whether the installed packages recorded for
those releases are (pip may resolve an unpinned dependency to a newer release on another day;
that is reported, not failed). `meta.generator` is not compared: it is what changed when a
rerun is wanted. For a release file of vectors/ (`{"meta", "out"}`) the outputs are compared.

Exits 1 when any result, case or meta field differs, printing the first differing entries.
"""

import json
import sys


def first_difference(a, b, path="", limit=3):
    """Up to `limit` paths where two JSON values differ, each with both sides (shortened)."""
    out = []

    def walk(x, y, p):
        if len(out) >= limit:
            return
        if type(x) is not type(y):
            out.append((p, x, y))
        elif isinstance(x, dict):
            for k in list(x) + [k for k in y if k not in x]:
                if k not in x or k not in y:
                    out.append((p + "/" + str(k), x.get(k, "<absent>"), y.get(k, "<absent>")))
                else:
                    walk(x[k], y[k], p + "/" + str(k))
                if len(out) >= limit:
                    return
        elif isinstance(x, list):
            if len(x) != len(y):
                out.append((p + " (length)", len(x), len(y)))
            for i, (u, v) in enumerate(zip(x, y)):
                walk(u, v, "%s[%d]" % (p, i))
                if len(out) >= limit:
                    return
        elif x != y:
            out.append((p, x, y))

    walk(a, b, path)
    return [(p, json.dumps(x)[:200], json.dumps(y)[:200]) for p, x, y in out]


def report(label, committed, rerun):
    diffs = first_difference(committed, rerun)
    print("%-28s %s" % (label, "equal" if not diffs else "DIFFERENT"))
    for p, x, y in diffs:
        print("    at %s\n      committed: %s\n      rerun:     %s" % (p or "/", x, y))
    return not diffs


def main(committed_path, rerun_path):
    with open(committed_path) as f:
        committed = json.load(f)
    with open(rerun_path) as f:
        rerun = json.load(f)
    ok = True
    if "out" in rerun:  # a release file of vectors/
        ok &= report("out", committed["out"], rerun["out"])
        meta_c = {k: v for k, v in committed["meta"].items() if k not in ("generator", "packages")}
        meta_r = {k: v for k, v in rerun["meta"].items() if k not in ("generator", "packages")}
        ok &= report("meta", meta_c, meta_r)
        report("packages (reported only)", committed["meta"].get("packages"), rerun["meta"].get("packages"))
    else:
        ok &= report("cases", committed["cases"], rerun["cases"])
        skip = ("generator", "packages")
        meta_c = {k: v for k, v in committed["meta"].items() if k not in skip}
        meta_r = {k: v for k, v in rerun["meta"].items() if k not in skip}
        ok &= report("meta", meta_c, meta_r)
        for version in rerun["results"]:
            if version not in committed["results"]:
                print("%-28s not in the committed vectors" % version)
                ok = False
                continue
            ok &= report(version, committed["results"][version], rerun["results"][version])
            report("  packages (reported only)", committed["meta"]["packages"].get(version),
                   rerun["meta"]["packages"].get(version))
    print("rerun agrees with the committed vectors" if ok else "rerun DIFFERS from the committed vectors")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
