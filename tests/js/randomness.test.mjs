// Ids are really random: a chi-square test of generateId over characters and positions on a
// million ids, a proof that the same test catches a slightly biased generator, no
// Math.random or seeded generator anywhere, and a clear error when there is no CSPRNG.
//
// Significance: each of the 9 statistics (8 positions + all characters, 35 degrees of
// freedom each) is compared with α = 1e-6, so an unbiased generator fails a run with
// probability at most 9 × 10⁻⁶ (Bonferroni): about once in 110 000 runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { generateId, generateIds } from "wandb-resume";
import { root } from "../../scripts/serve.mjs";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const ALPHA = 1e-6;
const IDS = 1_000_000;
const LENGTH = 8;

/** ln Γ(x) (Lanczos, g = 7, n = 9), for the incomplete gamma function below. */
function lnGamma(x) {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Upper regularized incomplete gamma Q(a, x): series below a + 1, continued fraction above. */
function gammaQ(a, x) {
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** P(χ²(df) ≥ statistic). */
const chiSquarePValue = (statistic, df) => gammaQ(df / 2, statistic / 2);

/** The chi-square statistic of `counts` against a uniform distribution. */
function chiSquare(counts) {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
}

/** p-values of the 9 statistics for `ids` (position by position, then all characters). */
function pValues(ids) {
  const index = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) index[ALPHABET.charCodeAt(i)] = i;
  const byPosition = Array.from({ length: LENGTH }, () => new Array(36).fill(0));
  const overall = new Array(36).fill(0);
  for (const id of ids) {
    assert.equal(id.length, LENGTH);
    for (let p = 0; p < LENGTH; p++) {
      const k = index[id.charCodeAt(p)];
      assert.ok(k >= 0, `unexpected character in ${id}`);
      byPosition[p][k]++;
      overall[k]++;
    }
  }
  return [...byPosition, overall].map((counts) => chiSquarePValue(chiSquare(counts), 35));
}

test("the chi-square p-value is computed correctly", () => {
  // Reference values from scipy.stats.chi2.sf (SciPy 1.x).
  const close = (actual, expected) =>
    assert.ok(Math.abs(actual / expected - 1) < 1e-9, `${actual} vs ${expected}`);
  close(chiSquarePValue(35, 35), 0.46820272447140193);
  close(chiSquarePValue(49.801849568201845, 35), 0.05);
  close(chiSquarePValue(10, 35), 0.9999895567831909);
  close(chiSquarePValue(200, 35), 5.190577769735949e-25);
});

test("a million generateId() ids are uniform over characters and positions", () => {
  const ids = Array.from({ length: IDS }, () => generateId());
  const ps = pValues(ids);
  for (const [i, p] of ps.entries()) {
    const what = i < LENGTH ? `position ${i}` : "all characters";
    assert.ok(p > ALPHA, `${what}: p = ${p} ≤ ${ALPHA}`);
  }
  // Distinct up to chance: 100 000 ids of 8 base-36 characters hold λ = C(100 000, 2) / 36⁸
  // ≈ 0.0018 equal pairs on average (demanding none failed one run in ~570); three or more
  // equal pairs come with probability ≈ λ³/6 ≈ 1e-9, while a generator that repeats its
  // draws repeats far more.
  const sample = ids.slice(0, 100_000);
  const pairs = (sample.length * (sample.length - 1)) / 2;
  const lambda = pairs / 36 ** LENGTH;
  assert.ok(lambda < 0.01, `λ = ${lambda}`);
  assert.ok(sample.length - new Set(sample).size <= 2, "ids repeat beyond chance");
});

test("generateIds batches pass the same test", () => {
  const ids = [];
  for (let i = 0; i < 10; i++) ids.push(...generateIds(100_000));
  for (const p of pValues(ids)) assert.ok(p > ALPHA, `p = ${p}`);
});

test("the same test catches modulo bias (b % 36 without rejection)", () => {
  // What a careless generator does: bytes 252–255 fold onto "abcd", making them 8/256
  // instead of 7/256 likely — a bias of 1/7 on four characters.
  const pool = new Uint8Array(LENGTH * IDS);
  for (let i = 0; i < pool.length; i += 65536) {
    crypto.getRandomValues(pool.subarray(i, i + 65536));
  }
  const ids = [];
  for (let i = 0; i < IDS; i++) {
    let id = "";
    for (let p = 0; p < LENGTH; p++) id += ALPHABET[pool[i * LENGTH + p] % 36];
    ids.push(id);
  }
  const ps = pValues(ids);
  assert.ok(
    ps.every((p) => p < ALPHA),
    `bias went unnoticed: ${ps}`,
  );
});

/** Source files that ship or run in the product (not tests or tools). */
function shippedSources() {
  const files = [];
  const walk = (dir, pattern) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, pattern);
      else if (pattern.test(entry.name)) files.push(path);
    }
  };
  walk("js", /\.js$/);
  walk("www", /\.(js|html)$/);
  walk("src", /\.rs$/);
  files.push("pkg/wandb_resume.js", "pkg/wandb_resume_tools.js");
  return files.filter((f) => !f.startsWith(join("www", "module")));
}

test("no code path uses Math.random or a seeded generator", () => {
  for (const file of shippedSources()) {
    let text = readFileSync(join(root, file), "utf8");
    if (file.endsWith(".rs")) {
      // Test modules may use fixed-seed generators for reproducible cases; the product may not.
      text = text.split("#[cfg(test)]")[0];
    }
    assert.doesNotMatch(text, /Math\.random/, file);
    assert.doesNotMatch(
      text,
      /\b(SeedableRng|StdRng|SmallRng|thread_rng|rand::|fastrand|xorshift|seed_from_u64)\b/i,
      file,
    );
  }
  const manifest = readFileSync(join(root, "Cargo.toml"), "utf8");
  const runtime = manifest.split("[dev-dependencies]")[0];
  assert.doesNotMatch(runtime, /^\s*(rand|rand_core|fastrand|oorandom|nanorand)\s*=/m);
  // And at run time: with Math.random replaced by a trap, ids are still made.
  const out = execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `Math.random = () => { throw new Error("Math.random was called"); };
       const m = await import("wandb-resume");
       console.log(JSON.stringify([m.generateId(), m.generateIds(3, 5), m.decide({}).valid]));`,
    ],
    { cwd: root },
  );
  const [id, ids, valid] = JSON.parse(out);
  assert.match(id, /^[a-z0-9]{8}$/);
  assert.equal(ids.length, 3);
  assert.equal(valid, true);
});

test("without a CSPRNG, ids fail with no-csprng and everything else keeps working", () => {
  const out = execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true });
       const m = await import("wandb-resume");
       const errors = [];
       for (const f of [() => m.generateId(), () => m.generateIds(4), () => m.generateId(12)]) {
         try { f(); errors.push(null); } catch (e) { errors.push({ code: e.code, message: e.message, isError: e instanceof Error }); }
       }
       console.log(JSON.stringify({ errors, valid: m.decide({ env: { WANDB_RUN_ID: "abc" } }).valid, derived: m.deriveRunId("job-1") }));`,
    ],
    { cwd: root },
  );
  const { errors, valid, derived } = JSON.parse(out);
  for (const error of errors) {
    assert.ok(error, "an id was made without a CSPRNG");
    assert.equal(error.code, "no-csprng");
    assert.equal(error.isError, true);
    assert.match(error.message, /no cryptographically secure random number generator/);
  }
  assert.equal(valid, true);
  assert.match(derived, /^[a-z0-9]{16}$/);
});
