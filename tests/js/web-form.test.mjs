// The web form in real Chromium (Debian's package, driven by playwright-core), served by
// workerd exactly as `npm start` serves it: fill fields, paste blocks, read the output and
// the highlighted method-table cell, follow a shared link, work offline after load, and
// never run markup typed into any field. Any Content-Security-Policy violation fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { freePort, startWorkerd } from "../../scripts/serve.mjs";
import { scenarios, simulate } from "../../js/node.js";
import {
  recordedDisableServiceExit,
  recordedDisabledEnv,
  recordedSettingsFile,
  recordedSettingsFileArg,
  recordedSettingsFileKey,
  recordedSettingsModeOffline,
  recordedSettingsRunId,
  recordedSettingsService,
  resumeTextRaised,
} from "./recorded-vectors.mjs";

const PAYLOADS = [
  `<img src=x onerror="window.__pwned=1">`,
  `<script>window.__pwned=1</script>`,
  `"><svg onload="window.__pwned=1">`,
];

let server;
let browser;
before(async () => {
  server = await startWorkerd({ port: await freePort() });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
  });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh page on the form with CSP violations and page errors recorded. */
async function openForm(t, fragment = "") {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(`${server.url}/${fragment}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
  t.after(async () => {
    const csp = await page.evaluate(() => window.__csp ?? []).catch(() => []);
    assert.deepEqual([...problems, ...csp], [], "no page errors and no CSP violations");
  });
  return { page, context };
}

const verdict = (page) => page.locator("#verdict").innerText();
const codes = (page) => page.locator("#diagnostics li code").allInnerTexts();
/** The page's link as the page sees it now (playwright learns of history.replaceState
 * asynchronously, so page.url() can lag a keystroke behind). */
const currentLink = (page) => page.evaluate(() => location.href);

test("typing updates the answer live, with the cell highlighted", async (t) => {
  const { page } = await openForm(t);
  assert.match(await verdict(page), /^Valid/);
  const offered = await page
    .locator("#sdk-versions option")
    .evaluateAll((o) => o.map((x) => x.value));
  assert.ok(offered.includes("0.31.0") && offered.includes("0.19.11"), offered.join(" "));
  await page.fill("#env-WANDB_RESUME", "must");
  assert.match(await verdict(page), /will fail/);
  assert.ok((await codes(page)).includes("must-without-run-id"));
  assert.equal(await page.locator("#env-WANDB_RESUME-set").isChecked(), true);
  const here = page.locator("#method-table td[aria-current=true]");
  assert.equal(await here.count(), 1);
  const row = await here.locator("xpath=..").locator("th").innerText();
  assert.match(row, /WANDB_RESUME/);

  await page.fill("#env-WANDB_RUN_ID", "exp-42");
  assert.match(await verdict(page), /^Valid/);
  assert.match(await page.locator("#effective").innerText(), /"exp-42"\s+from the environment/);
  assert.match(await page.locator("#branches").innerText(), /resume/);
  assert.match(await page.locator("#snippets").innerText(), /export WANDB_RESUME=must/);
  assert.ok((await page.locator("#timeline tbody tr").count()) >= 2);
});

test("a pasted export block and a pasted wandb.init call fill the form", async (t) => {
  const { page } = await openForm(t);
  // Pasted from a Windows file: the clipboard keeps CRLF (a textarea alone would not).
  await page.focus("#paste-text");
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, "# job.sh\r\nexport WANDB_RESUME=allow\r\nexport WANDB_RUN_ID=exp-42\r\nexport WANDB_PROJECT=llm\r\n");
  await page.click("#paste-fill");
  // A text input cannot show the \r bash keeps; the form keeps it and says so.
  assert.equal(await page.inputValue("#env-WANDB_RESUME"), "allow");
  assert.match(await page.locator("#env-WANDB_RESUME-note").innerText(), /carriage return/);
  assert.match(await page.locator("#snippets").innerText(), /WANDB_RESUME='allow\r'|allow\\r/);
  assert.equal(await page.inputValue("#env-WANDB_RUN_ID"), "exp-42");
  assert.match(await page.locator("#paste-status").innerText(), /carriage return|CRLF|\\r/i);

  await page.fill(
    "#paste-text",
    'run = wandb.init(\n    project="p",\n    resume="must",  # keep\n    id=os.environ["RUN_ID"],\n)',
  );
  await page.click("#paste-fill");
  assert.equal(await page.inputValue("#init-resume"), "s:must");
  assert.equal(await page.locator("#init-id-set").isChecked(), false);
  assert.match(await page.locator("#paste-status").innerText(), /id from \$RUN_ID/);

  await page.fill("#paste-text", "wandb.init(id=run_id)");
  await page.click("#paste-fill");
  assert.match(await page.locator("#paste-status").innerText(), /line 1, column \d+/i);
});

test("settings= from a paste: 0.18.x's settings object overrides WANDB_MODE", async (t) => {
  const { page } = await openForm(t);
  await page.fill("#sdk", "0.18.7");
  await page.check("#env-WANDB_MODE-set");
  await page.fill("#env-WANDB_MODE", "offline");
  await page.fill(
    "#paste-text",
    'wandb.init(resume="allow", id="abc", settings=wandb.Settings(start_method="thread"))',
  );
  await page.click("#paste-fill");
  assert.equal(await page.inputValue("#init-settings"), "object");
  assert.equal(await page.inputValue("#init-settings-keys"), "start_method");
  assert.ok((await codes(page)).includes("settings-object-overrides-mode"));
  // The fix: the same mode passed to wandb.init, which the object does not override.
  assert.match(await page.locator("#fixed-changes").innerText(), /init\.mode: .* → offline/);
  // A dict has no mode of its own: offline again, and the link keeps the choice.
  await page.selectOption("#init-settings", "dict");
  assert.ok(!(await codes(page)).includes("settings-object-overrides-mode"));
  assert.ok((await codes(page)).includes("offline-mode"));
  const link = await currentLink(page);
  assert.match(link, /init\.settings=dict%3Astart_method/);
  const { page: other } = await openForm(t, link.slice(link.indexOf("#")));
  assert.equal(await other.inputValue("#init-settings"), "dict");
  // A key that sets the resume configuration itself is refused, with the reason.
  await other.fill("#init-settings-keys", "start_method, fork_from");
  assert.match(await other.locator("#verdict").innerText(), /not modelled/);
  // A settings object held in a variable is noted, not guessed.
  await other.fill("#paste-text", "wandb.init(settings=my_settings)");
  await other.click("#paste-fill");
  assert.match(await other.locator("#paste-status").innerText(), /settings.*only known when/);
});

test("the settings' own mode from a paste: 0.12.10–0.12.15 ignore an object's", async (t) => {
  const { page } = await openForm(t);
  await page.fill("#sdk", "0.12.15");
  await page.fill(
    "#paste-text",
    'wandb.init(resume="allow", id="abc", settings=wandb.Settings(mode="offline"))',
  );
  await page.click("#paste-fill");
  assert.equal(await page.inputValue("#init-settings-keys"), "mode=offline");
  // What the form says is what each release did (settings-mode-vectors.json): 0.12.15 went
  // online, 0.12.16 offline.
  for (const [sdk, offline] of [
    ["0.12.15", false],
    ["0.12.16", true],
  ]) {
    await page.fill("#sdk", sdk);
    const recorded = recordedSettingsModeOffline(sdk, "object", "offline");
    assert.equal(recorded, offline, `${sdk} recorded`);
    assert.equal((await codes(page)).includes("offline-mode"), recorded, sdk);
  }
  const link = await currentLink(page);
  assert.match(link, /init\.settings=object%3Amode%3Doffline/);
  const { page: other } = await openForm(t, link.slice(link.indexOf("#")));
  assert.equal(await other.inputValue("#init-settings-keys"), "mode=offline");
  // The mode named without its value is refused, naming the field.
  await other.fill("#init-settings-keys", "mode");
  assert.match(await other.locator("#verdict").innerText(), /init\.settings\.mode/);
});

test("the settings' own run_id from a paste: 0.12.9 takes an object's over id=", async (t) => {
  const { page } = await openForm(t);
  await page.fill("#sdk", "0.12.9");
  await page.fill(
    "#paste-text",
    'wandb.init(resume="must", id="xyz", settings=wandb.Settings(run_id="abc"))',
  );
  await page.click("#paste-fill");
  assert.equal(await page.inputValue("#init-settings-keys"), "run_id=abc");
  // What the form says is what each release did (settings-resume-vectors.json): 0.12.9 took
  // the object's id over id=, 0.12.16 kept id=.
  for (const sdk of ["0.12.9", "0.12.16"]) {
    await page.fill("#sdk", sdk);
    const settingsWon = recordedSettingsRunId(sdk, { resume: "must", id: "xyz" }, "abc") === "abc";
    assert.equal((await codes(page)).includes("settings-override-init"), settingsWon, sdk);
  }
  const link = await currentLink(page);
  assert.match(link, /init\.settings=object%3Arun_id%3Dabc/);
  const { page: other } = await openForm(t, link.slice(link.indexOf("#")));
  assert.equal(await other.inputValue("#init-settings-keys"), "run_id=abc");
  await other.fill("#init-settings-keys", "run_id");
  assert.match(await other.locator("#verdict").innerText(), /init\.settings\.runId/);
});

test("the settings' _disable_service from a paste: ignored, obeyed or refused as recorded", async (t) => {
  const { page } = await openForm(t);
  await page.fill("#sdk", "0.17.0");
  await page.fill(
    "#paste-text",
    'wandb.init(resume=True, id="abc", settings={"_disable_service": True})',
  );
  await page.click("#paste-fill");
  assert.equal(await page.inputValue("#init-settings-keys"), "_disable_service=True");
  // What the form says is what each release did (settings-service-vectors.json): 0.17.0 kept
  // the service (the file survived the script's end), 0.18.1 turned it off, 0.20.0 raised.
  for (const sdk of ["0.17.0", "0.18.1", "0.20.0"]) {
    await page.fill("#sdk", sdk);
    const out = recordedSettingsService(sdk, "dict", "_disable_service", true);
    const shown = await codes(page);
    assert.equal(shown.includes("settings-key-unknown"), out.raised !== undefined, sdk);
    const kept = out.raised === undefined && out.resumeFileAtEnd !== null;
    assert.equal(shown.includes("settings-disable-service-ignored"), kept, sdk);
  }
  const link = await currentLink(page);
  assert.match(link, /init\.settings=dict%3A_disable_service%3DTrue/);
  const { page: other } = await openForm(t, link.slice(link.indexOf("#")));
  assert.equal(await other.inputValue("#init-settings-keys"), "_disable_service=True");
  // The key named without its value is refused, naming the field.
  await other.fill("#init-settings-keys", "_disable_service");
  assert.match(await other.locator("#verdict").innerText(), /init\.settings\.disableService/);
});

test("wandb/settings left by wandb offline: each release as recorded", async (t) => {
  const { page } = await openForm(t);
  await page.selectOption("#init-resume", "s:must");
  await page.check("#init-id-set");
  await page.fill("#init-id", "abc");
  await page.selectOption("#ctx-settings-file", "disabled-offline");
  const lines = { disabled: "true", mode: "offline" };
  // 0.18.7 offline, 0.21.0 raises on the disabled line, 0.31.0 ignores the file (online).
  for (const [sdk, code] of [
    ["0.18.7", "offline-mode"],
    ["0.21.0", "settings-file-raises"],
    ["0.31.0", "settings-file-ignored"],
  ]) {
    await page.fill("#sdk", sdk);
    const recorded = recordedSettingsFile(sdk, lines);
    const found = await codes(page);
    assert.ok(found.includes(code), `${sdk}: ${found}`);
    assert.equal(found.includes("offline-mode"), recorded.offline === true, sdk);
    assert.equal(found.includes("settings-file-raises"), recorded.rejected === true, sdk);
  }
  // The fix deletes the line; the link keeps the choice.
  assert.match(
    await page.locator("#fixed-changes").innerText(),
    /context\.settingsFile\.disabled: true → /,
  );
  const link = await currentLink(page);
  assert.match(link, /ctx\.settingsFile=disabled-offline/);
  const { page: other } = await openForm(t, link.slice(link.indexOf("#")));
  assert.equal(await other.inputValue("#ctx-settings-file"), "disabled-offline");
  // Beside a settings= that names no mode it is answered as recorded: 0.31.0 ignores the
  // file (online) with or without the dict.
  await other.fill("#sdk", "0.31.0");
  await other.selectOption("#init-settings", "dict");
  const found = await codes(other);
  assert.ok(found.includes("settings-file-ignored"), `beside a dict: ${found}`);
  const recorded = recordedSettingsFileArg("0.31.0", "dict", lines, undefined);
  assert.equal(found.includes("offline-mode"), recorded.offline === true, "beside a dict");
  // The dict's own online mode over it, alone and beside WANDB_MODE=offline, as recorded.
  await other.fill("#init-settings-keys", "mode=online");
  const online = recordedSettingsFileArg("0.31.0", "dict", lines, undefined, "online");
  assert.equal((await codes(other)).includes("offline-mode"), online.offline === true, "online");
  await other.check("#env-WANDB_MODE-set");
  await other.fill("#env-WANDB_MODE", "offline");
  const underEnv = recordedSettingsFileKey("0.31.0", "dict", lines, "offline", { mode: "online" });
  const codesUnderEnv = await codes(other);
  assert.equal(
    codesUnderEnv.includes("offline-mode"),
    underEnv.offline === true,
    `${codesUnderEnv}`,
  );
  // Over the file wandb disabled writes it is not modelled: refused, naming it.
  await other.selectOption("#ctx-settings-file", "disabled");
  assert.match(
    await other.locator("#verdict").innerText(),
    /init\.settings\.mode.*beside a settings file is not modelled/,
  );
});

test("a shared link restores the configuration", async (t) => {
  const { page } = await openForm(t);
  await page.fill("#env-WANDB_RESUME", "allow");
  await page.selectOption("#init-resume", "true");
  await page.check("#init-id-set");
  await page.fill("#init-id", "a b");
  await page.check("input[name=runExists][value=yes]");
  const link = await currentLink(page);
  assert.match(link, /#.*env\.WANDB_RESUME=allow/);
  const expected = await verdict(page);
  const { page: other } = await openForm(t, link.slice(link.indexOf("#")));
  assert.equal(await other.inputValue("#env-WANDB_RESUME"), "allow");
  assert.equal(await other.inputValue("#init-resume"), "true");
  assert.equal(await other.inputValue("#init-id"), "a b");
  assert.equal(await other.locator("input[name=runExists][value=yes]").isChecked(), true);
  assert.equal(await verdict(other), expected);
});

test("keeps working without a network after load", async (t) => {
  const { page, context } = await openForm(t);
  await context.setOffline(true);
  await page.fill("#env-WANDB_RESUME", "never");
  assert.ok((await page.locator("#snippets").innerText()).includes("WANDB_RESUME=never"));
  await page.click("#generate-id");
  assert.match(await page.locator("#generated-id").innerText(), /^[a-z0-9]{8}$/);
  await page.fill("#derive-key", "job-7");
  assert.match(await page.locator("#derived-id").innerText(), /^[a-z0-9]{16}$/);
});

test("markup in any field is shown as text and never runs", async (t) => {
  const { page } = await openForm(t);
  for (const payload of PAYLOADS) {
    for (const id of [
      "env-WANDB_RUN_ID",
      "env-WANDB_RESUME",
      "init-id",
      "init-notes",
      "ctx-file",
      "sdk",
      "derive-key",
    ]) {
      await page.fill(`#${id}`, payload);
    }
    await page.selectOption("#init-resume", "text");
    await page.fill("#init-resume-text", payload);
    await page.fill("#paste-text", `export WANDB_RUN_ID='${payload}'`);
    await page.click("#paste-fill");
    assert.ok((await page.locator("main").innerText()).includes(payload.slice(0, 12)), payload);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator("main img, main svg, #result script").count(), 0);
  // And through a shared link.
  const fragment =
    "#" + new URLSearchParams({ "env.WANDB_RUN_ID": PAYLOADS[0], "init.notes": PAYLOADS[1] });
  const { page: linked } = await openForm(t, fragment);
  assert.equal(await linked.inputValue("#env-WANDB_RUN_ID"), PAYLOADS[0]);
  assert.equal(await linked.evaluate(() => window.__pwned), undefined);
});

