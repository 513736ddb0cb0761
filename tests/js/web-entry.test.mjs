// The no-bundler entry (`wandb-resume/web`): nothing loads until init(), a call before it
// throws a clear error, and init() is idempotent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const web = await import("wandb-resume/web");
const wasmPath = createRequire(import.meta.url).resolve("wandb-resume/wasm");

test("it offers every function of the main entry, each behind the init check", async () => {
  const main = await import("wandb-resume");
  const functions = (m) =>
    Object.keys(m)
      .filter((k) => typeof m[k] === "function")
      .sort();
  assert.deepEqual(functions(web), functions(main));
  for (const name of functions(web).filter((n) => n !== "init")) {
    assert.throws(
      () => web[name](),
      (e) => e.code === "not-initialized" && e.message.includes(`${name}()`),
      name,
    );
  }
});

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
