// The tools entry (`wandb-resume/tools`) for Node ≥ 20 (and Bun): read the .wasm next to the
// glue and instantiate synchronously at import, so `import { parseEnvBlock } from
// "wandb-resume/tools"` needs no init step.
import { readFileSync } from "node:fs";
import { initSync } from "../../pkg/wandb_resume_tools.js";

initSync({
  module: readFileSync(new URL("../../pkg/wandb_resume_tools_bg.wasm", import.meta.url)),
});

export * from "./api.js";

/** Already initialised at import; kept so one code sample works in every runtime. */
export async function init() {}
