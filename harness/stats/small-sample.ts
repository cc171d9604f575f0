import { normalCdf } from './stdlib-functions.js';
import { clopperPearsonInterval, clopperPearsonLower, clopperPearsonUpper } from './intervals/clopper-pearson.js';
import type { Interval } from './intervals/interval.js';
import { katzLogInterval } from './intervals/katz-log.js';
import { koopmanStatistic } from './intervals/koopman-statistic.js';
import { moverDifferenceLimits } from './intervals/mover-difference.js';
import { moverRatioLimits, moverRatioLower, moverRatioUpper } from './intervals/mover-ratio.js';
import { newcombeInterval } from './intervals/newcombe.js';
import { wilsonInterval } from './intervals/wilson.js';
import { differencePValue, ratioPValue } from './tests/comparison-p-value.js';
import { fisherExactPValue } from './tests/fisher-exact.js';

/**
 * The one place where interval and test methods are chosen by cell size, so that every number
 * names the method that produced it. The rule is the textbook one: asymptotic methods when every
 * count involved is at least {@link SMALL_COUNT}, exact or score methods below that.
 */
export const SMALL_COUNT = 5;

/** The 95 % critical value the textbook threshold of {@link SMALL_COUNT} was set for. */
const Z95 = 1.959963984540054;

/**
 * The count below which an asymptotic interval is replaced by an exact or MOVER one, at critical
 * value z: 5 at 95 %, growing with z² (14 at a family level of 1 − 0.05/44, z = 3.26). The normal
 * approximation has to hold further into the tail at a stricter level: with 6–10 flagged rows, Katz's
 * interval at z = 3.26 misses 2–2.5 times as often as it should, almost all on the low side.
 *
 * @example smallCountAt(1.96) // 5
 */
export function smallCountAt(z: number = Z95): number {
  return Math.max(SMALL_COUNT, Math.ceil((SMALL_COUNT * z * z) / (Z95 * Z95) - 1e-9));
}

/*
 * Check intervals — the ones a verdict is read from, at the family level 1 − α/m and at every level the
 * claim's p-value searches — are built from exact rate intervals (`exact`): Clopper–Pearson rates, and
 * MOVER ratios and differences from them. There the usual normal approximations have to hold far into
 * the tail, and they do not with a few dozen events: computed exactly at 1 − 0.05/44, Katz's ratio
 * interval for 60 applicants at 12 % against 3,000 at 10 % misses 0.29 % of the time and Newcombe's
 * difference interval 0.20 %, against 0.11 % nominal; the exact-based ones stay below it in every case
 * computed (bench/statistics.ts, test/stats/family-level-coverage.test.ts). One method at every level
 * keeps a check's intervals nested, so its p-value and its verdict cannot disagree. The group tables'
 * descriptive 95 % intervals keep the textbook methods.
 */
/** Method for a rate x/n: Wilson, or Clopper–Pearson when min(x, n − x) < 5 or for a check (`exact`). */
export function rateMethod(x: number, n: number, z: number = Z95, exact = false): 'wilson' | 'clopper-pearson' {
  return n > 0 && (exact || Math.min(x, n - x) < smallCountAt(z)) ? 'clopper-pearson' : 'wilson';
}

/** Interval for a rate x/n by {@link rateMethod}. */
export function rateInterval(x: number, n: number, z: number, exact = false): Interval | null {
  return rateMethod(x, n, z, exact) === 'clopper-pearson' ? clopperPearsonInterval(x, n, 2 * normalCdf(-z, 0, 1)) : wilsonInterval(x, n, z);
}

/**
 * Method for a ratio of rates: Katz log when every one of x1, x0, n1 − x1, n0 − x0 is at least 5 and
 * the interval is not a check's; otherwise the MOVER interval built from the two rate intervals
 * ({@link rateMethod}: Clopper–Pearson for a sparse group and for a check), which is defined
 * at every count. Katz is undefined at a zero count and
 * anti-conservative near it; Koopman's score interval, used here before, covers as little as 90 %
 * at a nominal 95 % when a group expects fewer than one event (test/stats/coverage.test.ts).
 */
