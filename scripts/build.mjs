#!/usr/bin/env node
// Builds the npm package's generated part, pkg/, from the crate:
//   cargo (release, size-tuned profile) → wasm-bindgen (--target web) → wasm-opt -Oz,
// twice from the same sources:
//   - the core module (pkg/wandb_resume*): decide, simulate, ids, the edge API — what the main
//     entry and the worker load, where size and start-up are billed;
//   - the tools module (pkg/wandb_resume_tools*, cargo feature `tools`): the core plus the
//     paste parsers, snippets and fixConfiguration, for `wandb-resume/tools` (the web form,
//     the CLI). The linker keeps only what the exports reach, so the core module carries none
//     of the parsers' code or text.
//
// One .wasm and one web glue per module serve every runtime; js/ holds a tiny entry per
// runtime that hands the glue the compiled module (STYLE.md §5). `--omit-default-module-path`
// keeps the glue from referencing `new URL("…_bg.wasm", import.meta.url)` itself, which
// bundlers and workerd would otherwise try to resolve; each entry supplies the module instead.
//
// Run through `npm run build`; scripts/setup.sh must have run (it installs the pinned
// wasm-bindgen CLI and binaryen's wasm-opt from npm — Debian's wasm-opt is too old for
// today's rustc output).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const target = "wasm32-unknown-unknown";

/** The two modules: output name, cargo features, and the cargo profile. Each module has a
 * profile (and so a target directory) of its own — see `release-tools` in Cargo.toml —
 * or every build would recompile the crate twice, once per feature set. */
const MODULES = [
  { name: "wandb_resume", features: [], profile: "release" },
  { name: "wandb_resume_tools", features: ["tools"], profile: "release-tools" },
];

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
}

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
const force = process.argv.includes("--force");

mkdirSync(pkg, { recursive: true });
const sizes = {};
for (const module of MODULES) sizes[module.name] = buildModule(module);
writeFileSync(join(pkg, "size.json"), JSON.stringify(sizes, null, 2) + "\n");
copyModuleToWebForm();

/**
 * Compiles one module and turns it into pkg/<name>.js + pkg/<name>_bg.wasm. The slow steps
 * (wasm-bindgen, wasm-opt) are skipped when the compiled module is byte-for-byte the one
 * pkg/ was made from (its hash is kept in pkg/<name>.source).
 */
function buildModule({ name, features: cargoFeatures, profile }) {
  const args = ["build", "--lib", "--profile", profile, "--target", target, "--quiet"];
  if (cargoFeatures.length > 0) args.push("--features", cargoFeatures.join(","));
  const raw = join(root, "target", target, profile, "wandb_resume.wasm");
  run("cargo", args);
  const hash = createHash("sha256").update(readFileSync(raw)).digest("hex");
  const stamp = join(pkg, `${name}.source`);
  const out = join(pkg, `${name}_bg.wasm`);
  const fresh =
    !force && existsSync(out) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash;
  if (!fresh) {
    const scratch = join(root, "target", "wasm-bindgen", name);
    rmSync(scratch, { recursive: true, force: true });
    run("wasm-bindgen", [
      "--target",
      "web",
      "--omit-default-module-path",
      "--out-dir",
      scratch,
      "--out-name",
      name,
      raw,
    ]);
    const optimized = join(scratch, `${name}_bg.opt.wasm`);
    run(wasmOpt, [
      "-Oz",
      ...features,
      "--strip-debug",
      "--strip-producers",
      join(scratch, `${name}_bg.wasm`),
      "-o",
      optimized,
    ]);
    // The glue's package.json and .gitignore are not copied: the root package.json is the
    // only one.
    renameSync(optimized, out);
    for (const file of [`${name}.js`, `${name}.d.ts`, `${name}_bg.wasm.d.ts`]) {
      renameSync(join(scratch, file), join(pkg, file));
    }
    writeFileSync(stamp, hash);
  }
  const wasm = readFileSync(out);
  const glue = readFileSync(join(pkg, `${name}.js`));
  const size = {
    wasmBytes: wasm.length,
    wasmGzip: gzipSync(wasm, { level: 9 }).length,
    glueBytes: glue.length,
    glueGzip: gzipSync(glue, { level: 9 }).length,
  };
  console.error(
    `[build] pkg/${name}_bg.wasm ${size.wasmBytes} B (${size.wasmGzip} B gzip), glue ${size.glueBytes} B (${size.glueGzip} B gzip)`,
  );
  return size;
}

/** The web form loads the package from www/module/ (same origin, works offline after load):
 * the no-bundler tools entry, what it imports, and the generated glue and .wasm, in the
 * package's own layout so the relative imports hold. Copied on every build; not committed. */
function copyModuleToWebForm() {
  const target = join(root, "www", "module");
  rmSync(target, { recursive: true, force: true });
  for (const file of [
    "js/tools/web.js",
    "js/web-loader.js",
    "js/ids.js",
    "pkg/wandb_resume_tools.js",
    "pkg/wandb_resume_tools_bg.wasm",
  ]) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(root, file), join(target, file));
  }
}
