// The web form. Every rule comes from the package (the same .wasm as everywhere else): this
// file only reads the form into a ResumeInput, calls the module, and renders the answer
// with textContent — user input is never parsed as HTML.
import {
  decide,
  deriveRunId,
  fixConfiguration,
  generateId,
  init,
  methodTable,
  parseEnvBlock,
  parseInitCall,
  scenarios,
  sdkVersions,
  simulate,
  snippets,
} from "./module/js/tools/web.js";
import { SOURCE_WORDS } from "./module/js/source-words.js";
import { ENDING_WORDS, PLACE_WORDS } from "./timeline-words.js";

/** The environment variables the SDK reads for resuming and for the mode, in the order shown. */
const ENV_VARS = [
  ["WANDB_RESUME", "allow, must, never, auto"],
  ["WANDB_RUN_ID", "the run id"],
  ["WANDB_SWEEP_ID", "set by the sweep agent"],
  ["WANDB_RESUME_FROM", "<run>?_step=<N>"],
  ["WANDB_FORK_FROM", "<run>?_step=<N>"],
  ["WANDB_NOTES", "run notes"],
  ["WANDB_MODE", "online, offline, disabled, shared"],
  ["WANDB_DISABLED", "true, false: offline in 0.12.10–0.18.7, ignored by the others"],
  ["WANDB_DISABLE_SERVICE", "true, false: the service process (0.13.0–0.19.x)"],
];
/** The string arguments of wandb.init read for resuming: [JS name, Python name]. */
const INIT_STRINGS = [
  ["id", "id"],
  ["resumeFrom", "resume_from"],
  ["forkFrom", "fork_from"],
  ["notes", "notes"],
  ["mode", "mode"],
];
const $ = (id) => document.getElementById(id);

/** Creates an element with text content and attributes; never parses markup. */
function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  return node;
}

/** A text field with a "set" checkbox: unchecked = not set, checked + empty = set to "". */
function optionalField(container, { key, label, hint }) {
  const row = el("div", null, { class: "field" });
  const box = el("input", null, { type: "checkbox", id: `${key}-set` });
  const name = el("label", null, { for: `${key}-set` });
  name.append(el("code", label));
  const input = el("input", null, {
    id: key,
    "aria-label": `${label} value`,
    placeholder: hint,
    spellcheck: "false",
    autocomplete: "off",
  });
  const note = el("span", null, { id: `${key}-note`, class: "warning field-note", hidden: "" });
  input.setAttribute("aria-describedby", note.id);
  input.addEventListener("input", () => {
    box.checked = true;
    setFieldValue(input, input.value);
  });
  box.addEventListener("change", () => {
    if (!box.checked) setFieldValue(input, "");
  });
  row.append(box, name, input, note);
  container.append(row);
}

/** The `settings=` row: its form (not passed, `wandb.Settings(…)`, a dict) and the names of
 * the keys it sets, those that decide the launch with their values (`mode=offline`,
 * `run_id=abc`, `resume=True`). The form state holds it as one string, `<form>:<key>,<key>`. */
function settingsField(container) {
  const name = el("label", null, { for: "init-settings" });
  name.append(el("code", "settings="));
  const row = el("div", null, { class: "row" });
  const select = el("select", null, { id: "init-settings" });
  for (const [value, text] of [
    ["", "not passed"],
    ["object", "wandb.Settings(…)"],
    ["dict", "a dict {…}"],
  ]) {
    select.append(el("option", text, { value }));
  }
  const keys = el("input", null, {
    id: "init-settings-keys",
    "aria-label": "settings= keys",
    placeholder: "its keys, e.g. start_method, mode=offline, run_id=abc",
    spellcheck: "false",
    autocomplete: "off",
    hidden: "",
  });
  select.addEventListener("change", () => (keys.hidden = !select.value));
  row.append(select, keys);
  container.append(name, row);
}

/** Variables the package refuses as not modelled: other spellings of WANDB_DISABLE_SERVICE,
 * which the settings read as their own key (the input check says so for the API and CLI). */
const NOT_MODELLED_ENV = ["WANDB__DISABLE_SERVICE", "WANDB_X_DISABLE_SERVICE"];

/** The settings keys read with their values, and the input field each value goes to (the
 * two names of the key that turns the service process off share one). */
const SETTINGS_VALUES = {
  mode: "mode",
  resume: "resume",
  run_id: "runId",
  _disable_service: "disableService",
  x_disable_service: "disableService",
};

