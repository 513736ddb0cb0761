// The settings= argument through the built package: the vectors tests/settings_conformance.rs
// replays (tests/conformance/settings-vectors.json: each release's wandb.init given a
// wandb.Settings object or a dict that sets nothing about resuming), checked against decide()
// as users call it — offline (disabled) on both branches exactly where the SDK's own settings
// say so; 0.18.1–0.18.7 take the object's mode over WANDB_MODE. And the settings' own mode
// (tests/conformance/settings-mode-vectors.json) beside mode= and WANDB_MODE.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "wandb-resume";
import { parseInitCall } from "wandb-resume/tools";
import {
  assertAllAgree,
  compareDecision,
  compareLocalLaunch,
  conformanceJson,
  decideUnlessNotModelled,
  firstErrorDiffs,
  disabledEnvAlone,
  notModelled,
  senderDiffs,
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

const modeDoc = conformanceJson("settings-mode-vectors.json");

/**
 * Replays `vectors`, every launch that is not online having run the complete wandb.init (all
 * of it compares), and checks that the package refuses exactly the cases `notModelled` names
 * (the Rust replay says why): `perRelease` of each release.
 */
function assertAgreeRefusing(vectors, name, perRelease) {
  const refused = new Map();
  assertAllAgree(vectors, name, (sdk, c, out) => {
    const {
      decision: d,
      refused: wasRefused,
      diffs,
    } = decideUnlessNotModelled(decide, sdk, c, notModelled(c, out));
    if (wasRefused) refused.set(sdk, (refused.get(sdk) ?? 0) + 1);
    if (!d) return diffs ?? [];
    return [...compareDecision(d, out), ...compareLocalLaunch(d, c, out)];
  });
  // `perRelease`: a count, or the count by release.
  const expected = typeof perRelease === "function" ? perRelease : () => perRelease;
  for (const sdk of Object.keys(vectors.results)) {
    assert.equal(refused.get(sdk) ?? 0, expected(sdk), `${name}: refused on ${sdk}`);
  }
}

test("every settings-mode vector matches the real SDK through the wasm package", () => {
  // The settings' mode online, offline or dryrun over a disabled WANDB_MODE, disabled beside
  // an online or offline mode= (its "online" over WANDB_MODE=offline is modelled, by the
  // server-settings-mode vectors).
  assertAgreeRefusing(modeDoc, "settings-mode vectors", 10);
});

const modePairDoc = conformanceJson("settings-mode-pair-vectors.json");

test("every settings-mode vector beside both mode= and WANDB_MODE matches the real SDK through the wasm package", () => {
  // The package models every case: each online or offline settings mode, mode= and
  // WANDB_MODE together, and each settings mode beside mode="disabled".
  assertAgreeRefusing(modePairDoc, "settings-mode-pair vectors", 0);
});

test("a pasted settings mode reaches decide() and weighs as each release weighs it", () => {
  const call = parseInitCall(
    'wandb.init(resume="must", id="abc", settings=wandb.Settings(mode="offline"))',
  );
  assert.deepEqual(call.init.settings, { form: "object", keys: ["mode"], mode: "offline" });
  const at = modeDoc.cases.findIndex(
    (c) => JSON.stringify(c.init) === JSON.stringify(call.init) && c.env?.WANDB_MODE === undefined,
  );
  assert.ok(at >= 0, "the case is recorded");
  const env = modeDoc.cases[at].env;
  for (const sdk of ["0.12.9", "0.12.10", "0.12.15", "0.12.16", "0.31.0"]) {
    const out = modeDoc.results[sdk][at];
    const d = decide({ sdk, env, init: call.init });
    assert.equal(d.ifExists.action === "offline", out.offline === true, sdk);
  }
  // 0.12.10–0.12.15 ignore the object's mode: that launch went online.
  assert.equal(modeDoc.results["0.12.15"][at].offline, false, "0.12.15 recorded online");
  const fromEnv = parseInitCall('wandb.init(settings=wandb.Settings(mode=os.environ["M"]))');
  assert.deepEqual(fromEnv.init.settings, { form: "object", keys: ["mode"] });
  assert.ok(fromEnv.notes.some((n) => n.code === "settings-mode-not-read"));
  assert.throws(
    () => decide({ init: fromEnv.init }),
    (error) => error.code === "invalid-input" && error.message.includes("init.settings.mode"),
  );
});

test("a settings key that sets the resume configuration is refused, naming it", () => {
  for (const key of ["resume_from", "fork_from", "sweep_id"]) {
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
  // resume and run_id are modelled, and need their values.
  for (const [key, field] of [
    ["resume", "init.settings.resume"],
    ["run_id", "init.settings.runId"],
  ]) {
    assert.throws(
      () => decide({ init: { settings: { form: "object", keys: ["console", key] } } }),
      (error) =>
        error.code === "invalid-input" &&
        error.message.includes(field) &&
        error.message.includes(`'${key}'`) &&
        /missing/.test(error.message),
      key,
    );
  }
  for (const [mode, sdk] of [
    ["run", "0.31.0"],
    ["shared", "0.16.2"],
  ]) {
    assert.throws(
      () => decide({ sdk, init: { settings: { form: "object", keys: ["mode"], mode } } }),
      (error) =>
        error.code === "invalid-input" &&
        error.message.includes("init.settings.mode") &&
        /not modelled/.test(error.message),
      mode,
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

const fileDoc = conformanceJson("settings-file-vectors.json");

test("every settings-file vector matches the real SDK through the wasm package", () => {
  // An online mode= over the file's disabled line without its offline mode line; an online
  // or offline one over its disabled mode (mode="online" over the lines wandb offline writes
  // is modelled, by the server-file-mode vectors).
  assertAgreeRefusing(fileDoc, "settings-file vectors", 6);
});

const fileArgDoc = conformanceJson("settings-file-arg-vectors.json");

test("every settings-file vector beside settings= matches the real SDK through the wasm package", () => {
  // The settings-file vectors' six refusals in each form (the settings' own mode beside the
  // two files wandb offline writes is modelled).
  assertAgreeRefusing(fileArgDoc, "settings-file-arg vectors", 12);
});

const fileKeyDoc = conformanceJson("settings-file-key-vectors.json");

test("every settings-file vector beside the settings' own keys matches the real SDK through the wasm package", () => {
  // The settings-mode vectors' refusals (an online or offline settings mode over
  // WANDB_MODE=disabled, a disabled one beside an online or offline mode=: 12) and the
  // settings' online or offline mode over the file's mode = disabled (6); the settings'
  // resume and run_id beside every file are modelled.
  assertAgreeRefusing(fileKeyDoc, "settings-file-key vectors", 18);
});

const disabledEnvDoc = conformanceJson("disabled-env-vectors.json");

test("every WANDB_DISABLED vector matches the real SDK through the wasm package", () => {
  // The package models every case: the variable alone, beside each mode source and beside
  // the settings file's lines.
  assertAgreeRefusing(disabledEnvDoc, "WANDB_DISABLED vectors", 0);
});

test("WANDB_DISABLED=true: offline in 0.12.10–0.18.7, ignored with a warning elsewhere", () => {
  const at = disabledEnvDoc.cases.findIndex(disabledEnvAlone("true"));
  assert.ok(at >= 0, "the case is recorded");
  const c = disabledEnvDoc.cases[at];
  for (const [sdk, code] of [
    ["0.12.9", "disabled-env-ignored"],
    ["0.12.10", "disabled-env-offline"],
    ["0.18.7", "disabled-env-offline"],
    ["0.19.0", "disabled-env-ignored"],
  ]) {
    const out = disabledEnvDoc.results[sdk][at];
    const d = decide({ ...c, sdk });
    assert.equal(d.ifExists.action === "offline", out.offline === true, sdk);
    assert.ok(
      d.diagnostics.some((x) => x.code === code && x.field === "env.WANDB_DISABLED"),
      `${sdk}: ${code}`,
    );
  }
});

const resumeDoc = conformanceJson("settings-resume-vectors.json");

test("every settings-resume vector matches the real SDK through the wasm package", () => {
  // The batch driver stops before the offline warning is printed (the launches ran with
  // WANDB_MODE=offline): the engine's is left out where the SDK's settings were offline.
  let refused = 0;
  assertAllAgree(resumeDoc, "settings-resume vectors", (sdk, c, out) => {
    const not = notModelled(c, out);
    const {
      decision: d,
      refused: wasRefused,
      diffs,
    } = decideUnlessNotModelled(decide, sdk, c, not);
    if (wasRefused) refused += 1;
    if (!d) return diffs ?? [];
    if (out.offline === true) {
      d.diagnostics = d.diagnostics.filter((x) => x.code !== "offline-resume-ignored");
    }
    const found = [...compareDecision(d, out), ...compareLocalLaunch(d, c, out)];
    found.push(...firstErrorDiffs(d, out), ...senderDiffs(decide, sdk, c, out));
    return found;
  });
  // Every settings resume and run_id is modelled: none may be left out as refused.
  assert.equal(refused, 0, "no settings-resume vector is refused");
});

test("a pasted settings resume and run_id reach decide() and weigh as each release weighs them", () => {
  const call = parseInitCall(
    'wandb.init(id="xyz", settings=wandb.Settings(run_id="abc", resume="must"))',
  );
  assert.deepEqual(call.init.settings, {
    form: "object",
    keys: ["run_id", "resume"],
    runId: "abc",
    resume: "must",
  });
  const at = resumeDoc.cases.findIndex(
    (c) =>
      c.init.id === "xyz" &&
      c.init.resume === undefined &&
      c.init.settings.form === "object" &&
      c.init.settings.runId === "abc" &&
      c.init.settings.resume === "must",
  );
  assert.ok(at >= 0, "the case is recorded");
  const env = resumeDoc.cases[at].env;
  for (const sdk of ["0.12.9", "0.12.10", "0.12.16", "0.18.7", "0.19.0", "0.31.0"]) {
    const out = resumeDoc.results[sdk][at];
    const d = decide({ sdk, env, init: call.init });
    assert.equal(d.runId, out.runId, sdk);
    assert.equal(d.resume, out.resume ?? null, sdk);
  }
  // A value read from the environment is noted and left for decide() to ask for.
  const fromEnv = parseInitCall(
    'wandb.init(settings=wandb.Settings(run_id=os.environ["SLURM_JOB_ID"]))',
  );
  assert.ok(fromEnv.notes.some((n) => n.code === "settings-run-id-not-read"));
  assert.throws(
    () => decide({ init: fromEnv.init }),
    (e) => e.code === "invalid-input" && /init\.settings\.runId/.test(e.message),
  );
});
