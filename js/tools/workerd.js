// The tools entry (`wandb-resume/tools`) for Cloudflare Workers / workerd: the runtime
// imports a .wasm module as a compiled WebAssembly.Module (no fetch, no eval), which initSync
// instantiates. Instantiation draws no random bytes, so this is allowed at module top level.
import wasmModule from "../../pkg/wandb_resume_tools_bg.wasm";
import { initSync } from "../../pkg/wandb_resume_tools.js";

initSync({ module: wasmModule });

export * from "./api.js";

/** Already initialised at import; kept so one code sample works in every runtime. */
export async function init() {}
