// Vercel Edge (edge-light): `?module` asks the bundler for a compiled WebAssembly.Module,
// as workerd's import does.
import wasmModule from "../pkg/wandb_resume_bg.wasm?module";
import { initSync } from "../pkg/wandb_resume.js";

initSync({ module: wasmModule });

export * from "./api.js";

/** Already initialised at import; kept so one code sample works in every runtime. */
export async function init() {}
