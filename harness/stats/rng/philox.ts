/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror & Shaw (2011), "Parallel random
 * numbers: as easy as 1, 2, 3" (SC'11), as in Random123. A pure function: (key, counter) → 4 words.
 * Checked against the Random123 known-answer vectors in `test/stats/rng.test.ts`.
 *
 * Words are carried as int32 inside the rounds (so V8 keeps them in registers) and returned as uint32.
 * The 32×32→64 multiply is exact: the low word is `Math.imul`, the high word is assembled from the
 * four 16×16-bit partial products.
 */

/** Name of the algorithm, recorded in every report's manifest. */
export const RNG_ALGORITHM = 'philox4x32-10';

/**
 * High 32 bits of the 64-bit product of two uint32 (as int32 or uint32), exactly, returned as uint32.
 *
 * @example
 * mulhi(0xffffffff, 0xffffffff); // 0xfffffffe
 */
export function mulhi(a: number, b: number): number {
  const al = a & 0xffff;
  const ah = a >>> 16;
  const bl = b & 0xffff;
  const bh = b >>> 16;
  const ll = Math.imul(al, bl) >>> 0;
  const lh = Math.imul(al, bh);
  const hl = Math.imul(ah, bl);
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (Math.imul(ah, bh) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/**
 * Philox4x32-10 block: key (k0, k1) and counter (c0..c3), all uint32, to four uint32 words.
 * Writes into `out` (no allocation) when given, else returns a fresh Uint32Array.
 *
 * @example
 * philox4x32(0, 0, 0, 0, 0, 0); // Uint32Array [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
 */
export function philox4x32(
  k0: number,
  k1: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  let x0 = c0 | 0;
  let x1 = c1 | 0;
  let x2 = c2 | 0;
  let x3 = c3 | 0;
  let key0 = k0 | 0;
  let key1 = k1 | 0;
  // Weyl key increments 0x9e3779b9, 0xbb67ae85 and round multipliers 0xd2511f53, 0xcd9e8d57 (Random123's
  // PHILOX_W32_0/1 and PHILOX_M4x32_0/1), written as literals: module bindings are slow in this loop under
  // some loaders (vite-node).
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      key0 = (key0 + 0x9e3779b9) | 0;
      key1 = (key1 + 0xbb67ae85) | 0;
    }
    const hi0 = mulhi(x0, 0xd2511f53);
    const lo0 = Math.imul(x0, 0xd2511f53);
    const hi1 = mulhi(x2, 0xcd9e8d57);
    const lo1 = Math.imul(x2, 0xcd9e8d57);
    x0 = hi1 ^ x1 ^ key0;
    x1 = lo1;
    x2 = hi0 ^ x3 ^ key1;
    x3 = lo0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}
