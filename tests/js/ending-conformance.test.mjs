// Script endings through the built package: the vectors tests/ending_conformance.rs replays
// (tests/conformance/ending-vectors.json: each release's complete offline wandb.init, the
// script then ended as training scripts end, and what wandb/wandb-resume.json held once every
// process had gone), checked against simulate() as users call it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { simulate } from "wandb-resume";
import { assertAllAgree, conformanceJson } from "./recorded-vectors.mjs";

const doc = conformanceJson("ending-vectors.json");
// How the driver ends a script → the timeline's `after` that stands for it (the Rust replay
// reads the same table).
const AFTER = conformanceJson("ending-afters.json").after;

function input(sdk, c) {
  const input = { sdk, env: c.env, init: { id: doc.meta.runId, resume: c.resume } };
  if (c.resumeFileBefore !== null) input.context = { resumeFile: c.resumeFileBefore };
  return input;
}

// The warnings about WANDB_DISABLE_SERVICE: each one the SDK printed is quoted, each one the
// engine quotes was printed.
function serviceWarnings(decision, out) {
  const printed = out.serviceWarnings ?? [];
  const about = decision.diagnostics.filter((d) => d.field === "env.WANDB_DISABLE_SERVICE");
  const diffs = printed
    // A diagnostic may quote several printed lines, one per line of its SDK text.
    .filter(
      (w) => !about.some((d) => d.sdkMessage?.split("\n").includes(w) || d.message.includes(w)),
    )
    .map((w) => `the SDK printed "${w}"; the engine does not say so`);
  for (const d of about.filter((d) => d.severity === "warning")) {
    for (const line of d.sdkMessage.split("\n")) {
      if (!printed.includes(line)) diffs.push(`the engine quotes "${line}"`);
    }
  }
  return diffs;
}

function check(sdk, c, out) {
  const after = AFTER[c.ending];
  assert.ok(after, `the ending ${c.ending} has no after`);
  const first = simulate(input(sdk, c), [{ after, where: "sameDirectory" }]).attempts[0];
  const diffs = serviceWarnings(first.decision, out);
  if (out.raised) {
    const said = out.raised.message;
    const branch = first.decision.ifMissing;
    if (
      first.decision.resumeFileAction !== "notReached" ||
      branch.action !== "fail" ||
      !branch.message.includes(said)
    ) {
      diffs.push(`SDK raised ${said}; engine ${branch.action} (${branch.message})`);
    }
    return diffs;
  }
  if (out.unsupported) return diffs;
  if (first.decision.resumeFileAfter !== out.resumeFileAtInit) {
    diffs.push(
      `file at init: engine ${first.decision.resumeFileAfter}, SDK ${out.resumeFileAtInit}`,
    );
  }
  if (first.resumeFileAtEnd !== out.resumeFileAtEnd) {
    diffs.push(
      `file after ${c.ending}: engine ${first.resumeFileAtEnd}, SDK ${out.resumeFileAtEnd}`,
    );
  }
  return diffs;
}

test("script endings through the package match the real SDK", () => {
  assertAllAgree(doc, "endings", check);
});

test("an ending the timeline does not know is refused with its name", () => {
  assert.throws(
    () => simulate({ init: { resume: true } }, [{ after: "sigkill", where: "sameDirectory" }]),
    (e) =>
      e.code === "invalid-input" && /sigkill/.test(e.message) && /raisedSystemExit/.test(e.message),
  );
});
