// Conformance through the built package: the same vectors the Rust test replays, recorded from
// the real wandb SDKs (tests/conformance/vectors), through the wasm module as users call it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { decide, sanitizeRunId } from "wandb-resume";

const dir = new URL("../conformance/vectors/", import.meta.url);
// Codes whose sdkMessage is a warning the SDK prints during wandb.init: the list the Rust
// replay reads too.
const PRINTED = new Set(
  JSON.parse(readFileSync(new URL("../conformance/printed-codes.json", import.meta.url), "utf8")),
);
const MODES = new Set(["allow", "must", "never", "auto"]);

function compare(d, out) {
  const diffs = [];
  const rejected = out.rejected === true;
  const engineRejected = d.resumeFileAction === "notReached";
  // Where the SDK's outcome depends on the order of the process environment (which the input,
  // a map, does not carry), the engine says so instead of guessing.
  if (d.diagnostics.some((x) => x.code === "env-order-dependent") && (rejected || engineRejected)) {
    return diffs;
  }
  if (rejected !== engineRejected) {
    return [`wandb.init raises: sdk=${rejected} engine=${engineRejected}`];
  }
  if (rejected) {
    const message = out.error?.message ?? "";
    const cause = out.error?.cause?.message ?? "";
    const quoted = d.diagnostics
      .filter((x) => x.severity === "error" && x.sdkMessage)
      .map((x) => x.sdkMessage);
    if (!quoted.some((q) => q === message || message.includes(q) || (cause && cause.includes(q)))) {
      diffs.push(`error message: sdk=${JSON.stringify(message)} engine=${JSON.stringify(quoted)}`);
    }
    return diffs;
  }
  // Accepted offline, refused online (0.16.5–0.17.x: the sender checks the run record only
  // when it sends it): the engine must say so with the SDK's text, and only then.
  const online = out.online?.error?.message ?? null;
  const exclusive =
    d.diagnostics.find((x) => x.code === "branching-args-exclusive" && x.severity === "error")
      ?.sdkMessage ?? null;
  const onlineAgrees =
    online !== null
      ? exclusive !== null && online.includes(exclusive)
      : exclusive === null || out.fullInit !== true;
  if (!onlineAgrees) diffs.push(`online: sdk raises ${online} engine quotes ${exclusive}`);
  const stored = out.resume ?? null;
  const expectResume =
    stored === null || stored === "" ? null : MODES.has(stored) ? stored : "allow";
  if (expectResume !== d.resume) diffs.push(`resume: sdk=${stored} engine=${d.resume}`);
  if ((out.runId ?? null) !== d.runId) diffs.push(`runId: sdk=${out.runId} engine=${d.runId}`);
  const ours =
    d.resumeFileAction === "written" && d.resumeFileAfter === null
      ? "<generated>"
      : d.resumeFileAfter;
  if ((out.resumeFileAfter ?? null) !== ours) {
    diffs.push(`resumeFileAfter: sdk=${out.resumeFileAfter} engine=${ours}`);
  }
  const warnings = [...new Set(out.warnings ?? [])].sort();
  const quoted = [
    ...new Set(
      d.diagnostics
        .filter((x) => PRINTED.has(x.code) && x.severity !== "error" && x.sdkMessage)
        // A complete wandb.init's warnings were recorded as lines of its output (a message
        // that quotes an id with a newline spans two), so compare lines.
        .flatMap((x) => (out.fullInit ? x.sdkMessage.split("\n") : [x.sdkMessage])),
    ),
  ].sort();
  if (JSON.stringify(warnings) !== JSON.stringify(quoted)) {
    diffs.push(`warnings: sdk=${JSON.stringify(warnings)} engine=${JSON.stringify(quoted)}`);
  }
  return diffs;
}

test("every conformance vector matches through the wasm package", () => {
  const { cases } = JSON.parse(readFileSync(new URL("cases.json", dir), "utf8"));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "cases.json")
    .sort();
  assert.ok(files.length >= 10, `vectors for ${files.length} versions`);
  const failures = [];
  let total = 0;
  for (const file of files) {
    const { meta, out } = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
    // A version's results cover the first N shared cases (boundary versions run fewer random ones).
    assert.ok(out.length <= cases.length && out.length > 1000, meta.sdk);
    out.forEach((o, i) => {
      const c = cases[i];
      total += 1;
      const diffs = compare(decide({ ...c, sdk: meta.sdk }), o);
      if (diffs.length)
        failures.push(`[${meta.sdk} #${i}] ${JSON.stringify(c)}\n    ${diffs.join("\n    ")}`);
    });
  }
  assert.equal(
    failures.length,
    0,
    `${failures.length} of ${total} disagree:\n${failures.slice(0, 20).join("\n")}`,
  );
});

test("sanitizeRunId matches Python's re.sub(r'\\W', '-', s) on 3000 random strings", () => {
  const { strings } = JSON.parse(
    readFileSync(new URL("../vectors/sanitize.json", import.meta.url), "utf8"),
  );
  assert.equal(strings.length, 3000);
  for (const s of strings) {
    const got = sanitizeRunId(s.raw);
    assert.equal(got.sanitized, s.sanitized, JSON.stringify(s.raw));
    assert.equal(got.replaced, s.replaced, JSON.stringify(s.raw));
  }
});
