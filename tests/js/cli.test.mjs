// The CLI as users run it: the real `wandb-resume` bin in a child process, over fixture
// files, asserting output and exit status (0 valid, 1 problems, 2 usage or input error).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  recordedDisabledEnv,
  recordedSettingsFile,
  recordedSettingsFileArg,
  recordedSettingsFileKey,
  recordedSettingsModeOffline,
  recordedSettingsService,
  resumeTextRaised,
} from "./recorded-vectors.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = join(root, "js", "cli.js");
const fixtures = join(root, "tests", "js", "fixtures", "cli");

/** Runs the CLI in an empty scratch directory with only `env` as WANDB_* variables. */
function run(args, env = {}) {
  const cwd = mkdtempSync(join(tmpdir(), "wandb-resume-cli-"));
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("WANDB_")),
  );
  // Run as the installed bin is: the file itself, through its shebang.
  const r = spawnSync(cli, args, {
    cwd,
    env: { ...clean, NO_COLOR: "1", ...env },
    encoding: "utf8",
  });
  const written = readdirSync(cwd);
  rmSync(cwd, { recursive: true, force: true });
  assert.deepEqual(written, [], "the CLI never writes to disk");
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("check reads the environment and passes a good configuration", () => {
  const r = run(["check", "--resume-file", "none"], {
    WANDB_RESUME: "allow",
    WANDB_RUN_ID: "exp-42",
  });
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /✓ valid/);
  assert.match(r.out, /run id +"exp-42" +from the environment/);
  assert.doesNotMatch(r.out, /\x1b\[/, "no colours when not on a terminal");
});

test("check fails (1) on an error and names the fix", () => {
  const r = run(["check", "--env-file", join(fixtures, "must.env"), "--resume-file", "none"]);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /✗ wandb.init will fail/);
  assert.match(r.out, /must-without-run-id/);
  assert.match(r.out, /fix: /);
  // Each source in the words the web form uses (js/source-words.js), not "from generated at launch".
  assert.match(r.out, /resume +must +from the environment/);
  assert.match(r.out, /run id +a new random id +generated at launch\n/);
});

test("check --env-file, --init and --sdk together, as JSON", () => {
  const r = run([
    "check",
    "--env-file",
    join(fixtures, "good.env"),
    "--init",
    'resume="must", id="abc"',
    "--sdk",
    "0.19.0",
    "--json",
  ]);
  assert.equal(r.code, 0, r.out + r.err);
  const d = JSON.parse(r.out);
  assert.equal(d.sdk, "0.19.0");
  assert.equal(d.resume, "must");
  assert.equal(d.runId, "abc");
  assert.equal(d.runIdSource, "init");
});

test("offline or disabled (from the environment or mode=), must does not fail; a mode not modelled is refused", () => {
  // must without an id fails online: offline, wandb never asks W&B about the run.
  const args = ["check", "--resume-file", "none"];
  const online = run(args, { WANDB_RESUME: "must" });
  assert.equal(online.code, 1, online.out + online.err);
  const offline = run(args, { WANDB_RESUME: "must", WANDB_MODE: "offline" });
  assert.equal(offline.code, 0, offline.out + offline.err);
  assert.match(offline.out, /if the run exists: +offline — /);
  assert.match(offline.out, /offline-mode/);
  const byArgument = run([...args, "--init", 'mode="dryrun"', "--json"], { WANDB_RESUME: "must" });
  assert.equal(byArgument.code, 0, byArgument.out + byArgument.err);
  assert.equal(JSON.parse(byArgument.out).ifMissing.action, "offline");
  const disabled = run(args, { WANDB_RESUME: "must", WANDB_MODE: "disabled" });
  assert.equal(disabled.code, 0, disabled.out + disabled.err);
  assert.match(disabled.out, /if it does not: +disabled — /);
  assert.match(disabled.out, /warning disabled-mode \(env\.WANDB_MODE\)/);
  // A disabled job logs nothing: --strict fails it (exit 1), as CI checks want.
  const strict = run([...args, "--strict"], { WANDB_RESUME: "must", WANDB_MODE: "disabled" });
  assert.equal(strict.code, 1, strict.out + strict.err);
  // The shared mode is online: must without an id fails as online does, and says it is shared.
  const shared = run(args, { WANDB_RESUME: "must", WANDB_MODE: "shared" });
  assert.equal(shared.code, 1, shared.out + shared.err);
  assert.match(shared.out, /shared-mode \(env\.WANDB_MODE\)/);
  const tooOld = run([...args, "--sdk", "0.16.2"], { WANDB_RESUME: "must", WANDB_MODE: "shared" });
  assert.equal(tooOld.code, 2, tooOld.out + tooOld.err);
  assert.match(tooOld.err, /env\.WANDB_MODE.*not modelled.*0\.16\.3/);
  // Without a common id each process writes a run of its own: --strict fails that job.
  const noId = run([...args, "--strict"], { WANDB_RESUME: "allow", WANDB_MODE: "shared" });
  assert.equal(noId.code, 1, noId.out + noId.err);
  assert.match(noId.out, /shared-mode-without-id/);
  const withId = run([...args, "--strict"], {
    WANDB_RESUME: "allow",
    WANDB_RUN_ID: "job-7",
    WANDB_MODE: "shared",
  });
  assert.equal(withId.code, 0, withId.out + withId.err);
});

