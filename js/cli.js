#!/usr/bin/env -S node --
// The command line: check a job's resume configuration where the job runs.
//
//   npx wandb-resume check [--env-file F] [--init 'resume=True, id="abc"'] [--sdk V]
//                          [--resume-file PATH|none] [--run-exists yes|no|unknown] [--json] [--strict]
//   npx wandb-resume id [--length N] [--count N] | id --derive KEY [--length N]
//   npx wandb-resume table
//
// The `--` in the shebang ends Node's own options: Node 20 otherwise reads `--env-file F`
// anywhere on the command line as its own flag (and exits 9 when F is missing).
//
// Every rule and both parsers come from the package; this file reads files and arguments,
// calls the module and prints. It never writes to disk. Exit status: 0 valid, 1 problems
// found (errors; warnings too with --strict), 2 usage or input error.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  decide,
  deriveRunId,
  generateIds,
  methodTable,
  parseEnvBlock,
  parseInitCall,
} from "./tools/node.js";
import { SOURCE_WORDS } from "./source-words.js";

const VERSION = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;

const HELP = {
  main: `wandb-resume ${VERSION}: what Weights & Biases will do with your resume configuration.

Usage:
  wandb-resume check [options]   check the configuration this job will start with
  wandb-resume id [options]      print a new run id, or derive one from a job key
  wandb-resume table             print the documentation's method table
  wandb-resume --version

Run \`wandb-resume <command> --help\` for the options of a command.`,
  check: `Usage: wandb-resume check [options]

Reads the WANDB_* variables of the current environment (or of --env-file), the
wandb.init arguments given with --init, the auto-resume file and the run mode that
wandb offline / disabled / enabled left in wandb/settings (next to the resume file),
and prints what wandb will do on this launch:
the effective resume mode and run id, what happens if the run exists or not, and
every problem with its fix.

Options:
  --env-file FILE        read the variables from a .env / export block instead of the environment
  --init ARGS            the wandb.init keyword arguments, in Python: 'resume="allow", id="abc"'
  --sdk VERSION          the wandb version the job runs (default: the newest known)
  --resume-file PATH     the auto-resume file to read (default: where wandb keeps it, under
                         $WANDB_DIR or .: .wandb/wandb-resume.json when .wandb exists, else
                         wandb/wandb-resume.json); "none" = no such file
  --settings-file PATH   the workspace settings file to read its mode lines from (default:
                         "settings" next to the resume file); "none" = no such file
  --run-exists WHEN      yes | no | unknown (default): does a run with this id exist on W&B
  --json                 print the Decision as JSON
  --strict               warnings fail too (exit 1)
  -h, --help             this help

Exit status: 0 valid, 1 problems found, 2 usage or input error.

In a SLURM script or CI job, before the training command:
  npx wandb-resume check --sdk "$(pip show wandb | sed -n 's/^Version: //p')" || exit 1`,
  id: `Usage: wandb-resume id [--length N] [--count N]
       wandb-resume id --derive KEY [--length N]

Prints a new random run id ([a-z0-9], from the OS's CSPRNG; --length 1-128, default 8;
--count ids, one per line), or with --derive the id derived from a stable job key
(e.g. "$SLURM_JOB_ID-$SLURM_ARRAY_TASK_ID"), the same on every restart (--length 1-49,
default 16).`,
  table: `Usage: wandb-resume table

Prints the documentation's table of resume methods (rows) and behaviours (columns).`,
};

/** A usage or input error: exit status 2. */
class UsageError extends Error {}

const color = process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== "dumb";
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const red = (t) => paint("31", t);
const yellow = (t) => paint("33", t);
const green = (t) => paint("32", t);
const bold = (t) => paint("1", t);
const dim = (t) => paint("2", t);

/** The options of `command`; parseArgs in strict mode refuses unknown options and any
 * positional argument, and the message points at the command's --help. */
