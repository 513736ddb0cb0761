// The run mode through the built package: the vectors tests/mode_conformance.rs replays
// (tests/conformance/mode-vectors.json: each release's wandb.init with WANDB_MODE or mode=
// set), checked against decide() as users call it — and the launch is offline (disabled) on
// both branches exactly where the SDK's own settings say so (it returned its disabled run).
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
} from "./recorded-vectors.mjs";

const doc = conformanceJson("mode-vectors.json");

test("every mode vector matches the real SDK through the wasm package", () => {
  let refused = 0;
  assertAllAgree(doc, "mode vectors", (sdk, c, out) => {
    // `noop` is refused as not modelled (the Rust replay says why), and nothing else is.
    const {
      decision: d,
      refused: wasRefused,
      diffs: failed,
    } = decideUnlessNotModelled(decide, sdk, c, notModelled(c, out));
    if (wasRefused) refused += 1;
    if (!d) return failed ?? [];
    const diffs = [...compareDecision(d, out), ...compareLocalLaunch(d, c, out)];
    // 0.10.10–0.10.18's disabled run is a placeholder without an id: the answer says so there.
    if (
      out.disabled === true &&
      /placeholder/.test(d.ifMissing.message) !== (out.placeholderId === true)
    ) {
      diffs.push(
        `disabled run id: sdk placeholder=${out.placeholderId}, engine: ${d.ifMissing.message}`,
      );
    }
    return diffs;
  });
  // Per release: four `noop` (`mode="online"` over an offline WANDB_MODE is modelled since the
  // server-mode vectors, an offline one over a disabled one since the ending vectors).
  assert.equal(refused, 4 * Object.keys(doc.results).length, "four refused cases per release");
});

test("a mode the package does not model is refused, naming the field", () => {
  for (const [input, field] of [
    [{ env: { WANDB_MODE: "noop" } }, "env\\.WANDB_MODE"],
    [
      { env: { WANDB_MODE: "disabled", WANDB_DISABLED: "true" }, init: { mode: "online" } },
      "init\\.mode",
    ],
    [{ env: { WANDB_MODE: "OFFLINE" } }, "env\\.WANDB_MODE"],
    [{ sdk: "0.16.2", init: { mode: "shared" } }, "init\\.mode"],
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
  assert.equal(decide({ env: { WANDB_MODE: "disabled" } }).ifMissing.action, "disabled");
  // mode= over WANDB_MODE=disabled alone is answered: the launch is not disabled.
  const over = decide({ env: { WANDB_MODE: "disabled" }, init: { mode: "offline" } });
  assert.equal(over.ifMissing.action, "offline");
  assert.ok(over.diagnostics.some((d) => d.code === "mode-over-disabled-env"));
});
