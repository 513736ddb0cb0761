// Plain-JavaScript baselines for bench/run.mjs. Each does the work a caller could write by
// hand — the same field reads and a result of the same shape — without deciding anything,
// so the ratio shows what the module costs over the least any answer could cost.

/**
 * Reads the fields `decide` reads for the benchmark's configuration and builds an object of
 * the same shape and values as its Decision (bench/run.mjs checks they are deep-equal), with
 * the messages made by template literals. Only the path the benchmark's configuration takes
 * is written out; that is the floor the issue measures against.
 */
export function decideBaseline(input) {
  const env = input.env ?? {};
  const init = input.init ?? {};
  const context = input.context ?? {};
  const envResume = env.WANDB_RESUME;
  const initResume = init.resume;
  const resume = initResume ?? envResume ?? null;
  const runId = init.id ?? env.WANDB_RUN_ID ?? null;
  const resumeFile = context.resumeFile ?? null;
  const diagnostics = [];
  if (initResume != null && envResume != null) {
    diagnostics.push({
      code: "init-overrides-env",
      severity: "info",
      field: "init.resume",
      message: `resume=${initResume} overrides WANDB_RESUME=${envResume}.`,
    });
  }
  return {
    valid: true,
    sdk: input.sdk ?? "0.31.0",
    cell: {
      method: initResume != null ? "init" : "environment",
      behaviour: resume === "auto" ? "sameDirectory" : "specifyId",
      documented: true,
    },
    resume,
    resumeSource: initResume != null ? "init" : "env",
    runId: runId ?? resumeFile,
    runIdSource: init.id != null ? "init" : "env",
    ifExists: {
      action: "resume",
      resumed: true,
      message: `wandb resumes run '${runId}': wandb.run.resumed is True and wandb.run.step is where logging continues (steps logged below it are dropped).`,
    },
    ifMissing: {
      action: "create",
      resumed: false,
      message: `run '${runId}' does not exist yet, so wandb creates it.`,
    },
    resumeFileAfter: runId,
    resumeFileAction: resume === "auto" ? "written" : "untouched",
    diagnostics,
  };
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A hand-written id generator drawing from a pooled `crypto.getRandomValues` buffer, with
 * the same rejection sampling as the core (bytes ≥ 252 discarded, so each character is
 * exactly 1/36).
 */
export function pooledIdGenerator(poolBytes = 4096) {
  const pool = new Uint8Array(poolBytes);
  let next = poolBytes;
  return function generateId(length = 8) {
    let id = "";
    while (id.length < length) {
      if (next === poolBytes) {
        crypto.getRandomValues(pool);
        next = 0;
      }
      const b = pool[next++];
      if (b < 252) id += ALPHABET[b % 36];
    }
    return id;
  };
}
