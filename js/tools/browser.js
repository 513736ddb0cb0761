// The tools entry (`wandb-resume/tools`) for browsers through a bundler, Deno, and any other
// web-standard runtime: fetch the .wasm next to the glue and instantiate it with top-level
// await. Bundlers (Vite, webpack 5, esbuild) recognise `new URL("…", import.meta.url)` and
// ship the file.
import initGlue from "../../pkg/wandb_resume_tools.js";

await initGlue({
  module_or_path: new URL("../../pkg/wandb_resume_tools_bg.wasm", import.meta.url),
});

export * from "./api.js";

/** Already initialised at import; kept so one code sample works in every runtime. */
export async function init() {}
