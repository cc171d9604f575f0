import { normalCdf } from '../stdlib-functions.js';
import { logRatioStandardError } from '../intervals/katz-log.js';

/**
 * Two one-sided tests (TOST; Schuirmann 1987, J Pharmacokinet Biopharm 15:657–680) of equivalence:
 * H0 "the disparity lies outside [low, high]" against H1 "inside". p = max of the two one-sided
 * p-values; p < α establishes "no disparity larger than the bounds" at level α, which is the same
 * as the (1 − 2α) interval lying inside the bounds.
 */
function tost(estimate: number, se: number, low: number, high: number): number {
  const pLow = 1 - normalCdf((estimate - low) / se, 0, 1);
  const pHigh = normalCdf((estimate - high) / se, 0, 1);
  return Math.max(pLow, pHigh);
}

/**
 * TOST for a ratio of proportions on the log scale with the Katz standard error. Null where the
 * standard error is undefined (a zero count) or the bounds do not bracket a positive range.
 *
 * @example ratioEquivalencePValue(500, 5000, 480, 5000, 0.8, 1.25) // ≈ 0.0005: equivalent within 0.8–1.25
 */
export function ratioEquivalencePValue(x1: number, n1: number, x0: number, n0: number, low: number, high: number): number | null {
  const se = logRatioStandardError(x1, n1, x0, n0);
  if (se === null || se === 0 || !(low > 0) || !(high > low)) return null;
  return tost(Math.log(x1 / n1 / (x0 / n0)), se, Math.log(low), Math.log(high));
}

/**
 * TOST for a difference of proportions with the unpooled Wald standard error
 * √(p1(1−p1)/n1 + p0(1−p0)/n0). Null where a denominator is zero or the standard error is 0.
 */
export function differenceEquivalencePValue(x1: number, n1: number, x0: number, n0: number, low: number, high: number): number | null {
  if (n1 <= 0 || n0 <= 0 || !(high > low)) return null;
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0);
  if (se === 0) return null;
  return tost(p1 - p0, se, low, high);
}
