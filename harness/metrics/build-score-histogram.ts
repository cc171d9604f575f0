import { binEdges, binMiddle, HISTOGRAM_SLOT_COUNT, type ScoreBinning } from '../accumulate/index.js';
import type { ScoreHistogram } from '../results/index.js';

/**
 * The histogram shown in results.json: the fine bins of a group's histogram summed `coarsen` at a
 * time (50 bins of width 0.02 on [0, 1]). With labels: labelled rows and positives per bin, and, for
 * probability scores, the sum of the labelled rows' scores (each fine bin at its middle): the
 * positives expected if the score were calibrated.
 *
 * @example buildScoreHistogram(group.histogram, binning, true).counts.length // 50
 */
export function buildScoreHistogram(histogram: Float64Array, binning: ScoreBinning, labels: boolean): ScoreHistogram {
  const S = HISTOGRAM_SLOT_COUNT;
  const bins = binning.bins / binning.coarsen;
  const counts = new Array<number>(bins).fill(0);
  const labelled = new Array<number>(bins).fill(0);
  const positives = new Array<number>(bins).fill(0);
  const expected = new Array<number>(bins).fill(0);
  for (let b = 0; b < binning.bins; b++) {
    const o = Math.floor(b / binning.coarsen);
    const pos = histogram[b * S]!;
    const neg = histogram[b * S + 1]!;
    counts[o]! += pos + neg + histogram[b * S + 2]!;
    labelled[o]! += pos + neg;
    positives[o]! += pos;
    expected[o]! += (pos + neg) * binMiddle(binning, b);
  }
  const probabilities = binning.lo >= 0 && binning.hi <= 1;
  return {
    edges: binEdges(binning, true),
    counts,
    ...(labels ? { labelled, positives } : {}),
    ...(labels && probabilities ? { expected: expected.map((e) => +e.toPrecision(12)) } : {}),
  };
}
