/* tslint:disable */
/* eslint-disable */

/** A finding that did not stop a parse. */
export interface ParseNote { code: string; severity: "warning" | "info"; message: string; line: number; column: number }
/** One assignment, as bash performs it. */
export interface EnvVariable { name: string; value: string; line: number; column: number; unresolved: boolean; exported: boolean }
/** The environment a pasted shell block gives the job (`set -a; source block`). */
export interface EnvBlock { env: Record<string, string>; unresolved: string[]; variables: EnvVariable[]; notes: ParseNote[]; crlf: boolean }
/** A read argument whose value is an environment lookup, e.g. `id=os.environ["RUN_ID"]`. */
export interface FromEnvironment { field: "resume" | "id" | "notes" | "resume_from" | "fork_from"; variable: string; default?: string | null; line: number; column: number }
/** What a pasted `wandb.init(...)` call (or keyword list) passes for resuming. */
export interface InitCall { init: InitArgs; explicitNone: string[]; fromEnvironment: FromEnvironment[]; otherArguments: string[]; notes: ParseNote[] }


/**
 * A cell: how to get this behaviour with this method, if the documentation offers one.
 */
export interface MethodCell {
    /**
     * The behaviour (column).
     */
    behaviour: Behaviour;
    /**
     * False where the documentation says "(not available)".
     */
    available: boolean;
    /**
     * The documented value, e.g. `"allow"`; `null` where not available or where the
     * documented value is to leave the argument unset.
     */
    value: string | null;
    /**
     * The cell's text as the documentation prints it.
     */
    text: string;
    /**
     * A requirement the documentation states for this cell.
     */
    requires: string | null;
}

/**
 * A column header.
 */
export interface MethodColumn {
    /**
     * The behaviour this column stands for.
     */
    behaviour: Behaviour;
    /**
     * The documentation's heading.
     */
    title: string;
}

/**
 * A column of the documentation's method table.
 */
export type Behaviour = "never" | "always" | "specifyId" | "sameDirectory";

/**
 * A launch and its restarts.
 */
export interface Timeline {
    /**
     * Every attempt, the first launch first.
     */
    attempts: AttemptResult[];
    /**
     * Totals.
     */
    summary: TimelineSummary;
}

/**
 * A named configuration with its restarts.
 */
export interface Scenario {
    /**
     * Stable identifier, e.g. `slurm-requeue`.
     */
    id: string;
    /**
     * Short title.
     */
    title: string;
    /**
     * What happens and what it shows.
     */
    description: string;
    /**
     * The configuration.
     */
    input: ResumeInput;
    /**
     * The restarts.
     */
    attempts: Attempt[];
}

/**
 * A row of the documentation's method table.
 */
export type Method = "environment" | "init" | "default";

/**
 * A row: one way of asking for resume.
 */
export interface MethodRow {
    /**
     * The method this row stands for.
     */
    method: Method;
    /**
     * The documentation's row heading.
     */
    title: string;
    /**
     * The syntax column, e.g. `WANDB_RESUME=`.
     */
    syntax: string;
    /**
     * One cell per column, in column order.
     */
    cells: MethodCell[];
}

/**
 * How a script passes `settings=`.
 */
export type SettingsForm = "object" | "dict";

/**
 * How serious a diagnostic is.
 */
export type Severity = "error" | "warning" | "info";

/**
 * How the previous attempt ended. Each was run against the real SDKs
 * (tests/conformance/ending-vectors.json): what the end leaves of `wandb/wandb-resume.json`.
 */
export type Ending = "crashed" | "preempted" | "finished" | "exited" | "raisedSystemExit";

/**
 * One branch of a launch.
 */
export interface Outcome {
    /**
     * What happens to the run.
     */
    action: Action;
    /**
     * The value of `wandb.run.resumed`.
     */
    resumed: boolean;
    /**
     * A sentence a person can act on; quotes the SDK where it prints something.
     */
    message: string;
}

/**
 * One change the fixer made.
 */
export interface FixChange {
    /**
     * The diagnostic it fixes, e.g. `resume-wrong-case`.
     */
    code: string;
    /**
     * The field changed, e.g. `env.WANDB_RESUME`.
     */
    field: string;
    /**
     * The value before, as written (`null`: absent).
     */
    before: string | null;
    /**
     * The value after, as it would be written (`null`: removed).
     */
    after: string | null;
}

