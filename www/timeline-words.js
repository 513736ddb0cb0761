// The words the web form shows for a restart: how the attempt before it ended (`Ending`) and
// where it starts again (`Place`). The engine's identifiers (`raisedSystemExit`,
// `sameDirectory`) are for programs; a person choosing a restart reads these. No rule lives
// here — what each ending does to wandb-resume.json is the package's answer.

/** `Ending` → a short word for the timeline table and the longer one the choice offers. */
export const ENDING_WORDS = {
  crashed: {
    short: "crashed",
    long: "crashed (an exception, Ctrl-C, sys.exit(n) with n ≠ 0)",
  },
  preempted: {
    short: "preempted",
    long: "was preempted (SIGTERM or SIGKILL from the scheduler, a lost node)",
  },
  finished: {
    short: "finished",
    long: "finished (run.finish() with exit code 0)",
  },
  exited: {
    short: "exited without run.finish()",
    long: "ended without run.finish() (the script's end, sys.exit(0))",
  },
  raisedSystemExit: {
    short: "exit(n) / raise SystemExit(n)",
    long: "stopped by exit(n), quit(n) or raise SystemExit(n), n ≠ 0",
  },
};

/** `Place` → a short word for the timeline table and the longer one the choice offers. */
export const PLACE_WORDS = {
  sameDirectory: {
    short: "same directory",
    long: "in the same directory (same machine, or a shared filesystem)",
  },
  sameFilesystem: {
    short: "another directory",
    long: "in another directory of the same filesystem",
  },
  newMachine: {
    short: "another machine",
    long: "on another machine, without a shared filesystem",
  },
};
