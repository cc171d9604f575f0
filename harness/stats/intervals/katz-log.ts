import type { Interval } from './interval.js';

/**
 * Katz log interval for a ratio of two independent proportions (x1/n1) ÷ (x0/n0)
 * (Katz, Baptista, Azen & Pike 1978): exp(ln RR ± z·√(1/x1 − 1/n1 + 1/x0 − 1/n0)).
 * Undefined (null) when either numerator count is zero: the log ratio has no finite variance then,
 * and we report that rather than invent a continuity correction. Null too when both rates are 100 %:
 * the variance estimate is then 0 and the formula would give the zero-width "interval" [1, 1].
 *
 * @example katzLogInterval(56, 70, 48, 80, z95) // RR 1.333, ≈ [1.0819, 1.6433]
 */
export function katzLogInterval(x1: number, n1: number, x0: number, n0: number, z: number): Interval | null {
  const se = logRatioStandardError(x1, n1, x0, n0);
  if (se === null || se === 0) return null;
  const logRatio = Math.log(x1 / n1) - Math.log(x0 / n0);
  return { lo: Math.exp(logRatio - z * se), hi: Math.exp(logRatio + z * se), method: 'katz-log' };
}

/** Standard error of ln(RR) used by {@link katzLogInterval}; null where undefined, 0 when both rates are 100 %. */
export function logRatioStandardError(x1: number, n1: number, x0: number, n0: number): number | null {
  if (x1 <= 0 || x0 <= 0 || n1 <= 0 || n0 <= 0) return null;
  return Math.sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0);
}
