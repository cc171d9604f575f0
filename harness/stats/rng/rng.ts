import { RNG_ALGORITHM } from './philox.js';
import { streamId } from './stream-id.js';
import { fillUniforms, splitSeed, uniform } from './uniform.js';

/**
 * The one randomness interface: a master seed bound to the counter-based generator. Every draw is
 * addressed by (stream name, row, slot), so results do not depend on call order, chunking or workers.
 *
 * @example
 * const rng = createRng(20240601);
 * const u = rng.fill('income', new Float64Array(n), start);
 */
export interface Rng {
  readonly seed: number;
  readonly algorithm: typeof RNG_ALGORITHM;
  /** One uniform in (0, 1). */
  uniform(stream: string, row: number, slot?: number): number;
  /** Uniforms for rows [start, start + out.length) of one stream and slot. */
  fill(stream: string, out: Float64Array, start: number, slot?: number): Float64Array;
}

export function createRng(seed: number): Rng {
  splitSeed(seed); // validate once, early
  const ids = new Map<string, number>();
  const id = (name: string): number => {
    let v = ids.get(name);
    if (v === undefined) ids.set(name, (v = streamId(name)));
    return v;
  };
  return {
    seed,
    algorithm: RNG_ALGORITHM,
    uniform: (stream, row, slot = 0) => uniform(seed, id(stream), row, slot),
    fill: (stream, out, start, slot = 0) => fillUniforms(out, seed, id(stream), start, slot),
  };
}
