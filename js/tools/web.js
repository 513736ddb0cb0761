// The tools entry for a page without a bundler (the web form uses it):
// `import { init, parseEnvBlock } from ".../js/tools/web.js"; await init();`.
// Nothing is fetched until init() is called (js/web-loader.js).
import initGlue, * as glue from "../../pkg/wandb_resume_tools.js";
import { idFunctions } from "../ids.js";
import { webLoader } from "../web-loader.js";

const loader = webLoader(
  initGlue,
  new URL("../../pkg/wandb_resume_tools_bg.wasm", import.meta.url),
);
const ids = idFunctions(glue.generateIdBlock);
const { whenReady } = loader;

/**
 * Loads the tools module; idempotent. `source` may be a URL, a Response, bytes or a
 * WebAssembly.Module; by default the .wasm next to the glue is fetched.
 */
export const init = loader.init;
export const decide = whenReady("decide", glue.decide);
export const decideMany = whenReady("decideMany", glue.decideMany);
export const decideManyJson = whenReady("decideManyJson", glue.decideManyJson);
export const sanitizeRunId = whenReady("sanitizeRunId", glue.sanitizeRunId);
export const generateId = whenReady("generateId", ids.generateId);
export const generateIds = whenReady("generateIds", ids.generateIds);
export const collisionProbability = whenReady("collisionProbability", glue.collisionProbability);
export const deriveRunId = whenReady("deriveRunId", glue.deriveRunId);
export const simulate = whenReady("simulate", glue.simulate);
export const scenarios = whenReady("scenarios", glue.scenarios);
export const methodTable = whenReady("methodTable", glue.methodTable);
export const sdkVersions = whenReady("sdkVersions", glue.sdkVersions);
export const snippets = whenReady("snippets", glue.snippets);
export const parseEnvBlock = whenReady("parseEnvBlock", glue.parseEnvBlock);
export const parseInitCall = whenReady("parseInitCall", glue.parseInitCall);
export const fixConfiguration = whenReady("fixConfiguration", glue.fixConfiguration);
