/**
 * Fixed bins over a run's score range, shared by every cell's score histogram so that histograms
 * merge by addition. Metrics read the fine bins; results.json shows them coarsened by `coarsen`.
 */
export interface ScoreBinning {
  /** Lower edge of the first bin. */
  readonly lo: number;
  /** Upper edge of the last bin (scores equal to it fall in the last bin). */
  readonly hi: number;
  /** Number of fine bins. */
  readonly bins: number;
  /** Fine bins per bin of the histogram shown in results.json (bins is a multiple of it). */
  readonly coarsen: number;
}

/** Bins of the histogram shown in results.json for a [0, 1] score (width 0.02). */
export const OUTPUT_BINS = 50;
/** Fine bins per output bin: 1,000 fine bins on [0, 1] (width 0.001). */
export const FINE_PER_OUTPUT = 20;
/** Cap on combinations × fine bins × 3 label slots (128 MB of Float64). */
const MAX_SLOTS = 1 << 24;

/** 1, 2, 2.5 or 5 × 10^k, the smallest not below `x`. */
function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

const tidy = (x: number) => +x.toPrecision(12);

/**
 * The binning of a run from the smallest and largest score: [0, h] in 50 × 20 bins for scores
 * that are probabilities (h = 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5 or 1, the first at or above the
 * largest score), otherwise a nice-stepped range around [min, max] (e.g. DUO's points
 * 0–180 in steps of 5). Fine bins shrink when there are many attribute combinations, so the
 * histograms stay under 128 MB.
 *
 * @example chooseScoreBinning(0.01, 0.93, 60) // { lo: 0, hi: 1, bins: 1000, coarsen: 20 }
 */
export function chooseScoreBinning(min: number, max: number, combinations: number): ScoreBinning {
  let lo = 0;
  let hi = 1;
  let outBins = OUTPUT_BINS;
  if (min >= 0 && max <= 1) {
    // Probabilities: [0, h] with h the first of these at or above the largest score.
    hi = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1].find((h) => max <= h) ?? 1;
  } else if (Number.isFinite(min) && Number.isFinite(max)) {
    const step = niceStep(Math.max(max - min, Math.abs(max) * 1e-9, 1e-12) / OUTPUT_BINS);
    lo = tidy(Math.floor(min / step) * step);
    hi = tidy(Math.ceil(max / step) * step);
    if (hi <= lo) hi = tidy(lo + step);
    outBins = Math.max(1, Math.round((hi - lo) / step));
  }
  const coarsen = Math.max(1, Math.min(FINE_PER_OUTPUT, Math.floor(MAX_SLOTS / (Math.max(1, combinations) * outBins * 3))));
  return { lo, hi, bins: outBins * coarsen, coarsen };
}

/** Bins per unit of score; every binning of a score multiplies by it, so all agree to the last bit. */
export function binsPerUnit(binning: ScoreBinning): number {
  return binning.bins / (binning.hi - binning.lo);
}

/** Fine bin of a score (clamped into the end bins). */
export function scoreBin(binning: ScoreBinning, score: number): number {
  const b = Math.floor((score - binning.lo) * binsPerUnit(binning));
  return b < 0 ? 0 : b >= binning.bins ? binning.bins - 1 : b;
}

/** Edges of the fine bins (bins + 1), or of the output bins with `coarse`. */
export function binEdges(binning: ScoreBinning, coarse = false): number[] {
  const bins = coarse ? binning.bins / binning.coarsen : binning.bins;
  return Array.from({ length: bins + 1 }, (_, i) => tidy(binning.lo + ((binning.hi - binning.lo) * i) / bins));
}

/** Middle of fine bin `b`. */
export function binMiddle(binning: ScoreBinning, b: number): number {
  return binning.lo + ((binning.hi - binning.lo) * (b + 0.5)) / binning.bins;
}
