import { koopmanStatistic } from './koopman-statistic.js';

/** Finds, on the log scale, the φ where the statistic crosses `crit`, between `inside` (accepted) and `outside`. */
function bisectLog(f: (phi: number) => number, crit: number, inside: number, outside: number): number {
  let a = Math.log(inside);
  let b = Math.log(outside);
  for (let i = 0; i < 300 && Math.abs(b - a) > 1e-15 * Math.max(1, Math.abs(a)); i++) {
    const mid = (a + b) / 2;
    if (f(Math.exp(mid)) <= crit) a = mid;
    else b = mid;
  }
  return Math.exp((a + b) / 2);
}

/** Multiplies `phi` by `step` until `keep` fails; null if it leaves the floating-point range first. */
function walk(phi: number, step: number, keep: (phi: number) => boolean): number | null {
  let p = phi;
  while (keep(p)) {
    p *= step;
    if (!(p > 1e-300 && p < 1e300)) return null;
  }
  return p;
}

/**
 * Koopman's score interval for a ratio of independent proportions (x1/n1) ÷ (x0/n0)
 * (Koopman 1984, Biometrics 40:513–517): every φ whose constrained Pearson χ² ({@link koopmanStatistic})
 * stays below z². The statistic is 0 at the estimate and grows on either side, so the set is an
 * interval: its lower limit is 0 when x1 = 0 and its upper limit is +∞ when x0 = 0 (both when both
 * counts are 0: the data say nothing about the ratio). Null when n1 or n0 is 0.
 *
 * @example koopmanLimits(50, 50, 19, 20, z95) // ≈ { lo: 0.97491, hi: 1.30913 }
 * @example koopmanLimits(1, 20, 0, 80, z95) // ≈ { lo: 1.05168, hi: Infinity }
 */
export function koopmanLimits(x1: number, n1: number, x0: number, n0: number, z: number): { lo: number; hi: number } | null {
  if (n1 <= 0 || n0 <= 0) return null;
  if (x1 === 0 && x0 === 0) return { lo: 0, hi: Infinity };
  const crit = z * z;
  const f = (phi: number) => koopmanStatistic(x1, n1, x0, n0, phi);
  const accepted = (phi: number) => f(phi) <= crit;
  const rejected = (phi: number) => f(phi) > crit;
  // A point inside: the estimate where it is finite and positive; else walk from 1 towards it
  // (the statistic falls to 0 as φ → 0 when x1 = 0, as φ → ∞ when x0 = 0).
  const inside = x1 > 0 && x0 > 0 ? x1 / n1 / (x0 / n0) : walk(1, x1 === 0 ? 0.5 : 2, rejected);
  if (inside === null) return null;
  let lo = 0;
  if (x1 > 0) {
    const outside = walk(inside, 0.5, accepted);
    lo = outside === null ? 0 : bisectLog(f, crit, inside, outside);
  }
  let hi = Infinity;
  if (x0 > 0) {
    const outside = walk(inside, 2, accepted);
    hi = outside === null ? Infinity : bisectLog(f, crit, inside, outside);
  }
  return { lo, hi };
}
