// What the replays of recorded vector files share (the offline vectors' comparison, and the
// files `{ cases, results: { release: [one result per case] } }`), as the Rust replays share
// tests/common/. Not a test file itself.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

/** A file of tests/conformance, parsed. */
export const conformanceJson = (name) =>
  JSON.parse(readFileSync(new URL(`../conformance/${name}`, import.meta.url), "utf8"));

/**
 * Runs `check(sdk, case, out)` (→ a list of disagreements) on every recorded case of `doc`
 * and fails with the first disagreements, naming each release and case.
 */
export function assertAllAgree(doc, what, check) {
  const failures = [];
  let compared = 0;
  for (const [sdk, outs] of Object.entries(doc.results)) {
    assert.equal(outs.length, doc.cases.length, `${sdk}: one result per case`);
    doc.cases.forEach((c, i) => {
      const diffs = check(sdk, c, outs[i]);
      compared += 1;
      if (diffs.length > 0) failures.push(`[${sdk}] ${JSON.stringify(c)}: ${diffs.join("; ")}`);
    });
  }
  assert.ok(compared > 0, `no recorded ${what}`);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${compared} ${what} disagree`);
}

const MODE_KINDS = new Map([
  ["online", "online"],
  ["run", "online"],
  ["shared", "online"],
  ["offline", "offline"],
  ["dryrun", "offline"],
  ["disabled", "disabled"],
]);

/**
 * Whether the package must refuse the recorded case `c` (with the SDK's `out`) as not
 * modelled — what tests/common/settings_replay.rs and mode_replay.rs refuse: an online mode
 * (`shared` is one) or an offline one over a disabled `WANDB_MODE` beside `settings=` or the
 * `disabled` setting, `noop`;
 * the settings' mode online or offline over a disabled one, disabled beside an online or
 * offline `mode=`; an online `mode=` over the
 * settings file's `disabled` line without its offline mode line (the server-file-mode vectors
 * show it over the lines `wandb offline` writes), an online or offline one
 * over its disabled mode, its `shared` line (the wandb CLI writes none), the settings' own
 * online or offline mode over its disabled mode; and `shared` where the release itself refused
 * it (the record raised naming it).
 */
export function notModelled(c, out) {
  const kind = (mode) => MODE_KINDS.get(mode) ?? "";
  const settings = kind(c.init?.settings?.mode);
  const init = kind(c.init?.mode);
  const env = kind(c.env?.WANDB_MODE);
  const file = c.context?.settingsFile;
  const named = [c.init?.mode, c.env?.WANDB_MODE, c.init?.settings?.mode].includes("shared");
  return (
    (["online", "offline"].includes(init) &&
      env === "disabled" &&
      (c.init?.settings != null ||
        c.env?.WANDB_DISABLED !== undefined ||
        file?.disabled !== undefined)) ||
    [c.init?.mode, c.env?.WANDB_MODE].includes("noop") ||
    (["online", "offline"].includes(settings) && env === "disabled") ||
    (settings === "disabled" && ["online", "offline"].includes(init)) ||
    (init === "online" &&
      (file?.disabled !== undefined || file?.mode === "offline") &&
      !onlineOverFileModelled(c)) ||
    (["online", "offline"].includes(init) && file?.mode === "disabled") ||
    file?.mode === "shared" ||
    (file?.mode === "disabled" && ["online", "offline"].includes(settings)) ||
    (named && out.rejected === true && /shared/.test(out.error?.message ?? ""))
  );
}

/** An online `mode=` over the settings file's `mode = offline` (with or without its `disabled`
 * line): modelled, by the server-file-mode vectors. */
function onlineOverFileModelled(c) {
  return MODE_KINDS.get(c.init?.mode) === "online" && c.context?.settingsFile?.mode === "offline";
}

/**
 * `decide()` on a recorded case that the package must refuse as not modelled exactly where
 * `notModelled`: `{ decision }`, `{ refused: true }` (refused as it must be) or `{ diffs }`.
 */
export function decideUnlessNotModelled(decide, sdk, c, notModelled) {
  let decision;
  try {
    decision = decide({ ...c, sdk });
  } catch (error) {
    if (notModelled && error.code === "invalid-input" && /not modelled/.test(error.message)) {
      return { refused: true };
    }
    return { diffs: [`throws ${error.code}: ${error.message}`] };
  }
  return notModelled ? { diffs: ["not refused, though not modelled"] } : { decision };
}

/** What `sdk` recorded in the vectors `file` for the first case `matches`, named `what`. */
function recordedFor(file, sdk, what, matches) {
  const doc = conformanceJson(file);
  const at = doc.cases.findIndex(matches);
  assert.ok(at >= 0 && doc.results[sdk], `${sdk} ${what} recorded`);
  return doc.results[sdk][at];
}

/**
 * Whether `sdk` launched offline with `resume="must"`, `id="abc"` and `settings` set to
 * `{ form, keys: ["mode"], mode }`, nothing else setting the mode — as recorded in
 * settings-mode-vectors.json (the case with the dummy key).
 */
export function recordedSettingsModeOffline(sdk, form, mode) {
  const out = recordedFor(
    "settings-mode-vectors.json",
    sdk,
    `${form} ${mode}`,
    (c) =>
      c.init.settings.form === form &&
      c.init.settings.mode === mode &&
      c.init.mode === undefined &&
      c.env?.WANDB_MODE === undefined &&
      c.env?.WANDB_API_KEY !== undefined,
  );
  return out.offline === true;
}

/**
 * The run id `sdk` settled with `init` (`resume=` / `id=`) and a `wandb.Settings(run_id=runId)`
 * object, nothing else given — as recorded in settings-resume-vectors.json.
 */
export function recordedSettingsRunId(sdk, init, runId) {
  const out = recordedFor(
    "settings-resume-vectors.json",
    sdk,
    `${JSON.stringify(init)} with the settings' run_id ${runId}`,
    (c) =>
      c.init.settings.form === "object" &&
      JSON.stringify(c.init.settings.keys) === '["run_id"]' &&
      c.init.settings.runId === runId &&
      c.init.resume === init.resume &&
      c.init.id === init.id &&
      c.init.resumeFrom === undefined &&
      c.env.WANDB_RUN_ID === undefined &&
      c.env.WANDB_RESUME === undefined &&
      c.context === undefined,
  );
  return out.runId;
}

