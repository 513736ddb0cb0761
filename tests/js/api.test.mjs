// Behaviour of the built package, imported by its name as a user would, including every
// bad-input path across the wasm boundary. After each bad call a good call must still work:
// a trap or a leaked exception would poison the module for later calls.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  collisionProbability,
  decide,
  decideMany,
  decideManyJson,
  deriveRunId,
  generateId,
  generateIds,
  init,
  methodTable,
  sanitizeRunId,
  scenarios,
  sdkVersions,
  simulate,
} from "wandb-resume";
import * as main from "wandb-resume";
import * as tools from "wandb-resume/tools";
import { fixConfiguration, parseEnvBlock, parseInitCall, snippets } from "wandb-resume/tools";

function assertUsable() {
  const d = decide({ env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "abc" } });
  assert.equal(d.valid, true);
  assert.equal(d.runId, "abc");
}

function assertThrowsCode(fn, code, messagePart) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown, `expected an error with code ${code}`);
  assert.ok(thrown instanceof Error, `expected an Error, got ${String(thrown)}`);
  assert.equal(thrown.code, code, thrown.message);
  if (messagePart) assert.match(thrown.message, messagePart);
  assertUsable();
}

test("the main entry leaves the paste tools to wandb-resume/tools, which offers everything", () => {
  const toolsOnly = ["fixConfiguration", "parseEnvBlock", "parseInitCall", "snippets"];
  for (const name of toolsOnly) {
    assert.equal(main[name], undefined, `${name} is in the main entry`);
    assert.equal(typeof tools[name], "function", `${name} is not in the tools entry`);
  }
  const mainNames = Object.keys(main).sort();
  assert.deepEqual(
    Object.keys(tools).sort(),
    [...mainNames, ...toolsOnly].sort(),
    "the tools entry is the main entry plus the tools",
  );
  // Two modules from the same sources give the same answers.
  const input = {
    env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "a b" },
    init: { resume: "must", notes: "n" },
    context: { processes: 2, sharedFilesystem: false },
  };
  assert.deepEqual(tools.decide(input), main.decide(input));
  assert.deepEqual(
    tools.simulate(input, [{ after: "preempted", where: "newMachine" }]),
    main.simulate(input, [{ after: "preempted", where: "newMachine" }]),
  );
  assert.deepEqual(tools.sanitizeRunId("a:b"), main.sanitizeRunId("a:b"));
  assert.equal(tools.deriveRunId("job-1"), main.deriveRunId("job-1"));
  assert.deepEqual(tools.methodTable(), main.methodTable());
  assert.deepEqual(tools.sdkVersions(), main.sdkVersions());
  assert.match(tools.generateId(), /^[a-z0-9]{8}$/);
  assert.throws(() => tools.decide(null), { code: "invalid-input" });
});

test("init() is idempotent and resolves", async () => {
  await init();
  await init();
  assertUsable();
});

test("must without an id is an error that says an id is required", () => {
  const d = decide({ env: { WANDB_RESUME: "must" } });
  assert.equal(d.valid, false);
  assert.equal(d.resume, "must");
  assert.equal(d.resumeSource, "env");
  assert.equal(d.runId, null);
  assert.equal(d.runIdSource, "generated");
  assert.deepEqual(d.cell, { method: "environment", behaviour: "always", documented: true });
  assert.equal(d.ifMissing.action, "fail");
  assert.equal(d.ifExists.action, "fail");
  const err = d.diagnostics.find((x) => x.code === "must-without-run-id");
  assert.ok(err);
  assert.equal(err.severity, "error");
  assert.match(err.message, /no run id/);
  assert.match(err.hint, /WANDB_RUN_ID/);
});

test("allow + WANDB_RUN_ID resumes an existing run and creates a missing one", () => {
  const d = decide({ env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "job-42" } });
  assert.equal(d.valid, true);
  assert.equal(d.ifExists.action, "resume");
  assert.equal(d.ifExists.resumed, true);
  assert.equal(d.ifMissing.action, "create");
  assert.equal(d.ifMissing.resumed, false);
  assert.deepEqual(d.cell, { method: "environment", behaviour: "specifyId", documented: true });
  assert.equal(d.resumeFileAction, "untouched");
});

