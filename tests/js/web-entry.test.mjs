// The no-bundler entries (`wandb-resume/web`, `wandb-resume/tools/web`): nothing loads until init(), a call before it
// throws a clear error, and init() is idempotent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const web = await import("wandb-resume/web");
const wasmPath = createRequire(import.meta.url).resolve("wandb-resume/wasm");

const functions = (m) =>
  Object.keys(m)
    .filter((k) => typeof m[k] === "function")
    .sort();

for (const [entry, full] of [
  ["wandb-resume/web", "wandb-resume"],
  ["wandb-resume/tools/web", "wandb-resume/tools"],
]) {
  test(`${entry} offers every function of ${full}, each behind the init check`, async () => {
    const noBundler = await import(entry);
    const loaded = await import(full);
    assert.deepEqual(functions(noBundler), functions(loaded));
    for (const name of functions(noBundler).filter((n) => n !== "init")) {
      assert.throws(
        () => noBundler[name](),
        (e) => e.code === "not-initialized" && e.message.includes(`${name}()`),
        name,
      );
    }
  });
}

test("calling before init() throws not-initialized", () => {
  assert.throws(
    () => web.decide({}),
    (e) => e instanceof Error && e.code === "not-initialized" && /await init\(\)/.test(e.message),
  );
  assert.throws(
    () => web.generateId(),
    (e) => e.code === "not-initialized",
  );
});

test("init() with the module bytes loads it once; later calls work", async () => {
  const bytes = readFileSync(wasmPath);
  const first = web.init(bytes);
  const second = web.init(bytes);
  assert.equal(first, second);
  await first;
  assert.equal(web.decide({ env: { WANDB_RESUME: "must" } }).valid, false);
  assert.match(web.generateId(), /^[a-z0-9]{8}$/);
  assert.equal(web.sanitizeRunId("a b").sanitized, "a-b");
  assert.equal(web.methodTable().rows.length, 2);
  assert.equal(web.collisionProbability(1), 0);
});

test("the tools no-bundler entry loads the tools module and parses", async () => {
  const toolsWeb = await import("wandb-resume/tools/web");
  // Each entry has its own module: the main entry's init() leaves this one waiting for its own.
  await web.init(readFileSync(wasmPath));
  assert.equal(web.decide({}).valid, true);
  assert.throws(
    () => toolsWeb.parseEnvBlock("A=1\n"),
    (e) => e.code === "not-initialized",
  );
  await toolsWeb.init(
    readFileSync(createRequire(import.meta.url).resolve("wandb-resume/tools/wasm")),
  );
  assert.deepEqual(toolsWeb.parseEnvBlock("WANDB_RESUME=allow\n").env, { WANDB_RESUME: "allow" });
  assert.equal(toolsWeb.decide({ env: { WANDB_RESUME: "must" } }).valid, false);
  const other = await import("wandb-resume/web");
  assert.equal(typeof other.init, "function");
});