function parse(command, argv, options) {
  try {
    return parseArgs({
      args: argv,
      options: { help: { type: "boolean", short: "h" }, ...options },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      `${error.message}\nRun \`wandb-resume ${command} --help\` for the options.`,
    );
  }
}

/** "file:line:column: message" for a parser error from the package. */
function located(where, error) {
  if (typeof error?.line === "number") {
    return new UsageError(`${where}:${error.line}:${error.column}: ${error.message}`);
  }
  return new UsageError(`${where}: ${error?.message ?? error}`);
}

function readText(path, what) {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${path}: ${error.code === "ENOENT" ? "no such file" : error.message}`,
    );
  }
}

/** The WANDB_* variables of the environment or of an env file. */
function readEnv(envFile) {
  const env = {};
  const notes = [];
  if (envFile === undefined) {
    for (const [name, value] of Object.entries(process.env)) {
      if (name.startsWith("WANDB_") && value !== undefined) env[name] = value;
    }
    return { env, notes, source: "the environment" };
  }
  let block;
  try {
    block = parseEnvBlock(readText(envFile, "the env file"));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw located(envFile, error);
  }
  for (const [name, value] of Object.entries(block.env)) {
    if (name.startsWith("WANDB_")) env[name] = value;
  }
  for (const note of block.notes) {
    if (note.severity === "warning")
      notes.push(`${envFile}:${note.line}:${note.column}: ${note.message}`);
  }
  for (const v of block.variables) {
    if (v.unresolved && v.name.startsWith("WANDB_")) {
      notes.push(
        `${envFile}:${v.line}:${v.column}: ${v.name} depends on the job's environment; checked as written: ${JSON.stringify(v.value)}`,
      );
    }
  }
  return { env, notes, source: envFile };
}

/** The parser names arguments as Python does; the configuration uses JS names. */
const INIT_KEYS = { resume_from: "resumeFrom", fork_from: "forkFrom" };

/** The wandb.init arguments from --init. */
function readInit(text) {
  if (text === undefined) return { init: {}, notes: [] };
  let call;
  try {
    call = parseInitCall(text);
  } catch (error) {
    throw located("--init", error);
  }
  const init = { ...call.init };
  const notes = [];
  for (const name of call.explicitNone) {
    const key = INIT_KEYS[name] ?? name;
    init[key] = null;
  }
  for (const f of call.fromEnvironment) {
    const key = INIT_KEYS[f.field] ?? f.field;
    const value = process.env[f.variable] ?? f.default ?? null;
    init[key] = value;
    notes.push(
      `--init: ${f.field} comes from $${f.variable}: ${value === null ? "not set here" : JSON.stringify(value)}`,
    );
  }
  for (const note of call.notes) {
    if (note.severity === "warning")
      notes.push(`--init:${note.line}:${note.column}: ${note.message}`);
  }
  return { init, notes };
}

/**
 * The directory wandb keeps its files in (the resume file, the workspace settings):
 * `<root>/.wandb/` when that exists, else `<root>/wandb/` (every release; the root is
 * WANDB_DIR, else the working directory), and a note when `.wandb/` was chosen.
 */
function wandbDir(jobEnv) {
  const root = jobEnv.WANDB_DIR || ".";
  const dotted = join(root, ".wandb");
  return existsSync(dotted)
    ? { dir: dotted, why: ` (${dotted} exists, so wandb uses it)` }
    : { dir: join(root, "wandb"), why: "" };
}

/**
 * Where wandb looks for its file `name` (`wandb-resume.json`, `settings`; see wandbDir). Newer
 * releases let WANDB_USE_DOT_WANDB choose the directory; when it is set the choice is
 * version-dependent, so the path must be given (`option`, the CLI option that gives it).
 * Returns the path and a note saying how it was found.
 */
function defaultWandbFile(jobEnv, name, what, option) {
  if (jobEnv.WANDB_USE_DOT_WANDB !== undefined)
    throw new UsageError(
      `WANDB_USE_DOT_WANDB is set: newer wandb releases choose wandb/ or .wandb/ by it, so give the ${what} with ${option} PATH (or none)`,
    );
  const { dir, why } = wandbDir(jobEnv);
  return { path: join(dir, name), why };
}

/**
 * The run-mode lines of the workspace settings file `<wandb dir>/settings`, which
 * `wandb offline` (`mode = offline`, up to 0.19.1 also `disabled = true`), `wandb disabled` and
 * `wandb enabled` write and every later launch there reads: `{ settingsFile, note }`, with
 * `settingsFile` null when the file or the lines are absent. Read as Python's configparser
 * reads the file the CLI writes (sections, `key = value` or `key: value`, keys in any case,
 * `#` / `;` comments); what it would read otherwise (a value continued on the next line, a
 * line before any section, a key twice, the `[DEFAULT]` section) is refused, not guessed.
 * `option`: --settings-file (a path, or "none"); by default the file next to the resume file,
 * which must then be given when WANDB_USE_DOT_WANDB chooses the directory (see wandbDir).
 */
