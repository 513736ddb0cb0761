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

/** `fn` behind the init check, so a call before `init()` says what to do. */
function whenReady(name, fn) {
  return (...args) => {
    ensureReady(name);
    return fn(...args);
  };
}

export const decide = whenReady("decide", glue.decide);
export const decideMany = whenReady("decideMany", glue.decideMany);
export const sanitizeRunId = whenReady("sanitizeRunId", glue.sanitizeRunId);
export const generateId = whenReady("generateId", ids.generateId);
export const generateIds = whenReady("generateIds", ids.generateIds);
export const collisionProbability = whenReady("collisionProbability", glue.collisionProbability);
export const deriveRunId = whenReady("deriveRunId", glue.deriveRunId);
export const simulate = whenReady("simulate", glue.simulate);
export const scenarios = whenReady("scenarios", glue.scenarios);
export const methodTable = whenReady("methodTable", glue.methodTable);
export const snippets = whenReady("snippets", glue.snippets);
export const parseEnvBlock = whenReady("parseEnvBlock", glue.parseEnvBlock);
export const parseInitCall = whenReady("parseInitCall", glue.parseInitCall);
export const fixConfiguration = whenReady("fixConfiguration", glue.fixConfiguration);
export const sdkVersions = whenReady("sdkVersions", glue.sdkVersions);
