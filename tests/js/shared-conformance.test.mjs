// The shared mode through the built package: the vectors tests/shared_conformance.rs replays
// (tests/conformance/shared-mode-vectors.json: `shared` from WANDB_MODE, mode= and settings=,
// beside the other modes and the settings file, with whether the settled settings are shared;
// shared-server-vectors.json: each release's complete, online wandb.init against a fake W&B
// server as the primary writer and a secondary one), checked against decide() as users call it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "wandb-resume";
import {
  assertAllAgree,
  compareDecision,
  compareLocalLaunch,
  conformanceJson,
  decideUnlessNotModelled,
  notModelled,
  sharedServerCheck,
} from "./recorded-vectors.mjs";

const modeDoc = conformanceJson("shared-mode-vectors.json");
const serverDoc = conformanceJson("shared-server-vectors.json");

test("every shared-mode vector matches the real SDK through the wasm package", () => {
  assertAllAgree(modeDoc, "shared-mode vectors", (sdk, c, out) => {
    const { decision: d, diffs } = decideUnlessNotModelled(decide, sdk, c, notModelled(c, out));
    if (!d) return diffs ?? [];
    // The batch driver's cases stop before the offline warning: not compared where offline.
    const batch = c.context === undefined && c.init?.settings === undefined;
    const found = [
      ...compareDecision(d, out).filter(
        (x) => !(batch && out.offline === true && x.startsWith("warnings:")),
      ),
      ...compareLocalLaunch(d, c, out),
    ];
    const shared = d.diagnostics.some((x) => x.code === "shared-mode");
    if (typeof out.shared === "boolean" && out.shared !== shared) {
      found.push(`shared: sdk=${out.shared} engine=${shared}`);
    }
    return found;
  });
});

test("every shared-mode server outcome matches the real SDK, with the mode's warning", () => {
  assertAllAgree(serverDoc, "shared-mode server outcomes", sharedServerCheck(decide, serverDoc));
});

test("a shared launch without an id writes a run of its own, and says so", () => {
  const at = serverDoc.cases.findIndex(
    (c) => c.state === "generated" && c.resume === undefined && !c.env.WANDB__PRIMARY,
  );
  assert.ok(at >= 0, "the case is recorded");
  const out = serverDoc.results["0.31.0"][at];
  // Each process generates its own id: the run it writes is its own.
  assert.equal(out.runId, serverDoc.meta.server.generatedId);
  const d = decide({ sdk: "0.31.0", env: { WANDB_MODE: "shared" } });
  assert.ok(d.diagnostics.some((x) => x.code === "shared-mode-without-id"));
  assert.throws(
    () => decide({ sdk: "0.16.2", init: { mode: "shared" } }),
    (error) => error.code === "invalid-input" && error.message.includes("0.16.3"),
  );
});