test("init arguments beat the environment", () => {
  const d = decide({
    env: { WANDB_RESUME: "never", WANDB_RUN_ID: "from-env" },
    init: { resume: "allow", id: "from-init" },
  });
  assert.equal(d.resume, "allow");
  assert.equal(d.resumeSource, "init");
  assert.equal(d.runId, "from-init");
  assert.equal(d.runIdSource, "init");
});

test("resume=True is auto, writes the resume file, and lands in the same-directory cell", () => {
  const d = decide({ init: { resume: true }, context: { resumeFile: "prev123" } });
  assert.equal(d.resume, "auto");
  assert.equal(d.runId, "prev123");
  assert.equal(d.runIdSource, "resumeFile");
  assert.equal(d.resumeFileAfter, "prev123");
  assert.equal(d.resumeFileAction, "written");
  assert.deepEqual(d.cell, { method: "init", behaviour: "sameDirectory", documented: true });
});

test("an explicit id beats the resume file, with a warning quoting the SDK", () => {
  const d = decide({ init: { resume: "auto", id: "mine" }, context: { resumeFile: "old" } });
  assert.equal(d.runId, "mine");
  const w = d.diagnostics.find((x) => x.code === "resume-file-ignored");
  assert.equal(w.severity, "warning");
  assert.equal(
    w.sdkMessage,
    "Ignoring ID old loaded due to resume='auto' because the run ID is set to mine.",
  );
});

test("a sweep ignores the init id", () => {
  const d = decide({
    env: { WANDB_SWEEP_ID: "sw1", WANDB_RUN_ID: "agent-run" },
    init: { id: "mine" },
  });
  assert.equal(d.runId, "agent-run");
  assert.ok(
    d.diagnostics.some((x) => x.code === "sweep-ignores-run-id" && x.severity === "warning"),
  );
});

test("rules follow the SDK version", () => {
  const newest = decide({ env: { WANDB_RUN_ID: "exp:1" } });
  assert.equal(newest.valid, false);
  assert.ok(
    newest.diagnostics.some((x) => x.code === "run-id-reserved-char" && x.severity === "error"),
  );
  const old = decide({ sdk: "0.20.1", env: { WANDB_RUN_ID: "exp:1" } });
  assert.equal(old.sdk, "0.20.1");
  assert.ok(
    old.diagnostics.some((x) => x.code === "run-id-reserved-char" && x.severity === "warning"),
  );
  const bad = decide({ sdk: "latest" });
  assert.equal(bad.valid, false);
  assert.ok(bad.diagnostics.some((x) => x.code === "sdk-version-invalid"));
  const never = decide({ sdk: "0.22.5" });
  assert.ok(
    never.diagnostics.some((x) => x.code === "sdk-version-unknown" && /0\.22\.3/.test(x.hint)),
  );
});

test("every Decision field is present, with null rather than undefined", () => {
  const d = decide({});
  for (const key of [
    "valid",
    "sdk",
    "cell",
    "resume",
    "resumeSource",
    "runId",
    "runIdSource",
    "ifExists",
    "ifMissing",
    "resumeFileAfter",
    "resumeFileAction",
    "diagnostics",
  ]) {
    assert.ok(key in d, key);
    assert.notEqual(d[key], undefined, key);
  }
});

test("bad input to decide throws an Error with a code, and the module stays usable", () => {
  const cases = [
    [undefined, "invalid-input", /object/],
    [null, "invalid-input", /object/],
    [42, "invalid-input", /number 42/],
    ["allow", "invalid-input", /a string/],
    [[], "invalid-input", /array/],
    [{ init: { resume: 5 } }, "invalid-input", /init\.resume/],
    [{ init: { bogus: 1 } }, "invalid-input", /unknown field `bogus`/],
    [{ bogus: 1 }, "invalid-input", /unknown field `bogus`/],
    [{ env: { WANDB_RESUME: true } }, "invalid-input", /env\.WANDB_RESUME/],
    [{ env: [] }, "invalid-input", /env/],
    [{ init: ["allow"] }, "invalid-input", /`init`/],
    [{ context: { processes: -1 } }, "invalid-input", /context\.processes/],
    [{ context: { processes: 1.5 } }, "invalid-input", /context\.processes/],
    [{ init: { id: "a\ud800b" } }, "lone-surrogate", /init\.id/],
    [{ env: { WANDB_RUN_ID: "\udc00" } }, "lone-surrogate", /WANDB_RUN_ID/],
    [{ init: { id: 10n } }, "invalid-input", /BigInt/],
    [{ init: { notes: "x".repeat(10 * 1024 * 1024) } }, "input-too-large", /limit/],
    [{ init: { notes: "x".repeat(70 * 1024) } }, "input-too-large", /init\.notes/],
  ];
  for (const [input, code, message] of cases) {
    assertThrowsCode(() => decide(input), code, message);
  }
});