/**
 * One finding about a configuration, with a stable code and a fix.
 */
export interface Diagnostic {
    /**
     * Stable kebab-case code, e.g. `must-without-run-id`.
     */
    code: string;
    /**
     * Error, warning or info.
     */
    severity: Severity;
    /**
     * The input field concerned, e.g. `init.id` or `env.WANDB_RESUME`.
     */
    field?: string;
    /**
     * What is wrong or what happens, in plain words.
     */
    message: string;
    /**
     * How to fix it.
     */
    hint?: string;
    /**
     * What the SDK itself prints or raises in this situation, verbatim, where it does.
     */
    sdkMessage?: string;
}

/**
 * One launch's resume configuration: SDK version, environment, `wandb.init` arguments and
 * what is known about the machine and the server.
 */
export interface ResumeInput {
    /**
     * wandb SDK version whose rules apply, e.g. `"0.31.0"`; absent = the newest known.
     */
    sdk?: string;
    /**
     * The raw process environment (only `WANDB_*` keys matter), e.g. `{ WANDB_RESUME: "allow" }`.
     */
    env?: Record<string, string>;
    /**
     * Arguments passed to `wandb.init(...)`.
     */
    init?: InitArgs;
    /**
     * What is known about the filesystem, the server and the job.
     */
    context?: LaunchContext;
}

/**
 * One restart.
 */
export interface Attempt {
    /**
     * How the previous attempt ended.
     */
    after: Ending;
    /**
     * Where this attempt runs.
     */
    where: Place;
    /**
     * A changed environment for this attempt (replaces the previous one); absent = unchanged.
     */
    env?: Record<string, string>;
    /**
     * Changed `wandb.init` arguments (replace the previous ones); absent = unchanged.
     */
    init?: InitArgs;
    /**
     * The previous attempt's run was deleted in the W&B UI before this restart. W&B never
     * lets a deleted run's id be used again.
     */
    deleteRun?: boolean;
}

/**
 * Options of `deriveRunId`.
 */
export interface DeriveOptions {
    /**
     * Length of the id, 1–49 (default 16).
     */
    length?: number;
}

/**
 * Options of `sanitizeRunId`.
 */
export interface SanitizeOptions {
    /**
     * wandb SDK version whose rules judge the raw id; absent = the newest known.
     */
    sdk?: string;
}

/**
 * Something a snippet could not express, or expresses in a way worth knowing.
 */
export interface SnippetNote {
    /**
     * Stable kebab-case code, e.g. `nul-in-env`.
     */
    code: NoteCode;
    /**
     * What happened and what to do, naming the variable.
     */
    message: string;
}

/**
 * The `[default]` lines of the workspace settings file (`wandb/settings`) that bear on the
 * run mode, as the wandb CLI leaves them: `wandb offline` writes `mode = offline` (up to
 * 0.19.1 `disabled = true` as well), `wandb disabled` `mode = disabled`, `wandb enabled`
 * `mode = online`; `wandb online` removes the mode line (up to 0.19.1 the disabled line too).
 */
export interface SettingsFile {
    /**
     * The `mode` line's value: `"offline"`, `"online"` or `"disabled"`.
     */
    mode?: string | null;
    /**
     * The `disabled` line's value: `"true"`, as `wandb offline` writes it.
     */
    disabled?: string | null;
}

/**
 * The `settings=` argument of `wandb.init(...)`: its form, the names of the keys it sets
 * and the values of the keys that decide the launch, `mode`, `resume` and `run_id` (the
 * values of the others are not needed: the other keys that bear on resuming are not
 * modelled, and the input check refuses them).
 */
