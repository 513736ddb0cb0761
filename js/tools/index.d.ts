// Types for the tools entry (`wandb-resume/tools`): the main entry's functions plus the paste
// parsers, snippets and fixConfiguration. Generated from the Rust types by wasm-bindgen and
// tsify (pkg/wandb_resume_tools.d.ts); this file only re-exports them.
export type * from "../../pkg/wandb_resume_tools.js";
export {
  collisionProbability,
  decide,
  decideMany,
  decideManyJson,
  deriveRunId,
  fixConfiguration,
  methodTable,
  parseEnvBlock,
  parseInitCall,
  sanitizeRunId,
  scenarios,
  sdkVersions,
  simulate,
  snippets,
} from "../../pkg/wandb_resume_tools.js";
export { generateId, generateIds, init } from "../index.js";
