// One start-up measurement, in a fresh Node process (bench/run.mjs starts it): the time to
// compile and instantiate the package's .wasm with its glue, or an empty wasm module. The
// bytes are read before the clock starts; a fresh process keeps V8's module cache out of it.
//
//   node bench/startup.mjs ours|empty   → prints milliseconds
import { readFileSync } from "node:fs";

const which = process.argv[2];
if (which === "ours") {
  const bytes = readFileSync(new URL("../pkg/wandb_resume_bg.wasm", import.meta.url));
  const { initSync } = await import("../pkg/wandb_resume.js");
  const start = performance.now();
  initSync({ module: new WebAssembly.Module(bytes) });
  console.log(performance.now() - start);
} else {
  // The smallest valid module: the magic number and the version.
  const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  const start = performance.now();
  new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  console.log(performance.now() - start);
}
