import { philox4x32, splitSeed } from '../../harness/stats/rng/index.js';

/** Keys of a 4-round Feistel permutation of [0, size), from one Philox block of (seed, stream). */
export interface Permutation {
  readonly size: number;
  readonly half: number;
  readonly mask: number;
  readonly keys: Uint32Array;
}

const ROUNDS = 4;

/**
 * A pseudo-random permutation of [0, size) as a pure function of (seed, stream): a balanced Feistel
 * network on the smallest even number of bits that covers size, with round keys from Philox and a
 * 32-bit integer mixer (Wellons' lowbias32) as round function, and cycle walking to stay inside
 * [0, size). Any row's image is computed on its own, so chunks and workers agree.
 *
 * @example
 * const p = createPermutation(7, streamId('cell'), 1000);
 * permuteIndex(p, 0); // some j in [0, 1000); all 1000 images are distinct
 */
export function createPermutation(seed: number, stream: number, size: number): Permutation {
  if (!Number.isSafeInteger(size) || size < 1 || size > 2 ** 32) throw new RangeError(`permutation size must be an integer in [1, 2^32], got ${size}`);
  const [k0, k1] = splitSeed(seed);
  let bits = 2;
  while (2 ** bits < size) bits += 2;
  const half = bits / 2;
  const keys = philox4x32(k0, k1, 0x9e3779b9, 0, 0xfe15_7e1, stream >>> 0);
  return { size, half, mask: half === 16 ? 0xffff : (1 << half) - 1, keys };
}

function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Image of index i (0 ≤ i < size) under the permutation. */
export function permuteIndex(p: Permutation, i: number): number {
  const { half, mask, keys, size } = p;
  const hi = 2 ** half;
  let x = i;
  do {
    let l = Math.floor(x / hi);
    let r = x % hi;
    for (let round = 0; round < ROUNDS; round++) {
      const f = mix((r ^ keys[round]!) >>> 0) & mask;
      const next = (l ^ f) & mask;
      l = r;
      r = next;
    }
    x = l * hi + r;
  } while (x >= size);
  return x;
}
