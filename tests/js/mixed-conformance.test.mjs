// Mixed launches through the built package: the vectors tests/mixed_conformance.rs replays
// (tests/conformance/mixed-vectors.json: each release's wandb.init on launches drawn at random
// from every family the other vectors vary one at a time), checked against decide() as users
// call it — where a backend process decides when the run starts, against what the complete
// wandb.init did (`fullInit`). A launch the package refuses as not modelled (decide() throws
// invalid-input) is left out, and the share left out is bounded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "wandb-resume";
import {
  assertAllAgree,
  compareDecisionOverText,
  compareLocalLaunch,
  conformanceJson,
  firstErrorDiffs,
} from "./recorded-vectors.mjs";

const doc = conformanceJson("mixed-vectors.json");

test("every mixed vector matches the real SDK through the wasm package", () => {
  let compared = 0;
  let leftOut = 0;
  assertAllAgree(doc, "mixed vectors", (sdk, c, out) => {
    let d;
    try {
      d = decide({ ...c, sdk });
    } catch (error) {
      if (error.code === "invalid-input") {
        leftOut += 1;
        return [];
      }
      return [`throws ${error.code}: ${error.message}`];
    }
    compared += 1;
    // The batch driver stops before the offline warning is printed.
    if (out.offline === true) {
      d.diagnostics = d.diagnostics.filter((x) => x.code !== "offline-resume-ignored");
    }
    const found = [...compareDecisionOverText(d, out), ...compareLocalLaunch(d, c, out)];
    found.push(...firstErrorDiffs(d, out));
    // The launches also run under other hash seeds (0.19.0+ merge wandb.init's settings in
    // the order of a Python set): the package must say the outcome varies exactly where it did.
    if (out.hashSeeds) {
      const varies = Object.values(out.hashSeeds).some((r) => r !== (out.rejected === true));
      const warned = d.diagnostics.some((x) => x.code === "env-order-dependent");
      if (varies !== warned) found.push(`varies with the hash seed: ${varies}; warned: ${warned}`);
    }
    return found;
  });
  assert.ok(leftOut * 5 < compared + leftOut, `${leftOut} of ${compared + leftOut} left out`);
});
