// `wandb sync` of an offline run through the built package: the vectors
// tests/sync_conformance.rs replays (tests/conformance/sync-vectors.json: each release's offline
// wandb.init, then its own `wandb sync [--append]` against a fake W&B server). decide() must
// offer `--append` exactly where the release knows it, and what its warning says about a sync
// must hold in every release.
import { test } from "node:test";
import { decide } from "wandb-resume";
import { assertAllAgree, conformanceJson } from "./recorded-vectors.mjs";

const doc = conformanceJson("sync-vectors.json");

/** Whether decide() names `wandb sync --append` as a way to append, for `sdk`. */
function offersAppend(sdk) {
  const d = decide({
    sdk,
    env: { WANDB_MODE: "offline", WANDB_RESUME: "allow", WANDB_RUN_ID: "abc" },
  });
  const warning = d.diagnostics.find((x) => x.code === "offline-sync-writes-over");
  if (!warning) throw new Error(`${sdk}: no offline-sync-writes-over`);
  return warning.message.includes("`wandb sync --append` adds the rows");
}

test("every recorded sync agrees with what decide() says about syncing", () => {
  assertAllAgree(doc, "sync vectors", (sdk, c, out) => {
    const diffs = [];
    if (c.append) {
      const known = out.appendUnknown === false;
      if (known !== offersAppend(sdk)) diffs.push(`--append: sdk knows it ${known}`);
      if (!known) return diffs;
    }
    const start = c.append && c.runId === doc.meta.existingRun ? doc.meta.existingHistoryRows : 0;
    const logged = c.explicitSteps ? [20, 21, 22] : [0, 1, 2];
    if (out.askedAboutRun !== c.append) diffs.push(`asked W&B: ${out.askedAboutRun}`);
    const offsets = out.history.map((r) => r[0]);
    const steps = out.history.map((r) => r[1]);
    if (offsets.some((o) => o !== start) || JSON.stringify(steps) !== JSON.stringify(logged)) {
      diffs.push(`history at ${JSON.stringify(offsets)} steps ${JSON.stringify(steps)}`);
    }
    return diffs;
  });
});
