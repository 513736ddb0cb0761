// The benchmarks' plain-JS baseline (bench/baseline.js) must build what decide() returns for the
// measured configuration, or the reported ratio compares unlike work; bench/run.mjs checks it
// before timing, and so does the test command, so that a reworded message cannot leave the
// report broken until someone next runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "wandb-resume";
import { decideBaseline } from "../../bench/baseline.js";
import { TYPICAL_INPUT } from "../../bench/common.mjs";

test("the plain-JS baseline builds the object decide() returns for the measured configuration", () => {
  assert.deepStrictEqual(decideBaseline(TYPICAL_INPUT), decide(TYPICAL_INPUT));
});

test("the baseline tells a different answer apart", () => {
  const other = { ...TYPICAL_INPUT, init: { resume: "must" } };
  assert.notDeepStrictEqual(decideBaseline(TYPICAL_INPUT), decide(other));
});
