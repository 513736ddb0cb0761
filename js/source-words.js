// Where a decision's `resume` and `runId` came from, in the words the web form and the command
// line print after the value ("exp-42" from the environment). One table for both, so they
// never describe the same decision differently.

/** `ValueSource` and `RunIdSource` → the phrase shown after the value. */
export const SOURCE_WORDS = {
  init: "from wandb.init(…)",
  env: "from the environment",
  default: "the default",
  initResume: "from wandb.init(resume=…)",
  resumeFile: "from wandb/wandb-resume.json",
  resumeFrom: "from resume_from",
  generated: "generated at launch",
};
