// The settings= argument through the built package: the vectors tests/settings_conformance.rs
// replays (tests/conformance/settings-vectors.json: each release's wandb.init given a
// wandb.Settings object or a dict that sets nothing about resuming), checked against decide()
// as users call it — offline (disabled) on both branches exactly where the SDK's own settings
// say so; 0.18.1–0.18.7 take the object's mode over WANDB_MODE.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "wandb-resume";
import { parseInitCall } from "wandb-resume/tools";
import { assertAllAgree, compareDecision, conformanceJson } from "./recorded-vectors.mjs";

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
    // printed: where the engine calls such a launch offline, warnings are not compared.
    const batch = c.env?.WANDB_API_KEY !== undefined;
    const diffs = compareDecision(d, out).filter(
      (x) => !(batch && d.ifMissing.action === "offline" && x.startsWith("warnings:")),
    );
    for (const key of ["offline", "disabled"]) {
      if (typeof out[key] !== "boolean") continue;
      const ours = [d.ifExists.action, d.ifMissing.action].map((a) => a === key);
      if (ours[0] !== out[key] || ours[1] !== out[key]) {
        diffs.push(`${key}: sdk=${out[key]} engine=${d.ifExists.action}/${d.ifMissing.action}`);
      }
    }
    // Without an API key, the launches the object turns online raised for want of one: the
    // engine's warning must be there exactly then.
    if (c.env?.WANDB_API_KEY === undefined) {
      const warned = d.diagnostics.some((x) => x.code === "settings-object-overrides-mode");
      const noKey = /^api_key not configured/.test(out.error?.message ?? "");
      const loginFirst = d.diagnostics.some((x) => x.code === "offline-login-first");
      if (!loginFirst && warned !== noKey) {
        diffs.push(`settings object over WANDB_MODE: engine warns ${warned}, sdk raised ${noKey}`);
      }
    }
    return diffs;
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

test("a pasted call's settings= reaches decide() unchanged", () => {
  const call = parseInitCall(
    'wandb.init(resume="allow", id="abc", settings=wandb.Settings(start_method="thread"))',
  );
  assert.deepEqual(call.init.settings, { form: "object", keys: ["start_method"] });
  const d = decide({ sdk: "0.18.7", env: { WANDB_MODE: "offline" }, init: call.init });
  assert.equal(d.ifExists.action, "resume");
  assert.ok(d.diagnostics.some((x) => x.code === "settings-object-overrides-mode"));
  const fixed = decide({ sdk: "0.19.0", env: { WANDB_MODE: "offline" }, init: call.init });
  assert.equal(fixed.ifExists.action, "offline");
});
