#!/usr/bin/env node
// Edge benchmark: POST /api/decide on the package's handler against an empty worker that
// returns a constant JSON (the same bytes and headers, see empty.js), and against a plain-JS
// floor that parses the body, builds the answer by hand and serialises it (floor.js), all in
// one workerd, loaded over loopback by autocannon in rotating rounds of the same length.
// Reports requests/s and p50/p99 latency of each, the throughput ratio to the empty worker
// (goal ≥ 0.90; the median of the ratios within each round) and the floor's own ratio, prints
// a table and writes bench/results/edge.json.
//
//   node bench/edge/run.mjs [--rounds 7] [--seconds 3] [--connections 16]
//
// Bounded: rounds × 2 × seconds of load plus a short warm-up; 127.0.0.1 only.
import autocannon from "autocannon";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freePort, root, startWorkerd } from "../../scripts/serve.mjs";
import { MACHINE, median, rotated } from "../common.mjs";
import { BODY, writeAnswer } from "./request.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    seconds: { type: "string", default: "3" },
    connections: { type: "string", default: "16" },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const GOAL = 0.9;

function load(url, duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: BODY,
        connections,
        duration,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

// The baseline answers with the same bytes /api/decide produces for BODY.
writeAnswer();

const ports = { api: await freePort(), empty: await freePort(), floor: await freePort() };
const server = await startWorkerd({
  port: ports.api,
  config: join(root, "bench", "edge", "workerd.capnp"),
  sockets: ports,
  directories: { www: join(root, "www") },
  readyPath: "/healthz",
});
try {
  const urls = {
    ours: `http://127.0.0.1:${ports.api}/api/decide`,
    empty: `http://127.0.0.1:${ports.empty}/`,
    floor: `http://127.0.0.1:${ports.floor}/api/decide`,
  };
  const check = await fetch(urls.ours, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
  });
  const answer = await check.text();
  if (check.status !== 200) throw new Error(`/api/decide answered ${check.status}: ${answer}`);
  const baseline = await (await fetch(urls.empty, { method: "POST", body: BODY })).text();
  if (answer !== baseline) throw new Error("the baseline's constant differs from the real answer");
  const floorAnswer = await (await fetch(urls.floor, { method: "POST", body: BODY })).text();
  if (floorAnswer !== answer) throw new Error("the plain-JS floor answers differently");

  const names = ["ours", "empty", "floor"];
  for (const name of names) await load(urls[name], 2);
  const runs = { ours: [], empty: [], floor: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of rotated(names, round)) {
      const r = await load(urls[name], seconds);
      if (r.non2xx || r.errors || r.timeouts) {
        throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
      }
      runs[name].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
    }
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => [
      name,
      {
        requestsPerSecond: median(rs.map((r) => r.rps)),
        p50Ms: median(rs.map((r) => r.p50)),
        p99Ms: median(rs.map((r) => r.p99)),
        rounds: rs,
      },
    ]),
  );
  // Ratios are taken within each round (the three workers measured back to back) and then
  // the median: the machine's own drift between rounds (the load generator shares its two
  // cores) cancels out of a pair measured seconds apart.
  const perRound = (name) => runs[name].map((r, i) => r.rps / runs.empty[i].rps);
  const spread = (xs) => [Math.min(...xs), Math.max(...xs)].map((x) => Number(x.toFixed(3)));
  const ratio = median(perRound("ours"));
  const floorRatio = median(perRound("floor"));
  const report = {
    benchmark: "edge",
    when: new Date().toISOString(),
    machine: MACHINE,
    load: { connections, seconds, rounds, bodyBytes: BODY.length },
    ours: summary.ours,
    empty: summary.empty,
    floor: summary.floor,
    throughputRatio: Number(ratio.toFixed(3)),
    throughputRatioRange: spread(perRound("ours")),
    floorThroughputRatio: Number(floorRatio.toFixed(3)),
    floorThroughputRatioRange: spread(perRound("floor")),
    goal: GOAL,
    met: ratio >= GOAL,
  };
  console.log(
    "\nedge: POST /api/decide on workerd vs an empty worker (median of %d rounds × %d s, %d connections)",
    rounds,
    seconds,
    connections,
  );
  console.log("| worker | requests/s | p50 ms | p99 ms |");
  console.log("|---|---:|---:|---:|");
  for (const name of names) {
    const s = summary[name];
    console.log(`| ${name} | ${Math.round(s.requestsPerSecond)} | ${s.p50Ms} | ${s.p99Ms} |`);
  }
  console.log(
    `throughput ratio ${ratio.toFixed(3)} (rounds ${report.throughputRatioRange.join("–")}; goal ≥ ${GOAL}: ${report.met ? "met" : "NOT met"}); the plain-JS floor keeps ${floorRatio.toFixed(3)} (rounds ${report.floorThroughputRatioRange.join("–")})`,
  );
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(
    join(root, "bench", "results", "edge.json"),
    JSON.stringify(report, null, 2) + "\n",
  );
} finally {
  await server.stop();
}
