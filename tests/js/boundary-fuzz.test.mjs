// Fuzzing across the JS boundary (fast-check): every export called with arbitrary JS values —
// undefined, NaN, BigInt, huge and deeply nested objects, arrays where objects belong,
// strings with lone surrogates and NULs, 10 MB strings, getters and proxies that throw,
// `__proto__` keys, cycles — and with configuration-shaped objects whose fields are hostile.
// Each call must return a result of the documented kind or throw an `Error` with a
// documented `code`; never a `WebAssembly.RuntimeError`, never a non-Error, and the module
// must answer a good call right after every bad one. Both modules are fuzzed: the tools module
// (every function) and the core module behind the main entry (its own binary).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as main from "wandb-resume";
import * as tools from "wandb-resume/tools";

/** Every `code` the README documents for the JS functions. */
const DOCUMENTED_CODES = new Set([
  "invalid-input",
  "lone-surrogate",
  "input-too-large",
  "invalid-length",
  "invalid-count",
  "empty-key",
  // parseEnvBlock / parseInitCall
  "unterminated-quote",
  "unterminated-expansion",
  "unterminated-string",
  "syntax",
  "invalid-escape",
  "unsupported-literal",
  "non-literal",
  "unsupported-value",
  "positional-argument",
  "repeated-argument",
  "no-call",
]);

const TEN_MB = "x".repeat(10 * 1024 * 1024);

function deep(depth) {
  let value = {};
  for (let i = 0; i < depth; i++) value = { init: value };
  return value;
}

/** Values no generator would think of on its own; built lazily, once. */
const SPECIALS = [
  () => undefined,
  () => null,
  () => NaN,
  () => -0,
  () => Infinity,
  () => 2 ** 53 + 2,
  () => 10n,
  () => Symbol("s"),
  () => () => 1,
  () => "\0",
  () => "a\ud800b",
  () => "\udc00",
  () => TEN_MB,
  () => ({ init: { id: TEN_MB } }),
  () => ({ env: { WANDB_RUN_ID: "a\ud800" } }),
  () => ({ env: { ["K\ud800"]: "v" } }),
  () => deep(100_000),
  () => deep(70),
  () => Array.from({ length: 100_000 }, (_, i) => i),
  () => Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`K${i}`, "v"])),
  () => ({ env: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`K${i}`, "v"])) }),
  () => [{}],
  () => [[{}]],
  () => JSON.parse('{"__proto__": {"sdk": "0.19.0"}}'),
  () => JSON.parse('{"init": {"__proto__": {"resume": "allow"}}}'),
  () => Object.create({ sdk: "0.19.0" }),
  () => Object.create(null),
  () => ({
    get env() {
      throw new Error("getter");
    },
  }),
  () => ({
    get init() {
      throw "not an Error";
    },
  }),
  () =>
    new Proxy(
      {},
      {
        ownKeys() {
          throw new TypeError("ownKeys");
        },
      },
    ),
  () => {
    const cycle = { init: {} };
    cycle.init.self = cycle;
    return cycle;
  },
  () => ({
    toJSON() {
      throw new RangeError("toJSON");
    },
  }),
  () => ({ toJSON: () => undefined }),
  () => ({ toJSON: () => "a string" }),
  () => new Date(0),
  () => new Map([["sdk", "0.19.0"]]),
  () => new Uint8Array(8),
  () => ({ sdk: 0.19 }),
  () => ({ context: { processes: 1.5 } }),
  () => ({ context: { processes: -1 } }),
  () => ({ context: { processes: 1e300 } }),
];

const utf16 = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
  maxLength: 40,
});
const word = fc.oneof(
  utf16,
  fc.constantFrom(
    "allow",
    "must",
    "never",
    "auto",
    "ALLOW",
    "True",
    "",
    " abc ",
    "0.19.0",
    "offline",
    "dryrun",
    "disabled",
    "WANDB_MODE",
  ),
);
const special = fc.integer({ min: 0, max: SPECIALS.length - 1 }).map((i) => SPECIALS[i]());
const anything = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withObjectString: true,
  maxDepth: 4,
});
const field = fc.oneof(word, fc.boolean(), fc.constant(null), special, anything);
const configLike = fc.record(
  {
    sdk: field,
    env: fc.oneof(fc.dictionary(word, field, { maxKeys: 6 }), field),
    init: fc.oneof(
      fc.record(
        {
          resume: field,
          id: field,
          notes: field,
          resumeFrom: field,
          forkFrom: field,
          mode: field,
          bogus: field,
        },
        { requiredKeys: [] },
      ),
      field,
    ),
    context: fc.oneof(
      fc.record(
        { resumeFile: field, runExists: field, processes: field, sharedFilesystem: field },
        { requiredKeys: [] },
      ),
      field,
    ),
  },
  { requiredKeys: [] },
);
const value = fc.oneof(
  { arbitrary: configLike, weight: 4 },
  { arbitrary: special, weight: 2 },
  { arbitrary: anything, weight: 2 },
  { arbitrary: utf16, weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.array(configLike, { maxLength: 3 }), weight: 1 },
);

