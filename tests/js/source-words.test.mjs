// The words for where a value came from (js/source-words.js, shared by the CLI and the web
// form), and the web form's words for a restart (www/timeline-words.js), cover exactly the
// variants the core can answer: they are read from the TypeScript types tsify generates from
// the Rust enums, so a new variant fails here instead of printing "undefined".
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SOURCE_WORDS } from "../../js/source-words.js";
import { ENDING_WORDS, PLACE_WORDS } from "../../www/timeline-words.js";

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

test("every ending and place of a restart has its words, short and long", () => {
  for (const [union, words] of [
    ["Ending", ENDING_WORDS],
    ["Place", PLACE_WORDS],
  ]) {
    const variants = unionMembers(union);
    assert.ok(variants.length >= 3, `found ${variants}`);
    assert.deepEqual(Object.keys(words).sort(), [...variants].sort(), union);
    for (const [variant, w] of Object.entries(words)) {
      assert.ok(w.short && w.long, `${union} ${variant}`);
    }
  }
});