test("--init with settings=: 0.18.x's settings object goes online under WANDB_MODE=offline", () => {
  const args = ["check", "--sdk", "0.18.7", "--resume-file", "none", "--init"];
  const call = 'resume="allow", id="abc", settings=wandb.Settings(start_method="thread")';
  const r = run([...args, call], { WANDB_MODE: "offline" });
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /if the run exists: +resume/);
  assert.match(r.out, /warning settings-object-overrides-mode \(env\.WANDB_MODE\)/);
  // A key that sets the resume configuration itself and is not modelled is refused, naming it
  // (exit 2).
  const refused = run([...args, 'settings=dict(fork_from="abc")'], { WANDB_MODE: "offline" });
  assert.equal(refused.code, 2, refused.out + refused.err);
  assert.match(refused.err, /init\.settings\.keys\.0.*'fork_from'.*not modelled/);
  // The settings' own resume is read with its value: a stored True makes 0.18.7 raise
  // (settings-resume-vectors.json), so the check fails the job.
  const stored = run([...args, "settings=wandb.Settings(resume=True)"], { WANDB_MODE: "offline" });
  assert.equal(stored.code, 1, stored.out + stored.err);
  assert.match(stored.out, /error settings-resume-true-raises \(init\.settings\.resume\)/);
  // The key that turns the service process off is read with its value: 0.21.0's settings
  // raised on it (settings-service-vectors.json), so the check fails the job.
  assert.ok(recordedSettingsService("0.21.0", "object", "_disable_service", true).raised);
  const service = run(
    [
      "check",
      "--sdk",
      "0.21.0",
      "--init",
      "resume=True, settings=wandb.Settings(_disable_service=True)",
    ],
    { WANDB_MODE: "offline" },
  );
  assert.equal(service.code, 1, service.out + service.err);
  assert.match(service.out, /error settings-key-unknown \(init\.settings\.disableService\)/);
  // Another spelling of WANDB_DISABLE_SERVICE, which the settings read as their own key, is
  // refused as not modelled (exit 2), naming the variable.
  const spelled = run(["check", "--init", "resume=True"], { WANDB__DISABLE_SERVICE: "true" });
  assert.equal(spelled.code, 2, spelled.out + spelled.err);
  assert.match(spelled.err, /env\.WANDB__DISABLE_SERVICE.*not modelled/);
  // The settings' own mode is read with its value: offline from 0.12.16, ignored in 0.12.15,
  // as those releases did (settings-mode-vectors.json).
  const offline = 'resume="allow", id="abc", settings=wandb.Settings(mode="offline")';
  for (const [sdk, expected] of [
    ["0.12.16", /if the run exists: +offline/],
    ["0.12.15", /if the run exists: +resume/],
  ]) {
    const r = run(["check", "--sdk", sdk, "--resume-file", "none", "--init", offline]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, expected);
    const recorded = recordedSettingsModeOffline(sdk, "object", "offline");
    assert.equal(/if the run exists: +offline/.test(r.out), recorded, sdk);
  }
  // Over WANDB_MODE=disabled it is not modelled: refused with the reason (exit 2).
  const over = run(["check", "--sdk", "0.31.0", "--resume-file", "none", "--init", offline], {
    WANDB_MODE: "disabled",
  });
  assert.equal(over.code, 2, over.out + over.err);
  assert.match(over.err, /init\.settings\.mode.*not modelled/);
});

