// What the edge benchmarks send and expect, shared by run.mjs (the load run) and cold.mjs
// (the cache-cold model): one typical configuration, and the answer /api/decide gives for it
// written where the empty worker embeds it (bench/results/answer.json.txt).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../scripts/serve.mjs";
import { decide } from "../../js/node.js";

/** A typical configuration: a preemptible job with an explicit id and auto resume. */
export const BODY = JSON.stringify({
  sdk: "0.19.0",
  env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "exp-42-seed-1", WANDB_PROJECT: "llm" },
  init: { resume: "auto" },
  context: { resumeFile: null, runExists: null },
});

/** Writes the answer for BODY for the empty worker to embed; returns it. */
export function writeAnswer() {
  const answer = JSON.stringify(decide(JSON.parse(BODY)));
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(join(root, "bench", "results", "answer.json.txt"), answer);
  return answer;
}
