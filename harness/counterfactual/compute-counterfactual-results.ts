import type { CounterfactualResult, MetricValue } from '../results/index.js';
import { meanInterval, zCritical } from '../stats/index.js';
import { computeFlipFields, computeMeanShift } from './compute-flip-fields.js';
import type { CounterfactualAccumulator } from './counterfactual-accumulator.js';
import { exactSumValue } from './exact-sum.js';
import type { PairedBinning, PairedStats } from './paired-stats.js';

export interface CounterfactualOptions {
  /** Significance level: intervals at 1 − alpha. */
  readonly alpha: number;
  /** Pairs below this are marked small_cell (default 30). */
  readonly minCell?: number;
  /**
   * Score histogram of the whole original population (counts per score bin of the accumulators'
   * binning), for rank shifts. Default: the original scores of the pairs themselves.
   */
  readonly rankReference?: Float64Array | undefined;
}

const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

function metric(value: number | null, ci: [number, number] | null, level: number, method: string): MetricValue {
  return { value, ci, level, method, reference: null };
}

/** Quantiles of a distribution given as sorted (value, count) pairs: the smallest value whose cumulative share reaches q. */
function quantiles(points: readonly (readonly [number, number])[], total: number): CounterfactualResult['score_shift_quantiles'] {
  if (total <= 0) return null;
  const out: number[] = [];
  let k = 0;
  let cum = 0;
  for (const q of QUANTILES) {
    while (k < points.length && cum + points[k]![1] < q * total) cum += points[k++]![1];
    out.push(points[Math.min(k, points.length - 1)]![0]);
  }
  const [p05, p25, p50, p75, p95] = out as [number, number, number, number, number];
  return { p05, p25, p50, p75, p95 };
}

/** Score-shift distribution: exact zeros, and nonzero shifts at their bin midpoints. */
function shiftPoints(s: PairedStats): [number, number][] {
  const width = s.binning.scoreRange[1] - s.binning.scoreRange[0];
  const bw = (2 * width) / s.binning.shiftBins;
  const points: [number, number][] = [];
  s.shiftHist.forEach((count, b) => {
    if (count > 0) points.push([-width + (b + 0.5) * bw, count]);
  });
  if (s.zeroShift > 0) points.push([0, s.zeroShift]);
  return points.sort((a, b) => a[0] - b[0]);
}

/** Percentile rank (mid-rank, 0–100) of every score bin in a reference histogram. */
function percentileRanks(reference: Float64Array): Float64Array {
  let total = 0;
  for (const c of reference) total += c;
  const ranks = new Float64Array(reference.length);
  let before = 0;
  for (let b = 0; b < reference.length; b++) {
    ranks[b] = total > 0 ? (100 * (before + reference[b]! / 2)) / total : NaN;
    before += reference[b]!;
  }
  return ranks;
}

function originalHistogram(stats: readonly PairedStats[], binning: PairedBinning): Float64Array {
  const h = new Float64Array(binning.scoreBins);
  for (const s of stats) for (const [key, count] of s.scorePairs) h[Math.floor(key / binning.scoreBins)]! += count;
  return h;
}

/**
 * Turns merged accumulators into `results.counterfactual` entries, one per (design, original level)
 * with at least one pair, in the order given and then level order. Intervals at 1 − alpha: Clopper–
 * Pearson for flip rates; for the paired selection-rate difference (flips_up − flips_down)/n, Tango's
 * score interval (Tango 1998), which treats the number of discordant pairs as random (an interval
 * conditional on it is far too narrow when the flips go mostly one way, and pinned to the estimate
 * on one side when they all do); normal intervals for mean score and rank shifts from exact sums.
 * The exact McNemar p-value conditions on the discordant pairs, which is valid for the test of no
 * change.
 *
 * @example
 * const entries = computeCounterfactualResults([acc], { alpha: 0.05 });
 */
export function computeCounterfactualResults(accumulators: readonly CounterfactualAccumulator[], options: CounterfactualOptions): CounterfactualResult[] {
  const { alpha } = options;
  const minCell = options.minCell ?? 30;
  const level = 1 - alpha;
  const z = zCritical(alpha);
  const out: CounterfactualResult[] = [];
  for (const acc of accumulators) {
    const binning = acc.byFrom[0]!.binning;
    const reference = options.rankReference ?? originalHistogram(acc.byFrom, binning);
    const ranks = percentileRanks(reference);
    const [lo, hi] = binning.scoreRange;
    const quantileMethod = `histogram: ${binning.shiftBins} shift bins of width ${+((2 * (hi - lo)) / binning.shiftBins).toPrecision(6)} plus exact zeros; ${binning.scoreBins} score bins on [${lo}, ${hi}] for ranks`;
    const rankReference = options.rankReference ? 'score histogram of the whole original population' : 'original scores of the compared rows (all from-levels of this design)';
    acc.byFrom.forEach((s, f) => {
      const from = acc.design.levels[f]!;
      if (from === acc.design.to || s.n + s.undefinedTwins === 0) return;
      const { n, up, down, both } = s;
      const flaggedOriginal = down + both;
      const flaggedTwin = up + both;
      const sum = exactSumValue(s.shiftSum);
      const sumSq = exactSumValue(s.shiftSumSq);
      // Rank shifts from the (original bin, twin bin) pairs.
      const rankPoints = new Map<number, number>();
      let rSum = 0;
      let rSumSq = 0;
      for (const key of [...s.scorePairs.keys()].sort((a, b) => a - b)) {
        const count = s.scorePairs.get(key)!;
        const shift = ranks[key % binning.scoreBins]! - ranks[Math.floor(key / binning.scoreBins)]!;
        rankPoints.set(shift, (rankPoints.get(shift) ?? 0) + count);
        rSum += shift * count;
        rSumSq += shift * shift * count;
      }
      const rankCi = meanInterval(n, rSum, rSumSq, z);
      const sortedRanks = [...rankPoints.entries()].sort((a, b) => a[0] - b[0]);
      out.push({
        attribute: acc.design.attribute,
        from,
        to: acc.design.to,
        effect: acc.design.effect,
        n,
        undefined_twins: s.undefinedTwins,
        flagged_original: flaggedOriginal,
        flagged_twin: flaggedTwin,
        flips_up: up,
        flips_down: down,
        ...computeFlipFields({ n, up, down, flaggedOriginal }, alpha),
        mean_score_shift: computeMeanShift(n, sum, sumSq, alpha),
        score_shift_quantiles: quantiles(shiftPoints(s), n),
        zero_shift_share: n > 0 ? s.zeroShift / n : null,
        mean_rank_shift: metric(n > 0 ? rSum / n : null, rankCi ? [rankCi.lo, rankCi.hi] : null, level, 'normal-paired-mean'),
        rank_shift_quantiles: quantiles(sortedRanks, n),
        quantile_method: quantileMethod,
        rank_reference: rankReference,
        small_cell: n < minCell,
      });
    });
  }
  return out;
}
