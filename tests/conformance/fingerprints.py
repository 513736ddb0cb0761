"""Check or update the generator fingerprints the committed vectors record.

    python3 fingerprints.py            # list every vector file whose fingerprint is stale
    python3 fingerprints.py --update   # write the current fingerprint into those files

Each vector file's `meta.generator` names the source files of this directory that wrote it
and their SHA-256 (generate_server.sources_hash, the same in generate.py). Editing a named
file makes the record stale. `--update` is for an edit that leaves the output unchanged, and
only after a rerun of some releases has shown it (compare_rerun.py): it replaces the old digest
in place, so nothing else in the file moves.
"""

import glob
import json
import os
import sys

import generate_server

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "tests/conformance/"


def vector_files():
    return sorted(glob.glob(os.path.join(HERE, "*.json")) + glob.glob(os.path.join(HERE, "vectors", "*.json")))


def recorded(path):
    """(files, sha256) of a vector file's `meta.generator`, or None for a file without one."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    gen = doc.get("meta", {}).get("generator") if isinstance(doc, dict) else None
    if not isinstance(gen, dict) or "sha256" not in gen:
        return None
    names = []
    for p in gen["files"]:
        if not p.startswith(PREFIX):
            raise ValueError("%s: generator file %r is outside %s" % (path, p, PREFIX))
        names.append(p[len(PREFIX):])
    return names, gen["sha256"]


def main(update):
    stale = 0
    for path in vector_files():
        rec = recorded(path)
        if rec is None:
            continue
        names, digest = rec
        current = generate_server.sources_hash(names)
        if current == digest:
            continue
        stale += 1
        rel = os.path.relpath(path, HERE)
        if not update:
            print("stale: %s (recorded %s…, sources now %s…)" % (rel, digest[:12], current[:12]))
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if text.count(digest) != 1:
            raise SystemExit("%s: the recorded digest occurs %d times; not rewritten" % (rel, text.count(digest)))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(digest, current))
        print("updated: %s" % rel)
    if not update:
        print("%d stale fingerprint(s)" % stale if stale else "every fingerprint matches its sources")
    return 1 if stale and not update else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args not in ([], ["--update"]):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(args == ["--update"]))
