// What the benchmarks share: the configuration they measure, how they summarise rounds, and
// the machine their reports name.
import { cpus } from "node:os";

/** The benchmarks' configuration: a preemptible job with an explicit id and auto resume. */
export const TYPICAL_INPUT = {
  sdk: "0.19.0",
  env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "exp-42-seed-1", WANDB_PROJECT: "llm" },
  init: { resume: "auto" },
  context: { resumeFile: null, runExists: null },
};

/** The median of `xs` (the upper one for an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `list` rotated by `round`, so that no entry always runs first or after the same other. */
export const rotated = (list, round) => [
  ...list.slice(round % list.length),
  ...list.slice(0, round % list.length),
];

/**
 * The machine a report was measured on: absolute figures differ twofold between hosts (and the
 * start-up goals are absolute), so every report names its CPU.
 */
export const MACHINE = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? null,
  node: process.version,
};