export function ratioMethod(x1: number, n1: number, x0: number, n0: number, z: number = Z95, exact = false): 'katz-log' | 'mover-ratio' {
  return exact || Math.min(x1, x0, n1 - x1, n0 - x0) < smallCountAt(z) ? 'mover-ratio' : 'katz-log';
}

/**
 * Limits of a ratio of rates by {@link ratioMethod}, the upper one +∞ when the reference count is 0
 * (lower 0 and upper +∞ when both are). Null when a group is empty.
 *
 * @example ratioLimits(1, 20, 0, 80, z95) // ≈ { lo: 0.248, hi: Infinity, method: 'mover-ratio' }
 */
export function ratioLimits(x1: number, n1: number, x0: number, n0: number, z: number, exact = false): { lo: number; hi: number; method: 'katz-log' | 'mover-ratio' } | null {
  if (n1 <= 0 || n0 <= 0) return null;
  const method = ratioMethod(x1, n1, x0, n0, z, exact);
  if (method === 'katz-log') {
    const k = katzLogInterval(x1, n1, x0, n0, z);
    return k ? { lo: k.lo, hi: k.hi, method } : null;
  }
  const m = moverRatioLimits(x1 / n1, rateInterval(x1, n1, z, exact)!, x0 / n0, rateInterval(x0, n0, z, exact)!);
  return { ...m, method };
}

/** One-sided exact rate limits at a fixed critical value, each computed once and kept (see {@link checkRateLimits}). */
export interface CheckRateLimits {
  readonly z: number;
  /** Two-sided error of the rate intervals, 2Φ(−z). */
  readonly alpha: number;
  /** Lower and upper Clopper–Pearson limits of x/n, as rateInterval(x, n, z, true). */
  lo(x: number, n: number): number;
  hi(x: number, n: number): number;
}

/**
 * The Clopper–Pearson limits a check's intervals are built from at critical value z
 * (rateInterval(x, n, z, true)), one side at a time, each (x, n) computed once and kept: for
 * judging many tables of a few sizes (the power of a verdict at consecutive sizes, `disparate plan`).
 *
 * @example checkRateLimits(z95).hi(0, 20) // ≈ 0.1684, as rateInterval(0, 20, z95, true).hi
 */
export function checkRateLimits(z: number): CheckRateLimits {
  const alpha = 2 * normalCdf(-z, 0, 1);
  const side = (limit: (x: number, n: number, alpha: number) => number) => {
    const kept = new Map<number, Map<number, number>>();
    return (x: number, n: number) => {
      let ofN = kept.get(n);
      if (ofN === undefined) kept.set(n, (ofN = new Map()));
      let v = ofN.get(x);
      if (v === undefined) ofN.set(x, (v = limit(x, n, alpha)));
      return v;
    };
  };
  return { z, alpha, lo: side(clopperPearsonLower), hi: side(clopperPearsonUpper) };
}

/**
 * A check's ratio limits for groups of fixed sizes n1 and n0, one limit at a time, as functions of the
 * two counts: the same numbers as ratioLimits(x1, n1, x0, n0, z, true) (MOVER from Clopper–Pearson
 * rates, the upper limit +∞ when x0 = 0), the rate limits taken from `rates` (at its z). Both limits
 * fall as x0 rises and rise with x1.
 *
 * @example checkRatioLimits(20, 80, checkRateLimits(z95)).lo(1, 0) // ≈ 0.248, as ratioLimits(1, 20, 0, 80, z95, true).lo
 */
export function checkRatioLimits(n1: number, n0: number, rates: CheckRateLimits): { lo(x1: number, x0: number): number; hi(x1: number, x0: number): number } {
  if (!(Number.isInteger(n1) && n1 > 0 && Number.isInteger(n0) && n0 > 0)) throw new RangeError(`checkRatioLimits: group sizes ${n1} and ${n0} must be positive integers`);
  return {
    lo: (x1, x0) => moverRatioLower(x1 / n1, rates.lo(x1, n1), x0 / n0, rates.hi(x0, n0)),
    hi: (x1, x0) => moverRatioUpper(x1 / n1, rates.hi(x1, n1), x0 / n0, rates.lo(x0, n0)),
  };
}