test("getters that throw, cycles and prototype tricks never reach Rust", () => {
  const throwing = {
    get env() {
      throw new Error("boom");
    },
  };
  assertThrowsCode(() => decide(throwing), "invalid-input", /boom/);
  const cyclic = { init: {} };
  cyclic.init.self = cyclic;
  assertThrowsCode(() => decide(cyclic), "invalid-input", /circular/i);
  // Inherited properties are not read: a polluted prototype cannot inject a setting.
  const inherited = Object.create({ env: { WANDB_RESUME: "must" } });
  assert.equal(decide(inherited).resume, null);
  // An own "__proto__" key (as JSON.parse makes) is an unknown field.
  assertThrowsCode(
    () => decide(JSON.parse('{"__proto__": {"x": 1}}')),
    "invalid-input",
    /__proto__/,
  );
  let deep = {};
  for (let i = 0; i < 10000; i++) deep = { init: deep };
  assertThrowsCode(() => decide(deep), "invalid-input");
});

test("sanitizeRunId applies the documented rule and never truncates", () => {
  const s = sanitizeRunId("my run:1/ä");
  assert.equal(s.sanitized, "my-run-1-ä");
  assert.equal(s.replaced, 3);
  assert.equal(s.valid, true);
  assert.equal(s.suggested, "my-run-1-ä");
  const long = sanitizeRunId("a".repeat(65));
  assert.equal(long.sanitized.length, 65);
  assert.equal(long.valid, false);
  assert.equal(long.suggested, null);
  const old = sanitizeRunId("a:b", { sdk: "0.20.1" });
  assert.equal(old.sdk, "0.20.1");
  assert.ok(
    old.diagnostics.some((d) => d.code === "run-id-reserved-char" && d.severity === "warning"),
  );
});

test("strings cross into the module intact, whatever their length and characters", () => {
  // scripts/build.mjs patches the glue's string copy: below 64 UTF-16 units a loop, from 64 on
  // TextEncoder.encodeInto, and the rest of a string that did not fit encoded after it.
  // sanitizeRunId echoes its input, so every string must come back as it went in; one with a
  // broken character must still be refused as such, never arrive repaired.
  let cases = 0;
  for (let length = 0; length <= 140; length++) {
    for (const piece of ["a", "é", "€", "😀", "\ud800", "\udc00"]) {
      for (const where of ["start", "middle", "end", "all"]) {
        let text;
        if (where === "all") text = piece.repeat(length);
        else {
          const ascii = "x".repeat(length);
          const at = where === "start" ? 0 : where === "end" ? length : length >> 1;
          text = ascii.slice(0, at) + piece + ascii.slice(at);
        }
        if (text.isWellFormed()) {
          const echoed = sanitizeRunId(text).input;
          if (echoed !== text) {
            assert.fail(`${JSON.stringify(text)} came back as ${JSON.stringify(echoed)}`);
          }
        } else {
          assertThrowsCode(() => sanitizeRunId(text), "lone-surrogate", /unpaired/);
        }
        cases++;
      }
    }
  }
  assert.equal(cases, 141 * 6 * 4);
});

test("bad input to sanitizeRunId throws with a code", () => {
  assertThrowsCode(() => sanitizeRunId(), "invalid-input", /string/);
  assertThrowsCode(() => sanitizeRunId(12), "invalid-input", /number 12/);
  assertThrowsCode(() => sanitizeRunId("a\ud800"), "lone-surrogate", /raw/);
  assertThrowsCode(() => sanitizeRunId("x".repeat(10 * 1024 * 1024)), "input-too-large");
  assertThrowsCode(() => sanitizeRunId("a", { sdk: 1 }), "invalid-input", /sdk/);
  assertThrowsCode(
    () => sanitizeRunId("a", { version: "0.19.0" }),
    "invalid-input",
    /unknown field/,
  );
  assertThrowsCode(() => sanitizeRunId("a", "0.19.0"), "invalid-input", /options/);
});