function readWorkspaceSettings(option, jobEnv) {
  const none = { settingsFile: null, note: null };
  if (option === "none") return none;
  const path =
    option ?? defaultWandbFile(jobEnv, "settings", "settings file", "--settings-file").path;
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error.code !== "ENOENT")
      throw new UsageError(`cannot read the settings file ${path}: ${error.message}`);
    return option === undefined
      ? none
      : { ...none, note: `${path}: no such file (checked as absent)` };
  }
  const refuse = (line, why) => {
    throw new UsageError(
      `${path}, line ${line}: ${why}; wandb reads that file when the job starts, and this check reads only what the wandb CLI writes there`,
    );
  };
  const found = {};
  let section = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    if (/^\s/.test(raw)) refuse(i + 1, "a value continued on an indented line");
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      section = header[1];
      return;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!pair) refuse(i + 1, `\`${line}\` is not a setting`);
    if (section === null) refuse(i + 1, "a setting before any [section]");
    const key = pair[1].toLowerCase();
    if (!["mode", "disabled"].includes(key) || !["default", "DEFAULT"].includes(section)) return;
    if (section === "DEFAULT") refuse(i + 1, `\`${key}\` in the [DEFAULT] section`);
    if (Object.hasOwn(found, key)) refuse(i + 1, `\`${key}\` set twice`);
    found[key] = pair[2];
  });
  if (Object.keys(found).length === 0) return { settingsFile: null, note: null };
  const shown = Object.entries(found).map(([k, v]) => `${k} = ${v}`);
  return { settingsFile: found, note: `read ${path}: ${shown.join(", ")}` };
}

/** The text of wandb-resume.json (null when the file is absent), as bytes decoded from UTF-8:
 * the package reads it as the SDK does, whatever it holds. `jobEnv`: the job's WANDB_*
 * variables, for where wandb keeps the file. */
function readResumeFile(option, jobEnv) {
  if (option === "none") return { text: null, note: null };
  const found =
    option === undefined
      ? defaultWandbFile(jobEnv, "wandb-resume.json", "resume file", "--resume-file")
      : { path: option, why: "" };
  const path = found.path;
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if (error.code === "ENOENT" && option === undefined)
      return { text: null, note: found.why ? `${path}: no such file${found.why}` : null };
    if (error.code === "ENOENT")
      return { text: null, note: `${path}: no such file (checked as absent)` };
    throw new UsageError(`cannot read the resume file ${path}: ${error.message}`);
  }
  let text;
  try {
    // A byte-order mark stays: the SDK's json.load refuses it, so it must be seen.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UsageError(
      `${path}: not UTF-8 text; wandb reads it in the locale's encoding (with UTF-8, wandb.init raises UnicodeDecodeError), which this package does not model`,
    );
  }
  return { text, note: `read ${path} (${bytes.length} bytes)${found.why}` };
}

/** Exit status 1 when `wandb.init` would fail, or with --strict when anything warns. */
function failed(d, strict) {
  return !d.valid || (strict && d.diagnostics.some((x) => x.severity === "warning"));
}

function printDecision(d, notes, strict) {
  const errors = d.diagnostics.filter((x) => x.severity === "error");
  const warnings = d.diagnostics.filter((x) => x.severity === "warning");
  const headline = errors.length
    ? red(bold("✗ wandb.init will fail"))
    : warnings.length
      ? yellow(bold(`⚠ valid, with ${warnings.length} warning${warnings.length > 1 ? "s" : ""}`))
      : green(bold("✓ valid"));
  const lines = [`${headline} ${dim(`(rules of wandb ${d.sdk})`)}`, ""];
  lines.push(
    `  resume   ${d.resume === null ? "unset" : d.resume}  ${dim(SOURCE_WORDS[d.resumeSource])}`,
  );
  lines.push(
    `  run id   ${d.runId === null ? "a new random id" : JSON.stringify(d.runId)}  ${dim(SOURCE_WORDS[d.runIdSource])}`,
  );
  lines.push(`  if the run exists:  ${d.ifExists.action} — ${d.ifExists.message}`);
  lines.push(`  if it does not:     ${d.ifMissing.action} — ${d.ifMissing.message}`);
  if (d.diagnostics.length) lines.push("");
  for (const x of d.diagnostics) {
    const tag =
      x.severity === "error"
        ? red("error")
        : x.severity === "warning"
          ? yellow("warning")
          : dim("info");
    lines.push(`${tag} ${bold(x.code)}${x.field ? dim(` (${x.field})`) : ""}: ${x.message}`);
    if (x.hint) lines.push(`  fix: ${x.hint}`);
    if (x.sdkMessage) lines.push(dim(`  wandb says: ${x.sdkMessage}`));
  }
  if (notes.length) lines.push("", ...notes.map((n) => dim(`note: ${n}`)));
  console.log(lines.join("\n"));
  return failed(d, strict) ? 1 : 0;
}

