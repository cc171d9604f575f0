import type { ScoreBinning } from './score-binning.js';

/**
 * Mergeable sufficient statistics: counts per cell, where a cell is one combination of protected
 * attribute levels × decision (flagged or not) × label (1, 0 or unknown), plus the score sum per
 * attribute combination and, with a binning, a fixed-bin score histogram per combination × label.
 * Every group metric of the battery is a function of these counts, so chunks, workers and shards
 * combine exactly by addition.
 */
export interface CellAttribute {
  readonly name: string;
  readonly levels: readonly string[];
}

/** Slots per attribute combination: flagged × label. */
export const SLOTS = {
  flaggedPositive: 0,
  flaggedNegative: 1,
  flaggedUnlabelled: 2,
  clearedPositive: 3,
  clearedNegative: 4,
  clearedUnlabelled: 5,
} as const;
export const SLOT_COUNT = 6;

/** Slots of a score-histogram bin: rows with label 1 (adverse ground truth), label 0, unknown label. */
export const HISTOGRAM_SLOTS = { positive: 0, negative: 1, unlabelled: 2 } as const;
export const HISTOGRAM_SLOT_COUNT = 3;

/** Label code of a row whose ground truth is unknown. */
export const UNLABELLED = 255;

export interface CellCounts {
  readonly attributes: readonly CellAttribute[];
  /** Number of attribute combinations (product of level counts). */
  readonly combinations: number;
  /** combinations × SLOT_COUNT counts, combination-major. */
  readonly counts: Float64Array;
  /** Per combination: sum of scores, sum of squared scores and number of scored rows (mean score and its interval). */
  readonly scoreSum: Float64Array;
  readonly scoreSumSq: Float64Array;
  readonly scoreCount: Float64Array;
  /** Bins of `histogram`; null = no histogram kept. */
  readonly binning: ScoreBinning | null;
  /** combinations × binning.bins × HISTOGRAM_SLOT_COUNT weights of scored rows, combination-major. */
  readonly histogram: Float64Array | null;
}

/** Empty cell counts; with a binning, each combination also keeps a score histogram split by label. */
export function createCellCounts(attributes: readonly CellAttribute[], binning: ScoreBinning | null = null): CellCounts {
  const combinations = attributes.reduce((acc, a) => acc * a.levels.length, 1);
  return {
    attributes,
    combinations,
    counts: new Float64Array(combinations * SLOT_COUNT),
    scoreSum: new Float64Array(combinations),
    scoreSumSq: new Float64Array(combinations),
    scoreCount: new Float64Array(combinations),
    binning,
    histogram: binning ? new Float64Array(combinations * binning.bins * HISTOGRAM_SLOT_COUNT) : null,
  };
}

/** Adds `b` into `a` (same attributes). Addition is exact for counts below 2^53. */
export function mergeCellCounts(a: CellCounts, b: CellCounts): CellCounts {
  if (a.combinations !== b.combinations) throw new Error('cannot merge cell counts over different attributes');
  if (JSON.stringify(a.binning) !== JSON.stringify(b.binning)) throw new Error('cannot merge score histograms over different bins');
  if (a.histogram && b.histogram) for (let i = 0; i < a.histogram.length; i++) a.histogram[i]! += b.histogram[i]!;
  for (let i = 0; i < a.counts.length; i++) a.counts[i]! += b.counts[i]!;
  for (let i = 0; i < a.combinations; i++) {
    a.scoreSum[i]! += b.scoreSum[i]!;
    a.scoreSumSq[i]! += b.scoreSumSq[i]!;
    a.scoreCount[i]! += b.scoreCount[i]!;
  }
  return a;
}

/** Decomposes a combination index into one level code per attribute (mixed radix, first attribute slowest). */
export function combinationCodes(cells: CellCounts, combination: number): number[] {
  const codes = new Array<number>(cells.attributes.length);
  let rest = combination;
  for (let a = cells.attributes.length - 1; a >= 0; a--) {
    const size = cells.attributes[a]!.levels.length;
    codes[a] = rest % size;
    rest = Math.floor(rest / size);
  }
  return codes;
}