test("generateId draws [a-z0-9] ids of the asked length", () => {
  assert.match(generateId(), /^[a-z0-9]{8}$/);
  assert.match(generateId(1), /^[a-z0-9]$/);
  assert.match(generateId(128), /^[a-z0-9]{128}$/);
  const ids = new Set(Array.from({ length: 1000 }, () => generateId()));
  assert.equal(ids.size, 1000);
});

test("decideMany gives, in order, what decide gives for each configuration", () => {
  const inputs = [
    {},
    { env: { WANDB_RESUME: "must" } },
    { sdk: "0.17.0", init: { resume: "auto", id: "abc" } },
  ];
  assert.deepEqual(
    decideMany(inputs),
    inputs.map((input) => decide(input)),
  );
  assert.deepEqual(decideMany([]), []);
  assertThrowsCode(
    () => decideMany([{}, { init: { resume: 5 } }]),
    "invalid-input",
    /`\[1\]\.init\.resume`/,
  );
  assertThrowsCode(() => decideMany({}), "invalid-input", /must be an array/);
  assertThrowsCode(() => decideMany([[]]), "invalid-input", /\[0\]/);
  assertThrowsCode(
    () => decideMany([{ init: { id: "\ud800" } }]),
    "lone-surrogate",
    /\[0\]\.init\.id/,
  );
  // The module keeps working after a refused batch.
  assert.equal(decideMany([{}])[0].valid, true);
});

test("decideManyJson answers JSON text with what decideMany answers, as JSON text", () => {
  const inputs = [
    {},
    { env: { WANDB_RESUME: "must" } },
    { sdk: "0.17.0", init: { resume: "auto", id: "abc" } },
    { env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "ünïcødé-🚀" }, init: { resume: true } },
    { init: { id: "<b>&amp;</b>", resume: "never" }, context: { runExists: true } },
  ];
  const text = decideManyJson(JSON.stringify(inputs));
  assert.equal(typeof text, "string");
  assert.deepEqual(JSON.parse(text), decideMany(inputs));
  // Markup characters are escaped, as in every answer of the edge API.
  assert.ok(text.includes("\\u003cb\\u003e\\u0026amp;"), text);
  assert.ok(!/[<>&]/.test(text));
  // Whitespace and key order in the input do not matter; the answer is the same text.
  const spaced = JSON.stringify(inputs, null, 2);
  assert.equal(decideManyJson(spaced), text);
  assert.equal(decideManyJson("[]"), "[]");
  assert.equal(decideManyJson(" [ ] \n"), "[]");

  // Bad input: the same codes and paths as decideMany, and the line and column of bad JSON.
  assertThrowsCode(
    () => decideManyJson(inputs),
    "invalid-input",
    /`text`.*expected a string, got an array/,
  );
  assertThrowsCode(
    () => decideManyJson(undefined),
    "invalid-input",
    /expected a string, got undefined/,
  );
  assertThrowsCode(() => decideManyJson(""), "invalid-input", /not valid JSON: .* line 1 column 1/);
  assertThrowsCode(() => decideManyJson("[{},\n{"), "invalid-input", /line 2 column 2/);
  assertThrowsCode(() => decideManyJson("[{}] x"), "invalid-input", /trailing characters/);
  assertThrowsCode(() => decideManyJson("{}"), "invalid-input", /array/);
  assertThrowsCode(
    () => decideManyJson('[{}, {"init": {"resume": 5}}]'),
    "invalid-input",
    /`\[1\]\.init\.resume`/,
  );
  assertThrowsCode(
    () => decideManyJson('[{"bogus": 1}]'),
    "invalid-input",
    /unknown field `bogus`/,
  );
  // A lone surrogate written as an escape in the JSON, and one in the JS string itself
  // (which a copy into wasm memory would turn into U+FFFD).
  assertThrowsCode(
    () => decideManyJson('[{"init": {"id": "\\ud800"}}]'),
    "lone-surrogate",
    /\[0\]\.init\.id/,
  );
  assertThrowsCode(() => decideManyJson('[{"init": {"id": "\ud800"}}]'), "lone-surrogate", /text/);
  // Refused on its length, before it is copied into the module.
  assertThrowsCode(
    () => decideManyJson(" ".repeat(32 * 1024 * 1024 + 1)),
    "input-too-large",
    /33554432/,
  );
  assertThrowsCode(
    () => decideManyJson(JSON.stringify(Array.from({ length: 100_001 }, () => ({})))),
    "input-too-large",
    /100000/,
  );
});

