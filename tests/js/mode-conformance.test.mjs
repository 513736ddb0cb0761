// The run mode through the built package: the vectors tests/mode_conformance.rs replays
// (tests/conformance/mode-vectors.json: each release's wandb.init with WANDB_MODE or mode=
// set), checked against decide() as users call it — and the launch is offline on both
// branches exactly where the SDK's own settings say so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "wandb-resume";
import { assertAllAgree, compareDecision, conformanceJson } from "./recorded-vectors.mjs";

const doc = conformanceJson("mode-vectors.json");

test("every mode vector matches the real SDK through the wasm package", () => {
  let refused = 0;
  assertAllAgree(doc, "mode vectors", (sdk, c, out) => {
    // An online mode= over an offline WANDB_MODE is refused as not modelled (the Rust replay
    // says why), and nothing else is.
    const onlineOverOffline =
      ["online", "run"].includes(c.init?.mode) && ["offline", "dryrun"].includes(c.env?.WANDB_MODE);
    let d;
    try {
      d = decide({ ...c, sdk });
    } catch (error) {
      if (
        onlineOverOffline &&
        error.code === "invalid-input" &&
        /not modelled/.test(error.message)
      ) {
        refused += 1;
        return [];
      }
      return [`throws ${error.code}: ${error.message}`];
    }
    if (onlineOverOffline) return ["not refused, though not modelled"];
    const diffs = compareDecision(d, out);
    if (typeof out.offline === "boolean") {
      const ours = [d.ifExists.action, d.ifMissing.action].map((a) => a === "offline");
      if (ours[0] !== out.offline || ours[1] !== out.offline) {
        diffs.push(`offline: sdk=${out.offline} engine=${d.ifExists.action}/${d.ifMissing.action}`);
      }
    }
    return diffs;
  });
  assert.equal(refused, Object.keys(doc.results).length, "one refused case per release");
});

test("a mode the package does not model is refused, naming the field", () => {
  for (const [input, field] of [
    [{ env: { WANDB_MODE: "disabled" } }, "env\\.WANDB_MODE"],
    [{ env: { WANDB_MODE: "OFFLINE" } }, "env\\.WANDB_MODE"],
    [{ init: { mode: "shared" } }, "init\\.mode"],
    [{ init: { mode: "" } }, "init\\.mode"],
  ]) {
    assert.throws(
      () => decide(input),
      (error) =>
        error.code === "invalid-input" &&
        new RegExp(`at \`${field}\`: .*not modelled`).test(error.message),
      JSON.stringify(input),
    );
  }
  // A good call after the refusals.
  assert.equal(decide({ init: { mode: "offline" } }).ifMissing.action, "offline");
});
