import { normalCdf } from '../stdlib-functions.js';
import { logRatioStandardError } from '../intervals/katz-log.js';

/** Two-sided p-value from a standard-normal statistic. */
function twoSided(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/**
 * Wald test of ln(p1/p0) = 0 with the Katz standard error, so that the p-value agrees with the
 * Katz log interval (p < alpha exactly when the interval excludes 1). Null where undefined.
 */
export function ratioPValue(x1: number, n1: number, x0: number, n0: number): number | null {
  const se = logRatioStandardError(x1, n1, x0, n0);
  if (se === null || se === 0) return null;
  return twoSided((Math.log(x1 / n1) - Math.log(x0 / n0)) / se);
}

/**
 * Pooled two-proportion z-test of p1 = p0 (the score test that underlies the Wilson and Newcombe
 * intervals). Null where a denominator is zero or both proportions are 0 or 1.
 */
export function differencePValue(x1: number, n1: number, x0: number, n0: number): number | null {
  if (n1 <= 0 || n0 <= 0) return null;
  const pooled = (x1 + x0) / (n1 + n0);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n0);
  if (variance <= 0) return null;
  return twoSided((x1 / n1 - x0 / n0) / Math.sqrt(variance));
}