test("every control has a label, and the form works from the keyboard", async (t) => {
  const { page } = await openForm(t);
  const unlabeled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter(
        (e) =>
          !e.hidden && !(e.labels?.length || e.getAttribute("aria-label") || e.textContent.trim()),
      )
      .map((e) => e.id || e.outerHTML),
  );
  assert.deepEqual(unlabeled, []);
  await page.focus("#env-WANDB_RESUME-set");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.type("must");
  assert.equal(await page.inputValue("#env-WANDB_RESUME"), "must");
  assert.match(await verdict(page), /will fail/);
});

test("readable on a phone: one column, nothing wider than the screen", async (t) => {
  const { page } = await openForm(t);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.fill("#env-WANDB_RESUME", "must");
  const layout = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    form: document.getElementById("config").getBoundingClientRect(),
    result: document.getElementById("result").getBoundingClientRect(),
  }));
  assert.ok(layout.page <= 375, `the page is ${layout.page}px wide`);
  assert.ok(layout.result.top >= layout.form.bottom, "the result sits below the form");
});

test("the fixed configuration: mechanical fixes, with their snippets", async (t) => {
  const { page } = await openForm(t);
  assert.equal(await page.locator("#fixed").isHidden(), true);
  await page.fill("#sdk", "0.21.0");
  await page.fill("#env-WANDB_RESUME", "Allow");
  await page.fill("#env-WANDB_RUN_ID", "exp:1");
  assert.match(await verdict(page), /will fail/);
  assert.equal(await page.locator("#fixed").isVisible(), true);
  const changes = await page.locator("#fixed-changes").innerText();
  assert.match(changes, /env\.WANDB_RESUME: Allow → allow/);
  assert.match(changes, /env\.WANDB_RUN_ID: exp:1 → exp-1/);
  assert.match(await page.locator("#fixed-verdict").innerText(), /^Valid then/);
  const fixedShell = await page.locator("#fixed-snippets pre").first().innerText();
  assert.match(fixedShell, /export WANDB_RESUME=allow/);
  assert.match(fixedShell, /export WANDB_RUN_ID=exp-1/);
});

