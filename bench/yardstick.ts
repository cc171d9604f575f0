import { fillUniforms } from '../harness/stats/rng/index.js';

/**
 * A fixed single-threaded workload that no feature work changes: 10,000,000 Philox4x32-10 uniforms
 * (the generator behind every synthetic population), best of 5, in milliseconds. On a shared virtual
 * machine the speed available varies from hour to hour; comparing this figure between two runs of
 * the benchmark tells a slower machine from slower code.
 */
export function yardstick(): number {
  const out = new Float64Array(1_000_000);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let s = 0; s < 10; s++) fillUniforms(out, 1, 1000 + s, 0);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
