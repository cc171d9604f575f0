import type { Interval } from './interval.js';

/**
 * Wilson score interval for a binomial proportion x/n (Wilson 1927), without continuity correction.
 * Well behaved at 0 and n, unlike the Wald interval. Returns null when n = 0.
 *
 * @example wilsonInterval(81, 263, 1.959963984540054) // ≈ [0.2553, 0.3662] (Newcombe 1998a, Table II)
 */
export function wilsonInterval(x: number, n: number, z: number): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  // Clamp: the closed form can stray by an ulp outside [0, 1] at x = 0 or x = n.
  return {
    lo: x === 0 ? 0 : Math.max(0, (centre - half) / denom),
    hi: x === n ? 1 : Math.min(1, (centre + half) / denom),
    method: 'wilson',
  };
}
