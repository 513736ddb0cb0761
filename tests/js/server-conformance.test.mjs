// Server outcomes through the built package: the vectors tests/server_conformance.rs replays
// (tests/conformance/server-vectors.json: each release's complete, online wandb.init against a
// fake W&B server that says the run exists, does not exist, or was created but never started),
// checked against decide()'s ifExists / ifMissing as users call it.
import { test } from "node:test";
import { decide } from "wandb-resume";
import { assertAllAgree, conformanceJson, serverCheck } from "./recorded-vectors.mjs";

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
