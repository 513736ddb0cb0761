// Every committed vector file says which generator sources wrote it (`meta.generator`: the
// files and their SHA-256, as tests/conformance/generate_server.py's sources_hash computes
// it). A source edited without rerunning the generator leaves the vectors claiming an origin
// they no longer have; this test fails then. tests/conformance/fingerprints.py lists the stale
// files and, after a rerun has shown the output unchanged (compare_rerun.py), updates them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../scripts/serve.mjs";

const CONFORMANCE = join(root, "tests", "conformance");
const PREFIX = "tests/conformance/";

/** The fingerprint of the named sources, byte for byte as sources_hash computes it. */
function sourcesHash(names, read) {
  const hash = createHash("sha256");
  for (const name of names) {
    hash.update(Buffer.from(name + "\0"));
    hash.update(read(name));
    hash.update(Buffer.from("\0"));
  }
  return hash.digest("hex");
}

const readSource = (name) => readFileSync(join(CONFORMANCE, name));

/** Every vector file with a recorded generator: its path relative to the repo and the record. */
function recordedGenerators() {
  const paths = [
    ...readdirSync(CONFORMANCE).map((f) => join(CONFORMANCE, f)),
    ...readdirSync(join(CONFORMANCE, "vectors")).map((f) => join(CONFORMANCE, "vectors", f)),
  ].filter((p) => p.endsWith(".json"));
  const out = [];
  for (const path of paths.sort()) {
    const doc = JSON.parse(readFileSync(path, "utf8"));
    const generator = doc?.meta?.generator;
    if (generator && typeof generator.sha256 === "string") {
      out.push({ path: path.slice(root.length + 1), generator });
    }
  }
  return out;
}

/** The source names of a record, or an error naming a file outside tests/conformance/. */
function sourceNames(record) {
  return record.generator.files.map((file) => {
    assert.ok(
      file.startsWith(PREFIX),
      `${record.path}: generator file ${file} is outside ${PREFIX}`,
    );
    return file.slice(PREFIX.length);
  });
}

test("every vector file records its generator, and its sources exist", () => {
  const records = recordedGenerators();
  const recorded = new Set(records.map((r) => r.path));
  const vectorFiles = [
    ...readdirSync(CONFORMANCE)
      .filter((f) => f.endsWith("-vectors.json"))
      .map((f) => PREFIX + f),
    ...readdirSync(join(CONFORMANCE, "vectors"))
      .filter((f) => f.endsWith(".json"))
      .map((f) => PREFIX + "vectors/" + f),
  ];
  assert.ok(vectorFiles.length > 20, `only ${vectorFiles.length} vector files found`);
  assert.deepEqual(
    vectorFiles.filter((f) => !recorded.has(f)),
    [],
    "vector files without meta.generator",
  );
  for (const record of records) {
    for (const name of sourceNames(record)) {
      assert.ok(
        existsSync(join(CONFORMANCE, name)),
        `${record.path}: generator source ${name} is missing`,
      );
    }
  }
});

test("every recorded fingerprint is the digest of today's generator sources", () => {
  const stale = [];
  for (const record of recordedGenerators()) {
    const current = sourcesHash(sourceNames(record), readSource);
    if (current !== record.generator.sha256) stale.push(record.path);
  }
  assert.deepEqual(
    stale,
    [],
    "these vectors were written by sources that have changed since: rerun their generators, or " +
      "compare a rerun (tests/conformance/compare_rerun.py) and then run tests/conformance/fingerprints.py --update",
  );
});

test("the fingerprint check notices one changed byte in one source", () => {
  const [record] = recordedGenerators();
  const names = sourceNames(record);
  const today = sourcesHash(names, readSource);
  const last = names[names.length - 1];
  const edited = (name) => {
    const bytes = Buffer.from(readSource(name));
    if (name === last) bytes[bytes.length - 1] ^= 1;
    return bytes;
  };
  assert.notEqual(sourcesHash(names, edited), today);
  // and the order of the files is part of it, as in sources_hash
  if (names.length > 1) {
    assert.notEqual(sourcesHash([...names].reverse(), readSource), today);
  }
});
