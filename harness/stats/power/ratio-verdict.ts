import type { Interval } from '../intervals/interval.js';
import { ratioLimits } from '../small-sample.js';

/** Tolerance [lower, upper] of a ratio check, e.g. the four-fifths rule and its reciprocal [0.8, 1.25]. */
export interface RatioBounds {
  readonly lower: number;
  readonly upper: number;
}

export type RatioVerdict = 'fail' | 'pass' | 'inconclusive';

/**
 * The verdict rule on one interval (the one place it is written; harness/verdict applies it to every
 * check at the family level): fail when it lies wholly outside the tolerance (lower limit above
 * the upper bound, or upper limit below the lower bound), pass when it lies wholly inside, otherwise
 * (or without an interval) inconclusive.
 *
 * @example intervalVerdict({ lo: 1.3, hi: 1.9, method: 'katz-log' }, { lower: 0.8, upper: 1.25 }) // 'fail'
 */
export function intervalVerdict(ci: Pick<Interval, 'lo' | 'hi'> | null, bounds: RatioBounds): RatioVerdict {
  // NaN limits compare false everywhere: inconclusive, as no interval.
  if (ci === null || Number.isNaN(ci.lo) || Number.isNaN(ci.hi)) return 'inconclusive';
  if (ci.lo > bounds.upper || ci.hi < bounds.lower) return 'fail';
  if (ci.lo >= bounds.lower && ci.hi <= bounds.upper) return 'pass';
  return 'inconclusive';
}

/**
 * The verdict of a selection-rate-ratio check on counts x1 of n1 (group) and x0 of n0 (reference),
 * with the check's own interval at critical value z (z = Φ⁻¹(1 − α/(2m)) for a family of m rows):
 * MOVER from Clopper–Pearson rates, its upper limit unbounded when x0 = 0 (the report's lower_bound).
 *
 * @example ratioVerdict(300, 2000, 1000, 10000, 1.96, { lower: 0.8, upper: 1.25 }) // 'fail' (ratio 1.5)
 */
export function ratioVerdict(x1: number, n1: number, x0: number, n0: number, z: number, bounds: RatioBounds): RatioVerdict {
  return intervalVerdict(ratioLimits(x1, n1, x0, n0, z, true), bounds);
}
