// Server outcomes through the built package: the vectors tests/server_conformance.rs replays
// (tests/conformance/server-vectors.json: each release's complete, online wandb.init against a
// fake W&B server that says the run exists, does not exist, or was created but never started),
// checked against decide()'s ifExists / ifMissing as users call it.
import { test } from "node:test";
import { decide } from "wandb-resume";
import { assertAllAgree, conformanceJson } from "./recorded-vectors.mjs";

const doc = conformanceJson("server-vectors.json");
const { generatedId, lastStep } = doc.meta.server;
// What the engine writes where a run id is generated at launch.
const ENGINE_GENERATED_ID = "<new id>";

function decideCase(sdk, { id, resume }) {
  const init = {};
  if (id !== null) init.id = id;
  if (resume !== undefined) init.resume = resume;
  return decide({ sdk, init });
}

function compare(branch, out) {
  if (branch.action === "fail") {
    if (!out.raised) return [`engine: fail (${branch.message}); SDK: wandb.init returned`];
    const diffs = [];
    const said = out.raised.message.replaceAll(generatedId, ENGINE_GENERATED_ID);
    if (!branch.message.includes(said)) {
      diffs.push(
        `engine's message does not quote the SDK's: engine ${branch.message} / SDK ${said}`,
      );
    }
    // Where wandb printed why before raising (0.9.x), the engine quotes that too.
    const printed = out.printedErrors?.[0]?.replaceAll(generatedId, ENGINE_GENERATED_ID);
    if (printed !== undefined && !branch.message.includes(printed)) {
      diffs.push(`engine's message does not quote what wandb printed: ${printed}`);
    }
    return diffs;
  }
  if (out.raised) {
    return [`engine: ${branch.action} (${branch.message}); SDK raised ${out.raised.message}`];
  }
  const diffs = [];
  if (out.resumed !== branch.resumed) {
    diffs.push(`wandb.run.resumed: engine ${branch.resumed}, SDK ${out.resumed}`);
  }
  // Logging continues after the existing run's last step: resumed, whatever the flag says.
  const continued = out.step === lastStep + 1 || out.startingStep === lastStep + 1;
  if (continued !== (branch.action === "resume")) {
    diffs.push(`engine: ${branch.action}; SDK ${continued ? "resumed" : "started fresh"}`);
  }
  // An overwrite is a start that never asked whether the run exists, unless the engine says
  // it checks (0.10.2's must).
  if (
    branch.action === "overwrite" &&
    !branch.message.includes("checks that it exists") &&
    out.operations.includes("RunResumeStatus")
  ) {
    diffs.push(`engine: overwrite (${branch.message}); the SDK asked about the run first`);
  }
  if (continued && branch.action === "resume") {
    // The run's saved config is back, unless the engine says it comes back empty.
    if (
      (out.configRestored === true) ===
      branch.message.includes("wandb.config comes back empty")
    ) {
      diffs.push(
        `the run's config: engine "${branch.message}"; SDK restored ${out.configRestored}`,
      );
    }
    const stepContinues = out.step === lastStep + 1;
    const saysStep = branch.message.includes("wandb.run.step is where logging continues");
    const saysStarting = branch.message.includes("wandb.run.starting_step");
    if (
      stepContinues !== saysStep ||
      (!stepContinues && (!saysStarting || out.startingStep !== lastStep + 1))
    ) {
      diffs.push(`where logging continues: engine "${branch.message}"; SDK step ${out.step}`);
    }
  }
  return diffs;
}

// The disagreements in one case: the branch of the decision that the case's server state
// shows, against what the SDK did.
function check(sdk, c, out) {
  const d = decideCase(sdk, c);
  // Rejected before W&B is contacted: the SDK raises without asking the server either.
  if (d.resumeFileAction === "notReached") {
    const diffs = compare(d.ifMissing, out);
    if (out.operations.length > 0) diffs.push(`rejected, but the SDK sent ${out.operations}`);
    return diffs;
  }
  if (c.state === "exists") return compare(d.ifExists, out);
  if (c.state === "precreated") {
    // The engine says in its must-and-missing text whether a run created but never started
    // counts as missing.
    const must = decideCase(sdk, { id: c.id, resume: "must" });
    return compare(
      must.ifMissing.message.includes("never started") ? d.ifMissing : d.ifExists,
      out,
    );
  }
  return compare(d.ifMissing, out);
}

test("server outcomes through the package match the real SDK", () => {
  assertAllAgree(doc, "server outcomes", check);
});