export interface SettingsArg {
    /**
     * `object` for `wandb.Settings(...)`, `dict` for a dict (`{...}` or `dict(...)`). Required.
     */
    form?: SettingsForm;
    /**
     * The keys given, e.g. `["start_method"]`; absent or `[]`: none.
     */
    keys?: string[];
    /**
     * The value of the `mode` key (`wandb.Settings(mode="offline")`): `"online"`,
     * `"offline"`, `"dryrun"`, `"disabled"` or `"shared"`. Each release weighs it against
     * `mode=` and `WANDB_MODE` its own way; giving it implies the key.
     */
    mode?: string | null;
    /**
     * The value of the `resume` key (`wandb.Settings(resume="allow")`), a boolean or a string
     * as `resume=` takes. Each release weighs it against `resume=` and `WANDB_RESUME` its
     * own way; giving it implies the key.
     */
    resume?: boolean | string | null;
    /**
     * The value of the `run_id` key (`wandb.Settings(run_id="abc")`), an id as `id=` takes.
     * Each release weighs it against `id=` and `WANDB_RUN_ID` its own way; giving it implies
     * the key.
     */
    runId?: string | null;
    /**
     * The value of the key that turns the service process off, `_disable_service` or
     * `x_disable_service` (`wandb.Settings(_disable_service=True)`): whether the service
     * runs decides whether a script that ends without `run.finish()` leaves the resume file,
     * and each release reads the keys its own way. `keys` names which of the two it is.
     */
    disableService?: boolean | null;
}

/**
 * The documented sanitizing of a run id, with what the SDK would make of the raw id.
 */
export interface SanitizedId {
    /**
     * The id as given.
     */
    input: string;
    /**
     * The documented rule applied: every non-word character replaced by one `-`. Never
     * truncated.
     */
    sanitized: string;
    /**
     * How many characters were replaced.
     */
    replaced: number;
    /**
     * True when `sanitized` satisfies the documented rule (non-empty, at most 64 characters).
     */
    valid: boolean;
    /**
     * An id the named SDK version accepts and the documentation allows, when one can be made
     * without losing uniqueness (`null` for an empty or over-long id).
     */
    suggested: string | null;
    /**
     * The SDK version whose rules were applied to the raw id.
     */
    sdk: string;
    /**
     * Findings about the raw id under that SDK, and about the sanitized id.
     */
    diagnostics: Diagnostic[];
}

/**
 * The effective resume mode after the SDK has read init arguments and the environment.
 */
export type ResumeMode = "allow" | "must" | "never" | "auto";

/**
 * The four snippets for one configuration, with what they could not express.
 */
export interface Snippets {
    /**
     * `export NAME=value` lines for a POSIX shell or zsh, one per `WANDB_*` variable.
     */
    shell: string;
    /**
     * The `wandb.init(...)` call with the arguments that are set, as Python literals.
     */
    python: string;
    /**
     * `ENV NAME="value"` lines for a Dockerfile, one per `WANDB_*` variable.
     */
    dockerfile: string;
    /**
     * The `env:` list of a Kubernetes container spec, as YAML.
     */
    kubernetes: string;
    /**
     * Values a syntax cannot express, or writes differently from how they were entered, in
     * the order of the variables.
     */
    notes: SnippetNote[];
}

/**
 * The input with the mechanical fixes applied.
 */
export interface FixedConfiguration {
    /**
     * The fixed input (equal to the given one when `changes` is empty).
     */
    input: ResumeInput;
    /**
     * What changed, in order.
     */
    changes: FixChange[];
    /**
     * The decision for the fixed input: what still needs the user's decision shows here.
     */
    decision: Decision;
}

/**
 * The kinds of [`SnippetNote`].
 */
export type NoteCode = "invalid-env-name" | "nul-in-env" | "newline-in-env" | "newline-in-dockerfile" | "dockerfile-line-too-long" | "env-entry-too-long" | "dollar-in-kubernetes";

/**
 * The list `scenarios()` returns.
 */
export type ScenarioList = Scenario[];

/**
 * The method-table cell a configuration lands in.
 */
export interface Cell {
    /**
     * The row: how resume was requested.
     */
    method: Method;
    /**
     * The column: what kind of resume it asks for.
     */
    behaviour: Behaviour;
    /**
     * False where the documentation's table says "(not available)" for this cell.
     */
    documented: boolean;
}

/**
 * The resume-related arguments of `wandb.init(...)`; `null` or absent means not passed.
 */
