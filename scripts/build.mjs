#!/usr/bin/env node
// Builds the npm package's generated part, pkg/, from the crate:
//   cargo (release, size-tuned profile) → wasm-bindgen (--target web) → wasm-opt -Oz.
//
// One .wasm and one web glue serve every runtime; js/ holds a tiny entry per runtime that
// hands the glue the compiled module (STYLE.md §5). `--omit-default-module-path` keeps the
// glue from referencing `new URL("…_bg.wasm", import.meta.url)` itself, which bundlers and
// workerd would otherwise try to resolve; each entry supplies the module instead.
//
// Run through `npm run build`; scripts/setup.sh must have run (it installs the pinned
// wasm-bindgen CLI and binaryen's wasm-opt from npm — Debian's wasm-opt is too old for
// today's rustc output).
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const target = "wasm32-unknown-unknown";
const raw = join(root, "target", target, "release", "wandb_resume.wasm");
const out = join(pkg, "wandb_resume_bg.wasm");

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
}

run("cargo", ["build", "--lib", "--release", "--target", target, "--quiet"]);

// Skip the rest when pkg/ is newer than the compiled module: cargo already decided that
// nothing changed, and wasm-opt is the slow step.
if (
  existsSync(out) &&
  statSync(out).mtimeMs >= statSync(raw).mtimeMs &&
  !process.argv.includes("--force")
) {
  copyModuleToWebForm();
  report();
  process.exit(0);
}

rmSync(pkg, { recursive: true, force: true });
run("wasm-bindgen", [
  "--target",
  "web",
  "--omit-default-module-path",
  "--out-dir",
  pkg,
  "--out-name",
  "wandb_resume",
  raw,
]);

// The features rustc enables by default for wasm32-unknown-unknown; wasm-opt must be told,
// since wasm-bindgen drops the target_features section it would otherwise read.
const features = [
  "--enable-bulk-memory",
  "--enable-mutable-globals",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-reference-types",
  "--enable-multivalue",
];
const wasmOpt = join(root, "node_modules", ".bin", "wasm-opt");
run(wasmOpt, ["-Oz", ...features, "--strip-debug", "--strip-producers", out, "-o", out]);

// The glue's package.json would make pkg/ look like a package of its own; the root
// package.json is the only one.
rmSync(join(pkg, "package.json"), { force: true });
rmSync(join(pkg, ".gitignore"), { force: true });
copyModuleToWebForm();
report();

/** The web form loads the package from www/module/ (same origin, works offline after load):
 * the no-bundler entry, the API module and the generated glue and .wasm, in the package's
 * own layout so the relative imports hold. Copied on every build; not committed. */
function copyModuleToWebForm() {
  const target = join(root, "www", "module");
  rmSync(target, { recursive: true, force: true });
  for (const file of [
    "js/web.js",
    "js/ids.js",
    "pkg/wandb_resume.js",
    "pkg/wandb_resume_bg.wasm",
  ]) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(root, file), join(target, file));
  }
}

function report() {
  const wasm = readFileSync(out);
  const glue = readFileSync(join(pkg, "wandb_resume.js"));
  const sizes = {
    wasmBytes: wasm.length,
    wasmGzip: gzipSync(wasm, { level: 9 }).length,
    glueBytes: glue.length,
    glueGzip: gzipSync(glue, { level: 9 }).length,
  };
  writeFileSync(join(pkg, "size.json"), JSON.stringify(sizes, null, 2) + "\n");
  console.error(
    `[build] pkg/wandb_resume_bg.wasm ${sizes.wasmBytes} B (${sizes.wasmGzip} B gzip), glue ${sizes.glueBytes} B (${sizes.glueGzip} B gzip)`,
  );
}
