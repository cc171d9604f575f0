import { philox4x32 } from './philox.js';

/**
 * Uniform doubles in (0, 1) as a pure function of (seed, stream, row, slot).
 *
 * Counter layout — one Philox block serves two consecutive rows of one (stream, slot):
 *   key     = (seed mod 2^32, floor(seed / 2^32))
 *   counter = (q mod 2^32, floor(q / 2^32), slot, stream)   with q = floor(row / 2)
 *   even rows use words (0, 1) of the block, odd rows words (2, 3).
 * A uniform takes 53 bits, 27 from the first word and 26 from the second: u = m / 2^53; m = 0 maps
 * to 2^-54, so u ∈ [2^-54, 1 − 2^-53] is never exactly 0 or 1.
 */

const TWO32 = 4294967296;
const TWO_M53 = 1 / 9007199254740992;
const TWO_M54 = TWO_M53 / 2;

/** Splits a seed (integer in [0, 2^53)) into the two 32-bit Philox key words. */
export function splitSeed(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be an integer in [0, 2^53), got ${seed}`);
  }
  return [seed % TWO32 >>> 0, Math.floor(seed / TWO32) >>> 0];
}

function checkArgs(row: number, slot: number): void {
  if (!Number.isSafeInteger(row) || row < 0) throw new RangeError(`row must be an integer in [0, 2^53), got ${row}`);
  if (!Number.isInteger(slot) || slot < 0 || slot >= TWO32) throw new RangeError(`slot must be an integer in [0, 2^32), got ${slot}`);
}

/** 53-bit uniform in (0, 1) from two uint32 words. */
export function wordsToUniform(a: number, b: number): number {
  const m = (a >>> 5) * 67108864 + (b >>> 6);
  return m === 0 ? TWO_M54 : m * TWO_M53;
}

const block = new Uint32Array(4);

/**
 * One uniform in (0, 1): draw `slot` of row `row` in stream `stream` (uint32, see `streamId`) under `seed`.
 *
 * @example
 * uniform(42, streamId('income'), 0); // same value whatever else is drawn, in whatever order
 */
export function uniform(seed: number, stream: number, row: number, slot = 0): number {
  const [k0, k1] = splitSeed(seed);
  checkArgs(row, slot);
  const q = Math.floor(row / 2);
  philox4x32(k0, k1, q % TWO32, Math.floor(q / TWO32), slot, stream, block);
  return row % 2 === 0 ? wordsToUniform(block[0]!, block[1]!) : wordsToUniform(block[2]!, block[3]!);
}

/**
 * Bulk path: `out[i] = uniform(seed, stream, start + i, slot)` for rows [start, start + out.length).
 * Same values as {@link uniform}; Philox inlined, one block per two rows, no allocation.
 *
 * @example
 * const u = fillUniforms(new Float64Array(1000), 42, streamId('income'), 5000);
 */
export function fillUniforms(out: Float64Array, seed: number, stream: number, start: number, slot = 0): Float64Array {
  const [k0, k1] = splitSeed(seed);
  checkArgs(start, slot);
  checkArgs(start + out.length, slot);
  const n = out.length;
  const c2 = slot | 0;
  const c3 = stream | 0;
  let i = 0;
  let row = start;
  while (i < n) {
    const q = Math.floor(row / 2);
    let x0 = q % TWO32 | 0;
    let x1 = Math.floor(q / TWO32) | 0;
    let x2 = c2;
    let x3 = c3;
    let key0 = k0 | 0;
    let key1 = k1 | 0;
    for (let round = 0; round < 10; round++) {
      if (round > 0) {
        key0 = (key0 + 0x9e3779b9) | 0;
        key1 = (key1 + 0xbb67ae85) | 0;
      }
      // hi0:lo0 = x0 × 0xd2511f53 (halves 0xd251, 0x1f53); hi1:lo1 = x2 × 0xcd9e8d57 (0xcd9e, 0x8d57)
      let al = x0 & 0xffff;
      let ah = x0 >>> 16;
      let ll = Math.imul(al, 0x1f53) >>> 0;
      let lh = Math.imul(al, 0xd251);
      let hl = Math.imul(ah, 0x1f53);
      let mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
      const hi0 = (Math.imul(ah, 0xd251) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
      const lo0 = Math.imul(x0, 0xd2511f53);
      al = x2 & 0xffff;
      ah = x2 >>> 16;
      ll = Math.imul(al, 0x8d57) >>> 0;
      lh = Math.imul(al, 0xcd9e);
      hl = Math.imul(ah, 0x8d57);
      mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
      const hi1 = (Math.imul(ah, 0xcd9e) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
      const lo1 = Math.imul(x2, 0xcd9e8d57);
      x0 = hi1 ^ x1 ^ key0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ key1;
      x3 = lo0;
    }
    if (row % 2 === 0) {
      const m = (x0 >>> 5) * 67108864 + (x1 >>> 6);
      out[i++] = m === 0 ? TWO_M54 : m * TWO_M53;
      row++;
      if (i === n) break;
    }
    const m = (x2 >>> 5) * 67108864 + (x3 >>> 6);
    out[i++] = m === 0 ? TWO_M54 : m * TWO_M53;
    row++;
  }
  return out;
}
