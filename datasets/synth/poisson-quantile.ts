import { normalQuantile } from '../../harness/stats/rng/index.js';

/**
 * Poisson inverse CDF by summing the pmf from 0; normal approximation beyond lambda = 500.
 *
 * @example
 * poissonQuantile(0.5, 3); // 3
 */
export function poissonQuantile(u: number, lambda: number): number {
  if (!(lambda > 0)) return lambda === 0 ? 0 : NaN;
  if (lambda > 500) return Math.max(0, Math.ceil(lambda + Math.sqrt(lambda) * normalQuantile(u) - 0.5));
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  while (u > cdf) {
    k++;
    p *= lambda / k;
    if (p === 0) break; // the tail beyond double precision
    cdf += p;
  }
  return k;
}