/** The keys whose value is a boolean (`True` / `False`); `resume` takes either. */
const SETTINGS_BOOLEANS = new Set(["resume", "_disable_service", "x_disable_service"]);

/** `settings=` from its form-state string (`null`: not passed); `<key>=<value>` gives the
 * mode, resume, run_id or service key with its value (quotes around it dropped; `True` and
 * `False` are the booleans of `resume` and the service keys). */
function settingsInput(text) {
  if (!text) return null;
  const at = text.indexOf(":");
  const form = at < 0 ? text : text.slice(0, at);
  const settings = { form, keys: [] };
  for (const item of (at < 0 ? "" : text.slice(at + 1)).split(",")) {
    const [key, value] = item.split("=", 2).map((part) => part.trim());
    if (!key) continue;
    settings.keys.push(key);
    const field = Object.hasOwn(SETTINGS_VALUES, key) ? SETTINGS_VALUES[key] : undefined;
    if (field && value !== undefined) {
      const bool = SETTINGS_BOOLEANS.has(key) && ["True", "False"].includes(value);
      settings[field] = bool ? value === "True" : value.replace(/^(["'])(.*)\1$/, "$2");
    }
  }
  return settings;
}

/** The keys of `settings=` as the form shows them: those with a value as `key=value`. */
function settingsKeys(settings) {
  const shown = (key) => {
    const value = settings[SETTINGS_VALUES[key]];
    if (!Object.hasOwn(SETTINGS_VALUES, key) || value === undefined || value === null) return key;
    return `${key}=${typeof value === "boolean" ? (value ? "True" : "False") : value}`;
  };
  const listed = settings.keys ?? [];
  const keys = listed.map(shown);
  // A value whose key is not listed is shown under the first name of its field.
  const fields = new Set(
    listed.filter((k) => Object.hasOwn(SETTINGS_VALUES, k)).map((k) => SETTINGS_VALUES[k]),
  );
  for (const [key, field] of Object.entries(SETTINGS_VALUES)) {
    const given = settings[field] !== undefined && settings[field] !== null;
    if (given && !fields.has(field)) {
      keys.push(shown(key));
      fields.add(field);
    }
  }
  return keys;
}

/** A text field's value. A text input cannot hold line breaks (the browser strips them), so
 * a value with `\r` or `\n` (a CRLF paste, a link) is kept exactly beside the field. */
function fieldValue(input) {
  return input.dataset.exact ?? input.value;
}

function setFieldValue(input, value) {
  const note = document.getElementById(`${input.id}-note`);
  if (/[\r\n]/.test(value)) {
    input.value = value;
    input.dataset.exact = value;
    if (note) {
      const what = value.includes("\r")
        ? "a carriage return (\\r, from Windows line ends)"
        : "a line break";
      note.textContent = `holds ${what}: ${JSON.stringify(value)}`;
      note.hidden = false;
    }
  } else {
    if (input.value !== value) input.value = value;
    delete input.dataset.exact;
    if (note) {
      note.textContent = "";
      note.hidden = true;
    }
  }
}

/** The resume file as a run id (one line) or as its whole text (a box that keeps lines). */
function showFileKind() {
  const asText = $("ctx-file-kind").value === "text";
  $("ctx-file").hidden = asText;
  $("ctx-file-text").hidden = !asText;
}

function buildForm() {
  for (const [name, hint] of ENV_VARS)
    optionalField($("env"), { key: `env-${name}`, label: name, hint });
  for (const [js, py] of INIT_STRINGS) {
    optionalField($("init"), { key: `init-${js}`, label: `${py}=`, hint: "not passed" });
  }
  settingsField($("init"));
  for (const v of sdkVersions()) $("sdk-versions").append(el("option", null, { value: v }));
  $("init-resume").addEventListener("change", () => {
    $("init-resume-text").hidden = $("init-resume").value !== "text";
  });
  $("ctx-file").addEventListener("input", () => ($("ctx-file-set").checked = true));
  $("ctx-file-text").addEventListener("input", () => ($("ctx-file-set").checked = true));
  $("ctx-file-kind").addEventListener("change", showFileKind);
}

// ---------------------------------------------------------------- form state <-> input

/** Reads the form into the form state (plain strings; also what the URL holds). */
function readState() {
  const state = { sdk: $("sdk").value.trim(), env: {}, init: {}, ctx: {} };
  for (const [name] of ENV_VARS) {
    if ($(`env-${name}-set`).checked) state.env[name] = fieldValue($(`env-${name}`));
  }
  const resume = $("init-resume").value;
  if (resume === "text") state.init.resume = `s:${$("init-resume-text").value}`;
  else if (resume) state.init.resume = resume;
  for (const [js] of INIT_STRINGS) {
    if ($(`init-${js}-set`).checked) state.init[js] = fieldValue($(`init-${js}`));
  }
  if ($("init-settings").value) {
    state.init.settings = `${$("init-settings").value}:${$("init-settings-keys").value}`;
  }
  if ($("ctx-file-set").checked) {
    if ($("ctx-file-kind").value === "text") state.ctx.fileText = $("ctx-file-text").value;
    else state.ctx.file = $("ctx-file").value;
  }
  state.ctx.exists = document.querySelector("input[name=runExists]:checked").value;
  state.ctx.shared = document.querySelector("input[name=shared]:checked").value;
  state.ctx.processes = $("ctx-processes").value;
  if ($("ctx-settings-file").value) state.ctx.settingsFile = $("ctx-settings-file").value;
  state.restarts = readRestarts();
  return state;
}

/** Writes a form state into the form. */
function writeState(state) {
  $("sdk").value = state.sdk ?? "";
  for (const [name] of ENV_VARS) {
    const set = Object.hasOwn(state.env, name);
    $(`env-${name}-set`).checked = set;
    setFieldValue($(`env-${name}`), set ? state.env[name] : "");
  }
  const resume = state.init.resume ?? "";
  const known = [...$("init-resume").options].some((o) => o.value === resume);
  $("init-resume").value = known ? resume : resume.startsWith("s:") ? "text" : "";
  $("init-resume-text").value = !known && resume.startsWith("s:") ? resume.slice(2) : "";
  $("init-resume-text").hidden = $("init-resume").value !== "text";
  for (const [js] of INIT_STRINGS) {
    const set = Object.hasOwn(state.init, js);
    $(`init-${js}-set`).checked = set;
    setFieldValue($(`init-${js}`), set ? state.init[js] : "");
  }
  const settings = settingsInput(state.init.settings);
  const form = ["object", "dict"].includes(settings?.form) ? settings.form : "";
  $("init-settings").value = form;
  $("init-settings-keys").value = form ? settingsKeys(settings).join(", ") : "";
  $("init-settings-keys").hidden = !form;
  const asText = Object.hasOwn(state.ctx, "fileText");
  $("ctx-file-set").checked = asText || Object.hasOwn(state.ctx, "file");
  $("ctx-file-kind").value = asText ? "text" : "id";
  $("ctx-file").value = state.ctx.file ?? "";
  $("ctx-file-text").value = state.ctx.fileText ?? "";
  showFileKind();
  for (const [name, value] of [
    ["runExists", state.ctx.exists],
    ["shared", state.ctx.shared],
  ]) {
    const radio = document.querySelector(
      `input[name=${name}][value="${value === "yes" || value === "no" ? value : "unknown"}"]`,
    );
    radio.checked = true;
  }
  $("ctx-processes").value = /^\d+$/.test(state.ctx.processes ?? "") ? state.ctx.processes : "1";
  $("ctx-settings-file").value = settingsFileLines(state.ctx.settingsFile)
    ? state.ctx.settingsFile
    : "";
  writeRestarts(state.restarts);
}

const tri = (v) => (v === "yes" ? true : v === "no" ? false : null);

/** The `wandb/settings` lines each choice of the form stands for (`context.settingsFile`). */
const SETTINGS_FILE_CHOICES = {
  offline: { mode: "offline" },
  "disabled-offline": { disabled: "true", mode: "offline" },
  "disabled-only": { disabled: "true" },
  disabled: { mode: "disabled" },
  online: { mode: "online" },
};

/** The lines the form's choice `choice` stands for; null for none, or a choice it has not. */
const settingsFileLines = (choice) =>
  Object.hasOwn(SETTINGS_FILE_CHOICES, choice ?? "") ? SETTINGS_FILE_CHOICES[choice] : null;

/** The form's choice for `context.settingsFile` (`""`: none, or lines it has no choice for). */
function settingsFileChoice(lines) {
  const same = ([, c]) => c.mode === lines?.mode && c.disabled === lines?.disabled;
  return Object.entries(SETTINGS_FILE_CHOICES).find(same)?.[0] ?? "";
}

/** The ResumeInput the package takes, from a form state. */
function toInput(state) {
  const input = { env: { ...state.env }, init: {}, context: {} };
  if (state.sdk) input.sdk = state.sdk;
  const r = state.init.resume;
  if (r === "none") input.init.resume = null;
  else if (r === "true" || r === "false") input.init.resume = r === "true";
  else if (r?.startsWith("s:")) input.init.resume = r.slice(2);
  for (const [js] of INIT_STRINGS)
    if (Object.hasOwn(state.init, js)) input.init[js] = state.init[js];
  const settings = settingsInput(state.init.settings);
  if (settings) input.init.settings = settings;
  input.context.resumeFile = Object.hasOwn(state.ctx, "file") ? state.ctx.file : null;
  if (Object.hasOwn(state.ctx, "fileText")) input.context.resumeFileText = state.ctx.fileText;
  input.context.runExists = tri(state.ctx.exists);
  input.context.sharedFilesystem = tri(state.ctx.shared);
  const processes = Number(state.ctx.processes);
  if (Number.isInteger(processes) && processes >= 1 && processes <= 1_000_000) {
    input.context.processes = processes;
  }
  const lines = settingsFileLines(state.ctx.settingsFile);
  if (lines) input.context.settingsFile = { ...lines };
  return input;
}

/** The URL fragment for a form state: readable `key=value` pairs, only what is set. */
function toFragment(state) {
  const p = new URLSearchParams();
  if (state.sdk) p.set("sdk", state.sdk);
  for (const [k, v] of Object.entries(state.env)) p.set(`env.${k}`, v);
  for (const [k, v] of Object.entries(state.init)) p.set(`init.${k}`, v);
  if (Object.hasOwn(state.ctx, "file")) p.set("ctx.file", state.ctx.file);
  if (Object.hasOwn(state.ctx, "fileText")) p.set("ctx.fileText", state.ctx.fileText);
  if (state.ctx.exists !== "unknown") p.set("ctx.exists", state.ctx.exists);
  if (state.ctx.shared !== "unknown") p.set("ctx.shared", state.ctx.shared);
  if (state.ctx.processes && state.ctx.processes !== "1")
    p.set("ctx.processes", state.ctx.processes);
  if (state.ctx.settingsFile) p.set("ctx.settingsFile", state.ctx.settingsFile);
  if (!sameRestarts(state.restarts, defaultRestarts())) {
    if (state.restarts.length === 0) p.set("restarts", "none");
    for (const r of state.restarts) p.append("restart", `${r.after}.${r.where}`);
  }
  return p.toString();
}

/** A form state from a URL fragment; unknown keys are ignored. */
function fromFragment(fragment) {
  const p = new URLSearchParams(fragment.replace(/^#/, ""));
  const state = {
    sdk: p.get("sdk") ?? "",
    env: {},
    init: {},
    ctx: {},
    restarts: restartsFromFragment(p),
  };
  for (const [name] of ENV_VARS) if (p.has(`env.${name}`)) state.env[name] = p.get(`env.${name}`);
  if (p.has("init.resume")) state.init.resume = p.get("init.resume");
  for (const [js] of INIT_STRINGS) if (p.has(`init.${js}`)) state.init[js] = p.get(`init.${js}`);
  if (p.has("init.settings")) state.init.settings = p.get("init.settings");
  if (p.has("ctx.fileText")) state.ctx.fileText = p.get("ctx.fileText");
  else if (p.has("ctx.file")) state.ctx.file = p.get("ctx.file");
  state.ctx.exists = p.get("ctx.exists") ?? "unknown";
  state.ctx.shared = p.get("ctx.shared") ?? "unknown";
  state.ctx.processes = p.get("ctx.processes") ?? "1";
  if (p.has("ctx.settingsFile")) state.ctx.settingsFile = p.get("ctx.settingsFile");
  return state;
}

// ---------------------------------------------------------------- rendering

function renderDecision(d, input) {
  const verdict = $("verdict");
  verdict.replaceChildren(
    el("strong", d.valid ? "Valid" : "wandb.init will fail", { class: d.valid ? "ok" : "bad" }),
    el("span", ` — rules of wandb ${d.sdk}`),
  );
  const dl = $("effective");
  dl.replaceChildren();
  const pair = (term, value, source) => {
    dl.append(el("dt", term));
    const dd = el("dd");
    dd.append(el("code", value), el("span", ` ${source}`, { class: "source" }));
    dl.append(dd);
  };
  pair(
    "resume",
    d.resume === null ? "unset" : JSON.stringify(d.resume),
    SOURCE_WORDS[d.resumeSource],
  );
  pair(
    "run id",
    d.runId === null ? "a new random id" : JSON.stringify(d.runId),
    SOURCE_WORDS[d.runIdSource],
  );
  pair(
    "wandb-resume.json after launch",
    d.resumeFileAfter !== null
      ? JSON.stringify(d.resumeFileAfter)
      : d.resumeFileAction === "written"
        ? "the generated id"
        : typeof input.context.resumeFileText === "string" && d.resumeFileAction !== "removed"
          ? "the same text"
          : "absent",
    `(${d.resumeFileAction})`,
  );

  const branches = $("branches");
  branches.replaceChildren();
  for (const [title, o] of [
    ["If the run exists on W&B", d.ifExists],
    ["If it does not", d.ifMissing],
  ]) {
    const card = el("article", null, { class: `branch ${o.action}` });
    card.append(el("h4", title), el("p", null));
    card.lastChild.append(
      el("strong", o.action),
      el("span", o.resumed ? " (wandb.run.resumed = True)" : ""),
    );
    card.append(el("p", o.message));
    branches.append(card);
  }

  const list = $("diagnostics");
  list.replaceChildren();
  if (d.diagnostics.length === 0) list.append(el("li", "Nothing to report."));
  for (const diag of d.diagnostics) {
    const item = el("li", null, { class: diag.severity });
    item.append(
      el("span", diag.severity, { class: "severity" }),
      el("code", diag.code),
      el("p", diag.message),
    );
    if (diag.hint) item.append(el("p", `Fix: ${diag.hint}`, { class: "hint" }));
    if (diag.sdkMessage) {
      const quote = el("blockquote", null);
      quote.append(el("span", "The SDK says: "), el("q", diag.sdkMessage));
      item.append(quote);
    }
    list.append(item);
  }
}

let table = null;

function renderMethodTable(cell) {
  table ??= methodTable();
  const t = $("method-table");
  t.replaceChildren();
  const head = el("tr");
  head.append(el("th", "method", { scope: "col" }));
  for (const c of table.columns) head.append(el("th", c.title, { scope: "col" }));
  t.append(el("thead"));
  t.firstChild.append(head);
  const body = el("tbody");
  for (const row of table.rows) {
    const tr = el("tr");
    const th = el("th", null, { scope: "row" });
    th.append(el("span", row.title), el("br"), el("code", row.syntax));
    tr.append(th);
    for (const c of row.cells) {
      const here = cell && row.method === cell.method && c.behaviour === cell.behaviour;
      const td = el(
        "td",
        c.text,
        here ? { class: "here", "aria-current": "true", title: "your configuration" } : {},
      );
      if (!c.available) td.classList.add("na");
      tr.append(td);
    }
    body.append(tr);
  }
  t.append(body);
  if (cell && !cell.documented) {
    $("method-table").caption?.remove();
    const caption = el(
      "caption",
      "Your configuration is in a cell the documentation marks as not available.",
    );
    t.prepend(caption);
  }
}

// ---------------------------------------------------------------- restarts

/** The package's examples (`scenarios()`): a configuration with its restarts. */
let scenarioList = null;

/** A timeline's attempts as the restart list holds them. */
const restartsOf = (attempts) => attempts.map(({ after, where }) => ({ after, where }));

/** The restarts shown before anyone chooses: the first example's (preempted twice, same
 * directory — the documentation's own case). */
const defaultRestarts = () => restartsOf(scenarioList[0].attempts);

const sameRestarts = (a, b) =>
  a.length === b.length && a.every((r, i) => r.after === b[i].after && r.where === b[i].where);

/** The restarts a link holds: `restart=ending.place` repeated, `restarts=none` for none, an
 * older link's `scenario=id` (that example's restarts), else the default. */
function restartsFromFragment(p) {
  if (p.has("restart")) {
    return p.getAll("restart").map((r) => {
      const dot = r.indexOf(".");
      return dot < 0
        ? { after: r, where: "" }
        : { after: r.slice(0, dot), where: r.slice(dot + 1) };
    });
  }
  if (p.get("restarts") === "none") return [];
  const example = scenarioList.find((s) => s.id === p.get("scenario"));
  return example ? restartsOf(example.attempts) : defaultRestarts();
}

/** A choice among `words`, showing a value it does not know (from an edited link) as such, so
 * the package's error about it is what the table shows instead of a silent substitute. */
function restartChoice(words, value, what, label) {
  const select = el("select", null, { "aria-label": label, "data-part": what });
  for (const [key, w] of Object.entries(words)) select.append(el("option", w.long, { value: key }));
  if (!Object.hasOwn(words, value)) {
    select.append(el("option", `${JSON.stringify(value)}: not a known ${what}`, { value }));
  }
  select.value = value;
  return select;
}

/** Draws the restart list: for each, how the attempt before it ended and where it starts. */
function writeRestarts(restarts) {
  const list = $("restarts");
  list.replaceChildren();
  restarts.forEach((r, i) => {
    const n = i + 1;
    const item = el("li", null, { class: "restart" });
    const remove = el("button", "Remove", {
      type: "button",
      "aria-label": `Remove restart ${n}`,
    });
    remove.addEventListener("click", () => {
      const rest = readRestarts();
      rest.splice(i, 1);
      writeRestarts(rest);
      update();
      // Keyboard users stay in the list: on the restart that took this place, else on Add.
      const next = $("restarts").children[Math.min(i, rest.length - 1)];
      (next?.querySelector("button") ?? $("restart-add")).focus();
    });
    item.append(
      el("span", "the attempt before it"),
      restartChoice(
        ENDING_WORDS,
        r.after,
        "ending",
        `Restart ${n}: how the attempt before it ended`,
      ),
      el("span", "then it starts again"),
      restartChoice(PLACE_WORDS, r.where, "place", `Restart ${n}: where it starts again`),
      remove,
    );
    list.append(item);
  });
}

/** The restarts as the list shows them. */
function readRestarts() {
  return [...$("restarts").children].map((item) => ({
    after: item.querySelector("[data-part=ending]").value,
    where: item.querySelector("[data-part=place]").value,
  }));
}

function addRestart() {
  const restarts = readRestarts();
  restarts.push(restarts.at(-1) ?? { after: "preempted", where: "sameDirectory" });
  writeRestarts(restarts);
  update();
  $("restarts").lastElementChild?.querySelector("select")?.focus();
}

/** The form state of `wandb.init` arguments (`InitArgs`); `explicitNone`: `resume=None` was
 * written out, which the form shows as such. */
function initState(init, explicitNone) {
  const state = {};
  const r = init.resume;
  if (r === true || r === false) state.resume = String(r);
  else if (typeof r === "string") state.resume = `s:${r}`;
  else if (explicitNone) state.resume = "none";
  for (const [js] of INIT_STRINGS) {
    if (typeof init[js] === "string") state[js] = init[js];
  }
  if (init.settings)
    state.settings = `${init.settings.form}:${settingsKeys(init.settings).join(",")}`;
  return state;
}

/** The form state an example's configuration fills, keeping the SDK version typed (the
 * examples hold for any version; the version is the job's). */
function exampleState(example, sdk) {
  const { env = {}, init = {}, context = {} } = example.input;
  const state = { sdk, env: { ...env }, init: initState(init, init.resume === null), ctx: {} };
  if (typeof context.resumeFile === "string") state.ctx.file = context.resumeFile;
  if (typeof context.resumeFileText === "string") state.ctx.fileText = context.resumeFileText;
  const word = (v) => (v === true ? "yes" : v === false ? "no" : "unknown");
  state.ctx.exists = word(context.runExists);
  state.ctx.shared = word(context.sharedFilesystem);
  state.ctx.processes = String(context.processes ?? 1);
  const fileChoice = settingsFileChoice(context.settingsFile);
  if (fileChoice) state.ctx.settingsFile = fileChoice;
  state.restarts = restartsOf(example.attempts);
  return state;
}

/** The link of the example last loaded: its description stays while the form still holds
 * exactly it, and goes with the first change. */
let loadedExample = null;

function loadExample() {
  const example = scenarioList.find((s) => s.id === $("example").value);
  if (!example) return;
  writeState(exampleState(example, $("sdk").value.trim()));
  loadedExample = toFragment(readState());
  $("example-description").textContent = `${example.title}: ${example.description}`;
  update();
}

function renderTimeline(input, restarts) {
  const t = $("timeline");
  t.replaceChildren();
  let timeline;
  try {
    timeline = simulate(input, restarts);
  } catch (error) {
    $("timeline-summary").textContent = `Cannot simulate: ${error.message}`;
    return;
  }
  $("timeline-summary").textContent = timeline.summary.verdict;
  const head = el("tr");
  for (const h of [
    "#",
    "after",
    "where",
    "outcome",
    "run",
    "wandb-resume.json at the end",
    "what wandb does",
  ]) {
    head.append(el("th", h, { scope: "col" }));
  }
  t.append(el("thead"));
  t.firstChild.append(head);
  const body = el("tbody");
  for (const a of timeline.attempts) {
    const tr = el("tr", null, { class: a.outcome.action });
    for (const v of [
      a.index,
      a.after === null ? "first launch" : ENDING_WORDS[a.after].short,
      a.where === null ? "" : PLACE_WORDS[a.where].short,
      a.outcome.action + (a.outcome.resumed ? " (resumed)" : ""),
      a.runId ?? "—",
      a.resumeFileAtEnd ??
        (a.resumeFileTextAtEnd === null
          ? "absent"
          : `unchanged: ${JSON.stringify(a.resumeFileTextAtEnd)}`),
      a.outcome.message,
    ]) {
      tr.append(el("td", v));
    }
    if (a.runIdGenerated)
      tr.children[4].append(el("span", " generated at launch", { class: "source" }));
    body.append(tr);
  }
  t.append(body);
}

/** The mechanical fixes (the package decides which are safe), with their snippets. */
function renderFixed(input) {
  const section = $("fixed");
  let fixed;
  try {
    fixed = fixConfiguration(input);
  } catch {
    section.hidden = true;
    return;
  }
  section.hidden = fixed.changes.length === 0;
  const list = $("fixed-changes");
  list.replaceChildren();
  for (const c of fixed.changes) {
    const item = el("li");
    item.append(
      el("code", c.field),
      el("span", ": "),
      el("code", c.before ?? "(absent)"),
      el("span", " → "),
      el("code", c.after ?? "(removed)"),
      el("span", ` (${c.code})`, { class: "source" }),
    );
    list.append(item);
  }
  const left = fixed.decision.diagnostics.filter((d) => d.severity !== "info").length;
  $("fixed-verdict").textContent = fixed.decision.valid
    ? left
      ? `Valid then, with ${left} warning(s) that need your choice (above).`
      : "Valid then, without warnings."
    : "Still invalid: what is left needs your choice (see the diagnostics above).";
  renderSnippets(fixed.input, $("fixed-snippets"), "fixed ");
}

function renderSnippets(input, box = $("snippets"), label = "") {
  box.replaceChildren();
  let s;
  try {
    s = snippets(input);
  } catch (error) {
    box.append(el("p", `Cannot write snippets: ${error.message}`));
    return;
  }
  for (const [key, title] of [
    ["shell", "Shell"],
    ["python", "Python"],
    ["dockerfile", "Dockerfile"],
    ["kubernetes", "Kubernetes"],
  ]) {
    const figure = el("figure");
    const caption = el("figcaption", title);
    const copy = el("button", "Copy", {
      type: "button",
      "aria-label": `Copy the ${label}${title} snippet`,
    });
    copy.addEventListener("click", () => copyText(s[key], copy));
    caption.append(" ", copy);
    figure.append(caption, el("pre", s[key]));
    box.append(figure);
  }
  for (const note of s.notes) box.append(el("p", note.message, { class: "warning" }));
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Select and copy";
  }
  setTimeout(() => (button.textContent = "Copy"), 1500);
}

// ---------------------------------------------------------------- update loop

function update() {
  const state = readState();
  const fragment = toFragment(state);
  if (location.hash.slice(1) !== fragment)
    history.replaceState(null, "", fragment ? `#${fragment}` : location.pathname);
  $("example-description").hidden = fragment !== loadedExample;
  const input = toInput(state);
  let decision;
  try {
    decision = decide(input);
  } catch (error) {
    $("verdict").replaceChildren(
      el("strong", "Cannot read the configuration", { class: "bad" }),
      el("span", `: ${error.message}`),
    );
    return;
  }
  renderDecision(decision, input);
  renderMethodTable(decision.cell);
  renderTimeline(input, state.restarts);
  renderSnippets(input);
  renderFixed(input);
}

// A textarea turns CRLF into LF, which would hide the trailing-\r trap of a Windows file;
// the clipboard's text is kept as pasted and used while the box still holds exactly it.
let rawPaste = null;

function onPaste(event) {
  const raw = event.clipboardData?.getData("text/plain");
  if (typeof raw !== "string" || !/\r/.test(raw)) {
    rawPaste = null;
    return;
  }
  event.preventDefault();
  const box = $("paste-text");
  box.setRangeText(raw.replace(/\r\n?/g, "\n"), box.selectionStart, box.selectionEnd, "end");
  rawPaste = box.value.replace(/\n/g, "\r\n") === raw.replace(/\r?\n/g, "\r\n") ? raw : null;
  box.dispatchEvent(new Event("input", { bubbles: true }));
}

/** The pasted text, with its original line ends when they are known. */
function pastedText() {
  const value = $("paste-text").value;
  return rawPaste !== null && rawPaste.replace(/\r\n?/g, "\n") === value ? rawPaste : value;
}

/** Fills the form from a pasted block: a wandb.init(…) call or an export/.env block. */
function fillFromPaste() {
  const text = pastedText();
  const status = $("paste-status");
  if (!text.trim()) {
    status.textContent = "Nothing pasted.";
    return;
  }
  const state = readState();
  // A JSON object naming run_id is the resume file itself: the package reads it as wandb
  // does, whatever it holds (an export block or a Python call never starts with `{`).
  if (/^\s*\{/.test(text) && text.includes("run_id")) {
    delete state.ctx.file;
    state.ctx.fileText = text;
    status.textContent = "Filled wandb/wandb-resume.json with the pasted text, as wandb reads it.";
    writeState(state);
    update();
    return;
  }
  const looksLikePython =
    /\binit\s*\(|^\s*(resume|id|resume_from|fork_from|notes|mode)\s*=\s*(True|False|None|["'(]|os\.)|^\s*settings\s*=\s*(wandb\.|Settings\(|dict\(|\{)/m.test(
      text,
    );
  try {
    if (looksLikePython) {
      const call = parseInitCall(text);
      state.init = initState(call.init, call.explicitNone.includes("resume"));
      const fromEnv = call.fromEnvironment.map((f) => `${f.field} from $${f.variable}`);
      const warnings = call.notes
        .filter((n) => n.severity === "warning")
        .map((n) => `line ${n.line}: ${n.message}.`);
      status.textContent =
        "Filled from the wandb.init call." +
        (fromEnv.length
          ? ` Read from the environment (set them above): ${fromEnv.join(", ")}.`
          : "") +
        (call.otherArguments.length
          ? ` Not about resuming: ${call.otherArguments.join(", ")}.`
          : "") +
        (warnings.length ? ` ${warnings.join(" ")}` : "");
    } else {
      const block = parseEnvBlock(text);
      state.env = {};
      const ignored = [];
      const refused = [];
      for (const [name, value] of Object.entries(block.env)) {
        if (ENV_VARS.some(([n]) => n === name)) state.env[name] = value;
        else if (NOT_MODELLED_ENV.includes(name)) refused.push(name);
        else if (name.startsWith("WANDB_")) ignored.push(name);
      }
      const warnings = block.notes
        .filter((n) => n.severity === "warning")
        .map((n) => `line ${n.line}: ${n.message}`);
      status.textContent =
        `Filled ${Object.keys(state.env).length} variable(s).` +
        (ignored.length ? ` Not about resuming: ${ignored.join(", ")}.` : "") +
        (refused.length
          ? ` Not modelled, left out: ${refused.join(", ")} (another spelling of WANDB_DISABLE_SERVICE; set that instead).`
          : "") +
        (warnings.length ? ` ${warnings.join(" ")}` : "");
    }
  } catch (error) {
    status.textContent = error.line
      ? `Line ${error.line}, column ${error.column}: ${error.message}`
      : error.message;
    return;
  }
  writeState(state);
  update();
}

async function main() {
  await init();
  buildForm();
  scenarioList = scenarios();
  for (const s of scenarioList) $("example").append(el("option", s.title, { value: s.id }));
  writeState(fromFragment(location.hash));
  $("config").addEventListener("input", update);
  $("config").addEventListener("change", update);
  $("restarts").addEventListener("change", update);
  $("restart-add").addEventListener("click", addRestart);
  $("example").addEventListener("change", () => {
    $("example-load").disabled = !$("example").value;
  });
  $("example-load").addEventListener("click", loadExample);
  $("paste-fill").addEventListener("click", fillFromPaste);
  $("paste-text").addEventListener("paste", onPaste);
  $("generate-id").addEventListener("click", () => ($("generated-id").textContent = generateId()));
  $("derive-key").addEventListener("input", () => {
    const key = $("derive-key").value;
    try {
      $("derived-id").textContent = key ? deriveRunId(key) : "";
    } catch (error) {
      $("derived-id").textContent = error.message;
    }
  });
  $("copy-link").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      $("link-status").textContent = "Link copied.";
    } catch {
      $("link-status").textContent = `Copy this link: ${location.href}`;
    }
  });
  window.addEventListener("hashchange", () => {
    writeState(fromFragment(location.hash));
    update();
  });
  update();
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  $("verdict").replaceChildren(
    el("strong", "The module failed to load", { class: "bad" }),
    el("span", `: ${error.message}`),
  );
});
