import { addToExactSum, createExactSum, mergeExactSum, normaliseExactSum, type ExactSum } from './exact-sum.js';

/** Binning shared by every accumulator of one run, so that they merge. */
export interface PairedBinning {
  /** Range of the model's scores, e.g. [0, 1] for probabilities, [0, 180] for DUO's points. Scores outside are clamped into the end bins. */
  readonly scoreRange: readonly [number, number];
  /** Bins of the score histogram used for ranks (default 1000). */
  readonly scoreBins: number;
  /** Bins of the score-shift histogram on [−width, +width] of the score range (default 2000), besides an exact-zero count. */
  readonly shiftBins: number;
}

export const DEFAULT_BINNING: PairedBinning = { scoreRange: [0, 1], scoreBins: 1000, shiftBins: 2000 };

/**
 * Mergeable sufficient statistics of (original, twin) pairs: decisions cross-tabulated, the score
 * shift (twin − original) as an exact sum and sum of squares plus a fixed-bin histogram, and the
 * pairs' score bins (original bin × twin bin, sparse) for rank shifts. Every field adds exactly, so
 * chunks, workers and shards merge to the same numbers in any order.
 */
export interface PairedStats {
  readonly binning: PairedBinning;
  n: number;
  /** Original not flagged → twin flagged. */
  up: number;
  /** Original flagged → twin not flagged. */
  down: number;
  /** Flagged in both. */
  both: number;
  /** Twins the intervention leaves undefined (missing values), not counted in n. */
  undefinedTwins: number;
  readonly shiftSum: ExactSum;
  readonly shiftSumSq: ExactSum;
  /** Pairs whose score did not move at all. */
  zeroShift: number;
  /** Counts of nonzero shifts per bin of width 2·(hi − lo) / shiftBins on [−(hi − lo), hi − lo]. */
  readonly shiftHist: Float64Array;
  /** (original score bin × scoreBins + twin score bin) → pairs. */
  readonly scorePairs: Map<number, number>;
}

export function createPairedStats(binning: PairedBinning = DEFAULT_BINNING): PairedStats {
  return {
    binning,
    n: 0,
    up: 0,
    down: 0,
    both: 0,
    undefinedTwins: 0,
    shiftSum: createExactSum(),
    shiftSumSq: createExactSum(),
    zeroShift: 0,
    shiftHist: new Float64Array(binning.shiftBins),
    scorePairs: new Map(),
  };
}

/** Bin of a score in the score histogram (clamped). */
export function scoreBin(binning: PairedBinning, score: number): number {
  const [lo, hi] = binning.scoreRange;
  const b = Math.floor(((score - lo) / (hi - lo)) * binning.scoreBins);
  return b < 0 ? 0 : b >= binning.scoreBins ? binning.scoreBins - 1 : b;
}

/** Bin of a nonzero shift in the shift histogram (clamped). */
export function shiftBin(binning: PairedBinning, shift: number): number {
  const width = binning.scoreRange[1] - binning.scoreRange[0];
  const b = Math.floor(((shift + width) / (2 * width)) * binning.shiftBins);
  return b < 0 ? 0 : b >= binning.shiftBins ? binning.shiftBins - 1 : b;
}

/** Adds one pair. A NaN twin score counts as an undefined twin. */
export function addPair(s: PairedStats, original: number, twin: number, flaggedOriginal: boolean, flaggedTwin: boolean): void {
  if (Number.isNaN(twin) || Number.isNaN(original)) {
    s.undefinedTwins++;
    return;
  }
  s.n++;
  if (flaggedOriginal) {
    if (flaggedTwin) s.both++;
    else s.down++;
  } else if (flaggedTwin) s.up++;
  const shift = twin - original;
  addToExactSum(s.shiftSum, shift);
  addToExactSum(s.shiftSumSq, shift * shift);
  if (shift === 0) s.zeroShift++;
  else s.shiftHist[shiftBin(s.binning, shift)]!++;
  const key = scoreBin(s.binning, original) * s.binning.scoreBins + scoreBin(s.binning, twin);
  s.scorePairs.set(key, (s.scorePairs.get(key) ?? 0) + 1);
}

/** Adds `b` into `a` (same binning). */
export function mergePairedStats(a: PairedStats, b: PairedStats): PairedStats {
  const [x, y] = [a.binning, b.binning];
  if (x.scoreBins !== y.scoreBins || x.shiftBins !== y.shiftBins || x.scoreRange[0] !== y.scoreRange[0] || x.scoreRange[1] !== y.scoreRange[1]) {
    throw new Error('cannot merge paired statistics with different binning');
  }
  a.n += b.n;
  a.up += b.up;
  a.down += b.down;
  a.both += b.both;
  a.undefinedTwins += b.undefinedTwins;
  mergeExactSum(a.shiftSum, b.shiftSum);
  mergeExactSum(a.shiftSumSq, b.shiftSumSq);
  a.zeroShift += b.zeroShift;
  for (let i = 0; i < a.shiftHist.length; i++) a.shiftHist[i]! += b.shiftHist[i]!;
  for (const [k, v] of b.scorePairs) a.scorePairs.set(k, (a.scorePairs.get(k) ?? 0) + v);
  normaliseExactSum(a.shiftSum);
  return a;
}
