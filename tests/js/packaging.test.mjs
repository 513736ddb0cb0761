// The package as users get it: `npm pack`, install the tarball (and the repo folder) into
// scratch projects, import it by name, and type-check code against its declarations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "wandb-resume-pkg-"));
let tarball;
let packedFiles = [];

function npm(args, cwd) {
  return execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function project(name) {
  const dir = join(scratch, name);
  execFileSync("mkdir", ["-p", dir]);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  return dir;
}

const mustProbe = `
import { decide } from "wandb-resume";
const d = decide({ env: { WANDB_RESUME: "must" } });
console.log(JSON.stringify({ valid: d.valid, codes: d.diagnostics.map((x) => x.code), message: d.diagnostics[0].message }));
`;

before(() => {
  const out = npm(["pack", "--json", "--pack-destination", scratch], root);
  const [info] = JSON.parse(out);
  tarball = join(scratch, info.filename);
  packedFiles = info.files.map((f) => f.path);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test("the tarball holds the entries, the glue, the .wasm and the types, and nothing else", () => {
  const files = [...packedFiles].sort();
  for (const needed of [
    "js/node.js",
    "js/workerd.js",
    "js/browser.js",
    "js/web.js",
    "js/edge-light.js",
    "js/api.js",
    "js/ids.js",
    "js/web-loader.js",
    "js/index.d.ts",
    "js/tools/node.js",
    "js/tools/workerd.js",
    "js/tools/browser.js",
    "js/tools/web.js",
    "js/tools/edge-light.js",
    "js/tools/api.js",
    "js/tools/index.d.ts",
    "pkg/wandb_resume.js",
    "pkg/wandb_resume.d.ts",
    "pkg/wandb_resume_bg.wasm",
    "pkg/wandb_resume_tools.js",
    "pkg/wandb_resume_tools.d.ts",
    "pkg/wandb_resume_tools_bg.wasm",
    "package.json",
  ]) {
    assert.ok(files.includes(needed), `${needed} missing from ${files.join(", ")}`);
  }
  for (const f of files) {
    assert.ok(!/^(src|target|node_modules|tests|scripts)\//.test(f), `${f} should not ship`);
  }
});

test("the package has zero runtime dependencies", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  assert.equal(pkg.dependencies, undefined);
  // Only the entries have side effects (they instantiate the module at import); with
  // `sideEffects: false` a bundler skips their bodies and the module is never initialised
  // (tests/js/browser-bundler.test.mjs catches exactly that).
  assert.deepEqual(pkg.sideEffects, [
    "./js/node.js",
    "./js/browser.js",
    "./js/workerd.js",
    "./js/edge-light.js",
    "./js/worker/node.js",
    "./js/worker/browser.js",
    "./js/worker/workerd.js",
    "./js/worker/edge-light.js",
    "./js/tools/node.js",
    "./js/tools/browser.js",
    "./js/tools/workerd.js",
    "./js/tools/edge-light.js",
  ]);
  assert.equal(pkg.type, "module");
});

/** This process's environment without any WANDB_* variable, so the CLI sees only its file. */
function withoutWandbVariables() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("WANDB_")));
}

for (const [name, source] of [
  ["from the tarball", () => tarball],
  ["from the repo path", () => root],
]) {
  test(`a scratch project importing the package ${name} gets a decision`, () => {
    const dir = project(name.replace(/\W+/g, "-"));
    npm(["install", "--offline", source()], dir);
    const out = execFileSync("node", ["--input-type=module", "-e", mustProbe], {
      cwd: dir,
      encoding: "utf8",
    });
    const result = JSON.parse(out);
    assert.equal(result.valid, false);
    assert.ok(result.codes.includes("must-without-run-id"), out);
    assert.match(result.message, /no run id/);
    // The tools entry and the CLI (which reads --env-file with the tools module) as installed.
    const tools = execFileSync(
      "node",
      [
        "--input-type=module",
        "-e",
        'import { parseEnvBlock } from "wandb-resume/tools"; console.log(JSON.stringify(parseEnvBlock("export WANDB_RESUME=must\\n").env))',
      ],
      { cwd: dir, encoding: "utf8" },
    );
    assert.deepEqual(JSON.parse(tools), { WANDB_RESUME: "must" });
    writeFileSync(join(dir, "job.env"), "export WANDB_RESUME=must\n");
    const cli = spawnSync(
      join(dir, "node_modules", ".bin", "wandb-resume"),
      ["check", "--env-file", "job.env", "--resume-file", "none"],
      { cwd: dir, encoding: "utf8", env: withoutWandbVariables() },
    );
    assert.equal(cli.status, 1, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /must-without-run-id/);
  });
}

