import { fillUniforms } from '../rng/index.js';

const BLOCK = 128;

/**
 * A sequential reader over one counter-based stream: draw i of `slot` is uniform(seed, stream, i, slot),
 * fetched in blocks. Used where the number of draws is data-dependent (rejection sampling), so each
 * bootstrap replicate owns one slot and replicate r is the same whatever the number of replicates.
 *
 * @example const next = uniformStream(seed, streamId('bootstrap'), replicate); next(); next();
 */
export function uniformStream(seed: number, stream: number, slot: number): () => number {
  const buffer = new Float64Array(BLOCK);
  let start = 0;
  let i = BLOCK;
  return () => {
    if (i === BLOCK) {
      fillUniforms(buffer, seed, stream, start, slot);
      start += BLOCK;
      i = 0;
    }
    return buffer[i++]!;
  };
}
