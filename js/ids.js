// Run ids, handed out from batches. The core makes ids (CSPRNG, rejection sampling: every
// character exactly 1/36) many at a time as one string; this file only cuts that string, so a
// batch costs one crossing of the wasm boundary instead of one per id. The first batch is
// made on the first call, never at import: workerd forbids randomness at start-up.

/** Ids of the default length made per crossing. */
const BATCH = 256;
const DEFAULT_LENGTH = 8;

/**
 * `generateId` and `generateIds` over one module's `generateIdBlock` (the core's or the
 * tools module's), each with its own batch.
 * @param {(count: number, length?: number) => string} generateIdBlock
 */
export function idFunctions(generateIdBlock) {
  let batch = "";
  let next = 0;

  /**
   * A fresh random run id of `length` (default 8) characters from `[a-z0-9]`. Throws an
   * `Error` with `code` `invalid-length`, `invalid-input` or `no-csprng`.
   * @param {number} [length]
   * @returns {string}
   */
  function generateId(length) {
    if (length !== undefined && length !== DEFAULT_LENGTH) return generateIdBlock(1, length);
    if (next >= batch.length) {
      batch = generateIdBlock(BATCH, DEFAULT_LENGTH);
      next = 0;
    }
    const id = batch.slice(next, next + DEFAULT_LENGTH);
    next += DEFAULT_LENGTH;
    return id;
  }

  /**
   * `count` fresh random run ids of `length` (default 8) characters, made in one call. Throws
   * like `generateId`, and `invalid-count` for more than 100 000.
   * @param {number} count
   * @param {number} [length]
   * @returns {string[]}
   */
  function generateIds(count, length) {
    const text = generateIdBlock(count, length);
    if (text.length === 0) return [];
    const size = text.length / count;
    const ids = new Array(count);
    for (let i = 0; i < count; i++) ids[i] = text.slice(i * size, (i + 1) * size);
    return ids;
  }

  return { generateId, generateIds };
}
