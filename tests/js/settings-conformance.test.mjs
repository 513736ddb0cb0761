// The settings= argument through the built package: the vectors tests/settings_conformance.rs
// replays (tests/conformance/settings-vectors.json: each release's wandb.init given a
// wandb.Settings object or a dict that sets nothing about resuming), checked against decide()
// as users call it — offline (disabled) on both branches exactly where the SDK's own settings
// say so; 0.18.1–0.18.7 take the object's mode over WANDB_MODE.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "wandb-resume";
import { parseInitCall } from "wandb-resume/tools";
import {
  assertAllAgree,
  compareDecision,
  compareLocalLaunch,
  conformanceJson,
} from "./recorded-vectors.mjs";

const doc = conformanceJson("settings-vectors.json");

test("every settings vector matches the real SDK through the wasm package", () => {
  assertAllAgree(doc, "settings vectors", (sdk, c, out) => {
    let d;
    try {
      d = decide({ ...c, sdk });
    } catch (error) {
      return [`throws ${error.code}: ${error.message}`];
    }
    // The batch driver's cases (with its dummy key) stop before the offline warning is
    // printed: where the SDK's settings were offline there, warnings are not compared.
    const batch = c.env?.WANDB_API_KEY !== undefined;
    const diffs = compareDecision(d, out).filter(
      (x) => !(batch && out.offline === true && x.startsWith("warnings:")),
    );
    return [...diffs, ...compareLocalLaunch(d, c, out)];
  });
});

test("a settings key that sets the resume configuration is refused, naming it", () => {
  for (const key of ["resume", "run_id", "mode", "fork_from"]) {
    assert.throws(
      () => decide({ init: { settings: { form: "object", keys: ["console", key] } } }),
      (error) =>
        error.code === "invalid-input" &&
        error.message.includes("init.settings.keys.1") &&
        error.message.includes(`'${key}'`) &&
        /not modelled/.test(error.message),
      key,
    );
  }
  assert.throws(
    () => decide({ init: { settings: { keys: [] } } }),
    (error) => error.code === "invalid-input" && error.message.includes("init.settings.form"),
  );
  assert.throws(
    () => decide({ init: { settings: { form: "Settings" } } }),
    (error) => error.code === "invalid-input" && error.message.includes("init.settings.form"),
  );
  // A good call after the refusals.
  assert.equal(
    decide({ init: { settings: { form: "dict", keys: ["console"] } } }).ifMissing.action,
    "create",
  );
});

test("a pasted call's settings= reaches decide() unchanged, as the SDK ran it", () => {
  const call = parseInitCall('wandb.init(resume="must", id="abc", settings=wandb.Settings())');
  assert.deepEqual(call.init.settings, { form: "object", keys: [] });
  // The recorded case with that call under WANDB_MODE=offline (with the batch driver's key).
  const at = doc.cases.findIndex(
    (c) =>
      JSON.stringify(c.init) === JSON.stringify(call.init) &&
      c.env?.WANDB_MODE === "offline" &&
      c.env?.WANDB_API_KEY !== undefined,
  );
  assert.ok(at >= 0, "the case is recorded");
  const env = doc.cases[at].env;
  for (const sdk of ["0.18.7", "0.19.0"]) {
    const out = doc.results[sdk][at];
    const d = decide({ sdk, env, init: call.init });
    // 0.18.7 went online (the object's mode), 0.19.0 stayed offline: the engine says the same.
    assert.equal(d.ifExists.action === "offline", out.offline, sdk);
    assert.equal(d.resume, out.resume, sdk);
    const warned = d.diagnostics.some((x) => x.code === "settings-object-overrides-mode");
    assert.equal(warned, !out.offline, sdk);
  }
  assert.equal(doc.results["0.18.7"][at].offline, false, "0.18.7 recorded online");
});
