/**
 * Byar's approximation to the exact Poisson interval for an observed count O, divided by an
 * expected count E: the interval of a standardised ratio O/E (Breslow & Day 1987, vol. II, eq. 2.15),
 * lower = O(1 − 1/(9O) − z/(3√O))³ / E, upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³ / E.
 * A sum of Bernoulli outcomes varies less than a Poisson count of the same mean, so the interval is
 * conservative. Null when E ≤ 0.
 *
 * @example byarRatioInterval(20, 10, 1.959964) // ≈ [1.2217, 3.0888] (exact Poisson: [1.2217, 3.0888])
 */
export function byarRatioInterval(observed: number, expected: number, z: number): { lo: number; hi: number } | null {
  if (!(expected > 0) || observed < 0) return null;
  const o = observed;
  const lo = o <= 0 ? 0 : o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
  const u = o + 1;
  const hi = u * (1 - 1 / (9 * u) + z / (3 * Math.sqrt(u))) ** 3;
  return { lo: Math.max(0, lo) / expected, hi: hi / expected };
}