/**
 * What `sdk` recorded for `wandb.init(resume=True)` with `WANDB_DISABLE_SERVICE=value`, the
 * script falling off its end — as recorded in ending-vectors.json.
 */
export function recordedDisableServiceExit(sdk, value) {
  return recordedFor(
    "ending-vectors.json",
    sdk,
    `WANDB_DISABLE_SERVICE=${value}`,
    (c) =>
      c.resume === true &&
      c.ending === "exit" &&
      c.resumeFileBefore === null &&
      c.env.WANDB_DISABLE_SERVICE === value,
  );
}

/**
 * What `sdk` recorded for `wandb.init(resume=True, settings=…)` with the settings' `key`
 * (`_disable_service` / `x_disable_service`) set to `value` in `form`, nothing else (no
 * `WANDB_DISABLE_SERVICE`), the script falling off its end — as recorded in
 * settings-service-vectors.json: `{ raised }` or `{ resumeFileAtEnd, … }`.
 */
export function recordedSettingsService(sdk, form, key, value) {
  return recordedFor(
    "settings-service-vectors.json",
    sdk,
    `${form} ${key}=${value}`,
    (c) =>
      c.settings.form === form &&
      c.settings.key === key &&
      c.settings.value === value &&
      c.settings.mode === undefined &&
      Object.keys(c.env).length === 0,
  );
}

/**
 * What `sdk` recorded for `resume="must"`, `id="abc"` with `wandb/settings` holding `lines`
 * (`{ mode, disabled }`) and `WANDB_MODE` set to `envMode` (undefined: unset), nothing else
 * setting the mode — the case with the dummy key in settings-file-vectors.json.
 */
export function recordedSettingsFile(sdk, lines, envMode) {
  return recordedFor(
    "settings-file-vectors.json",
    sdk,
    `${JSON.stringify(lines)} ${envMode}`,
    (c) =>
      c.context.settingsFile.mode === lines.mode &&
      c.context.settingsFile.disabled === lines.disabled &&
      c.context.resumeFile === undefined &&
      c.init?.resume === "must" &&
      c.init?.id === "abc" &&
      c.init?.mode === undefined &&
      c.env?.WANDB_MODE === envMode &&
      c.env?.WANDB_API_KEY !== undefined,
  );
}

