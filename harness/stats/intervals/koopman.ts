import type { Interval } from './interval.js';

/**
 * Pearson χ² statistic of H: p1 = φ·p0 for two independent binomials x1/n1, x0/n0, with the
 * proportions estimated under the constraint (Koopman 1984, eq. 2): p̃0 is the smaller root of
 * N·φ·p² − [φ(n1 + x0) + x1 + n0]·p + (x1 + x0) = 0, p̃1 = φ·p̃0.
 */
export function koopmanStatistic(x1: number, n1: number, x0: number, n0: number, phi: number): number {
  const N = n1 + n0;
  const b = phi * (n1 + x0) + x1 + n0;
  const disc = Math.max(0, b * b - 4 * N * phi * (x1 + x0));
  // Numerically stable smaller root: 2c / (b + √disc).
  const p0 = (2 * (x1 + x0)) / (b + Math.sqrt(disc));
  const p1 = phi * p0;
  const term = (x: number, n: number, p: number) => {
    const v = n * p * (1 - p);
    return v > 0 ? (x - n * p) ** 2 / v : x === n * p ? 0 : Infinity;
  };
  return term(x1, n1, p1) + term(x0, n0, p0);
}

/** Finds the φ (on the log scale) where the statistic crosses `crit`, between `inside` and `outside`. */
function bisectLog(f: (phi: number) => number, crit: number, inside: number, outside: number): number {
  let a = Math.log(inside);
  let b = Math.log(outside);
  for (let i = 0; i < 200 && Math.abs(b - a) > 1e-13; i++) {
    const mid = (a + b) / 2;
    if (f(Math.exp(mid)) <= crit) a = mid;
    else b = mid;
  }
  return Math.exp((a + b) / 2);
}

/**
 * Lower confidence limit of a ratio whose reference count is zero (x0 = 0 < x1): the ratio and its
 * upper limit are infinite, but Koopman's score interval still has a finite lower end, the smallest
 * φ whose constrained χ² stays below z². This is what shows a group flagged while its reference never
 * is to be flagged "at least so many times as often". Null unless n1, n0 > 0, x1 > 0 and x0 = 0.
 *
 * @example koopmanLowerLimit(100, 200, 0, 1000, z95) // ≈ 96: at least 96 times as often
 */
export function koopmanLowerLimit(x1: number, n1: number, x0: number, n0: number, z: number): number | null {
  if (n1 <= 0 || n0 <= 0 || x1 <= 0 || x0 !== 0) return null;
  const crit = z * z;
  const f = (phi: number) => koopmanStatistic(x1, n1, x0, n0, phi);
  let inside = 2;
  while (f(inside) > crit) {
    inside *= 2;
    if (inside > 1e300) return null;
  }
  let outside = inside / 2;
  while (f(outside) <= crit && outside > 1e-300) outside /= 2;
  return bisectLog(f, crit, inside, outside);
}

/**
 * Koopman's asymptotic score interval for a ratio of independent proportions (x1/n1) ÷ (x0/n0)
 * (Koopman 1984, Biometrics 40:513–517): every φ whose constrained Pearson χ² stays below z². Unlike
 * the Katz log interval it is defined with a zero count (lower limit 0 when x1 = 0) and is consistent
 * with Pearson's χ² test. Null when n1 or n0 is 0, when both counts are 0, or when x0 = 0 (the upper
 * limit is then unbounded, which results.json cannot hold).
 *
 * @example koopmanInterval(36, 40, 16, 80, z95) // RR 4.5, ≈ [2.94, 7.15] (Koopman 1984)
 */
export function koopmanInterval(x1: number, n1: number, x0: number, n0: number, z: number): Interval | null {
  if (n1 <= 0 || n0 <= 0 || x0 <= 0) return null;
  const crit = z * z;
  const f = (phi: number) => koopmanStatistic(x1, n1, x0, n0, phi);
  // Start inside the acceptance region: the point estimate (at x1 = 0, a ratio near 0, where χ² ≈ 0).
  const centre = x1 > 0 ? x1 / n1 / (x0 / n0) : 1e-12;
  let outside = centre * 2;
  while (f(outside) <= crit) {
    outside *= 2;
    if (outside > 1e300) return null;
  }
  const hi = bisectLog(f, crit, centre, outside);
  let lo = 0;
  if (x1 > 0) {
    outside = centre / 2;
    while (f(outside) <= crit && outside > 1e-300) outside /= 2;
    lo = bisectLog(f, crit, centre, outside);
  }
  return { lo, hi, method: 'koopman-score' };
}
