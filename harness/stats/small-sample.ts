import { normalCdf } from './stdlib-functions.js';
import { clopperPearsonInterval } from './intervals/clopper-pearson.js';
import type { Interval } from './intervals/interval.js';
import { katzLogInterval } from './intervals/katz-log.js';
import { koopmanInterval } from './intervals/koopman.js';
import { koopmanStatistic } from './intervals/koopman-statistic.js';
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

/** Method for a rate x/n: Wilson, or Clopper–Pearson when min(x, n − x) < 5. */
export function rateMethod(x: number, n: number): 'wilson' | 'clopper-pearson' {
  return n > 0 && Math.min(x, n - x) < SMALL_COUNT ? 'clopper-pearson' : 'wilson';
}

/** Interval for a rate x/n by {@link rateMethod}. */
export function rateInterval(x: number, n: number, z: number): Interval | null {
  return rateMethod(x, n) === 'clopper-pearson' ? clopperPearsonInterval(x, n, 2 * normalCdf(-z, 0, 1)) : wilsonInterval(x, n, z);
}

/**
 * Method for a ratio of rates: Katz log, or Koopman's score interval when any of x1, x0,
 * n1 − x1, n0 − x0 is below 5 (Katz is undefined at a zero count and anti-conservative near it).
 */
export function ratioMethod(x1: number, n1: number, x0: number, n0: number): 'katz-log' | 'koopman-score' {
  return Math.min(x1, x0, n1 - x1, n0 - x0) < SMALL_COUNT ? 'koopman-score' : 'katz-log';
}

/** Interval for a ratio of rates by {@link ratioMethod}. */
export function ratioInterval(x1: number, n1: number, x0: number, n0: number, z: number): Interval | null {
  return ratioMethod(x1, n1, x0, n0) === 'koopman-score' ? koopmanInterval(x1, n1, x0, n0, z) : katzLogInterval(x1, n1, x0, n0, z);
}

/** Interval for a difference of rates: Newcombe's hybrid score at every size (it is built from Wilson intervals, good in small samples). */
export function differenceInterval(x1: number, n1: number, x0: number, n0: number, z: number): Interval | null {
  return newcombeInterval(x1, n1, x0, n0, z);
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
 * score test (the test Koopman's interval inverts) for a Koopman ratio, and the pooled z-test for a difference.
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