export interface InitArgs {
    /**
     * `resume=`: a boolean or a string (`"allow"`, `"must"`, `"never"`, `"auto"`, or in
     * 0.9.x a run id).
     */
    resume?: boolean | string | null;
    /**
     * `id=`: the run id.
     */
    id?: string | null;
    /**
     * `notes=`: overwrites the notes edited in the UI when the run resumes.
     */
    notes?: string | null;
    /**
     * `resume_from="<run>?_step=<N>"` (wandb ≥ 0.17.1).
     */
    resumeFrom?: string | null;
    /**
     * `fork_from="<run>?_step=<N>"` (wandb ≥ 0.16.5).
     */
    forkFrom?: string | null;
    /**
     * `mode=`: `"online"`/`"run"`, `"offline"`/`"dryrun"`, where `wandb.init` never asks W&B
     * about the run, `"disabled"` (0.10.10+), where nothing is kept, or `"shared"` (0.16.3+),
     * online as one of several writers of the run (wandb ≥ 0.10.0; beats `WANDB_MODE`).
     */
    mode?: string | null;
    /**
     * `settings=`: a `wandb.Settings(...)` object or a dict, for whatever it sets. Even one
     * that sets nothing about resuming changes the launch in some releases (0.9.x has no
     * such argument, 0.10.x–0.12.9 raise on a non-empty dict, 0.18.1–0.18.7 take an object's
     * own mode over `WANDB_MODE`).
     */
    settings?: SettingsArg;
}

/**
 * The whole table: two rows (environment, init) by four behaviours.
 */
export interface MethodTable {
    /**
     * The columns, in the documentation's order.
     */
    columns: MethodColumn[];
    /**
     * The rows, in the documentation's order.
     */
    rows: MethodRow[];
    /**
     * Where the table comes from.
     */
    source: string;
}

/**
 * Totals over a timeline.
 */
export interface TimelineSummary {
    /**
     * Distinct runs the attempts logged to: 1 is what resuming is for.
     */
    runs: number;
    /**
     * The runs, in order of first use.
     */
    runIds: string[];
    /**
     * Attempts whose `wandb.init` failed.
     */
    failedAttempts: number;
    /**
     * Attempts that resumed a run (a rewind is counted apart).
     */
    resumedAttempts: number;
    /**
     * Attempts that rewound a run to an earlier step (`resume_from`): each drops the
     * history logged after that step, so a restart that rewinds again throws away what the
     * attempt before it logged.
     */
    rewoundAttempts: number;
    /**
     * Attempts that wrote over an existing run without resuming it.
     */
    overwrittenAttempts: number;
    /**
     * One sentence: what the user ends up with.
     */
    verdict: string;
}

/**
 * What W&B will do with one configuration on one launch.
 */
export interface Decision {
    /**
     * No error diagnostics.
     */
    valid: boolean;
    /**
     * The SDK version whose rules were applied.
     */
    sdk: string;
    /**
     * The method-table cell the configuration lands in.
     */
    cell: Cell;
    /**
     * The effective resume mode (`null` = unset: never resume, overwrite an existing id).
     */
    resume: ResumeMode | null;
    /**
     * Where `resume` came from.
     */
    resumeSource: ValueSource;
    /**
     * The effective run id; `null` = generated at launch.
     */
    runId: string | null;
    /**
     * Where `runId` came from.
     */
    runIdSource: RunIdSource;
    /**
     * What happens if a run with this id already exists.
     */
    ifExists: Outcome;
    /**
     * What happens if no run with this id exists.
     */
    ifMissing: Outcome;
    /**
     * The run id `wandb/wandb-resume.json` holds once `wandb.init` has returned; `null` when
     * the file is absent then, or holds an id generated at launch (see `resumeFileAction`).
     */
    resumeFileAfter: string | null;
    /**
     * What `wandb.init` does to `wandb/wandb-resume.json`.
     */
    resumeFileAction: ResumeFileAction;
    /**
     * Errors, warnings and explanations, errors first.
     */
    diagnostics: Diagnostic[];
}

/**
 * What `wandb.init` does to the auto-resume file `wandb/wandb-resume.json`. A launch that
 * raises once its settings are made (at its run directory or later) has done it first: both
 * branches then fail with `written` (or, on 0.9.x, `removed`), and a restart reads the file.
 */
export type ResumeFileAction = "untouched" | "written" | "removed" | "notReached";

/**
 * What is known about where and how the job runs.
 */