/** `value` (in a batch unless it is an array) as JSON text when `JSON.stringify` can write
 * it; otherwise the value itself, which is not a string. */
const batchText = (value) => {
  try {
    return JSON.stringify(Array.isArray(value) ? value : [value]);
  } catch {
    return value;
  }
};

/** Each export with a check of what it returns. */
const isDecision = (d) => typeof d === "object" && typeof d.valid === "boolean";
const exportsOf = (api) => ({
  decide: { call: (a) => api.decide(a), ok: isDecision },
  decideMany: {
    call: (a) => api.decideMany(a),
    ok: (r) => Array.isArray(r) && r.every(isDecision),
  },
  decideManyJson: {
    // Strings go in as they are (arbitrary text); other values as the JSON text of a batch.
    call: (a) => api.decideManyJson(typeof a === "string" ? a : batchText(a)),
    ok: (r) => typeof r === "string" && JSON.parse(r).every(isDecision),
  },
  simulate: {
    call: (a, b) => api.simulate(a, b),
    ok: (r) => Array.isArray(r.attempts) && typeof r.summary.runs === "number",
  },
  snippets: { call: (a) => api.snippets(a), ok: (r) => typeof r.shell === "string" },
  fixConfiguration: {
    call: (a) => api.fixConfiguration(a),
    ok: (r) => Array.isArray(r.changes) && isDecision(r.decision),
  },
  sanitizeRunId: {
    call: (a, b) => api.sanitizeRunId(a, b),
    ok: (r) => typeof r.sanitized === "string",
  },
  generateId: { call: (a) => api.generateId(a), ok: (r) => /^[a-z0-9]+$/.test(r) },
  generateIds: {
    call: (a, b) => api.generateIds(a, b),
    ok: (r) => Array.isArray(r) && r.every((id) => /^[a-z0-9]+$/.test(id)),
  },
  collisionProbability: {
    call: (a, b) => api.collisionProbability(a, b),
    ok: (r) => typeof r === "number" && (Number.isNaN(r) || (r >= 0 && r <= 1)),
  },
  deriveRunId: { call: (a, b) => api.deriveRunId(a, b), ok: (r) => /^[a-z0-9]+$/.test(r) },
  parseEnvBlock: { call: (a) => api.parseEnvBlock(a), ok: (r) => typeof r.env === "object" },
  parseInitCall: { call: (a) => api.parseInitCall(a), ok: (r) => typeof r.init === "object" },
  methodTable: { call: () => api.methodTable(), ok: (r) => Array.isArray(r.rows) },
  scenarios: { call: () => api.scenarios(), ok: (r) => Array.isArray(r) && r.length > 0 },
  sdkVersions: { call: () => api.sdkVersions(), ok: (r) => Array.isArray(r) && r.length > 0 },
});

/** The functions of an entry (init aside). */
const functionsOf = (api) =>
  Object.keys(api)
    .filter((name) => typeof api[name] === "function" && name !== "init")
    .sort();

test("every export is covered", () => {
  assert.deepEqual(functionsOf(tools), Object.keys(exportsOf(tools)).sort());
  for (const name of functionsOf(main)) assert.ok(name in exportsOf(main), name);
});

function goodCallWorks(api) {
  const d = api.decide({ env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "abc" } });
  assert.equal(d.runId, "abc");
  assert.match(api.generateId(), /^[a-z0-9]{8}$/);
}

for (const [entry, api] of [
  ["wandb-resume/tools", tools],
  ["wandb-resume", main],
]) {
  const exported = exportsOf(api);
  for (const name of functionsOf(api)) {
    const { call, ok } = exported[name];
    test(`${entry} ${name}: arbitrary arguments give a result or a documented Error, never a trap`, () => {
      fc.assert(
        fc.property(value, value, (a, b) => {
          let result;
          try {
            result = call(a, b);
          } catch (error) {
            assert.ok(
              error instanceof Error,
              `${name} threw a non-Error: ${typeof error} ${String(error)}`,
            );
            assert.ok(
              !(error instanceof WebAssembly.RuntimeError),
              `${name} trapped: ${error.message}`,
            );
            assert.ok(
              DOCUMENTED_CODES.has(error.code),
              `${name} threw code ${JSON.stringify(error.code)}: ${error.message}`,
            );
            assert.equal(typeof error.message, "string");
            goodCallWorks(api);
            return;
          }
          assert.notEqual(result, undefined, `${name} returned undefined`);
          assert.ok(ok(result), `${name} returned ${JSON.stringify(result)?.slice(0, 200)}`);
          goodCallWorks(api);
        }),
        // The core module is the same code as the tools module: a shorter run checks its binary.
        { numRuns: api === tools ? 250 : 100, seed: Number(process.env.FUZZ_SEED ?? 20261128) },
      );
    });
  }
}
