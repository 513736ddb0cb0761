// The tools entry (`wandb-resume/tools`) for Vercel Edge (edge-light): `?module` asks the
// bundler for a compiled WebAssembly.Module, as workerd's import does.
import wasmModule from "../../pkg/wandb_resume_tools_bg.wasm?module";
import { initSync } from "../../pkg/wandb_resume_tools.js";

initSync({ module: wasmModule });

export * from "./api.js";

/** Already initialised at import; kept so one code sample works in every runtime. */
export async function init() {}
