// The words for where a value came from (js/source-words.js, shared by the CLI and the web
// form) cover exactly the sources the core can answer: the variants are read from the
// TypeScript types tsify generates from the Rust enums, so a new source fails here instead of
// printing "undefined".
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SOURCE_WORDS } from "../../js/source-words.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const types = readFileSync(join(root, "pkg", "wandb_resume.d.ts"), "utf8");

/** The string members of `export type NAME = "a" | "b";` in the generated types. */
function unionMembers(name) {
  const declaration = types.match(new RegExp(`export type ${name} = ([^;]+);`));
  assert.ok(declaration, `pkg/wandb_resume.d.ts declares ${name}`);
  return [...declaration[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

test("every resume and run-id source has its words, and no word is left over", () => {
  const sources = new Set([...unionMembers("ValueSource"), ...unionMembers("RunIdSource")]);
  assert.ok(sources.size >= 7, `found ${[...sources]}`);
  assert.deepEqual(Object.keys(SOURCE_WORDS).sort(), [...sources].sort());
});
