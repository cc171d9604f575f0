import type { Interval } from './interval.js';
import { koopmanLimits } from './koopman-limits.js';

/**
 * Koopman's score interval ({@link koopmanLimits}) as a two-sided interval, when both limits are
 * finite. The report no longer shows it (small cells use the MOVER interval, stats/small-sample.ts,
 * because this one under-covers when a group expects fewer than one event); it stays for comparison. Unlike the Katz log interval it is defined with a zero count
 * in the group (lower limit 0 when x1 = 0) and at rates of 100 %, and it is consistent with Pearson's
 * χ² test. Null when n1 or n0 is 0, or when x0 = 0 (the upper limit is then unbounded: see
 * {@link koopmanLowerLimit}).
 *
 * @example koopmanInterval(36, 40, 16, 80, z95) // RR 4.5, ≈ [2.9396, 7.1522] (Koopman 1984)
 * @example koopmanInterval(50, 50, 19, 20, z95) // RR 1.0526, ≈ [0.9749, 1.3091]
 */
export function koopmanInterval(x1: number, n1: number, x0: number, n0: number, z: number): Interval | null {
  const limits = koopmanLimits(x1, n1, x0, n0, z);
  if (!limits || !Number.isFinite(limits.hi)) return null;
  return { lo: limits.lo, hi: limits.hi, method: 'koopman-score' };
}

/**
 * Lower limit of Koopman's score interval for a ratio whose reference count is zero (x0 = 0 < x1):
 * the ratio and its upper limit are unbounded, but the lower limit is finite. It is the inversion of
 * Pearson's χ² test, so it lies above 1 exactly when that test rejects equal rates, which in a sparse
 * table it can do where Fisher's exact test does not (1 of 20 against 0 of 80: 1.0517, Fisher's p 0.20);
 * the report's `lower_bound` is therefore the MOVER limit (ratioLowerLimit in stats/small-sample.ts). Null unless n1, n0 > 0,
 * x1 > 0 and x0 = 0.
 *
 * @example koopmanLowerLimit(100, 200, 0, 1000, z95) // ≈ 130.65: at least 130.65 times as often
 * @example koopmanLowerLimit(5, 5, 0, 300, z95) // ≈ 79.095
 */
export function koopmanLowerLimit(x1: number, n1: number, x0: number, n0: number, z: number): number | null {
  if (n1 <= 0 || n0 <= 0 || x1 <= 0 || x0 !== 0) return null;
  return koopmanLimits(x1, n1, x0, n0, z)?.lo ?? null;
}
