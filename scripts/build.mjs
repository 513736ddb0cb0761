#!/usr/bin/env node
// Builds the npm package's generated part, pkg/, from the crate:
//   cargo (release, size-tuned profile) → wasm-bindgen (--target web) → wasm-opt -Oz, and the
//   glue's string copy patched (withFastStringCopy below),
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
    !force && existsSync(out) && existsSync(stamp) && readFileSync(stamp, "utf8") === stampOf(hash);
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
    for (const file of [`${name}.d.ts`, `${name}_bg.wasm.d.ts`]) {
      renameSync(join(scratch, file), join(pkg, file));
    }
    const glue = join(pkg, `${name}.js`);
    writeFileSync(glue, withFastStringCopy(readFileSync(join(scratch, `${name}.js`), "utf8")));
    writeFileSync(stamp, stampOf(hash));
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

// wasm-bindgen's glue copies a string into wasm memory one UTF-16 unit at a time while it is
// ASCII, and hands only the rest to TextEncoder.encodeInto. Every configuration crosses as
// JSON text (decide's input, decideMany's batch), and that loop costs ≈ 4 ns a character:
// 0.7 µs of a 1 000-configuration batch's 5.9 µs per configuration, where encodeInto copies
// the same text in 0.01 µs (Node 20; `npm run bench`). From 64 units on, the patched function
// encodes with encodeInto from the first character; shorter strings (method names, versions)
// keep the loop, which is cheaper than a call there. The bytes are the same either way (the
// glue already used encodeInto past the first non-ASCII character, lone surrogates included),
// which tests/js/api.test.mjs checks around the threshold.
const STRING_COPY_LOOP = `    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;`;
const STRING_COPY_ENCODE_INTO = `    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;
    let read = 0;

    if (len < 64) {
        for (; offset < len; offset++) {
            const code = arg.charCodeAt(offset);
            if (code > 0x7F) break;
            mem[ptr + offset] = code;
        }
        read = offset;
    } else {
        const ret = cachedTextEncoder.encodeInto(arg, mem.subarray(ptr, ptr + len));
        offset = ret.written;
        read = ret.read;
    }
    if (read !== arg.length) {
        arg = arg.slice(read);
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;`;

/** Identifies the glue patch in the build stamp, so a pkg/ made before it (or before an edit
 * of it) is rebuilt: derived from the patch's own text, nothing to remember to bump. */
const GLUE_PATCH = createHash("sha256")
  .update(STRING_COPY_LOOP + STRING_COPY_ENCODE_INTO)
  .digest("hex")
  .slice(0, 16);

function stampOf(hash) {
  return `${hash} ${GLUE_PATCH}`;
}

/** `glue` with the string copy above; stops the build if wasm-bindgen's code is not the one
 * the patch was written for (the wasm-bindgen version is pinned in Cargo.toml). */
function withFastStringCopy(glue) {
  const at = glue.indexOf(STRING_COPY_LOOP);
  if (at < 0 || glue.indexOf(STRING_COPY_LOOP, at + 1) >= 0) {
    throw new Error(
      "scripts/build.mjs: wasm-bindgen's passStringToWasm0 is not the code the string-copy patch replaces; review the patch for this wasm-bindgen version",
    );
  }
  // A function, so that no `$` pattern in the replacement could ever be expanded.
  return glue.replace(STRING_COPY_LOOP, () => STRING_COPY_ENCODE_INTO);
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
    "js/source-words.js",
    "pkg/wandb_resume_tools.js",
    "pkg/wandb_resume_tools_bg.wasm",
  ]) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(root, file), join(target, file));
  }
}

mkdirSync(pkg, { recursive: true });
const sizes = {};
for (const module of MODULES) sizes[module.name] = buildModule(module);
writeFileSync(join(pkg, "size.json"), JSON.stringify(sizes, null, 2) + "\n");
copyModuleToWebForm();
