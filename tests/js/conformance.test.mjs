// Conformance through the built package: the same vectors the Rust test replays, recorded from
// the real wandb SDKs (tests/conformance/vectors), through the wasm module as users call it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { decide, sanitizeRunId } from "wandb-resume";
import { compareDecision as compare } from "./recorded-vectors.mjs";

const dir = new URL("../conformance/vectors/", import.meta.url);
test("every conformance vector matches through the wasm package", () => {
  const { cases } = JSON.parse(readFileSync(new URL("cases.json", dir), "utf8"));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "cases.json")
    .sort();
  assert.ok(files.length >= 10, `vectors for ${files.length} versions`);
  const failures = [];
  let total = 0;
  for (const file of files) {
    const { meta, out } = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
    // A version's results cover the first N shared cases (boundary versions run fewer random ones).
    assert.ok(out.length <= cases.length && out.length > 1000, meta.sdk);
    out.forEach((o, i) => {
      const c = cases[i];
      total += 1;
      const diffs = compare(decide({ ...c, sdk: meta.sdk }), o);
      if (diffs.length)
        failures.push(`[${meta.sdk} #${i}] ${JSON.stringify(c)}\n    ${diffs.join("\n    ")}`);
    });
  }
  assert.equal(
    failures.length,
    0,
    `${failures.length} of ${total} disagree:\n${failures.slice(0, 20).join("\n")}`,
  );
});

test("sanitizeRunId matches Python's re.sub(r'\\W', '-', s) on 3000 random strings", () => {
  const { strings } = JSON.parse(
    readFileSync(new URL("../vectors/sanitize.json", import.meta.url), "utf8"),
  );
  assert.equal(strings.length, 3000);
  for (const s of strings) {
    const got = sanitizeRunId(s.raw);
    assert.equal(got.sanitized, s.sanitized, JSON.stringify(s.raw));
    assert.equal(got.replaced, s.replaced, JSON.stringify(s.raw));
  }
});
