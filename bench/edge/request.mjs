// What the edge benchmarks send and expect, shared by run.mjs (the load run) and cold.mjs
// (the cache-cold model): the typical configuration (bench/common.mjs), and the answer /api/decide gives for it
// written where the empty worker embeds it (bench/results/answer.json.txt).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../scripts/serve.mjs";
import { decide } from "../../js/node.js";
import { TYPICAL_INPUT } from "../common.mjs";

/** The request body: the benchmarks' typical configuration. */
export const BODY = JSON.stringify(TYPICAL_INPUT);

/** Writes the answer for BODY for the empty worker to embed; returns it. */
export function writeAnswer() {
  const answer = JSON.stringify(decide(JSON.parse(BODY)));
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(join(root, "bench", "results", "answer.json.txt"), answer);
  return answer;
}