export interface LaunchContext {
    /**
     * The run id stored in `wandb/wandb-resume.json`, if that file exists at launch.
     */
    resumeFile?: string | null;
    /**
     * Instead of `resumeFile`: the file's whole text, read as the SDK reads it
     * (`json.load(f)["run_id"]`), for a file that may not hold what wandb wrote — empty,
     * truncated, edited. Not both.
     */
    resumeFileText?: string | null;
    /**
     * Whether a run with the effective id exists on the server; absent = unknown, and the
     * decision previews both branches anyway.
     */
    runExists?: boolean | null;
    /**
     * How many processes are launched with this configuration at the same time.
     */
    processes?: number;
    /**
     * Whether a restarted process sees the same filesystem (and so the same
     * `wandb/wandb-resume.json`); absent = unknown.
     */
    sharedFilesystem?: boolean | null;
    /**
     * The run-mode lines of the workspace settings file `wandb/settings`, which
     * `wandb offline`, `wandb disabled` and `wandb enabled` write and every later launch in
     * that directory reads; absent = no such lines.
     */
    settingsFile?: SettingsFile | null;
}

/**
 * What one attempt did.
 */
export interface AttemptResult {
    /**
     * 0 for the first launch, then 1, 2, … for the restarts.
     */
    index: number;
    /**
     * How the previous attempt ended (`null` for the first launch).
     */
    after: Ending | null;
    /**
     * Where it ran (`null` for the first launch).
     */
    where: Place | null;
    /**
     * The decision for this attempt, with the context the state gave it.
     */
    decision: Decision;
    /**
     * Whether the run with the effective id existed on the server at launch.
     */
    runExisted: boolean;
    /**
     * The branch that happened.
     */
    outcome: Outcome;
    /**
     * The run this attempt logged to (a generated id is shown as `newNNNNN`); `null` when it
     * failed.
     */
    runId: string | null;
    /**
     * True when `runId` was generated at launch.
     */
    runIdGenerated: boolean;
    /**
     * `wandb/wandb-resume.json` in this attempt's directory once the attempt ended: the run
     * id it holds (`null`: no file, or one whose text gives no id).
     */
    resumeFileAtEnd: string | null;
    /**
     * The file's text when it is still there but gives no run id (from a `resumeFileText`
     * that wandb left as it was); `null` otherwise.
     */
    resumeFileTextAtEnd: string | null;
}

/**
 * What the server side of a launch does in one branch (run exists / run missing).
 */
export type Action = "create" | "resume" | "overwrite" | "fail" | "offline" | "disabled";

/**
 * Where a setting's effective value came from.
 */
export type ValueSource = "init" | "env" | "default";

/**
 * Where the effective run id came from.
 */
export type RunIdSource = "init" | "env" | "initResume" | "resumeFile" | "resumeFrom" | "generated";

/**
 * Where the next attempt runs, relative to the previous one.
 */
export type Place = "sameDirectory" | "sameFilesystem" | "newMachine";


/**
 * Largest request body the API accepts, in bytes; the JS handler stops reading past it.
 */
export function apiBodyLimit(): number;

/**
 * Probability that at least two of `runs` random ids of `length` (default 8) characters
 * collide (the birthday bound).
 */
export function collisionProbability(runs: number, length?: number): number;

/**
 * What W&B will do with `input` on one launch. Throws an `Error` with `code`
 * `invalid-input`, `lone-surrogate` or `input-too-large` for input it cannot read.
 */
export function decide(input: ResumeInput): Decision;

/**
 * `decide` for many configurations in one call: the array crosses the boundary once each
 * way, so per-configuration cost is the engine's alone. Throws like `decide`, with the index
 * in the path (`[3].init.resume`), and `input-too-large` past 100 000 configurations.
 */
export function decideMany(inputs: ResumeInput[]): Decision[];

/**
 * `decideMany` on JSON text: a JSON array of configurations in, the JSON array of their
 * decisions out (the value `decideMany` returns; `<`, `>`, `&` written as `\u003c`… as in
 * every answer of the edge API, so the text can be embedded anywhere). For callers
 * that hold JSON already (a request body, a file, a queue message) neither side builds JS
 * objects: a third of `decideMany`'s time on typical configurations (`npm run bench`).
 * Throws like `decideMany`; text that is not JSON is `invalid-input` with the line and
 * column.
 */
export function decideManyJson(text: string): string;

/**
 * A run id derived deterministically from a stable job key (e.g. `$SLURM_JOB_ID-$SLURM_ARRAY_TASK_ID`),
 * so a restart without a shared filesystem reattaches to its run. Throws `empty-key` or
 * `invalid-length`.
 */
export function deriveRunId(key: string, opts?: DeriveOptions): string;

