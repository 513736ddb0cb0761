// The workerd entry under the real Cloudflare Workers runtime (the `workerd` npm package):
// the worker imports the package's workerd entry, which instantiates the .wasm that workerd
// hands it as a compiled module at top level — no init step, and no randomness until a
// request arrives (workerd forbids it outside one).
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort, root, startWorkerd } from "../../scripts/serve.mjs";

const worker = `
import { decide, generateId, sanitizeRunId, init } from "./pkg-root/js/workerd.js";
export default {
  async fetch(request) {
    await init();
    const d = decide({ env: { WANDB_RESUME: "must" } });
    let error = null;
    try { decide({ init: { resume: 5 } }); } catch (e) { error = { code: e.code, isError: e instanceof Error }; }
    return Response.json({
      valid: d.valid,
      codes: d.diagnostics.map((x) => x.code),
      id: generateId(),
      sanitized: sanitizeRunId("a b").sanitized,
      error,
    });
  },
};
`;

test("the package runs in workerd without an init step", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "wandb-resume-workerd-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of [
    "js/workerd.js",
    "js/api.js",
    "js/ids.js",
    "pkg/wandb_resume.js",
    "pkg/wandb_resume_bg.wasm",
  ]) {
    mkdirSync(join(dir, "pkg-root", dirname(f)), { recursive: true });
    copyFileSync(join(root, f), join(dir, "pkg-root", f));
  }
  writeFileSync(join(dir, "worker.js"), worker);
  const port = await freePort();
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "pkg-root/js/workerd.js", esModule = embed "pkg-root/js/workerd.js"),
    (name = "pkg-root/js/api.js", esModule = embed "pkg-root/js/api.js"),
    (name = "pkg-root/js/ids.js", esModule = embed "pkg-root/js/ids.js"),
    (name = "pkg-root/pkg/wandb_resume.js", esModule = embed "pkg-root/pkg/wandb_resume.js"),
    (name = "pkg-root/pkg/wandb_resume_bg.wasm", wasm = embed "pkg-root/pkg/wandb_resume_bg.wasm"),
  ],
  compatibilityDate = "2024-09-23",
);
`,
  );
  const server = await startWorkerd({
    port,
    config: join(dir, "config.capnp"),
    directories: {},
    readyPath: "/",
    timeoutMs: 30_000,
  });
  t.after(() => server.stop());
  const response = await fetch(`${server.url}/`);
  assert.equal(response.status, 200, server.output());
  const body = await response.json();
  assert.equal(body.valid, false);
  assert.ok(body.codes.includes("must-without-run-id"));
  assert.match(body.id, /^[a-z0-9]{8}$/);
  assert.equal(body.sanitized, "a-b");
  assert.deepEqual(body.error, { code: "invalid-input", isError: true });
});
