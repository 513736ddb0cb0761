#!/usr/bin/env node
// The performance report (issue 8): every figure next to a baseline measured in the same
// run, as a ratio against the goal. Prints a table and writes bench/results/perf.json.
//
//   npm run bench            # builds first; then: node bench/run.mjs [--rounds 5] [--quick]
//
// Measured, each as the median of several rounds:
// - size: the core module's .wasm and its JS glue, gzipped, against the 40 KiB budget (the
//   tools module's size beside it);
// - decide(): per call in Node after warm-up, against bench/baseline.js's plain-JS function
//   that reads the same fields and builds the same object (checked deep-equal first);
// - decideMany() and decideManyJson(): configurations per second in batches of 1000 (JS
//   objects, and JSON text, in and out);
// - generateId(): per id against a hand-written generator on a pooled crypto buffer, and
//   generateIds(1000) per id;
// - start-up: compiling and instantiating the module in a fresh Node process against an
//   empty wasm module, and workerd from spawn to its first answer with the package's worker
//   against a worker with an empty module;
// - for reference: the wandb SDK's own `Settings(...)` validation of the same
//   configuration (Python, wandb from PyPI in a cached virtualenv).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { deepStrictEqual } from "node:assert";
import { freePort, root, startWorkerd } from "../scripts/serve.mjs";
import { decide, decideMany, decideManyJson, generateId, generateIds } from "../js/node.js";
import { decideBaseline, pooledIdGenerator } from "./baseline.js";
import { SIZE_BUDGET_GZIP_BYTES } from "./budget.js";
import { MACHINE, median, rotated, TYPICAL_INPUT as INPUT } from "./common.mjs";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    quick: { type: "boolean", default: false },
  },
});
const rounds = Number(values.rounds);
const scale = values.quick ? 0.1 : 1;

/** Microseconds per call of `fn` over `n` calls, after a warm-up of `n / 4`. */
function perCall(fn, n) {
  for (let i = 0; i < n / 4; i++) fn(i);
  const start = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - start) * 1000) / n;
}

/** Runs `ours` and `baseline` alternately for `rounds` rounds; medians in µs per call. */
function sideBySide(ours, baseline, n) {
  const a = [];
  const b = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2) {
      b.push(perCall(baseline, n));
      a.push(perCall(ours, n));
    } else {
      a.push(perCall(ours, n));
      b.push(perCall(baseline, n));
    }
  }
  return { ours: median(a), baseline: median(b) };
}

const rows = [];
function row(name, ours, baseline, unit, ratio, goal, met, note = "") {
  rows.push({ name, ours, baseline, unit, ratio, goal, met, note });
}

/** A row whose goal is a ratio to the baseline of at most `limit`. */
function ratioRow(name, { ours, baseline }, unit, limit, note) {
  const ratio = ours / baseline;
  row(name, ours, baseline, unit, ratio, `≤ ${limit}`, ratio <= limit, note);
}

// Size: the core module (what the main entry and the worker load) is the budgeted figure;
// the tools module (`wandb-resume/tools`) is reported beside it.
const size = JSON.parse(readFileSync(join(root, "pkg", "size.json"), "utf8"));
const core = size.wandb_resume;
const tools = size.wandb_resume_tools;
const shipped = core.wasmGzip + core.glueGzip;
row(
  "size (.wasm + glue, gzip)",
  shipped,
  SIZE_BUDGET_GZIP_BYTES,
  "B",
  shipped / SIZE_BUDGET_GZIP_BYTES,
  "≤ 1 (40 KiB)",
  shipped <= SIZE_BUDGET_GZIP_BYTES,
  `core module: wasm ${core.wasmBytes} B (${core.wasmGzip} gz), glue ${core.glueBytes} B (${core.glueGzip} gz); tools module (wandb-resume/tools): ${tools.wasmGzip + tools.glueGzip} B gz`,
);

// decide() per call.
deepStrictEqual(decideBaseline(INPUT), decide(INPUT), "the baseline must build the same object");
const decideTimes = sideBySide(
  () => decide(INPUT),
  () => decideBaseline(INPUT),
  Math.round(100_000 * scale),
);
ratioRow(
  "decide() per call",
  decideTimes,
  "µs",
  1.5,
  "baseline: plain JS, same reads, same object",
);

// decideMany(): distinct configurations, so nothing could be answered from a cache.
const batch = Array.from({ length: 1000 }, (_, i) => ({
  ...INPUT,
  env: { ...INPUT.env, WANDB_RUN_ID: `exp-${i}-seed-1` },
}));
const batchText = JSON.stringify(batch);
deepStrictEqual(JSON.parse(decideManyJson(batchText)), decideMany(batch));
const batchForms = [
  ["decideMany() throughput", () => decideMany(batch), "JS objects in and out"],
  ["decideManyJson() throughput", () => decideManyJson(batchText), "JSON text in and out"],
];
const batchUs = batchForms.map(() => []);
for (let round = 0; round < rounds; round++) {
  // Alternate which form runs first, so neither always meets a warmer or colder heap.
  for (const i of rotated([0, 1], round)) {
    batchUs[i].push(perCall(batchForms[i][1], Math.max(4, Math.round(40 * scale))) / 1000);
  }
}
batchForms.forEach(([name, , how], i) => {
  const perSecond = 1e6 / median(batchUs[i]);
  row(
    name,
    perSecond,
    1_000_000,
    "configs/s",
    perSecond / 1_000_000,
    "≥ 1",
    perSecond >= 1_000_000,
    `batches of 1000 distinct configurations, ${how}`,
  );
});

