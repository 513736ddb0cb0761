// Timelines through the built package: the vectors tests/timeline_conformance.rs and
// tests/branch_timeline_conformance.rs replay (tests/conformance/timeline-vectors.json: a job
// configuration launched, ended, restarted and restarted again, each attempt a release's
// complete wandb.init, online or offline, against one fake server that keeps the runs its
// clients create; branch-timeline-vectors.json: the same with WANDB_RESUME_FROM or
// WANDB_FORK_FROM kept over the restarts, on a server holding the runs they branch from;
// mixed-timeline-vectors.json: random launches, ends and places in the branching form;
// mixed-branch-timeline-vectors.json: the same draw with a rewind or a fork in every launch),
// checked attempt by attempt against simulate() as users call it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decide, simulate } from "wandb-resume";
import {
  assertAllAgree,
  compareWithServer,
  conformanceJson,
  orderDependent,
  orderDependentErrors,
} from "./recorded-vectors.mjs";

const timelineDoc = conformanceJson("timeline-vectors.json");
const branchDoc = conformanceJson("branch-timeline-vectors.json");
const mixedDoc = conformanceJson("mixed-timeline-vectors.json");
const mixedBranchDoc = conformanceJson("mixed-branch-timeline-vectors.json");
// How the driver ends a script → the timeline's `after` (the Rust replay reads the same table).
const AFTER = conformanceJson("ending-afters.json").after;

// simulate()'s arguments: the launch, one restart per attempt after the first, and one more
// whose results are not compared (it shows what the last attempt's end left of the file). An
// attempt whose wandb.init raised never reached its planned end: its script stopped on the
// exception.
// The server held a branching timeline's seeded runs before the first launch: its run exists
// when the id it settles on is one of them (a generated id never is).
function simulateArgs(sdk, { launch, attempts, seed }, outs) {
  const init = {};
  if (launch.id !== null) init.id = launch.id;
  if (launch.resume !== null) init.resume = launch.resume;
  if (launch.settings !== undefined) init.settings = launch.settings;
  // The branching timelines' arguments to wandb.init.
  if (launch.forkFrom !== undefined) init.forkFrom = launch.forkFrom;
  if (launch.resumeFrom !== undefined) init.resumeFrom = launch.resumeFrom;
  // The mixed timelines' `mode=`.
  if (launch.mode !== undefined) init.mode = launch.mode;
  const restarts = attempts.map((attempt, k) => {
    const after = outs[k]?.raised ? "crashed" : AFTER[attempt.ending];
    assert.ok(after, `the ending ${attempt.ending} has no after`);
    return { after, where: attempts[k + 1]?.where ?? "sameDirectory" };
  });
  const input = { sdk, init, env: launch.env };
  if (seed) {
    const { runId } = decide(input);
    input.context = { runExists: runId !== null && seed.includes(runId) };
  }
  return [input, restarts];
}

// The SDK's words as the engine (its message `engine`) quotes them: a generated id (`<new-N>`)
// is its `<new id>`, and where the engine names 0.9.x's log on a restart (wandb/debug.log,
// beside the first launch's /tmp/wandb-debug.log), the SDK's restart words match its first
// launch's.
const engineIds = (text) => text.replace(/<new-\d+>/g, "<new id>");
function asEngineQuotes(out, engine) {
  if (!out.raised) return out;
  let message = engineIds(out.raised.message);
  if (engine.includes("(wandb/debug.log once the directory holds a wandb/ folder")) {
    message = message.replace("see: wandb/debug.log", "see: /tmp/wandb-debug.log");
  }
  const quoted = { ...out, raised: { ...out.raised, message } };
  if (out.printedErrors) quoted.printedErrors = out.printedErrors.map(engineIds);
  return quoted;
}

const checkOf = (doc) => (sdk, c, outs) => {
  const timeline = simulate(...simulateArgs(sdk, c, outs));
  const server = { generatedId: "\u0000", lastStep: doc.meta.lastStep };
  // The SDK's run names (`job-run`, `<new-N>`) and the engine's (`job-run`, `new0000N`) must
  // name the same runs, one mapping each way over the timeline.
  const engineOf = new Map();
  const sdkOf = new Map();
  const same = (ours, theirs) => {
    if (ours === null || theirs === null) return ours === theirs;
    if (!engineOf.has(theirs) && !sdkOf.has(ours)) {
      // A fixed id is itself on both sides; a generated one a placeholder on each.
      if (theirs !== ours && !(/^<new-\d+>$/.test(theirs) && /^new\d{5}$/.test(ours))) {
        return false;
      }
      engineOf.set(theirs, ours);
      sdkOf.set(ours, theirs);
      return true;
    }
    return engineOf.get(theirs) === ours && sdkOf.get(ours) === theirs;
  };
  const diffs = [];
  if (timeline.attempts.length !== outs.length + 1) {
    diffs.push(`${timeline.attempts.length} attempts simulated for ${outs.length} recorded`);
  }
  outs.forEach((out, k) => {
    const attempt = timeline.attempts[k];
    const say = (what) => diffs.push(`attempt ${k + 1}: ${what}`);
    const compared = (ours) => compareWithServer(ours, asEngineQuotes(out, ours.message), server);
    let found = compared(attempt.outcome);
    // Which error 0.19.0+ meet first varies with the order they load the environment and
    // merge the settings in (the engine warns so, and lists every one): the SDK's must be
    // among them.
    if (found.length && orderDependent(attempt.decision)) {
      const listed = orderDependentErrors(attempt.decision);
      if (listed.some((said) => compared({ ...attempt.outcome, message: said }).length === 0)) {
        found = [];
      }
    }
    found.forEach(say);
    if (!out.raised && attempt.outcome.action !== "fail") {
      if (!same(attempt.runId, out.runId))
        say(`the run: engine ${attempt.runId}, SDK ${out.runId}`);
      // A generated id written to the file is the attempt's run.
      const atInit =
        attempt.decision.resumeFileAction === "written"
          ? attempt.runId
          : attempt.decision.resumeFileAfter;
      if (!same(atInit, out.resumeFileAtInit)) {
        say(`the file once wandb.init returned: engine ${atInit}, SDK ${out.resumeFileAtInit}`);
      }
    }
  });
  outs.forEach((out, k) => {
    const atEnd = timeline.attempts[k].resumeFileAtEnd;
    if (!same(atEnd, out.resumeFileAtEnd)) {
      diffs.push(
        `attempt ${k + 1}: the file once it ended: engine ${atEnd}, SDK ${out.resumeFileAtEnd}`,
      );
    }
  });
  return diffs;
};

test("timelines through the package match the real SDK", () => {
  assertAllAgree(timelineDoc, "timelines", checkOf(timelineDoc));
});

test("branching timelines through the package match the real SDK", () => {
  assertAllAgree(branchDoc, "branching timelines", checkOf(branchDoc));
});

test("mixed timelines through the package match the real SDK", () => {
  assertAllAgree(mixedDoc, "mixed timelines", checkOf(mixedDoc));
});

test("mixed branching timelines through the package match the real SDK", () => {
  assertAllAgree(mixedBranchDoc, "mixed branching timelines", checkOf(mixedBranchDoc));
});
