// A short tour: what W&B does with a few common resume configurations.
import { decide } from "wandb-resume";

const examples = [
  ["WANDB_RESUME=must, no id", { env: { WANDB_RESUME: "must" } }],
  [
    "resume=True on a preemptible node",
    { init: { resume: true }, context: { sharedFilesystem: false } },
  ],
  [
    "WANDB_RESUME=allow + WANDB_RUN_ID",
    { env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "job-1234" } },
  ],
  ["id without resume", { init: { id: "job-1234" } }],
  ["reserved character in the id", { env: { WANDB_RUN_ID: "exp:1" } }],
];

for (const [title, input] of examples) {
  const d = decide(input);
  console.log(`\n# ${title}  ${JSON.stringify(input)}`);
  console.log(
    `  valid: ${d.valid}   resume: ${d.resume} (${d.resumeSource})   run id: ${d.runId ?? "generated"} (${d.runIdSource})`,
  );
  console.log(`  if the run exists:  ${d.ifExists.action} — ${d.ifExists.message}`);
  console.log(`  if it is missing:   ${d.ifMissing.action} — ${d.ifMissing.message}`);
  for (const diag of d.diagnostics) {
    console.log(`  ${diag.severity.padEnd(7)} ${diag.code}: ${diag.message}`);
  }
}
