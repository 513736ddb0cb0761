// Server outcomes through the built package: the vectors tests/server_conformance.rs replays
// (tests/conformance/server-vectors.json: each release's complete, online wandb.init against a
// fake W&B server that says the run exists, does not exist, or was created but never started),
// checked against decide()'s ifExists / ifMissing as users call it.
import { test } from "node:test";
import { decide } from "wandb-resume";
import {
  assertAllAgree,
  conformanceJson,
  decideServerCase,
  decideUnlessNotModelled,
  serverCheck,
  sharedServerCheck,
} from "./recorded-vectors.mjs";

const doc = conformanceJson("server-vectors.json");
test("server outcomes through the package match the real SDK", () => {
  assertAllAgree(doc, "server outcomes", serverCheck(decide, doc));
});

// The settings' own resume stored as given (tests/conformance/settings-server-vectors.json:
// settings=wandb.Settings(resume=True / False / a run id), or a dict, against the same fake
// server), as tests/settings_server_conformance.rs replays it.
const settingsDoc = conformanceJson("settings-server-vectors.json");
test("stored settings resume values meet the server as the real SDK, through the package", () => {
  assertAllAgree(settingsDoc, "settings-server outcomes", serverCheck(decide, settingsDoc));
});

// The service process off (tests/conformance/server-service-vectors.json: the same launches
// with WANDB_DISABLE_SERVICE=true, where 0.18.x and 0.19.x run the Python internal process, and
// fork_from / resume_from beside a resume from the environment, the service off and on), as
// tests/server_service_conformance.rs replays it.
const serviceDoc = conformanceJson("server-service-vectors.json");
test("launches without the service process meet the server as the real SDK, through the package", () => {
  assertAllAgree(
    serviceDoc,
    "server outcomes without the service",
    serverCheck(decide, serviceDoc),
  );
});

// A launch asked online over a library set up offline (the three files below), with the login
// warning 0.19.5–0.23.0 print exactly where the SDK printed it, as
// tests/server_service_conformance.rs replays them.
const OFFLINE_LOGIN_WARNING = "Unable to verify login in offline mode.";
function onlineOverOfflineCheck(doc, quotedWarnings = [OFFLINE_LOGIN_WARNING]) {
  const check = serverCheck(decide, doc);
  const sharedCheck = sharedServerCheck(decide, doc);
  return (sdk, c, out) => {
    if (
      sharedRefused(c, out) ||
      sharedBesideDisabledLine(c, out) ||
      sharedAfterUnknownDisabled(c, out)
    ) {
      // The release refused the mode (before 0.16.3), raised before reading it, or met it
      // beside the settings file's disabled line: the package refuses it as not modelled.
      const { refused, diffs } = decideUnlessNotModelled(
        (input) => decideServerCase(decide, sdk, input),
        sdk,
        c,
        true,
      );
      return refused ? [] : diffs;
    }
    // A dict's settings that raised on being a dict (0.10.x–0.12.9) never read the mode.
    const dictRaised = out.raised?.cause?.message?.includes("'dict' object has no attribute");
    const diffs = (namesShared(c) && !dictRaised ? sharedCheck : check)(sdk, c, out);
    const { diagnostics } = decideServerCase(decide, sdk, c);
    for (const warning of quotedWarnings) {
      const printed = (out.printedWarnings ?? []).some((l) => l.startsWith(warning));
      const quoted = diagnostics.some((d) => d.sdkMessage?.startsWith(warning));
      if (printed !== quoted) diffs.push(`"${warning}": SDK ${printed}, engine ${quoted}`);
    }
    return diffs;
  };
}

/** Whether the case asks for the shared mode in a release that raised on WANDB_MODE=disabled
 * before it read mode= (0.10.0–0.10.9 know no disabled mode): the package refuses the shared
 * mode of the releases before 0.16.3 as not modelled, whatever they raise on first. */
function sharedAfterUnknownDisabled(c, out) {
  return (
    namesShared(c) &&
    (out.raised?.cause?.message ?? "").startsWith("Settings field mode: disabled not in")
  );
}

/** Whether the case asks for the shared mode, by `mode=` or the settings' mode. */
function namesShared(c) {
  return c.mode === "shared" || c.settings?.mode === "shared";
}

/** Whether the release refused the case's shared mode: its settings raised naming it among
 * the modes they know (before 0.16.3). */
function sharedRefused(c, out) {
  const said = [out.raised?.message, out.raised?.cause?.message];
  return namesShared(c) && said.some((m) => m?.includes("Settings field") && m.includes("shared"));
}

/** Whether the case asks for the shared mode beside the settings file's `disabled` line in a
 * release that reads the line (it never asked W&B: 0.17.x–0.18.x launch offline after printing
 * the mode's warning, 0.19.x–0.23.x raise on the line before it). */
function sharedBesideDisabledLine(c, out) {
  return namesShared(c) && c.settingsFile?.disabled !== undefined && out.operations.length === 0;
}

// One test per file: an online mode= under an offline WANDB_MODE, over the settings file's
// offline mode, and the settings' own online mode (an object or a dict) under an offline
// WANDB_MODE.
for (const [file, what] of [
  ["server-mode-vectors.json", "an online mode= over an offline WANDB_MODE"],
  ["server-file-mode-vectors.json", "an online mode= over the settings file's offline mode"],
  ["server-settings-mode-vectors.json", "the settings' online mode over an offline WANDB_MODE"],
]) {
  const doc = conformanceJson(file);
  test(`${what} meets the server as the real SDK, through the package`, () => {
    assertAllAgree(doc, `server outcomes of ${what}`, onlineOverOfflineCheck(doc));
  });
}

// An online mode= over WANDB_MODE=disabled (server-disabled-mode-vectors.json), with the
// deprecation warning 0.17.8–0.18.0 print for the service the disabled setup turns off exactly
// where the SDK printed it, and no login warning.
const disabledDoc = conformanceJson("server-disabled-mode-vectors.json");
test("an online mode= over WANDB_MODE=disabled meets the server as the real SDK, through the package", () => {
  assertAllAgree(
    disabledDoc,
    "server outcomes of an online mode= over WANDB_MODE=disabled",
    onlineOverOfflineCheck(disabledDoc, [
      OFFLINE_LOGIN_WARNING,
      "Disabling the wandb service is deprecated",
    ]),
  );
});