test("generateIds makes a batch in one call, each id of the asked length", () => {
  const ids = generateIds(1000);
  assert.equal(ids.length, 1000);
  assert.ok(ids.every((id) => /^[a-z0-9]{8}$/.test(id)));
  assert.equal(new Set(ids).size, 1000);
  assert.deepEqual(generateIds(0), []);
  const long = generateIds(3, 100);
  assert.equal(long.length, 3);
  assert.ok(long.every((id) => /^[a-z0-9]{100}$/.test(id)));
  assertThrowsCode(() => generateIds(100001), "invalid-count", /100000/);
  assertThrowsCode(() => generateIds(2, 0), "invalid-length", /at least 1/);
  assertThrowsCode(() => generateIds(-1), "invalid-input", /whole number/);
  assertThrowsCode(() => generateIds("3"), "invalid-input", /a string/);
  // generateId hands out ids from batches; across batch boundaries they stay distinct.
  const many = new Set(Array.from({ length: 64 * 5 + 3 }, () => generateId()));
  assert.equal(many.size, 64 * 5 + 3);
});

test("bad lengths for generateId throw with a code", () => {
  assertThrowsCode(() => generateId(0), "invalid-length", /at least 1/);
  assertThrowsCode(() => generateId(129), "invalid-length", /128/);
  assertThrowsCode(() => generateId(1.5), "invalid-input", /whole number/);
  assertThrowsCode(() => generateId(-1), "invalid-input", /whole number/);
  assertThrowsCode(() => generateId(NaN), "invalid-input", /whole number/);
  assertThrowsCode(() => generateId("8"), "invalid-input", /a string/);
  assertThrowsCode(() => generateId(null), "invalid-input", /null/);
});

test("collisionProbability is the birthday bound", () => {
  assert.equal(collisionProbability(1), 0);
  assert.ok(Math.abs(collisionProbability(2, 1) - 1 / 36) < 1e-15);
  assert.ok(Math.abs(collisionProbability(1e6) - 0.16241711353550364) < 1e-12);
  assertThrowsCode(() => collisionProbability(-1), "invalid-input", /runs/);
  assertThrowsCode(() => collisionProbability("1"), "invalid-input", /runs/);
  assertThrowsCode(() => collisionProbability(10, 0), "invalid-length");
});

test("methodTable is the documented table", () => {
  const t = methodTable();
  assert.deepEqual(
    t.columns.map((c) => c.behaviour),
    ["never", "always", "specifyId", "sameDirectory"],
  );
  assert.deepEqual(
    t.rows.map((r) => [r.method, r.syntax]),
    [
      ["environment", "WANDB_RESUME="],
      ["init", "wandb.init(resume=)"],
    ],
  );
  const unavailable = t.rows.flatMap((r) =>
    r.cells.filter((c) => !c.available).map((c) => `${r.method}/${c.behaviour}`),
  );
  assert.deepEqual(unavailable, ["environment/sameDirectory", "init/always"]);
});

test("deriveRunId matches the Python reference vectors and rejects bad input", async () => {
  const { readFileSync } = await import("node:fs");
  const vectors = JSON.parse(
    readFileSync(new URL("../vectors/derive.json", import.meta.url), "utf8"),
  );
  for (const c of vectors.cases) {
    assert.equal(deriveRunId(c.key, { length: c.length }), c.id, `${c.key} ${c.length}`);
  }
  assert.match(deriveRunId("12345-0"), /^[a-z0-9]{16}$/);
  assertThrowsCode(() => deriveRunId(""), "empty-key", /empty/);
  assertThrowsCode(() => deriveRunId("k", { length: 0 }), "invalid-length");
  assertThrowsCode(() => deriveRunId("k", { length: 50 }), "invalid-length");
  assertThrowsCode(() => deriveRunId("k", { length: 1.5 }), "invalid-input", /length/);
  assertThrowsCode(() => deriveRunId(42), "invalid-input", /key/);
  assertThrowsCode(() => deriveRunId("a\ud800"), "lone-surrogate", /key/);
  assertThrowsCode(() => deriveRunId("k", { size: 3 }), "invalid-input", /unknown field/);
});

