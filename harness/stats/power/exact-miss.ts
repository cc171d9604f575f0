import { differenceInterval, ratioLimits } from '../small-sample.js';
import { binomialMass } from './binomial-mass.js';

/** How often an interval misses the truth, summed over both groups' counts (not simulated). */
export interface ExactMiss {
  /** Probability that the interval misses the true value. */
  readonly total: number;
  /** Of which: the lower limit lies above the truth (a disparity claimed too large). */
  readonly low: number;
}

/**
 * Exact probability that a check's ratio (or difference) interval at critical value `z`
 * misses the true p1/p0 (or p1 − p0) when n1 applicants are flagged with probability p1 and n0 with
 * p0: every pair of counts weighted by its binomial probability (tails below about 1e-14 left out).
 * `exact` false: the group tables' textbook interval (Katz, Newcombe) instead, for comparison.
 *
 * @example exactMiss('ratio', 60, 0.12, 3000, 0.1, zCritical(0.05 / 44)).total // ≈ 0.0006, below 0.05 / 44
 */
export function exactMiss(variant: 'ratio' | 'difference', n1: number, p1: number, n0: number, p0: number, z: number, exact = true): ExactMiss {
  const a = binomialMass(n1, p1);
  const b = binomialMass(n0, p0);
  const truth = variant === 'ratio' ? p1 / p0 : p1 - p0;
  // limits are rounded in the last bits: a limit equal to the truth up to that is a hit
  const slack = 1e-12 * Math.max(1, Math.abs(truth));
  let total = 0;
  let low = 0;
  a.pmf.forEach((pa, i) => {
    b.pmf.forEach((pb, j) => {
      const x1 = a.from + i;
      const x0 = b.from + j;
      const c = variant === 'ratio' ? ratioLimits(x1, n1, x0, n0, z, exact) : differenceInterval(x1, n1, x0, n0, z, exact);
      if (!c) return;
      if (c.lo > truth + slack) low += pa * pb;
      if (c.lo > truth + slack || c.hi < truth - slack) total += pa * pb;
    });
  });
  return { total, low };
}
