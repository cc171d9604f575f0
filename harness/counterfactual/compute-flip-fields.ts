import type { CounterfactualResult, MetricValue } from '../results/index.js';
import { binomialTestPValue, clopperPearsonInterval, meanInterval, tangoPairedDifferenceInterval, zCritical } from '../stats/index.js';

/** Decisions of n (original, twin) pairs: flipped up (0 → 1), flipped down (1 → 0), flagged as themselves. */
export interface FlipCounts {
  readonly n: number;
  readonly up: number;
  readonly down: number;
  readonly flaggedOriginal: number;
}

/** The entries of a counterfactual result that are functions of the pairs' decision counts alone. */
export type FlipFields = Pick<CounterfactualResult, 'flip_rate' | 'flip_up_rate' | 'flip_down_rate' | 'selection_rate_difference' | 'mcnemar_p_value'>;

function rate(x: number, n: number, alpha: number): MetricValue {
  const ci = clopperPearsonInterval(x, n, alpha);
  return { value: n > 0 ? x / n : null, ci: ci ? [ci.lo, ci.hi] : null, level: 1 - alpha, method: 'clopper-pearson', reference: null, numerator: x, denominator: n };
}

/**
 * Flip rates (Clopper–Pearson), the paired selection-rate difference (flips_up − flips_down) / n with
 * Tango's score interval (unconditional on the number of discordant pairs), and the exact McNemar
 * p-value (conditional on it, valid for the test of no change), at 1 − alpha. Counts add across
 * chunks, workers and results.json files, so these fields merge exactly.
 *
 * @example computeFlipFields({ n: 1000, up: 30, down: 5, flaggedOriginal: 50 }, 0.05).flip_rate.value // 0.035
 */
export function computeFlipFields(counts: FlipCounts, alpha: number): FlipFields {
  const { n, up, down, flaggedOriginal } = counts;
  const d = up + down;
  const diff = tangoPairedDifferenceInterval(up, down, n, zCritical(alpha));
  return {
    flip_rate: rate(d, n, alpha),
    flip_up_rate: rate(up, n - flaggedOriginal, alpha),
    flip_down_rate: rate(down, flaggedOriginal, alpha),
    selection_rate_difference: {
      value: n > 0 ? (up - down) / n : null,
      ci: diff ? [diff.lo, diff.hi] : null,
      level: 1 - alpha,
      method: 'tango-score-paired',
      reference: null,
      numerator: up - down,
      denominator: n,
    },
    mcnemar_p_value: d > 0 ? binomialTestPValue(up, d, 0.5) : n > 0 ? 1 : null,
  };
}

/**
 * The mean score shift of n pairs from the sum and sum of squares of the shifts, with its normal
 * interval; the sums are kept (numerator, sum_of_squares) so that results merge exactly.
 *
 * @example computeMeanShift(4, -0.2, 0.01, 0.05).value // -0.05
 */
export function computeMeanShift(n: number, sum: number, sumSq: number, alpha: number): MetricValue {
  const ci = meanInterval(n, sum, sumSq, zCritical(alpha));
  return { value: n > 0 ? sum / n : null, ci: ci ? [ci.lo, ci.hi] : null, level: 1 - alpha, method: 'normal-paired-mean', reference: null, numerator: sum, denominator: n, sum_of_squares: sumSq };
}