/**
 * The configuration with every mechanical fix applied (wrong case, literals written as
 * strings, an empty `WANDB_RESUME`, ids the SDK refuses, a fixed id without resume), each
 * checked by deciding again; what needs the user's choice is left alone. Throws like
 * `decide`.
 */
export function fixConfiguration(input: ResumeInput): FixedConfiguration;

/**
 * `count` fresh random run ids of `length` (default 8) characters from `[a-z0-9]`, drawn
 * from `crypto.getRandomValues`, as one string of `count × length` characters: the JS side
 * (`js/ids.js`) cuts it into ids, so a batch crosses the boundary once. Throws
 * `invalid-length` for 0 or over 128, `invalid-count` over 100 000, `no-csprng` when the
 * platform has no CSPRNG.
 */
export function generateIdBlock(count: number, length?: number): string;

/**
 * The documentation's method table as data.
 */
export function methodTable(): MethodTable;

/**
 * Reads a pasted `.env` / `export` block the way bash does (`set -a; source`): quotes,
 * escapes, comments, `export`, CRLF line ends (flagged: bash keeps the `\r`). Throws an
 * `Error` with `code`, `line` and `column` (e.g. `unterminated-quote`).
 */
export function parseEnvBlock(text: string): EnvBlock;

/**
 * Reads a pasted `wandb.init(...)` call, or a bare keyword list (`resume=True, id="abc"`),
 * with Python's literal rules; `os.environ[...]` values are reported as coming from the
 * environment. Throws an `Error` with `code`, `line` and `column` (e.g. `non-literal`).
 */
export function parseInitCall(text: string): InitCall;

/**
 * Answers `request` with the API. `body` is the request body as a `Uint8Array` (`null` or
 * `undefined` for none), or the string `"too-large"` when more than `apiBodyLimit()` bytes
 * were announced or sent, or `"unreadable"` when the stream failed.
 */
export function respondToRequest(request: Request, body: Uint8Array | null | undefined | "too-large" | "unreadable"): Response;

/**
 * The documented run-id rule applied to `raw` (every non-word character → `-`), with what
 * the SDK would do with the raw id and a suggested id it accepts.
 */
export function sanitizeRunId(raw: string, opts?: SanitizeOptions): SanitizedId;

/**
 * The ready-made restart scenarios (preemptible job, SLURM requeue, Kubernetes restart, …).
 */
export function scenarios(): ScenarioList;

/**
 * The wandb versions worth checking against, newest first: the newest release, and for each
 * rule boundary the first release with the rule and the last one without it.
 */
export function sdkVersions(): string[];

/**
 * A launch and its restarts: for each attempt the decision, the branch the server state
 * selects, the run it logs to, and the auto-resume file; plus how many runs the job ends up
 * split into. Throws like `decide`.
 */
export function simulate(input: ResumeInput, attempts: Attempt[]): Timeline;

/**
 * Shell `export` lines, a `wandb.init(...)` call, Dockerfile `ENV` lines and a Kubernetes
 * `env:` list that reproduce the configuration's environment and init arguments exactly,
 * with notes on what a syntax cannot hold. Throws like `decide`.
 */
export function snippets(input: ResumeInput): Snippets;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly apiBodyLimit: () => number;
    readonly collisionProbability: (a: any, b: any) => [number, number, number];
    readonly decide: (a: any) => [number, number, number];
    readonly decideMany: (a: any) => [number, number, number];
    readonly decideManyJson: (a: any) => [number, number, number, number];
    readonly deriveRunId: (a: any, b: any) => [number, number, number, number];
    readonly fixConfiguration: (a: any) => [number, number, number];
    readonly generateIdBlock: (a: any, b: any) => [number, number, number, number];
    readonly methodTable: () => [number, number, number];
    readonly parseEnvBlock: (a: any) => [number, number, number];
    readonly parseInitCall: (a: any) => [number, number, number];
    readonly respondToRequest: (a: any, b: any) => [number, number, number];
    readonly sanitizeRunId: (a: any, b: any) => [number, number, number];
    readonly scenarios: () => [number, number, number];
    readonly sdkVersions: () => [number, number];
    readonly simulate: (a: any, b: any) => [number, number, number];
    readonly snippets: (a: any) => [number, number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __externref_drop_slice: (a: number, b: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
