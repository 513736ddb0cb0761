// The workerd entry under the real Cloudflare Workers runtime (the `workerd` npm package):
// the worker imports the package's workerd entry, which instantiates the .wasm that workerd
// hands it as a compiled module at top level — no init step, and no randomness until a
// request arrives (workerd forbids it outside one).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const workerdBin = join(root, "node_modules", "@cloudflare", "workerd-linux-64", "bin", "workerd");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url, child, deadlineMs) {
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}`);
    try {
      return await fetch(url);
    } catch {
      if (Date.now() - start > deadlineMs) throw new Error(`workerd did not answer ${url}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

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
    (name = "pkg-root/pkg/wandb_resume.js", esModule = embed "pkg-root/pkg/wandb_resume.js"),
    (name = "pkg-root/pkg/wandb_resume_bg.wasm", wasm = embed "pkg-root/pkg/wandb_resume_bg.wasm"),
  ],
  compatibilityDate = "2024-09-23",
);
`,
  );
  const child = spawn(workerdBin, ["serve", join(dir, "config.capnp")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (b) => (stderr += b));
  t.after(() => child.kill("SIGKILL"));
  const response = await waitFor(`http://127.0.0.1:${port}/`, child, 30_000).catch((e) => {
    throw new Error(`${e.message}\n${stderr}`);
  });
  assert.equal(response.status, 200, stderr);
  const body = await response.json();
  assert.equal(body.valid, false);
  assert.ok(body.codes.includes("must-without-run-id"));
  assert.match(body.id, /^[a-z0-9]{8}$/);
  assert.equal(body.sanitized, "a-b");
  assert.deepEqual(body.error, { code: "invalid-input", isError: true });
});
