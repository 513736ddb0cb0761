// Types for every entry of the package. The data types and function signatures are
// generated from the Rust types by wasm-bindgen and tsify (pkg/wandb_resume.d.ts); this
// file only re-exports them and adds init(). The paste parsers, snippets and
// fixConfiguration are in the tools entry (js/tools/index.d.ts).
export type * from "../pkg/wandb_resume.js";
export {
  collisionProbability,
  decide,
  decideMany,
  decideManyJson,
  deriveRunId,
  methodTable,
  sanitizeRunId,
  scenarios,
  sdkVersions,
  simulate,
} from "../pkg/wandb_resume.js";

/**
 * A fresh random run id of `length` (default 8) characters from `[a-z0-9]`, from the
 * platform CSPRNG. Throws an `Error` with `code` `invalid-length`, `invalid-input` or
 * `no-csprng`.
 */
export function generateId(length?: number): string;

/**
 * `count` fresh random run ids of `length` (default 8) characters, made in one call into the
 * module. Throws like `generateId`, and `invalid-count` for more than 100 000.
 */
export function generateIds(count: number, length?: number): string[];

/**
 * Resolves once the module is ready; idempotent. The Node, workerd, edge and bundler entries
 * are ready at import; the `wandb-resume/web` entry loads the .wasm here (optionally from
 * `source`).
 */
export function init(source?: unknown): Promise<void>;
