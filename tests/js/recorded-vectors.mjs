// What the replays of recorded vector files share (the server outcomes and the script
// endings: `{ cases, results: { release: [one result per case] } }`), as the Rust replays
// share tests/common/mod.rs. Not a test file itself.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

/** A file of tests/conformance, parsed. */
export const conformanceJson = (name) =>
  JSON.parse(readFileSync(new URL(`../conformance/${name}`, import.meta.url), "utf8"));

/**
 * Runs `check(sdk, case, out)` (→ a list of disagreements) on every recorded case of `doc`
 * and fails with the first disagreements, naming each release and case.
 */
export function assertAllAgree(doc, what, check) {
  const failures = [];
  let compared = 0;
  for (const [sdk, outs] of Object.entries(doc.results)) {
    assert.equal(outs.length, doc.cases.length, `${sdk}: one result per case`);
    doc.cases.forEach((c, i) => {
      const diffs = check(sdk, c, outs[i]);
      compared += 1;
      if (diffs.length > 0) failures.push(`[${sdk}] ${JSON.stringify(c)}: ${diffs.join("; ")}`);
    });
  }
  assert.ok(compared > 0, `no recorded ${what}`);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${compared} ${what} disagree`);
}
