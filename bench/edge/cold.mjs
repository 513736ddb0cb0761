#!/usr/bin/env node
// The cache-cold model of the edge benchmark: what answering POST /api/decide costs on top
// of the empty worker's work when the CPU caches are cold, as they are under load (between
// two requests workerd's HTTP stack evicts the handler's code and data). The load run
// (run.mjs) measures the goal, but single rounds vary by ±15 % on this 2-core machine;
// this model runs each handler in-process in workerd between rounds of cache pollution
// (cold.js); on a quiet host runs differ by up to ≈ 3 µs, so the medians of a few runs tell
// whether a change to the request path helps before a long load run. The rounds' spread is
// printed too: a busy host (other tenants of the VM) scatters them, and then a run says
// nothing.
//
//   node bench/edge/cold.mjs [--rounds 9] [--iterations 3000]
//
// Prints microseconds per request over the empty worker's work for the package's adapter
// and for the plain-JS floor (median of per-round differences) and writes
// bench/results/edge-cold.json. A handler costing x µs more than the empty worker keeps
// about t / (t + x) of its throughput, t being the empty worker's time per request under
// load (≈ 85 µs in run.mjs here).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freePort, root, startWorkerd } from "../../scripts/serve.mjs";
import { median, rotated } from "../common.mjs";
import { BODY, writeAnswer } from "./request.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "9" },
    iterations: { type: "string", default: "3000" },
  },
});
const rounds = Number(values.rounds);
const iterations = Number(values.iterations);

const answer = writeAnswer();
const port = await freePort();
const path = (handler, n, check = false) =>
  `/?handler=${handler}&n=${n}&body=${encodeURIComponent(BODY)}${check ? "&check" : ""}`;
const target = (...args) => `http://127.0.0.1:${port}${path(...args)}`;
const server = await startWorkerd({
  port,
  config: join(root, "bench", "edge", "cold.capnp"),
  sockets: { cold: port },
  directories: {},
  readyPath: path("pollution", 1),
});
try {
  const handlers = ["pollution", "empty", "floor", "ours"];
  for (const handler of handlers.slice(1)) {
    const text = await (await fetch(target(handler, 1, true))).text();
    if (text !== answer) throw new Error(`${handler} answers differently:\n${text}`);
  }
  const time = async (handler, n) => {
    const start = performance.now();
    const response = await fetch(target(handler, n));
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${handler}: ${response.status} ${text}`);
    return ((performance.now() - start) * 1000) / n;
  };
  for (const handler of handlers) await time(handler, 300);
  const runs = Object.fromEntries(handlers.map((h) => [h, []]));
  for (let round = 0; round < rounds; round++) {
    for (const handler of rotated(handlers, round)) {
      runs[handler].push(await time(handler, iterations));
    }
  }
  const micros = (x) => Number(x.toFixed(1));
  // Differences within a round, then the median: the machine's drift between rounds cancels.
  const differences = (handler, base) => runs[handler].map((t, i) => t - runs[base][i]);
  const over = (handler, base) => median(differences(handler, base));
  // The rounds' own spread, printed with the medians: a busy host scatters them, and then a
  // run says little (the floor's figure, ≈ 6 µs on a quiet machine, is the check).
  const spread = (handler, base) => {
    const xs = differences(handler, base);
    return [Math.min(...xs), Math.max(...xs)].map(micros);
  };
  const report = {
    benchmark: "edge-cold",
    when: new Date().toISOString(),
    rounds,
    iterations,
    answerBytes: answer.length,
    pollutionMicros: micros(median(runs.pollution)),
    emptyMicros: micros(over("empty", "pollution")),
    oursOverEmptyMicros: micros(over("ours", "empty")),
    oursOverEmptyRange: spread("ours", "empty"),
    floorOverEmptyMicros: micros(over("floor", "empty")),
    floorOverEmptyRange: spread("floor", "empty"),
  };
  console.log(
    `\nedge, cache-cold model (median of ${rounds} rounds × ${iterations} requests): µs per POST /api/decide`,
  );
  console.log("| handler | µs over the empty worker's work | rounds |");
  console.log("|---|---:|---|");
  console.log(
    `| ours (respondToRequest) | ${report.oursOverEmptyMicros} | ${report.oursOverEmptyRange.join(" – ")} |`,
  );
  console.log(
    `| plain-JS floor | ${report.floorOverEmptyMicros} | ${report.floorOverEmptyRange.join(" – ")} |`,
  );
  console.log(
    `(the empty worker's work: ${report.emptyMicros} µs; the pollution: ${report.pollutionMicros} µs)`,
  );
  writeFileSync(
    join(root, "bench", "results", "edge-cold.json"),
    JSON.stringify(report, null, 2) + "\n",
  );
} finally {
  await server.stop();
}
