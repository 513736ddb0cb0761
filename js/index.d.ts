// Types for every entry of the package. The data types and function signatures are
// generated from the Rust types by wasm-bindgen and tsify (pkg/wandb_resume.d.ts); this
// file only re-exports them and adds init().
export type * from "../pkg/wandb_resume.js";
export {
  collisionProbability,
  decide,
  deriveRunId,
  generateId,
  methodTable,
  sanitizeRunId,
  scenarios,
  simulate,
} from "../pkg/wandb_resume.js";

/**
 * Resolves once the module is ready; idempotent. The Node, workerd, edge and bundler entries
 * are ready at import; the `wandb-resume/web` entry loads the .wasm here (optionally from
 * `source`).
 */
export function init(source?: unknown): Promise<void>;
