import { scoreBin, type PairedBinning } from './paired-stats.js';

/**
 * Counts of scores per bin of a binning: the whole original population's score distribution, to
 * pass as `rankReference` so rank shifts refer to everyone scored, not only the compared rows.
 * Merge two histograms by adding them element-wise.
 *
 * @example
 * const h = new Float64Array(binning.scoreBins);
 * accumulateScoreHistogram(h, binning, scores);
 */
export function accumulateScoreHistogram(histogram: Float64Array, binning: PairedBinning, scores: ArrayLike<number>): Float64Array {
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!Number.isNaN(s)) histogram[scoreBin(binning, s)]!++;
  }
  return histogram;
}