test("the declarations type-check real use and reject misuse", () => {
  const dir = project("types");
  npm(["install", "--offline", tarball], dir);
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const flags = [
    "--noEmit",
    "--strict",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--target",
    "es2022",
    "--skipLibCheck",
    "false",
  ];
  for (const f of ["types-ok.ts", "types-bad.ts"]) {
    copyFileSync(join(root, "tests", "js", "fixtures", f), join(dir, f));
  }
  const ok = spawnSync("node", [tsc, ...flags, "types-ok.ts"], { cwd: dir, encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const bad = spawnSync("node", [tsc, ...flags, "types-bad.ts"], { cwd: dir, encoding: "utf8" });
  assert.notEqual(bad.status, 0, "misuse must not type-check");
  // One error per misuse line, each at its line.
  const lines = [...bad.stdout.matchAll(/types-bad\.ts\((\d+),/g)].map((m) => Number(m[1]));
  assert.deepEqual([...new Set(lines)], [4, 5, 6, 7, 8], bad.stdout);
});

for (const name of ["wandb_resume", "wandb_resume_tools"]) {
  test(`the generated declarations of ${name} match the committed snapshot`, () => {
    const generated = readFileSync(join(root, "pkg", `${name}.d.ts`), "utf8");
    const snapshotPath = join(root, "tests", "js", "snapshots", `${name}.d.ts`);
    if (process.env.UPDATE_SNAPSHOTS === "1") {
      writeFileSync(snapshotPath, generated);
    }
    const snapshot = readFileSync(snapshotPath, "utf8");
    assert.equal(
      generated,
      snapshot,
      `pkg/${name}.d.ts changed: review it, then run UPDATE_SNAPSHOTS=1 npm test`,
    );
  });
}

/** Resolves `exports["."]` for a set of active conditions, the way Node and bundlers do:
 * the first key (in object order) that is active, or `default`. */
function resolveExport(exportsField, conditions) {
  for (const [key, target] of Object.entries(exportsField)) {
    if (key === "default" || conditions.includes(key)) {
      return typeof target === "string" ? target : resolveExport(target, conditions);
    }
  }
  return null;
}

test("each runtime condition resolves to its own entry", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  // The condition sets each tool uses (wrangler/esbuild for workerd, Vercel's edge
  // bundler, Deno, Node, a browser bundler such as Vite or webpack).
  const expected = [
    [["workerd", "worker", "browser", "import"], "./js/workerd.js"],
    [["edge-light", "worker", "browser", "import"], "./js/edge-light.js"],
    [["deno", "import"], "./js/browser.js"],
    [["node", "import"], "./js/node.js"],
    [["browser", "import", "module"], "./js/browser.js"],
    [["import"], "./js/browser.js"],
  ];
  for (const [conditions, entry] of expected) {
    assert.equal(resolveExport(pkg.exports["."], conditions), entry, conditions.join(","));
    // The edge handler follows the same runtime to its own wrapper of that entry.
    const worker = entry.replace("./js/", "./js/worker/");
    assert.equal(resolveExport(pkg.exports["./worker"], conditions), worker, conditions.join(","));
    // And the tools entry to its own entry for that runtime.
    const tools = entry.replace("./js/", "./js/tools/");
    assert.equal(resolveExport(pkg.exports["./tools"], conditions), tools, conditions.join(","));
  }
  assert.equal(resolveExport(pkg.exports["./tools"], ["types"]), "./js/tools/index.d.ts");
  assert.equal(resolveExport(pkg.exports["./worker"], ["types"]), "./js/worker/index.d.ts");
  assert.equal(resolveExport(pkg.exports["."], ["types"]), "./js/index.d.ts");
  // And Node itself agrees, with and without an extra runtime condition.
  for (const [condition, entry] of [
    [null, "js/node.js"],
    ["workerd", "js/workerd.js"],
    ["edge-light", "js/edge-light.js"],
    ["deno", "js/browser.js"],
  ]) {
    const args = condition ? [`--conditions=${condition}`] : [];
    const out = execFileSync(
      "node",
      [...args, "--input-type=module", "-e", 'console.log(import.meta.resolve("wandb-resume"))'],
      { cwd: root, encoding: "utf8" },
    ).trim();
    assert.ok(out.endsWith(entry), `${condition}: ${out}`);
  }
  for (const [specifier, entry] of [
    ["wandb-resume/web", "js/web.js"],
    ["wandb-resume/tools/web", "js/tools/web.js"],
  ]) {
    const out = execFileSync(
      "node",
      ["--input-type=module", "-e", `console.log(import.meta.resolve("${specifier}"))`],
      { cwd: root, encoding: "utf8" },
    ).trim();
    assert.ok(out.endsWith(entry), `${specifier}: ${out}`);
  }
});