function check(argv) {
  const { values } = parse("check", argv, {
    "env-file": { type: "string" },
    init: { type: "string" },
    sdk: { type: "string" },
    "resume-file": { type: "string" },
    "settings-file": { type: "string" },
    "run-exists": { type: "string" },
    json: { type: "boolean" },
    strict: { type: "boolean" },
  });
  if (values.help) return help("check");
  const runExists = { yes: true, no: false, unknown: null }[values["run-exists"] ?? "unknown"];
  if (runExists === undefined)
    throw new UsageError(
      `--run-exists takes yes, no or unknown, not ${JSON.stringify(values["run-exists"])}`,
    );
  const env = readEnv(values["env-file"]);
  const init = readInit(values.init);
  const file = readResumeFile(values["resume-file"], env.env);
  const workspace = readWorkspaceSettings(values["settings-file"], env.env);
  const input = {
    env: env.env,
    init: init.init,
    context: { resumeFileText: file.text, runExists },
  };
  if (workspace.settingsFile) input.context.settingsFile = workspace.settingsFile;
  if (values.sdk !== undefined) input.sdk = values.sdk;
  let decision;
  try {
    decision = decide(input);
  } catch (error) {
    throw new UsageError(`cannot check this configuration: ${error.message}`);
  }
  const notes = [...env.notes, ...init.notes, file.note, workspace.note].filter(Boolean);
  if (values.json) {
    console.log(JSON.stringify(decision, null, 2));
    for (const n of notes) console.error(`note: ${n}`);
    return failed(decision, values.strict) ? 1 : 0;
  }
  return printDecision(decision, notes, values.strict);
}

function wholeNumber(text, name) {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new UsageError(`${name} takes a whole number, not ${JSON.stringify(text)}`);
  return Number(text);
}

function id(argv) {
  const { values } = parse("id", argv, {
    length: { type: "string" },
    count: { type: "string" },
    derive: { type: "string" },
  });
  if (values.help) return help("id");
  const length = wholeNumber(values.length, "--length");
  const count = wholeNumber(values.count, "--count") ?? 1;
  try {
    if (values.derive !== undefined) {
      if (values.count !== undefined)
        throw new UsageError("--derive gives one id per key; --count does not apply");
      console.log(deriveRunId(values.derive, length === undefined ? undefined : { length }));
      return 0;
    }
    if (count < 1 || count > 100000)
      throw new UsageError(`--count takes 1 to 100000, not ${count}`);
    console.log(generateIds(count, length).join("\n"));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error.message);
  }
}

function table(argv) {
  const { values } = parse("table", argv, {});
  if (values.help) return help("table");
  const t = methodTable();
  const rows = [["", ...t.columns.map((c) => c.title)]];
  for (const row of t.rows)
    rows.push([`${row.title} (${row.syntax})`, ...row.cells.map((c) => c.text)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  const line = (r) =>
    r.map((cell, i) => cell + " ".repeat(widths[i] - [...cell].length)).join(" | ");
  console.log(
    [line(rows[0]), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.slice(1).map(line)].join(
      "\n",
    ),
  );
  console.log(dim(`\n${t.source}`));
  return 0;
}

function help(command) {
  console.log(HELP[command]);
  return 0;
}

function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case "check":
      return check(rest);
    case "id":
      return id(rest);
    case "table":
      return table(rest);
    case "--version":
    case "-V":
      console.log(VERSION);
      return 0;
    case undefined:
    case "--help":
    case "-h":
    case "help":
      return help("main");
    default:
      throw new UsageError(
        `unknown command ${JSON.stringify(command)}; run \`wandb-resume --help\``,
      );
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`wandb-resume: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(`wandb-resume: internal error: ${error?.stack ?? error}`);
    process.exitCode = 2;
  }
}
