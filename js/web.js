// A page without a bundler: `import { init, decide } from ".../js/web.js"; await init();`.
// Nothing is fetched until init() is called, and calling a function before init() throws a
// clear error instead of a TypeError from deep inside the glue.
import initGlue, * as glue from "../pkg/wandb_resume.js";
import * as ids from "./ids.js";

let ready = null;
let done = false;

/**
 * Loads the module; idempotent. `source` may be a URL, a Response, bytes or a
 * WebAssembly.Module; by default the .wasm next to this file is fetched.
 */
export function init(source) {
  ready ??= initGlue({
    module_or_path: source ?? new URL("../pkg/wandb_resume_bg.wasm", import.meta.url),
  }).then(() => {
    done = true;
  });
  return ready;
}

function ensureReady(name) {
  if (!done) {
    const error = new Error(`wandb-resume: call \`await init()\` before ${name}()`);
    error.code = "not-initialized";
    throw error;
  }
}

export function decide(input) {
  ensureReady("decide");
  return glue.decide(input);
}
export function decideMany(inputs) {
  ensureReady("decideMany");
  return glue.decideMany(inputs);
}
export function sanitizeRunId(raw, opts) {
  ensureReady("sanitizeRunId");
  return glue.sanitizeRunId(raw, opts);
}
export function generateId(length) {
  ensureReady("generateId");
  return ids.generateId(length);
}
export function generateIds(count, length) {
  ensureReady("generateIds");
  return ids.generateIds(count, length);
}
export function collisionProbability(runs, length) {
  ensureReady("collisionProbability");
  return glue.collisionProbability(runs, length);
}
export function deriveRunId(key, opts) {
  ensureReady("deriveRunId");
  return glue.deriveRunId(key, opts);
}
export function simulate(input, attempts) {
  ensureReady("simulate");
  return glue.simulate(input, attempts);
}
export function scenarios() {
  ensureReady("scenarios");
  return glue.scenarios();
}
export function methodTable() {
  ensureReady("methodTable");
  return glue.methodTable();
}
export function snippets(input) {
  ensureReady("snippets");
  return glue.snippets(input);
}
export function parseEnvBlock(text) {
  ensureReady("parseEnvBlock");
  return glue.parseEnvBlock(text);
}
export function parseInitCall(text) {
  ensureReady("parseInitCall");
  return glue.parseInitCall(text);
}
export function fixConfiguration(input) {
  ensureReady("fixConfiguration");
  return glue.fixConfiguration(input);
}
export function sdkVersions() {
  ensureReady("sdkVersions");
  return glue.sdkVersions();
}