test("simulate follows restarts: same directory resumes, a new machine splits the run", () => {
  const sameDir = simulate({ init: { resume: true } }, [
    { after: "preempted", where: "sameDirectory" },
    { after: "crashed", where: "sameDirectory" },
  ]);
  assert.deepEqual(
    sameDir.attempts.map((a) => a.outcome.action),
    ["create", "resume", "resume"],
  );
  assert.equal(sameDir.summary.runs, 1);
  assert.equal(sameDir.attempts[1].decision.runIdSource, "resumeFile");
  const moved = simulate({ init: { resume: true } }, [{ after: "preempted", where: "newMachine" }]);
  assert.equal(moved.summary.runs, 2);
  assert.match(moved.summary.verdict, /split across 2 runs/);
  // The first attempt is exactly decide().
  const input = { env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "abc" } };
  assert.deepEqual(simulate(input, []).attempts[0].decision, decide(input));
});

test("scenarios are data that simulate as documented", () => {
  const all = scenarios();
  assert.ok(all.length >= 7);
  const byId = Object.fromEntries(all.map((s) => [s.id, s]));
  for (const id of [
    "preemptible-same-machine",
    "preemptible-new-machine",
    "allow-fixed-id",
    "must-first-launch",
    "slurm-requeue",
    "kubernetes-pod-restart",
    "ranks-one-id",
  ]) {
    assert.ok(byId[id], id);
  }
  const slurm = byId["slurm-requeue"];
  assert.equal(slurm.input.env.WANDB_RUN_ID, deriveRunId("4242-0"));
  assert.equal(simulate(slurm.input, slurm.attempts).summary.runs, 1);
  assert.equal(
    simulate(byId["must-first-launch"].input, byId["must-first-launch"].attempts).summary
      .failedAttempts,
    2,
  );
});

test("bad input to simulate throws with a code", () => {
  assertThrowsCode(() => simulate({}, undefined), "invalid-input", /attempts/);
  assertThrowsCode(() => simulate({}, {}), "invalid-input", /array/);
  assertThrowsCode(
    () => simulate({}, [{ after: "exploded", where: "newMachine" }]),
    "invalid-input",
    /attempts\[0\]\.after/,
  );
  assertThrowsCode(() => simulate({}, [{ after: "crashed" }]), "invalid-input", /where/);
  assertThrowsCode(
    () => simulate({}, [{ after: "crashed", where: "sameDirectory", init: ["x"] }]),
    "invalid-input",
    /attempts\[0\]\.init/,
  );
  assertThrowsCode(() => simulate({ bogus: 1 }, []), "invalid-input", /bogus/);
  const many = Array.from({ length: 101 }, () => ({ after: "crashed", where: "sameDirectory" }));
  assertThrowsCode(() => simulate({}, many), "input-too-large", /100/);
});

test("parseEnvBlock reads a block as bash does, and flags CRLF", () => {
  const block = parseEnvBlock(
    "# job\nexport WANDB_RESUME=allow\nWANDB_RUN_ID='exp 42'\r\npython train.py\n",
  );
  assert.equal(block.env.WANDB_RESUME, "allow");
  assert.equal(block.env.WANDB_RUN_ID, "exp 42\r");
  assert.equal(block.crlf, true);
  assert.ok(block.notes.some((n) => n.code === "crlf-line-end" && n.line === 3));
  assert.ok(block.notes.some((n) => n.code === "not-an-assignment" && n.line === 4));
  const v = block.variables.find((x) => x.name === "WANDB_RESUME");
  assert.deepEqual([v.line, v.column, v.exported, v.unresolved], [2, 8, true, false]);
});

test("parseInitCall reads Python literals and environment lookups", () => {
  const call = parseInitCall(
    'run = wandb.init(\n  project="p",\n  resume="must",  # keep\n  id=os.environ["RUN_ID"],\n  notes=None,\n)',
  );
  assert.deepEqual(call.init, { resume: "must" });
  assert.deepEqual(call.explicitNone, ["notes"]);
  assert.equal(call.fromEnvironment[0].field, "id");
  assert.equal(call.fromEnvironment[0].variable, "RUN_ID");
  assert.deepEqual(call.otherArguments, ["project"]);
  assert.deepEqual(parseInitCall("resume=True, id='a\\tb'").init, { resume: true, id: "a\tb" });
});

