// Script endings through the built package: the vectors tests/ending_conformance.rs replays
// (tests/conformance/ending-vectors.json: each release's complete offline wandb.init, the
// script then ended as training scripts end, and what wandb/wandb-resume.json held once every
// process had gone), checked against simulate() as users call it; and the settings-service
// vectors tests/settings_service_conformance.rs replays the same way (settings= with the key
// that turns the service process off, the script falling off its end).
import { test } from "node:test";
import assert from "node:assert/strict";
import { simulate } from "wandb-resume";
import { LOGS_IN_FIRST, assertAllAgree, conformanceJson } from "./recorded-vectors.mjs";

const doc = conformanceJson("ending-vectors.json");
const settingsServiceDoc = conformanceJson("settings-service-vectors.json");
// How the driver ends a script → the timeline's `after` that stands for it (the Rust replay
// reads the same table).
const AFTER = conformanceJson("ending-afters.json").after;

function input(runId, sdk, c) {
  const input = { sdk, env: c.env, init: { id: runId, resume: c.resume } };
  // An offline mode= over WANDB_MODE=disabled.
  if (c.mode != null) input.init.mode = c.mode;
  if (c.resumeFileBefore !== null) input.context = { resumeFile: c.resumeFileBefore };
  if (c.settings) {
    // Every case ran with WANDB_MODE=offline (generate_endings.py's child_env); it matters
    // where a settings object's mode replaces it (0.18.1–0.18.7).
    input.env = { ...c.env, WANDB_MODE: "offline" };
    const { form, key, value } = c.settings;
    input.init.settings = { form, keys: [key], disableService: value };
    if (c.settings.mode !== undefined) input.init.settings.mode = c.settings.mode;
  }
  return input;
}

const SERVICE_FIELDS = ["env.WANDB_DISABLE_SERVICE", "init.settings.disableService"];
// A diagnostic about turning the service off: by its field, or the deprecation warning for the
// service WANDB_MODE=disabled turns off in some releases.
const aboutTheService = (d) =>
  SERVICE_FIELDS.includes(d.field) ||
  (d.field === "env.WANDB_MODE" && d.code === "disable-service-deprecated");

// The warnings about WANDB_DISABLE_SERVICE and the settings' key: each one the SDK printed is
// quoted, each one the engine quotes was printed.
function serviceWarnings(decision, out) {
  const printed = out.serviceWarnings ?? [];
  const about = decision.diagnostics.filter(aboutTheService);
  const diffs = printed
    // A diagnostic may quote several printed lines, one per line of its SDK text.
    .filter(
      (w) => !about.some((d) => d.sdkMessage?.split("\n").includes(w) || d.message.includes(w)),
    )
    .map((w) => `the SDK printed "${w}"; the engine does not say so`);
  for (const d of about.filter((d) => d.severity === "warning")) {
    for (const line of d.sdkMessage?.split("\n") ?? []) {
      if (!printed.includes(line)) diffs.push(`the engine quotes "${line}"`);
    }
  }
  return diffs;
}

const checkAgainst = (runId) => (sdk, c, out) => {
  const after = AFTER[c.ending];
  assert.ok(after, `the ending ${c.ending} has no after`);
  const first = simulate(input(runId, sdk, c), [{ after, where: "sameDirectory" }]).attempts[0];
  const diffs = serviceWarnings(first.decision, out);
  if (out.raised) {
    const said = out.raised.message;
    // The cases ran offline without an API key: a launch a settings object turns online
    // (0.18.1–0.18.7) raises for want of one, where the engine must warn that it logs in.
    if (said.startsWith("api_key not configured")) {
      if (!first.decision.diagnostics.some((x) => LOGS_IN_FIRST.includes(x.code))) {
        diffs.push("SDK raised for want of an API key; the engine does not warn that it logs in");
      }
      return diffs;
    }
    const branch = first.decision.ifMissing;
    if (
      // whatever the server holds (0.19.0's crash with the service off comes after the resume
      // file is written, so the file action does not tell)
      first.decision.ifExists.action !== "fail" ||
      branch.action !== "fail" ||
      // (or the error a release wrapped in its own, which the settings-service vectors record)
      !(
        branch.message.includes(said) ||
        (out.raised.cause?.message && branch.message.includes(out.raised.cause.message)) ||
        // 0.10.x wrap what wandb.init raised in Exception("problem"), whose cause the ending
        // driver does not record (the mode vectors check the reason for these configurations).
        (out.raised.type === "Exception" && said === "problem" && out.raised.cause === undefined)
      )
    ) {
      diffs.push(`SDK raised ${said}; engine ${branch.action} (${branch.message})`);
    }
    return diffs;
  }
  // wandb.init returned: the engine must not say it fails (the resume file alone would not
  // tell where it did: 0.19.0's crash with the service off comes after it is written).
  const failing = [first.decision.ifExists, first.decision.ifMissing].find(
    (b) => b.action === "fail",
  );
  if (failing) diffs.push(`SDK: wandb.init returned; engine: fail (${failing.message})`);
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
};

test("script endings through the package match the real SDK", () => {
  assertAllAgree(doc, "endings", checkAgainst(doc.meta.runId));
});

test("the settings' key that turns the service off, through the package, matches the real SDK", () => {
  assertAllAgree(
    settingsServiceDoc,
    "settings-service vectors",
    checkAgainst(settingsServiceDoc.meta.runId),
  );
});

test("an ending the timeline does not know is refused with its name", () => {
  assert.throws(
    () => simulate({ init: { resume: true } }, [{ after: "sigkill", where: "sameDirectory" }]),
    (e) =>
      e.code === "invalid-input" && /sigkill/.test(e.message) && /raisedSystemExit/.test(e.message),
  );
});