test("the workspace settings file (wandb offline) is read as each release reads it", () => {
  const root = mkdtempSync(join(tmpdir(), "wandb-resume-settings-"));
  const settings = join(root, "wandb", "settings");
  const check = (sdk, env = {}) =>
    run(["check", "--sdk", sdk, "--resume-file", "none", "--init", 'resume="must", id="abc"'], {
      WANDB_DIR: root,
      ...env,
    });
  try {
    mkdirSync(join(root, "wandb"));
    // What wandb offline wrote up to 0.19.1, among the lines wandb init writes.
    writeFileSync(settings, "[default]\nentity = team\ndisabled = true\nmode = offline\n\n");
    const lines = { disabled: "true", mode: "offline" };
    // 0.21.0 raises on the disabled line (exit 1), as recorded.
    const raises = check("0.21.0");
    assert.equal(raises.code, 1, raises.out + raises.err);
    assert.match(raises.out, /error settings-file-raises \(context\.settingsFile\.disabled\)/);
    assert.match(raises.out, /note: read .*settings: disabled = true, mode = offline/);
    assert.equal(recordedSettingsFile("0.21.0", lines).rejected, true, "0.21.0 recorded raising");
    // 0.18.7 launches offline for it even under WANDB_MODE=online; 0.31.0 ignores the whole
    // file and launches online. Each as recorded.
    for (const [sdk, env, code, offline] of [
      ["0.18.7", "online", "settings-file-offline", true],
      ["0.31.0", undefined, "settings-file-ignored", false],
    ]) {
      const r = check(sdk, env ? { WANDB_MODE: env } : {});
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, new RegExp(`warning ${code}`));
      assert.equal(/if the run exists: +offline/.test(r.out), offline, sdk);
      assert.equal(recordedSettingsFile(sdk, lines, env).offline, offline, `${sdk} recorded`);
    }
    // What wandb offline writes from 0.19.1: offline on 0.31.0, as recorded.
    writeFileSync(settings, "[default]\nmode: offline\n");
    const offline = check("0.31.0");
    assert.equal(offline.code, 0, offline.out + offline.err);
    assert.match(offline.out, /if the run exists: +offline/);
    assert.equal(recordedSettingsFile("0.31.0", { mode: "offline" }).offline, true);
    // What the check does not read is refused with the line (exit 2), not guessed.
    for (const [text, why] of [
      ["[default]\nmode = offline\n  online\n", /line 3: a value continued/],
      ["mode = offline\n", /line 1: a setting before any \[section\]/],
      ["[DEFAULT]\nmode = offline\n", /line 2: `mode` in the \[DEFAULT\] section/],
      ["[default]\nmode = offline\nMODE = online\n", /line 3: `mode` set twice/],
      ["[default]\nmode = dryrun\n", /context\.settingsFile\.mode.*'dryrun' is not modelled/],
    ]) {
      writeFileSync(settings, text);
      const r = check("0.31.0");
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, why);
    }
    // Beside a settings= that names no mode (scripts pass one for start_method): 0.18.1–0.18.7
    // take the object's default online over WANDB_MODE=offline and ignore the file's mode line,
    // so the launch goes online; 0.18.0 stays offline. Each as recorded.
    writeFileSync(settings, "[default]\nmode = offline\n");
    const call = 'resume="must", id="abc", settings=wandb.Settings(start_method="thread")';
    for (const [sdk, offline] of [
      ["0.18.0", true],
      ["0.18.1", false],
    ]) {
      const r = run(["check", "--sdk", sdk, "--resume-file", "none", "--init", call], {
        WANDB_DIR: root,
        WANDB_MODE: "offline",
      });
      assert.equal(r.code, 0, r.out + r.err);
      assert.equal(/if the run exists: +offline/.test(r.out), offline, `${sdk}: ${r.out}`);
      const recorded = recordedSettingsFileArg(sdk, "object", { mode: "offline" }, "offline");
      assert.equal(recorded.offline, offline, `${sdk} recorded`);
    }
    // Its own mode="online" over the file: 0.18.0 keeps the file's offline (as it keeps
    // WANDB_MODE=offline), 0.31.0 goes online, each as recorded.
    const ownMode = 'resume="must", id="abc", settings=wandb.Settings(mode="online")';
    for (const [sdk, offline] of [
      ["0.18.0", true],
      ["0.31.0", false],
    ]) {
      const r = run(["check", "--sdk", sdk, "--resume-file", "none", "--init", ownMode], {
        WANDB_DIR: root,
      });
      assert.equal(r.code, 0, r.out + r.err);
      assert.equal(/if the run exists: +offline/.test(r.out), offline, `${sdk}: ${r.out}`);
      assert.equal(/settings-mode-ignored/.test(r.out), offline, `${sdk}: ${r.out}`);
      const lines = { mode: "offline" };
      const recorded = recordedSettingsFileArg(sdk, "object", lines, undefined, "online");
      assert.equal(recorded.offline, offline, `${sdk} recorded`);
    }
    // Beside WANDB_MODE=offline as well: 0.18.0 stays offline, 0.31.0 goes online, as recorded.
    for (const [sdk, offline] of [
      ["0.18.0", true],
      ["0.31.0", false],
    ]) {
      const r = run(["check", "--sdk", sdk, "--resume-file", "none", "--init", ownMode], {
        WANDB_DIR: root,
        WANDB_MODE: "offline",
      });
      assert.equal(r.code, 0, r.out + r.err);
      assert.equal(/if the run exists: +offline/.test(r.out), offline, `${sdk}: ${r.out}`);
      const lines = { mode: "offline" };
      const recorded = recordedSettingsFileKey(sdk, "object", lines, "offline", { mode: "online" });
      assert.equal(recorded.offline === true, offline, `${sdk} recorded`);
    }
    // The settings' own resume configuration beside the file: 0.18.0 launches offline (resume
    // ignored), 0.18.1 online (the object's default mode over the file), as recorded.
    const ownResume = 'settings=wandb.Settings(resume="must", run_id="abc")';
    for (const [sdk, offline] of [
      ["0.18.0", true],
      ["0.18.1", false],
    ]) {
      const r = run(["check", "--sdk", sdk, "--resume-file", "none", "--init", ownResume], {
        WANDB_DIR: root,
      });
      assert.equal(r.code, 0, r.out + r.err);
      assert.equal(/if the run exists: +offline/.test(r.out), offline, `${sdk}: ${r.out}`);
      assert.match(r.out, /run id +"abc"/, `${sdk}: ${r.out}`);
      const own = { resume: "must", runId: "abc" };
      const recorded = recordedSettingsFileKey(sdk, "object", { mode: "offline" }, undefined, own);
      assert.equal(recorded.offline === true, offline, `${sdk} recorded`);
      assert.equal(recorded.runId, "abc", `${sdk} recorded`);
    }
    // Over the file wandb disabled writes, the settings' online mode is not modelled (wandb
    // has set itself up without the service process): refused with the reason (exit 2).
    writeFileSync(settings, "[default]\nmode = disabled\n");
    const refused = run(["check", "--resume-file", "none", "--init", ownMode], {
      WANDB_DIR: root,
    });
    assert.equal(refused.code, 2, refused.out + refused.err);
    assert.match(refused.err, /init\.settings\.mode.*beside a settings file is not modelled/);
    // Given by path, or "none"; a directory is no file to read (exit 2).
    writeFileSync(settings, "[default]\nmode = offline\n");
    const init = ["--init", 'resume="must", id="abc"'];
    const given = run(["check", "--resume-file", "none", "--settings-file", settings, ...init]);
    assert.match(given.out, /if the run exists: +offline/);
    const none = run(["check", "--resume-file", "none", "--settings-file", "none"], {
      WANDB_DIR: root,
    });
    assert.doesNotMatch(none.out, /offline/);
    const dir = run(["check", "--resume-file", "none", "--settings-file", root]);
    assert.equal(dir.code, 2, dir.out + dir.err);
    assert.match(dir.err, /cannot read the settings file/);
    // What wandb online leaves (the section alone) and other sections: nothing to read.
    writeFileSync(settings, "[default]\n[other]\nmode = offline\n");
    const ok = check("0.31.0");
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /if the run exists: +resume/);
    assert.doesNotMatch(ok.out, /settings:/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("--strict makes warnings fail", () => {
  const args = ["check", "--init", 'id="abc"', "--resume-file", "none"];
  const lenient = run(args, { WANDB_SWEEP_ID: "sw1" });
  assert.equal(lenient.code, 0, lenient.out);
  assert.match(lenient.out, /warning/);
  assert.equal(run([...args, "--strict"], { WANDB_SWEEP_ID: "sw1" }).code, 1);
});

test("the resume file is read from --resume-file and from $WANDB_DIR", () => {
  const r = run([
    "check",
    "--init",
    'resume="auto"',
    "--resume-file",
    join(fixtures, "wandb-resume.json"),
    "--json",
  ]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(JSON.parse(r.out).runId, "file-id-1");
  const missing = run(["check", "--resume-file", join(fixtures, "absent.json")]);
  assert.match(missing.out, /no such file \(checked as absent\)/);
  // A truncated file (a job killed while wandb rewrote it): 0.19.0 raises on every restart,
  // 0.19.3+ pass over it and start a new run. The package says which, with Python's words.
  const broken = ["check", "--init", "resume=True", "--resume-file"];
  broken.push(join(fixtures, "broken-resume.json"));
  const raises = run([...broken, "--sdk", "0.19.0"]);
  assert.equal(raises.code, 1, raises.out + raises.err);
  assert.match(raises.out, /resume-file-unreadable/);
  // What 0.19.0 itself raised on this text (recorded, not written here).
  const truncated = readFileSync(join(fixtures, "broken-resume.json"), "utf8");
  assert.ok(raises.out.includes(resumeTextRaised("0.19.0", truncated)), raises.out);
  const passes = run([...broken, "--sdk", "0.19.3", "--json"]);
  assert.equal(passes.code, 0, passes.out + passes.err);
  const decision = JSON.parse(passes.out);
  assert.equal(decision.runId, null);
  assert.equal(decision.resumeFileAction, "written");
  assert.ok(decision.diagnostics.some((d) => d.code === "resume-file-unreadable"));
  // Bytes that are not UTF-8 are refused with the reason (exit 2), never read as something else.
  const dir = mkdtempSync(join(tmpdir(), "wandb-resume-cli-"));
  const latin1 = join(dir, "wandb-resume.json");
  writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
  const refused = run(["check", "--resume-file", latin1]);
  assert.equal(refused.code, 2, refused.out);
  assert.match(refused.err, /not UTF-8 text.*UnicodeDecodeError/);
  rmSync(dir, { recursive: true, force: true });
});

test("parse errors name the file, line and column (exit 2)", () => {
  const env = run(["check", "--env-file", join(fixtures, "unterminated.env")]);
  assert.equal(env.code, 2, env.out);
  assert.match(env.err, /unterminated\.env:2:\d+: /);
  const init = run(["check", "--init", "resume=True, id=run_id"]);
  assert.equal(init.code, 2, init.out);
  assert.match(init.err, /--init:1:\d+: /);
  assert.match(init.err, /id/);
  const missing = run(["check", "--env-file", join(fixtures, "nope.env")]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read the env file .*nope\.env: no such file/);
});

test("a CRLF env file is flagged", () => {
  const r = run(["check", "--env-file", join(fixtures, "crlf.env"), "--resume-file", "none"]);
  assert.match(r.out + r.err, /carriage return|CRLF|\\r/i);
});

test("usage errors exit 2 with a pointer to --help", () => {
  for (const args of [
    ["nope"],
    ["check", "--run-exists", "maybe"],
    ["check", "--bogus"],
    ["id", "--length", "x"],
    ["id", "--count", "0"],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.out}`);
    assert.match(r.err, /^wandb-resume: /);
  }
  for (const command of ["check", "id", "table"]) {
    const r = run([command, "extra"]);
    assert.equal(r.code, 2, r.out);
    assert.match(r.err, /Unexpected argument 'extra'/);
    assert.match(r.err, new RegExp(`wandb-resume ${command} --help`));
  }
});

test("id prints random ids and derived ids", () => {
  const one = run(["id"]);
  assert.equal(one.code, 0);
  assert.match(one.out, /^[a-z0-9]{8}\n$/);
  const many = run(["id", "--count", "3", "--length", "12"]);
  const ids = many.out.trim().split("\n");
  assert.equal(ids.length, 3);
  for (const id of ids) assert.match(id, /^[a-z0-9]{12}$/);
  const derived = run(["id", "--derive", "job-7"]);
  assert.equal(derived.out, run(["id", "--derive", "job-7"]).out, "the same key gives the same id");
  assert.match(derived.out, /^[a-z0-9]{16}\n$/);
  const bad = run(["id", "--length", "500"]);
  assert.equal(bad.code, 2);
});

test("table, --help and --version", () => {
  const t = run(["table"]);
  assert.equal(t.code, 0);
  assert.match(t.out, /WANDB_RESUME/);
  for (const command of ["check", "id", "table"]) {
    const h = run([command, "--help"]);
    assert.equal(h.code, 0);
    assert.match(h.out, new RegExp(`Usage: wandb-resume ${command}`));
  }
  assert.match(run(["--help"]).out, /Usage:/);
  assert.match(run(["--version"]).out, /^\d+\.\d+\.\d+\n$/);
});

test("the resume file is found where wandb keeps it: .wandb/ when that exists", () => {
  const root = mkdtempSync(join(tmpdir(), "wandb-resume-root-"));
  const write = (dir, id) => {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, "wandb-resume.json"), JSON.stringify({ run_id: id }));
  };
  const check = (env = {}) =>
    run(["check", "--init", "resume=True", "--json"], { WANDB_DIR: root, ...env });
  write("wandb", "plain-id");
  assert.equal(JSON.parse(check().out).runId, "plain-id");
  // With a .wandb directory every release reads .wandb/wandb-resume.json instead.
  mkdirSync(join(root, ".wandb"));
  const dotted = check();
  assert.equal(dotted.code, 0, dotted.err);
  assert.equal(JSON.parse(dotted.out).runId, null, "no file in .wandb/: a new id");
  assert.match(dotted.err, /\.wandb\/wandb-resume\.json: no such file \(.*\.wandb exists/);
  write(".wandb", "dotted-id");
  assert.equal(JSON.parse(check().out).runId, "dotted-id");
  // Newer releases let WANDB_USE_DOT_WANDB choose: the path must then be given.
  const chosen = check({ WANDB_USE_DOT_WANDB: "false" });
  assert.equal(chosen.code, 2);
  assert.match(chosen.err, /WANDB_USE_DOT_WANDB is set.*--resume-file/);
  // And the settings file beside it.
  const settings = run(["check", "--resume-file", "none"], {
    WANDB_DIR: root,
    WANDB_USE_DOT_WANDB: "false",
  });
  assert.equal(settings.code, 2);
  assert.match(settings.err, /WANDB_USE_DOT_WANDB is set.*--settings-file/);
  rmSync(root, { recursive: true, force: true });
});

test("check reads WANDB_DISABLED from the environment as each release does", () => {
  const env = { WANDB_RESUME: "must", WANDB_RUN_ID: "abc", WANDB_DISABLED: "true" };
  for (const [sdk, code] of [
    ["0.18.7", "disabled-env-offline"],
    ["0.19.0", "disabled-env-ignored"],
  ]) {
    const r = run(["check", "--sdk", sdk, "--resume-file", "none", "--settings-file", "none"], env);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, new RegExp(`warning ${code} \\(env\\.WANDB_DISABLED\\)`));
    const offline = recordedDisabledEnv(sdk, "true").offline === true;
    assert.equal(/if the run exists: +offline/.test(r.out), offline, sdk);
  }
  // 0.9.x is not modelled with it: refused with the reason, exit 2.
  const old = run(["check", "--sdk", "0.9.7", "--resume-file", "none"], env);
  assert.equal(old.code, 2, old.out + old.err);
  assert.match(old.out + old.err, /env\.WANDB_DISABLED.*not modelled for wandb 0\.9\.7/);
});