/** The restarts the form's list holds, as `{ after, where }`. */
const formRestarts = (page) =>
  page.locator("#restarts li").evaluateAll((items) =>
    items.map((li) => ({
      after: li.querySelector("[data-part=ending]").value,
      where: li.querySelector("[data-part=place]").value,
    })),
  );
/** The restarts a form's link holds, as `{ after, where }`. */
async function linkRestarts(page) {
  const p = new URLSearchParams(new URL(await currentLink(page)).hash.slice(1));
  return p.getAll("restart").map((r) => {
    const [after, where] = r.split(".");
    return { after, where };
  });
}
const tableRows = (page) =>
  page
    .locator("#timeline tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.innerText)));
const outcomeWords = (a) => a.outcome.action + (a.outcome.resumed ? " (resumed)" : "");

test("restarts: each ending and place is the user's choice, and a link keeps them", async (t) => {
  const { page } = await openForm(t);
  await page.selectOption("#init-resume", "true");
  await page.click("#restart-add");
  const items = page.locator("#restarts li");
  assert.equal(await items.count(), 3);
  // An ending that removes wandb-resume.json, one that keeps it, then another machine.
  await items.nth(0).locator("[data-part=ending]").selectOption("finished");
  await items.nth(1).locator("[data-part=ending]").selectOption("raisedSystemExit");
  await items.nth(2).locator("[data-part=place]").selectOption("newMachine");
  const restarts = [
    { after: "finished", where: "sameDirectory" },
    { after: "raisedSystemExit", where: "sameDirectory" },
    { after: "preempted", where: "newMachine" },
  ];
  assert.deepEqual(await formRestarts(page), restarts);
  assert.deepEqual(await linkRestarts(page), restarts);
  // What the package answers for the same configuration and restarts, shown as it is.
  const expected = simulate({ init: { resume: true } }, restarts);
  assert.equal(await page.locator("#timeline-summary").innerText(), expected.summary.verdict);
  const rows = await tableRows(page);
  assert.deepEqual(
    rows.map((r) => [r[3], r[4].split(/\s/)[0], r[5], r[6]]),
    expected.attempts.map((a) => [
      outcomeWords(a),
      a.runId ?? "—",
      a.resumeFileAtEnd ?? "absent",
      a.outcome.message,
    ]),
  );
  // Words, not the engine's identifiers.
  assert.deepEqual(
    rows.map((r) => [r[1], r[2]]),
    [
      ["first launch", ""],
      ["finished", "same directory"],
      ["exit(n) / raise SystemExit(n)", "same directory"],
      ["preempted", "another machine"],
    ],
  );

  const link = await currentLink(page);
  const { page: other } = await openForm(t, link.slice(link.indexOf("#")));
  assert.deepEqual(await formRestarts(other), restarts);
  assert.deepEqual(await tableRows(other), rows);

  // Removing every restart leaves the first launch alone, and the link says so.
  for (let i = 0; i < 3; i++) await page.locator("#restarts li button").first().click();
  assert.equal(await page.locator("#timeline tbody tr").count(), 1);
  const noneLink = await currentLink(page);
  assert.match(noneLink, /restarts=none/);
  const { page: none } = await openForm(t, noneLink.slice(noneLink.indexOf("#")));
  assert.equal(await none.locator("#restarts li").count(), 0);
  assert.equal(await none.locator("#timeline tbody tr").count(), 1);
});

test("every example loads its configuration and its restarts", async (t) => {
  const { page } = await openForm(t);
  await page.fill("#sdk", "0.19.0");
  const examples = scenarios();
  assert.ok(examples.length >= 5);
  for (const example of examples) {
    await page.fill("#env-WANDB_NOTES", "left over from before");
    await page.selectOption("#example", example.id);
    await page.click("#example-load");
    // The example replaces the configuration; the SDK version stays the job's.
    assert.equal(await page.inputValue("#sdk"), "0.19.0");
    assert.equal(await page.locator("#env-WANDB_NOTES-set").isChecked(), false, example.id);
    assert.deepEqual(await formRestarts(page), example.attempts, example.id);
    const expected = simulate({ ...example.input, sdk: "0.19.0" }, example.attempts);
    assert.equal(
      await page.locator("#timeline-summary").innerText(),
      expected.summary.verdict,
      example.id,
    );
    assert.deepEqual(
      (await tableRows(page)).map((r) => r[3]),
      expected.attempts.map(outcomeWords),
      example.id,
    );
    assert.equal(
      await page.locator("#example-description").innerText(),
      `${example.title}: ${example.description}`,
    );
  }
  // The description is the example's: it goes with the first change.
  await page.fill("#env-WANDB_NOTES", "mine now");
  assert.equal(await page.locator("#example-description").isHidden(), true);
});

test("links from before the restart list, and edited links, say what they hold", async (t) => {
  const example = scenarios().find((s) => s.id === "preemptible-new-machine");
  const { page: old } = await openForm(t, `#init.resume=true&scenario=${example.id}`);
  assert.deepEqual(await formRestarts(old), example.attempts);
  // An ending the package does not know is shown as such, with the package's own error.
  const { page: edited } = await openForm(t, "#restart=rebooted.sameDirectory");
  assert.deepEqual(await formRestarts(edited), [{ after: "rebooted", where: "sameDirectory" }]);
  let message;
  try {
    simulate({}, [{ after: "rebooted", where: "sameDirectory" }]);
  } catch (error) {
    message = error.message;
  }
  assert.match(message, /`rebooted`/);
  assert.equal(
    await edited.locator("#timeline-summary").innerText(),
    `Cannot simulate: ${message}`,
  );
  assert.equal(await edited.locator("#timeline tbody tr").count(), 0);
});

test("the resume file's value has room beside its long label", async (t) => {
  const { page } = await openForm(t);
  const box = await page.locator("#ctx-file").boundingBox();
  assert.ok(box.width >= 150, `the field is ${box.width}px wide`);
});

test("the resume file given as its text: an empty file, as each release reads it", async (t) => {
  const { page } = await openForm(t);
  await page.selectOption("#init-resume", "true");
  await page.check("#ctx-file-set");
  await page.selectOption("#ctx-file-kind", "text");
  assert.equal(await page.locator("#ctx-file").isHidden(), true);
  await page.fill("#ctx-file-text", "");
  await page.fill("#sdk", "0.19.2");
  assert.match(await verdict(page), /will fail/);
  assert.ok((await codes(page)).includes("resume-file-unreadable"));
  assert.match(await page.locator("#effective").innerText(), /the same text/);
  // Every restart in the same directory meets the same file.
  const expected = simulate(
    { sdk: "0.19.2", init: { resume: true }, context: { resumeFileText: "" } },
    await formRestarts(page),
  );
  assert.equal(await page.locator("#timeline-summary").innerText(), expected.summary.verdict);
  assert.match((await tableRows(page))[0][5], /^unchanged: ""$/);
  await page.fill("#sdk", "0.19.3");
  assert.match(await verdict(page), /^Valid/);
  // The link keeps the text, line breaks included.
  await page.fill("#ctx-file-text", '{"run_id": "abc"\n');
  const link = await currentLink(page);
  assert.match(link, /ctx\.fileText=/);
  const { page: other } = await openForm(t, link.slice(link.indexOf("#")));
  assert.equal(await other.inputValue("#ctx-file-kind"), "text");
  assert.equal(await other.inputValue("#ctx-file-text"), '{"run_id": "abc"\n');
  // A file this package does not model is refused with the reason, not guessed at.
  await page.fill("#ctx-file-text", '{"run_id": 123}');
  assert.match(await verdict(page), /Cannot read the configuration.*not modelled/);
});

test("a pasted wandb-resume.json fills the resume file, as wandb reads it", async (t) => {
  const { page } = await openForm(t);
  await page.fill("#sdk", "0.19.0");
  await page.selectOption("#init-resume", "true");
  await page.fill("#paste-text", '{"run_id": "abc1');
  await page.click("#paste-fill");
  assert.equal(await page.locator("#ctx-file-set").isChecked(), true);
  assert.equal(await page.inputValue("#ctx-file-kind"), "text");
  assert.equal(await page.inputValue("#ctx-file-text"), '{"run_id": "abc1');
  assert.match(await page.locator("#paste-status").innerText(), /wandb-resume\.json/);
  // Truncated: 0.19.0 raises on it, quoting Python.
  assert.match(await verdict(page), /will fail/);
  assert.ok(
    (await page.locator("#diagnostics").innerText()).includes(
      resumeTextRaised("0.19.0", '{"run_id": "abc1'),
    ),
  );
});

test("offline: both branches say so, the timeline counts local runs, a link keeps the mode", async (t) => {
  const { page } = await openForm(t);
  await page.fill("#env-WANDB_RESUME", "must");
  await page.fill("#env-WANDB_RUN_ID", "exp-42");
  await page.fill("#env-WANDB_MODE", "offline");
  // Offline, must on a run W&B does not have does not fail: nothing asks W&B.
  assert.match(await verdict(page), /^Valid/);
  const cards = page.locator("#branches article.offline");
  assert.equal(await cards.count(), 2);
  assert.ok((await codes(page)).includes("offline-mode"));
  const expected = simulate(
    { env: { WANDB_RESUME: "must", WANDB_RUN_ID: "exp-42", WANDB_MODE: "offline" } },
    await formRestarts(page),
  );
  assert.equal(await page.locator("#timeline-summary").innerText(), expected.summary.verdict);
  // A pasted keyword list with mode= fills the argument.
  await page.fill("#paste-text", "mode='dryrun', resume='allow'");
  await page.click("#paste-fill");
  assert.equal(await page.inputValue("#init-mode"), "dryrun");
  assert.equal(await cards.count(), 2);
  await page.uncheck("#init-mode-set");
  // mode= beats the variable, and a link keeps both.
  await page.check("#init-mode-set");
  // mode="online" over WANDB_MODE=offline goes online (server-mode vectors), and says so.
  await page.fill("#init-mode", "online");
  assert.doesNotMatch(await verdict(page), /Cannot read/);
  assert.ok((await codes(page)).includes("online-over-offline-env"));
  assert.equal(await cards.count(), 0);
  // Its other name does the same (server-mode vectors).
  await page.fill("#init-mode", "run");
  assert.doesNotMatch(await verdict(page), /Cannot read/);
  assert.ok((await codes(page)).includes("online-over-offline-env"));
  assert.equal(await cards.count(), 0);
  // Over WANDB_MODE=disabled the launch is not disabled, and the form says so.
  await page.fill("#env-WANDB_MODE", "disabled");
  assert.doesNotMatch(await verdict(page), /Cannot read/);
  assert.ok((await codes(page)).includes("mode-over-disabled-env"));
  assert.equal(await page.locator("#branches article.disabled").count(), 0);
  await page.fill("#env-WANDB_MODE", "run");
  await page.fill("#init-mode", "dryrun");
  assert.equal(await cards.count(), 2);
  const link = await currentLink(page);
  const { page: other } = await openForm(t, link.slice(link.indexOf("#")));
  assert.equal(await other.inputValue("#init-mode"), "dryrun");
  assert.equal(await other.inputValue("#env-WANDB_MODE"), "run");
  assert.equal(await other.locator("#branches article.offline").count(), 2);
});

test("WANDB_DISABLE_SERVICE from a pasted block: the deprecation where the release prints it", async (t) => {
  const { page } = await openForm(t);
  await page.fill(
    "#paste-text",
    "export WANDB_RESUME=allow\nexport WANDB_RUN_ID=abc\nexport WANDB_DISABLE_SERVICE=true",
  );
  await page.click("#paste-fill");
  assert.equal(await page.inputValue("#env-WANDB_DISABLE_SERVICE"), "true");
  assert.doesNotMatch(await page.locator("#paste-status").innerText(), /Not about resuming/);
  // Another spelling the settings read is not modelled: said so, not called unrelated.
  await page.fill("#paste-text", "export WANDB__DISABLE_SERVICE=true");
  await page.click("#paste-fill");
  assert.match(
    await page.locator("#paste-status").innerText(),
    /Not modelled, left out: WANDB__DISABLE_SERVICE/,
  );
  await page.fill(
    "#paste-text",
    "export WANDB_RESUME=allow\nexport WANDB_RUN_ID=abc\nexport WANDB_DISABLE_SERVICE=true",
  );
  await page.click("#paste-fill");
  // What the form says is what each release printed (ending-vectors.json): 0.17.7 nothing,
  // 0.17.8 the deprecation of turning the service off.
  for (const sdk of ["0.17.7", "0.17.8"]) {
    await page.fill("#sdk", sdk);
    const printed = (recordedDisableServiceExit(sdk, "true").serviceWarnings ?? []).length > 0;
    assert.equal((await codes(page)).includes("disable-service-deprecated"), printed, sdk);
  }
  const link = await currentLink(page);
  assert.match(link, /env\.WANDB_DISABLE_SERVICE=true/);
});

test("WANDB_DISABLED from a pasted block: offline where the release reads it", async (t) => {
  const { page } = await openForm(t);
  await page.fill(
    "#paste-text",
    "export WANDB_RESUME=must\nexport WANDB_RUN_ID=abc\nexport WANDB_DISABLED=true",
  );
  await page.click("#paste-fill");
  assert.equal(await page.inputValue("#env-WANDB_DISABLED"), "true");
  for (const [sdk, code] of [
    ["0.18.7", "disabled-env-offline"],
    ["0.31.0", "disabled-env-ignored"],
  ]) {
    await page.fill("#sdk", sdk);
    const recorded = recordedDisabledEnv(sdk, "true");
    const found = await codes(page);
    assert.ok(found.includes(code), `${sdk}: ${found}`);
    assert.equal(
      await page.locator("#branches article.offline").count(),
      recorded.offline === true ? 2 : 0,
      sdk,
    );
  }
  const link = await currentLink(page);
  assert.match(link, /env\.WANDB_DISABLED=true/);
});

test("the shared mode from a pasted call: one of the writers, online, and no id says so", async (t) => {
  const { page } = await openForm(t);
  await page.fill(
    "#paste-text",
    'wandb.init(id="abc", resume="allow", settings=wandb.Settings(mode="shared"))',
  );
  await page.click("#paste-fill");
  assert.equal(await page.inputValue("#init-settings-keys"), "mode=shared");
  await page.fill("#sdk", "0.31.0");
  const found = await codes(page);
  assert.ok(found.includes("shared-mode"), `${found}`);
  assert.ok(!found.includes("shared-mode-without-id"), `${found}`);
  assert.equal(await page.locator("#branches article.offline").count(), 0);
  await page.uncheck("#init-id-set");
  assert.ok((await codes(page)).includes("shared-mode-without-id"));
  // A release that refuses the mode is refused, not guessed.
  await page.fill("#sdk", "0.16.2");
  assert.match(await page.locator("#verdict").innerText(), /not modelled/);
});