// Ids.
const pooled = pooledIdGenerator();
const idTimes = sideBySide(
  () => generateId(),
  () => pooled(),
  Math.round(1_000_000 * scale),
);
ratioRow(
  "generateId() per id",
  idTimes,
  "µs",
  1.3,
  "baseline: JS on a pooled crypto.getRandomValues buffer",
);
const bulkTimes = sideBySide(
  () => generateIds(1000),
  () => Array.from({ length: 1000 }, () => pooled()),
  Math.round(2000 * scale),
);
ratioRow(
  "generateIds(1000) per id",
  { ours: bulkTimes.ours / 1000, baseline: bulkTimes.baseline / 1000 },
  "µs",
  1.3,
  "one crossing per batch",
);

// Start-up in Node: fresh processes, alternating.
const startNode = { ours: [], empty: [] };
for (let round = 0; round < Math.max(rounds, 5); round++) {
  for (const which of ["ours", "empty"]) {
    const out = execFileSync(process.execPath, [join(root, "bench", "startup.mjs"), which]);
    startNode[which].push(Number(out.toString().trim()));
  }
}
const nodeMs = median(startNode.ours);
row(
  "start-up, Node (compile + instantiate)",
  nodeMs,
  median(startNode.empty),
  "ms",
  nodeMs / 5,
  "≤ 1 (5 ms)",
  nodeMs <= 5,
  "baseline: an empty wasm module",
);

// Start-up in workerd: spawn → first answer, the package's worker against an empty one.
const startWorkerdMs = { ours: [], empty: [] };
// Spawning a process is noisy (±5 ms); many more rounds than elsewhere.
for (let round = 0; round < Math.max(5 * rounds, 25); round++) {
  for (const which of ["ours", "empty"]) {
    const port = await freePort();
    const began = performance.now();
    const server = await startWorkerd({
      port,
      config: [join(root, "bench", "startup.capnp"), which],
      directories: which === "ours" ? undefined : {},
      readyPath: which === "ours" ? "/healthz" : "/",
      pollMs: 1,
    });
    startWorkerdMs[which].push(performance.now() - began);
    await server.stop();
  }
}
const workerdExtra = median(startWorkerdMs.ours) - median(startWorkerdMs.empty);
row(
  "start-up, workerd (spawn → first answer)",
  median(startWorkerdMs.ours),
  median(startWorkerdMs.empty),
  "ms",
  workerdExtra / 5,
  "≤ 1 (5 ms more)",
  workerdExtra <= 5,
  `the module's share: ${workerdExtra.toFixed(1)} ms`,
);

// Reference: the SDK's own settings validation (Python), when a virtualenv can be made.
let python = null;
try {
  const sdk = INPUT.sdk;
  // venvs.py makes (or finds) the virtualenv and ends its output with "<version> <python>".
  const prepared = execFileSync("python3", [join(root, "tests", "conformance", "venvs.py"), sdk], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const venvPython = prepared
    .toString()
    .trim()
    .split("\n")
    .pop()
    .slice(sdk.length + 1);
  const out = execFileSync(venvPython, [
    join(root, "bench", "python_settings.py"),
    String(Math.round(2000 * scale)),
  ]);
  python = JSON.parse(out.toString()).usPerCall;
  row(
    `wandb ${sdk} Settings(...) (reference)`,
    decideTimes.ours,
    python,
    "µs",
    decideTimes.ours / python,
    "—",
    null,
    "ours: decide(); baseline: the SDK's validation in CPython",
  );
} catch (error) {
  console.error(`(the Python reference was skipped: ${error.message.split("\n")[0]})`);
}

const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString("en") : x.toPrecision(3));
console.log(
  `\nperformance (median of ${rounds} rounds; Node ${process.version}, ${MACHINE.cpus} cores, ${MACHINE.cpuModel ?? "unknown CPU"})`,
);
console.log("| measure | ours | baseline | ratio | goal | met | note |");
console.log("|---|---:|---:|---:|---|---|---|");
for (const r of rows) {
  const met = r.met === null ? "—" : r.met ? "yes" : "**no**";
  console.log(
    `| ${r.name} | ${fmt(r.ours)} ${r.unit} | ${fmt(r.baseline)} ${r.unit} | ${r.ratio.toFixed(2)} | ${r.goal} | ${met} | ${r.note} |`,
  );
}
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(
  join(root, "bench", "results", "perf.json"),
  JSON.stringify(
    {
      benchmark: "perf",
      when: new Date().toISOString(),
      machine: MACHINE,
      rounds,
      rows,
      raw: { startNode, startWorkerd: startWorkerdMs },
    },
    null,
    2,
  ) + "\n",
);