/**
 * What `sdk` recorded in the vectors `file` with `wandb/settings` holding `lines`, `WANDB_MODE`
 * set to `envMode` (undefined: unset), no `mode=`, and a `settings=` of `form` whose own mode
 * and resume keys are `own` (`{}`, `{ mode }` or `{ resume, runId }`; the rest unset).
 */
function recordedBesideFile(file, sdk, form, lines, envMode, own) {
  return recordedFor(
    file,
    sdk,
    `${form} ${JSON.stringify(own)} ${JSON.stringify(lines)} ${envMode}`,
    (c) =>
      c.init.settings.form === form &&
      ["mode", "resume", "runId"].every((k) => c.init.settings[k] === own[k]) &&
      c.context.settingsFile.mode === lines.mode &&
      c.context.settingsFile.disabled === lines.disabled &&
      c.init.mode === undefined &&
      c.env?.WANDB_MODE === envMode,
  );
}

/**
 * What `sdk` recorded for `resume="must"`, `id="abc"` with `wandb/settings` holding `lines`,
 * `WANDB_MODE` set to `envMode` (undefined: unset) and a `settings=` of `form` whose mode is
 * `settingsMode` (undefined: it names none) — the case of settings-file-arg-vectors.json.
 */
export const recordedSettingsFileArg = (sdk, form, lines, envMode, settingsMode) =>
  recordedBesideFile("settings-file-arg-vectors.json", sdk, form, lines, envMode, {
    mode: settingsMode,
  });

/**
 * The same with a `settings=` whose own mode and resume keys are `own` (`{ mode }` or
 * `{ resume, runId }`) — the case of settings-file-key-vectors.json.
 */
export const recordedSettingsFileKey = (sdk, form, lines, envMode, own) =>
  recordedBesideFile("settings-file-key-vectors.json", sdk, form, lines, envMode, own);

/** The case of disabled-env-vectors.json with `WANDB_DISABLED=value` alone: `resume="must"`,
 * `id="abc"`, the dummy key, nothing else setting the mode (no `settings=`, no file). */
export const disabledEnvAlone = (value) => (c) =>
  c.env.WANDB_DISABLED === value &&
  c.env.WANDB_MODE === undefined &&
  c.env.WANDB_API_KEY !== undefined &&
  c.init?.mode === undefined &&
  c.init?.settings === undefined &&
  c.init?.resume === "must" &&
  c.context === undefined;

/** What `sdk` did with `WANDB_DISABLED=value` alone (see `disabledEnvAlone`). */
export function recordedDisabledEnv(sdk, value) {
  return recordedFor(
    "disabled-env-vectors.json",
    sdk,
    `WANDB_DISABLED=${value}`,
    disabledEnvAlone(value),
  );
}

// The warnings that a launch logs in where the case may have no API key (it raises without
// one): whether it raises depends on what the input does not carry.
export const LOGS_IN_FIRST = ["offline-login-first", "settings-object-overrides-mode"];

/**
 * What the mode and settings replays compare beyond `compareDecision` (tests/common/
 * mode_replay.rs): offline (disabled) on both branches exactly where the SDK's settings were
 * offline (it returned its disabled run), and, for a case run without an API key, a warning
 * that the launch logs in exactly where it raised for want of one.
 */
export function compareLocalLaunch(d, c, out) {
  const diffs = [];
  for (const key of ["offline", "disabled"]) {
    if (typeof out[key] !== "boolean") continue;
    const ours = [d.ifExists.action, d.ifMissing.action].map((a) => a === key);
    if (ours[0] !== out[key] || ours[1] !== out[key]) {
      diffs.push(`${key}: sdk=${out[key]} engine=${d.ifExists.action}/${d.ifMissing.action}`);
    }
  }
  if (c.env?.WANDB_API_KEY === undefined) {
    const warned = d.diagnostics.some((x) => LOGS_IN_FIRST.includes(x.code));
    const noKey = /^api_key not configured/.test(out.error?.message ?? "");
    if (warned !== noKey) diffs.push(`logs in first: engine warns ${warned}, sdk raised ${noKey}`);
  }
  return diffs;
}

