// The resume file as text through the built package: the vectors tests/resume_text_conformance.rs
// replays (tests/conformance/resume-text-vectors.json: each release's offline wandb.init with
// wandb/wandb-resume.json holding a given text), checked against decide() as users call it.
// Texts the package does not model must be refused with a specific error, and only those.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "wandb-resume";
import { compareDecisionOverText, conformanceJson } from "./recorded-vectors.mjs";

const doc = conformanceJson("resume-text-vectors.json");

test("every resume-file text matches the real SDK through the wasm package", () => {
  const failures = [];
  let compared = 0;
  const refused = new Set();
  for (const [sdk, outs] of Object.entries(doc.results)) {
    // A release that ran only the fixed texts has results for the first cases.
    assert.ok(outs.length > 100 && outs.length <= doc.cases.length, sdk);
    outs.forEach((out, i) => {
      const c = doc.cases[i];
      let d;
      try {
        d = decide({ ...c, sdk });
      } catch (error) {
        assert.equal(error.code, "invalid-input", `${sdk} ${JSON.stringify(c)}: ${error}`);
        assert.match(error.message, /at `context\.resumeFileText`: .*not modelled/);
        refused.add(c.context.resumeFileText);
        return;
      }
      compared += 1;
      const diffs = compareDecisionOverText(d, out);
      if (diffs.length) failures.push(`[${sdk}] ${JSON.stringify(c)}\n    ${diffs.join("\n    ")}`);
    });
  }
  assert.ok(compared > 10_000, `${compared} compared`);
  // What is refused: texts whose run_id is neither a string nor null (the Rust replay checks
  // that the decoder says so for each refused text, and for no other).
  for (const text of [
    '{"run_id": 123}',
    '{"run_id": true}',
    '{"run_id": ["a"]}',
    '{"run_id": {"x": 1}}',
  ]) {
    assert.ok(refused.has(text), `${text} is refused`);
  }
  assert.ok(refused.size < 100, `${refused.size} texts refused`);
  assert.equal(
    failures.length,
    0,
    `${failures.length} disagree:\n${failures.slice(0, 20).join("\n")}`,
  );
});

test("a text and an id for the same file are refused, naming the field", () => {
  assert.throws(
    () => decide({ context: { resumeFile: "abc", resumeFileText: '{"run_id": "abc"}' } }),
    (error) =>
      error.code === "invalid-input" &&
      /at `context\.resumeFileText`: .*not both/.test(error.message),
  );
});
