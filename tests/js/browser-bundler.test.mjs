// The browser entry through a real bundler (Vite), loaded in real Chromium (Debian's, driven by
// playwright-core): `import { decide } from "wandb-resume"` must work with no init step, the
// bundler must ship the .wasm, and the module must not be tree-shaken out of initialising; the
// same for `wandb-resume/tools` in the same page (its own .wasm).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Installed by scripts/setup.sh --test (npm test does that); a missing browser fails here.
const CHROMIUM = "/usr/bin/chromium";

const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>bundled</title></head>
<body><script type="module" src="./main.js"></script></body></html>`;

const main = `
import { decide, generateId, sanitizeRunId } from "wandb-resume";
import { parseEnvBlock, decide as decideWithTools } from "wandb-resume/tools";
let result;
try {
  const d = decide({ env: { WANDB_RESUME: "must" } });
  let error = null;
  try { decide({ init: { resume: 5 } }); } catch (e) { error = e.code; }
  const env = parseEnvBlock("export WANDB_RESUME=must\\n").env;
  const viaTools = decideWithTools({ env });
  result = { valid: d.valid, codes: d.diagnostics.map((x) => x.code), id: generateId(), sanitized: sanitizeRunId("a b").sanitized, error, env, sameAnswer: JSON.stringify(viaTools) === JSON.stringify(d) };
} catch (e) {
  result = { failed: String(e && e.stack || e) };
}
document.body.dataset.result = JSON.stringify(result);
`;

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

function serve(dir) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const path = normalize(join(dir, new URL(req.url, "http://x").pathname));
      const file = path.endsWith("/") ? join(path, "index.html") : path;
      if (!file.startsWith(dir) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

test("Vite bundles the browser entries (main and tools) and they run in Chromium without an init step", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "wandb-resume-vite-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "bundled", private: true, type: "module" }),
  );
  writeFileSync(join(dir, "index.html"), page);
  writeFileSync(join(dir, "main.js"), main);
  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", root],
    { cwd: dir },
  );
  execFileSync(
    "node",
    [join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
    { cwd: dir },
  );

  const server = await serve(join(dir, "dist"));
  t.after(() => server.close());
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  t.after(() => browser.close());
  const tab = await browser.newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(String(e)));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => document.body.dataset.result, null, { timeout: 15_000 });
  const result = JSON.parse(await tab.evaluate(() => document.body.dataset.result));
  assert.deepEqual(errors, []);
  assert.equal(result.failed, undefined, result.failed);
  assert.equal(result.valid, false);
  assert.ok(result.codes.includes("must-without-run-id"));
  assert.match(result.id, /^[a-z0-9]{8}$/);
  assert.equal(result.sanitized, "a-b");
  assert.equal(result.error, "invalid-input");
  assert.deepEqual(result.env, { WANDB_RESUME: "must" });
  assert.equal(result.sameAnswer, true);
  // The bundler shipped both modules.
  const shipped = readdirSync(join(dir, "dist", "assets")).filter((f) => f.endsWith(".wasm"));
  assert.equal(shipped.length, 2, shipped.join(", "));
});