// Codes whose sdkMessage is a warning the SDK prints during wandb.init: the list the Rust
// replay reads too.
const PRINTED = new Set(conformanceJson("printed-codes.json"));
const MODES = new Set(["allow", "must", "never", "auto"]);

/**
 * `compareDecision` for a launch whose resume file may hold any text: a file the SDK left as
 * it was, though it holds no id, is recorded as `{ unparsed: text }` — no id (as the Rust
 * replay reads it), and the engine must say `untouched` (a null `resumeFileAfter` alone would
 * also mean "deleted").
 */
export function compareDecisionOverText(d, out) {
  const unparsed = typeof out.resumeFileAfter?.unparsed === "string";
  const diffs = compareDecision(d, unparsed ? { ...out, resumeFileAfter: null } : out);
  if (unparsed && !out.rejected && d.resumeFileAction !== "untouched") {
    diffs.push(`the SDK left the file as it was; the engine says ${d.resumeFileAction}`);
  }
  return diffs;
}

/**
 * Whether the decision says the SDK's outcome depends on what the input does not carry (the
 * order of the process environment or of a Python set, whether an API key is configured):
 * the engine says so instead of guessing (tests/common/replay.rs `depends_on_the_unknown`).
 */
export const dependsOnTheUnknown = (d) =>
  orderDependent(d) || d.diagnostics.some((x) => LOGS_IN_FIRST.includes(x.code));

/** Whether the decision warns that what wandb.init does depends on the order of the process
 * environment or of a Python set (tests/common/replay.rs `order_dependent`). */
export const orderDependent = (d) => d.diagnostics.some((x) => x.code === "env-order-dependent");

/** Every SDK error an order-dependent decision says wandb.init may raise: its errors' texts
 * and those its order warnings quote (tests/common/replay.rs `order_dependent_errors`). */
export const orderDependentErrors = (d) =>
  d.diagnostics
    .filter((x) => (x.severity === "error" || x.code === "env-order-dependent") && x.sdkMessage)
    .map((x) => x.sdkMessage);

/**
 * 0.16.5–0.17.x's Python sender refuses more than one of resume, resume_from and fork_from
 * only online: where the generator ran a launch once more online, its `WANDB_MODE` dropped
 * (`out.sender`), `decide` on that launch must quote what it raised, as
 * tests/common/settings_resume_replay.rs `sender_diffs` asks. A disagreement, or none.
 */
export function senderDiffs(decide, sdk, c, out) {
  const raised = out.sender?.error?.message;
  if (raised === undefined) return [];
  const { WANDB_MODE: _offline, ...env } = c.env ?? {};
  const d = decide({ ...c, env, sdk });
  const quoted =
    d.diagnostics.find((x) => x.code === "branching-args-exclusive" && x.severity === "error")
      ?.sdkMessage ?? null;
  return quoted !== null && raised.includes(quoted)
    ? []
    : [`online (the sender): sdk raises ${raised} engine quotes ${quoted}`];
}

/**
 * Where the SDK raised: whether the error the answer quotes first is what it raised (the
 * message or its cause), as tests/common/replay.rs `first_error_raised` asks — but for two
 * keywords a release does not know, which raise in the order the call writes them, and where
 * the outcome depends on the unknown. A disagreement, or none.
 */
export function firstErrorDiffs(d, out) {
  const raised = [out.error?.message ?? "", out.error?.cause?.message ?? ""];
  if (out.rejected !== true || dependsOnTheUnknown(d)) return [];
  if (/unexpected keyword argument/.test(raised[0])) return [];
  const first = d.diagnostics.find((x) => x.severity === "error")?.sdkMessage;
  if (first && raised.some((m) => m.includes(first))) return [];
  return [`first error: sdk=${JSON.stringify(raised)} engine=${first}`];
}

/** Whether the engine says wandb.init raises before contacting W&B: before it reaches the
 * auto-resume file (`notReached`), or once its settings, the file written, are made. */
export function rejectedLocally(d) {
  return (
    d.resumeFileAction === "notReached" ||
    d.ifMissing.message.startsWith("wandb.init raises before contacting W&B")
  );
}

/** The auto-resume file once wandb.init has returned or raised: the SDK's against the
 * engine's (a generated id written is `<generated>`). */
