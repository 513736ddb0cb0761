// The size budget (bench/budget.js): the core module's .wasm plus its glue, gzipped — what the
// main entry and the edge worker load — may not grow past the ceiling; the ceiling only ever
// moves down, towards the 40 KiB goal. The tools module (`wandb-resume/tools`) may not grow
// past its own ceiling either.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { root } from "../../scripts/serve.mjs";
import {
  SIZE_BUDGET_GZIP_BYTES,
  SIZE_CEILING_GZIP_BYTES,
  TOOLS_SIZE_CEILING_GZIP_BYTES,
} from "../../bench/budget.js";

const gzipped = (file) => gzipSync(readFileSync(join(root, file)), { level: 9 }).length;

test("the shipped module stays under its size ceiling", () => {
  const shipped = gzipped("pkg/wandb_resume_bg.wasm") + gzipped("pkg/wandb_resume.js");
  assert.ok(
    shipped <= SIZE_CEILING_GZIP_BYTES,
    `.wasm + glue are ${shipped} B gzipped, over the ceiling of ${SIZE_CEILING_GZIP_BYTES} B (goal ${SIZE_BUDGET_GZIP_BYTES} B): find what grew with \`twiggy top\``,
  );
  assert.ok(SIZE_CEILING_GZIP_BYTES >= SIZE_BUDGET_GZIP_BYTES);
});

test("the tools module stays under its own ceiling", () => {
  const shipped = gzipped("pkg/wandb_resume_tools_bg.wasm") + gzipped("pkg/wandb_resume_tools.js");
  assert.ok(
    shipped <= TOOLS_SIZE_CEILING_GZIP_BYTES,
    `the tools .wasm + glue are ${shipped} B gzipped, over the ceiling of ${TOOLS_SIZE_CEILING_GZIP_BYTES} B`,
  );
});