/** Interval for a ratio of rates by {@link ratioMethod}; null where the upper limit is unbounded (see {@link ratioLowerLimit}). */
export function ratioInterval(x1: number, n1: number, x0: number, n0: number, z: number, exact = false): Interval | null {
  const r = ratioLimits(x1, n1, x0, n0, z, exact);
  return r && Number.isFinite(r.hi) ? r : null;
}

/**
 * Lower limit of a ratio whose reference count is zero (x0 = 0 < x1): the ratio and its upper limit
 * are unbounded, but how large it is at least is known ("flagged at least so many times as often").
 * Null unless n1, n0 > 0, x1 > 0 and x0 = 0.
 *
 * @example ratioLowerLimit(100, 200, 0, 1000, z95) // ≈ 134.5
 */
export function ratioLowerLimit(x1: number, n1: number, x0: number, n0: number, z: number, exact = false): number | null {
  if (n1 <= 0 || n0 <= 0 || x1 <= 0 || x0 !== 0) return null;
  return ratioLimits(x1, n1, x0, n0, z, exact)?.lo ?? null;
}

/**
 * Method for a difference of rates: Newcombe's hybrid score interval (Wilson intervals combined)
 * when neither group is sparse (min(x, n − x) ≥ 5 in both) and the interval is not a check's, else the same
 * construction from Clopper–Pearson rate intervals (MOVER): the Wilson-based one covers as little as
 * 90 % when a group expects fewer than one event, and misses about twice as often as it should at a
 * family level with a few dozen events.
 */
export function differenceMethod(x1: number, n1: number, x0: number, n0: number, z: number = Z95, exact = false): 'newcombe-hybrid-score' | 'mover-difference' {
  return rateMethod(x1, n1, z, exact) === 'wilson' && rateMethod(x0, n0, z, exact) === 'wilson' ? 'newcombe-hybrid-score' : 'mover-difference';
}

/** Interval for a difference of rates by {@link differenceMethod}. Null when a group is empty. */
export function differenceInterval(x1: number, n1: number, x0: number, n0: number, z: number, exact = false): Interval | null {
  if (n1 <= 0 || n0 <= 0) return null;
  const method = differenceMethod(x1, n1, x0, n0, z, exact);
  if (method === 'newcombe-hybrid-score') return newcombeInterval(x1, n1, x0, n0, z);
  return { ...moverDifferenceLimits(x1 / n1, rateInterval(x1, n1, z, exact)!, x0 / n0, rateInterval(x0, n0, z, exact)!), method };
}

/** Cochran's rule: a 2×2 table is small when any expected count under p1 = p0 is below 5. */
export function isSmallTable(x1: number, n1: number, x0: number, n0: number): boolean {
  const N = n1 + n0;
  const s = x1 + x0;
  if (N <= 0) return true;
  return Math.min(n1, n0) * Math.min(s, N - s) / N < SMALL_COUNT;
}

export type PValueMethod = 'fisher-exact' | 'wald-log-ratio' | 'pearson-score' | 'pooled-z';

/**
 * Two-sided p-value of "no disparity" (ratio 1, difference 0) matching the interval chosen above:
 * Fisher's exact test for a small table; otherwise the Wald log-ratio test for a Katz ratio, Pearson's
 * score test (the test Koopman's score interval inverts) for a ratio with a count below 5, and the
 * pooled z-test for a difference.
 */
export function comparisonPValue(
  variant: 'ratio' | 'difference',
  x1: number,
  n1: number,
  x0: number,
  n0: number,
): { p: number | null; method: PValueMethod } {
  if (isSmallTable(x1, n1, x0, n0)) return { p: fisherExactPValue(x1, n1, x0, n0), method: 'fisher-exact' };
  if (variant === 'difference') return { p: differencePValue(x1, n1, x0, n0), method: 'pooled-z' };
  if (Math.min(x1, x0, n1 - x1, n0 - x0) < SMALL_COUNT) {
    return { p: Math.min(1, 2 * normalCdf(-Math.sqrt(koopmanStatistic(x1, n1, x0, n0, 1)), 0, 1)), method: 'pearson-score' };
  }
  return { p: ratioPValue(x1, n1, x0, n0), method: 'wald-log-ratio' };
}