function compareResumeFile(d, out) {
  const ours =
    d.resumeFileAction === "written" && d.resumeFileAfter === null
      ? "<generated>"
      : d.resumeFileAfter;
  return (out.resumeFileAfter ?? null) === ours
    ? []
    : [`resumeFileAfter: sdk=${out.resumeFileAfter} engine=${ours}`];
}

/** Whether the SDK raised one of `texts`: in its error's message or its cause's
 * (tests/common/replay.rs `raised`). */
function raisedOneOf(out, texts) {
  const message = out.error?.message ?? "";
  const cause = out.error?.cause?.message ?? "";
  return texts.some((q) => message.includes(q) || (cause !== "" && cause.includes(q)));
}

/**
 * The disagreements between a Decision `d` and what the SDK did (`out`, a result of the
 * offline batch driver): the checks tests/common/replay.rs makes.
 */
export function compareDecision(d, out) {
  const diffs = [];
  const rejected = out.rejected === true;
  const engineRejected = rejectedLocally(d);
  if (dependsOnTheUnknown(d) && (rejected || engineRejected)) {
    // Where the order of the environment decides, the engine lists what each order raises:
    // the SDK's error must be among them.
    if (rejected && orderDependent(d)) {
      const listed = orderDependentErrors(d);
      if (!raisedOneOf(out, listed)) {
        diffs.push(
          `error message (order-dependent): sdk=${JSON.stringify(out.error?.message)} engine lists ${JSON.stringify(listed)}`,
        );
      }
    }
    return diffs;
  }
  // An online launch the batch driver recorded stops before the backend starts, where 0.19.0
  // crashes without the service process: that crash is past the record.
  const errors = d.diagnostics.filter((x) => x.severity === "error");
  if (
    !rejected &&
    engineRejected &&
    out.offline === false &&
    errors.length > 0 &&
    errors.every((x) => x.code === "disabled-service-crashes")
  ) {
    return diffs;
  }
  if (rejected !== engineRejected) {
    return [`wandb.init raises: sdk=${rejected} engine=${engineRejected}`];
  }
  if (rejected) {
    const quoted = d.diagnostics
      .filter((x) => x.severity === "error" && x.sdkMessage)
      .map((x) => x.sdkMessage);
    if (!raisedOneOf(out, quoted)) {
      diffs.push(
        `error message: sdk=${JSON.stringify(out.error?.message ?? "")} engine=${JSON.stringify(quoted)}`,
      );
    }
    diffs.push(...compareResumeFile(d, out));
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
  // Before 0.19.0 any other stored value (a settings `true` or run id) behaves like allow on the
  // server (the settings-server vectors).
  const stored = out.resume ?? null;
  const expectResume =
    stored === null || stored === "" ? null : MODES.has(stored) ? stored : "allow";
  // A disabled run of 0.10.x–0.28.x holds fresh settings: no `resume` is recorded.
  if (expectResume !== d.resume && "resume" in out) {
    diffs.push(`resume: sdk=${stored} engine=${d.resume}`);
  }
  if ((out.runId ?? null) !== d.runId) diffs.push(`runId: sdk=${out.runId} engine=${d.runId}`);
  diffs.push(...compareResumeFile(d, out));
  // The generator's sentinel ids (zgen0001: the id wandb generated) are written as the engine
  // writes an id not known before launch.
  // Compared line by line: a complete wandb.init's warnings were recorded as lines of its
  // output (a message that quotes an id with a newline spans two), and a diagnostic may quote
  // several warnings the SDK prints one after another (one per line). A line's trailing
  // spaces (0.18.0+ end the service warning with one) are not part of the message, as the
  // ending recorder strips them; nor are they on the engine's side.
  const warnings = [
    ...new Set(
      (out.warnings ?? [])
        .flatMap((w) => w.split("\n"))
        .map((w) => w.replace(/ +$/, "").replace(/zgen\d{4}(?!\d)/g, "<new id>")),
    ),
  ].sort();
  const quoted = [
    ...new Set(
      d.diagnostics
        .filter((x) => PRINTED.has(x.code) && x.severity !== "error" && x.sdkMessage)
        .flatMap((x) => x.sdkMessage.split("\n").map((line) => line.replace(/ +$/, ""))),
    ),
  ].sort();
  if (JSON.stringify(warnings) !== JSON.stringify(quoted)) {
    diffs.push(`warnings: sdk=${JSON.stringify(warnings)} engine=${JSON.stringify(quoted)}`);
  }
  return diffs;
}

let resumeTexts = null;

/**
 * What release `sdk` raised in `wandb.init(resume=True)` with `wandb-resume.json` holding
 * `text`, as tests/conformance/resume-text-vectors.json recorded it (the SDK's own error, not
 * wandb's wrapper): for tests that show an SDK message without writing it by hand.
 */
export function resumeTextRaised(sdk, text) {
  resumeTexts ??= conformanceJson("resume-text-vectors.json");
  const config = JSON.stringify(resumeTexts.meta.configs[0]);
  const index = resumeTexts.cases.findIndex(
    ({ context, ...rest }) => context.resumeFileText === text && JSON.stringify(rest) === config,
  );
  const error = resumeTexts.results[sdk]?.[index]?.error;
  assert.ok(error, `${sdk} raised on ${JSON.stringify(text)} (recorded)`);
  return (error.cause?.type === "JSONDecodeError" ? error.cause : error).message;
}

/**
 * `decide()` for a server-outcome case: `wandb.init(id=…, resume=…)` as the case passes them,
 * in the case's environment where it has one (the shared-mode writers).
 */
export function decideServerCase(
  decide,
  sdk,
  { id, resume, env, settings, forkFrom, resumeFrom, mode, settingsFile },
) {
  const init = {};
  if (id !== null) init.id = id;
  if (resume !== undefined) init.resume = resume;
  // The settings-server vectors' `settings=` (`{form, keys, resume}`), the input as is.
  if (settings !== undefined) init.settings = settings;
  // The server-service vectors' branching arguments, the server-mode vectors' mode.
  if (forkFrom !== undefined) init.forkFrom = forkFrom;
  if (resumeFrom !== undefined) init.resumeFrom = resumeFrom;
  if (mode !== undefined) init.mode = mode;
  const input = env ? { sdk, env, init } : { sdk, init };
  // The server-file-mode vectors' `wandb/settings` lines, the input's context as is.
  if (settingsFile !== undefined) input.context = { settingsFile };
  return decide(input);
}

// What the engine writes where a run id is generated at launch.
const ENGINE_GENERATED_ID = "<new id>";

// Lines wandb prints that say nothing of why wandb.init raised: what 0.10.x–0.12.x print for
// any error, and what the Python internal process prints as it goes down after refusing
// resume_from beside a resume (0.17.x, and 0.18.x with the service off).
const SAY_NOTHING_OF_WHY = [
  "Abnormal program exit",
  "Internal wandb error: file data was not synced",
];

// What each validator said in pydantic's ValidationError text (0.19.0+ settings: "1 validation
// error for Settings\n  Value error, <what it said> [type=…]"), which the engine quotes without
// pydantic's frame; empty for any other text.
function pydanticErrors(message) {
  const [head, ...rest] = message.split("\n");
  if (!head.endsWith(" for Settings") || !head.includes(" validation error")) return [];
  return rest
    .filter((line) => line.startsWith("  "))
    .map(
      (line) =>
        line
          .slice(2)
          .replace(/^Value error, /, "")
          .split(" [type=")[0],
    );
}

/** The step a rewind or a fork branches at, as the engine's outcome names it ("rewinds run
 * 'a' to step 5", "forked from run 'a' at step 5"); null for any other outcome. */
function branchedAt(message) {
  const words = message.includes("rewinds run")
    ? / to step (\d+)/
    : message.includes("fork")
      ? / at step (\d+)/
      : null;
  const found = words && message.match(words);
  return found ? Number(found[1]) : null;
}

/** A settings error about the mode up to the list of the modes the release knows, which
 * 0.10.x–0.18.x print in an order that depends on Python's string hashing (the engine quotes
 * the part before it); any other message whole. */
function beforeModeList(message) {
  const at = message?.indexOf(" not in") ?? -1;
  return message?.startsWith("Settings field mode: ") && at >= 0
    ? message.slice(0, at + " not in".length)
    : message;
}

/**
 * What the engine says of one branch of a launch (`branch`: an outcome) against what the
 * SDK's complete, online wandb.init did there (`out`, a server-outcome record), `lastStep` the
 * last step of the fake server's runs and `generatedId` how the record writes a generated id.
 */
export function compareWithServer(branch, out, { generatedId, lastStep }) {
  if (branch.action === "fail") {
    if (!out.raised) return [`engine: fail (${branch.message}); SDK: wandb.init returned`];
    const diffs = [];
    // Without pydantic's link to its documentation, which the engine does not quote.
    const said = out.raised.message
      .replace(/\n {4}For further information visit .*$/s, "")
      .replaceAll(generatedId, ENGINE_GENERATED_ID);
    // Where the SDK wrapped what failed ("An unexpected error occurred"), the cause will do.
    const cause = beforeModeList(out.raised.cause?.message);
    // pydantic's frame around what a settings validator said is not quoted.
    const errors = pydanticErrors(said);
    const quotesErrors = errors.length > 0 && errors.every((e) => branch.message.includes(e));
    if (
      !branch.message.includes(said) &&
      !(cause && branch.message.includes(cause)) &&
      !quotesErrors
    ) {
      diffs.push(
        `engine's message does not quote the SDK's: engine ${branch.message} / SDK ${said}`,
      );
    }
    // Where wandb printed why before raising (0.9.x), the engine quotes that too; lines that
    // say nothing of why are not quoted.
    const printed = out.printedErrors?.[0]?.replaceAll(generatedId, ENGINE_GENERATED_ID);
    if (
      printed !== undefined &&
      !SAY_NOTHING_OF_WHY.includes(printed) &&
      !branch.message.includes(printed)
    ) {
      diffs.push(`engine's message does not quote what wandb printed: ${printed}`);
    }
    return diffs;
  }
  if (out.raised) {
    return [`engine: ${branch.action} (${branch.message}); SDK raised ${out.raised.message}`];
  }
  const diffs = [];
  if (out.resumed !== branch.resumed) {
    diffs.push(`wandb.run.resumed: engine ${branch.resumed}, SDK ${out.resumed}`);
  }
  // A rewind or a fork carries on after the step it branched at, which the engine names: the
  // SDK's step, or its starting_step with step at 0, is the one after it.
  const at = branchedAt(branch.message);
  if (at !== null && out.step !== at + 1 && out.startingStep !== at + 1) {
    diffs.push(
      `where logging continues: engine "${branch.message}"; SDK step ${out.step}, starting_step ${out.startingStep}`,
    );
  }
  const rewinds = branch.message.includes("rewinds run");
  // Where the operations were recorded: a rewind is W&B's doing, asked for by name.
  if (out.operations && out.operations.includes("RewindRun") !== rewinds) {
    diffs.push(`engine: ${branch.action} (${branch.message}); SDK operations ${out.operations}`);
  }
  // Logging continues after the existing run's last step: resumed, whatever the flag says.
  const continued = out.step === lastStep + 1 || out.startingStep === lastStep + 1;
  if (continued !== (branch.action === "resume" && !rewinds)) {
    diffs.push(`engine: ${branch.action}; SDK ${continued ? "resumed" : "started fresh"}`);
  }
  // An overwrite is a start that never asked whether the run exists, unless the engine says
  // it checks (0.10.2's must).
  if (
    branch.action === "overwrite" &&
    !branch.message.includes("checks that it exists") &&
    out.operations?.includes("RunResumeStatus")
  ) {
    diffs.push(`engine: overwrite (${branch.message}); the SDK asked about the run first`);
  }
  if (continued && branch.action === "resume" && !rewinds) {
    // The run's saved config is back, unless the engine says it comes back empty (where it
    // was recorded: not in the timelines).
    if (
      out.configRestored !== undefined &&
      (out.configRestored === true) === branch.message.includes("wandb.config comes back empty")
    ) {
      diffs.push(
        `the run's config: engine "${branch.message}"; SDK restored ${out.configRestored}`,
      );
    }
    const stepContinues = out.step === lastStep + 1;
    const saysStep = branch.message.includes("wandb.run.step is where logging continues");
    const saysStarting = branch.message.includes("wandb.run.starting_step");
    if (
      stepContinues !== saysStep ||
      (!stepContinues && (!saysStarting || out.startingStep !== lastStep + 1))
    ) {
      diffs.push(`where logging continues: engine "${branch.message}"; SDK step ${out.step}`);
    }
  }
  return diffs;
}

/**
 * The check of the server-outcome vectors in `doc` (each release's complete, online wandb.init
 * against a fake W&B server), as `assertAllAgree` takes it: the branch of `decide()`'s answer
 * that the case's server state shows, against what the SDK did; a case's `env` (the
 * shared-mode writers) is passed along.
 */
export function serverCheck(decide, doc) {
  const { generatedId, lastStep } = doc.meta.server;

  const decideCase = (sdk, c) => decideServerCase(decide, sdk, c);
  const compare = (branch, out) => compareWithServer(branch, out, { generatedId, lastStep });

  // The disagreements in one case: the branch of the decision that the case's server state
  // shows, against what the SDK did.
  function check(sdk, c, recorded) {
    const d = decideCase(sdk, c);
    const [out, diffs] = withoutIgnoredFileError(recorded, d);
    // Rejected before W&B is contacted: the SDK raises without asking the server either.
    if (rejectedLocally(d)) {
      diffs.push(...compare(d.ifMissing, out));
      if (out.operations.length > 0) diffs.push(`rejected, but the SDK sent ${out.operations}`);
      return diffs;
    }
    if (c.state === "exists") return [...diffs, ...compare(d.ifExists, out)];
    if (c.state === "precreated") {
      // The engine says in its must-and-missing text whether a run created but never started
      // counts as missing.
      // The same launch (its environment, mode and settings) with resume must.
      const must = decideCase(sdk, { ...c, resume: "must" });
      const branch = must.ifMissing.message.includes("never started") ? d.ifMissing : d.ifExists;
      return [...diffs, ...compare(branch, out)];
    }
    return [...diffs, ...compare(d.ifMissing, out)];
  }
  return check;
}

/**
 * The check of a shared launch's server outcome (the shared-mode server vectors, the
 * server-mode vectors' `mode="shared"`): `serverCheck`'s, the mode's warning quoted exactly
 * where the release printed it, and — from 0.27.2, where reading `wandb.run.step` raised after
 * `wandb.init` returned — the engine's step note quoting it, as tests/common/shared_replay.rs
 * checks them.
 */
export function sharedServerCheck(decide, doc) {
  const check = serverCheck(decide, doc);
  return (sdk, c, out) => {
    const diffs = check(sdk, c, out);
    const d = decideServerCase(decide, sdk, c);
    const quoted = (code) => d.diagnostics.find((x) => x.code === code)?.sdkMessage;
    if (!d.diagnostics.some((x) => x.code === "shared-mode")) {
      diffs.push("engine: not in the shared mode");
    }
    const printed = out.printedWarnings.find((w) => w.includes("feature is experimental"));
    if (quoted("shared-mode") !== printed) {
      diffs.push(`the mode's warning: sdk=${printed} engine=${quoted("shared-mode")}`);
    }
    const step = quoted("shared-mode-step");
    const stepRaised = typeof out.step === "string" ? out.step : undefined;
    const agrees =
      (stepRaised !== undefined && step !== undefined && stepRaised.endsWith(step)) ||
      (stepRaised === undefined && (step === undefined || (out.raised ?? null) !== null));
    if (!agrees) diffs.push(`reading wandb.run.step: sdk ${stepRaised}, engine quotes ${step}`);
    return diffs;
  };
}

/** 0.24.1+ print pydantic's error for a settings file they then ignore (a `disabled` line)
 * before the launch goes on: those lines are why the engine's settings-file-ignored warning is
 * there (which must quote them), not why wandb.init raised later. The record without them, and
 * the disagreement where the warning does not quote what was printed. */
function withoutIgnoredFileError(out, d) {
  const said = d.diagnostics.find((x) => x.code === "settings-file-ignored")?.sdkMessage;
  if (said === undefined) return [out, []];
  const printed = out.printedErrors ?? [];
  if (!printed.some((l) => l.includes(said))) {
    return [out, [`settings-file-ignored quotes ${said}; the SDK printed ${printed}`]];
  }
  return [{ ...out, printedErrors: [] }, []];
}