test("bad pastes throw an Error with a code, a line and a column", () => {
  for (const [fn, text, code, line] of [
    [parseEnvBlock, 'A=1\nB="open\n', "unterminated-quote", 2],
    [parseInitCall, "wandb.init(\n  id=run_id)", "non-literal", 2],
    [parseInitCall, "wandb.init('x')", "positional-argument", 1],
    [parseInitCall, "wandb.init(id='a', id='b')", "repeated-argument", 1],
  ]) {
    let thrown;
    try {
      fn(text);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error, text);
    assert.equal(thrown.code, code, thrown.message);
    assert.equal(thrown.line, line, thrown.message);
    assert.equal(typeof thrown.column, "number");
    assertUsable();
  }
  for (const fn of [parseEnvBlock, parseInitCall]) {
    assertThrowsCode(() => fn(42), "invalid-input", /expected a string/);
    assertThrowsCode(() => fn(undefined), "invalid-input");
    assertThrowsCode(() => fn("a\ud800"), "lone-surrogate");
    assertThrowsCode(() => fn("x".repeat(1024 * 1024 + 1)), "input-too-large");
  }
});

test("string arguments: a real U+FFFD is text, an unpaired surrogate anywhere is refused", () => {
  // Copying a string into wasm turns an unpaired surrogate into U+FFFD, so the check must
  // tell the two apart wherever they stand.
  assert.equal(sanitizeRunId("a\ufffdb").input, "a\ufffdb");
  assert.deepEqual(parseEnvBlock("A=\ufffd\n").env, { A: "\ufffd" });
  assert.match(deriveRunId("job-\ufffd"), /^[a-z0-9]{16}$/);
  for (const text of [
    "\ud800",
    "a\udc00",
    "\ufffd\ud83d",
    "\ud83d\ufffd",
    "x".repeat(5000) + "\udfff",
  ]) {
    assertThrowsCode(() => sanitizeRunId(text), "lone-surrogate", /raw/);
    assertThrowsCode(() => deriveRunId(text), "lone-surrogate", /key/);
    assertThrowsCode(() => parseEnvBlock(`A=${text}\n`), "lone-surrogate");
  }
  // A surrogate pair is one character, not a broken one.
  assert.equal(sanitizeRunId("a\ud83d\ude00b").input, "a\ud83d\ude00b");
});

test("snippets reproduce the configuration, and bad input throws with a code", () => {
  const s = snippets({
    env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "it's" },
    init: { resume: true, id: "abc" },
  });
  assert.match(s.shell, /^export WANDB_RESUME=allow$/m);
  assert.match(s.shell, /^export WANDB_RUN_ID='it'\\''s'$/m);
  assert.match(s.python, /wandb\.init\(/);
  assert.match(s.python, /id='abc'/);
  assert.match(s.python, /resume=True/);
  assert.match(s.dockerfile, /^ENV WANDB_RESUME="allow"$/m);
  assert.match(s.kubernetes, /- name: WANDB_RUN_ID/);
  assert.deepEqual(s.notes, []);
  assertThrowsCode(() => snippets({ init: { resume: 5 } }), "invalid-input");
  assertThrowsCode(() => snippets(null), "invalid-input");
});

test("fixConfiguration applies only the mechanical fixes and says what changed", () => {
  const fixed = fixConfiguration({ sdk: "0.19.0", init: { resume: "Must", id: "abc" } });
  assert.deepEqual(fixed.changes, [
    { code: "resume-wrong-case", field: "init.resume", before: "'Must'", after: "'must'" },
  ]);
  assert.equal(fixed.input.init.resume, "must");
  assert.equal(fixed.decision.valid, true);
  const untouched = fixConfiguration({ env: { WANDB_RESUME: "must" } });
  assert.deepEqual(untouched.changes, []);
  assert.equal(untouched.decision.valid, false);
  assertThrowsCode(() => fixConfiguration({ init: { resume: 5 } }), "invalid-input");
});

test("sdkVersions lists releases on both sides of every boundary, newest first", () => {
  const versions = sdkVersions();
  assert.equal(versions[0], decide({}).sdk);
  assert.ok(versions.includes("0.19.11") && versions.includes("0.20.0"), versions.join(" "));
  for (const sdk of versions) {
    const codes = decide({ sdk }).diagnostics.map((d) => d.code);
    assert.ok(!codes.some((c) => c.startsWith("sdk-version")), `${sdk}: ${codes}`);
  }
});
