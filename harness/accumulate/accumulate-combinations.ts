import type { CellCounts } from './cell-counts.js';
import { HISTOGRAM_SLOT_COUNT, SLOT_COUNT, UNLABELLED } from './cell-counts.js';
import { binsPerUnit } from './score-binning.js';


/** Rows already reduced to their attribute-combination index (see {@link combinationIndex}). */
export interface CombinationBatch {
  readonly n: number;
  readonly combinations: Int32Array;
  readonly flagged: Uint8Array;
  readonly labels: Uint8Array | null;
  readonly scores: Float32Array | Float64Array | null;
  /** Row weights, as in RowBatch; absent = 1 each. */
  readonly weights?: Float64Array | null;
}

/**
 * Mixed-radix combination index of each row (first attribute slowest), the compact form a
 * streaming run keeps per row instead of one code array per attribute.
 */
export function combinationIndex(codes: readonly Int32Array[], radices: readonly number[], n: number): Int32Array {
  const out = new Int32Array(n);
  for (let a = 0; a < codes.length; a++) {
    const c = codes[a]!;
    const r = radices[a]!;
    for (let i = 0; i < n; i++) out[i] = out[i]! * r + c[i]!;
  }
  return out;
}

/** Adds rows given by combination index into `cells` (mutates and returns it). */
export function accumulateCombinations(cells: CellCounts, batch: CombinationBatch): CellCounts {
  const { combinations, flagged, labels, scores, n } = batch;
  const weights = batch.weights ?? null;
  const counts = cells.counts;
  const histogram = scores === null ? null : cells.histogram;
  const bins = cells.binning?.bins ?? 0;
  const lo = cells.binning?.lo ?? 0;
  const perUnit = cells.binning ? binsPerUnit(cells.binning) : 0;
  for (let i = 0; i < n; i++) {
    const combination = combinations[i]!;
    const label = labels === null ? UNLABELLED : labels[i]!;
    const slot = (flagged[i] === 1 ? 0 : 3) + (label === 1 ? 0 : label === 0 ? 1 : 2);
    const w = weights === null ? 1 : weights[i]!;
    counts[combination * SLOT_COUNT + slot]! += w;
    if (scores !== null) {
      const score = scores[i]!;
      cells.scoreSum[combination]! += w * score;
      cells.scoreSumSq[combination]! += w * score * score;
      cells.scoreCount[combination]! += w;
      if (histogram !== null) {
        let b = Math.floor((score - lo) * perUnit);
        b = b < 0 ? 0 : b >= bins ? bins - 1 : b;
        histogram[(combination * bins + b) * HISTOGRAM_SLOT_COUNT + (label === 1 ? 0 : label === 0 ? 1 : 2)]! += w;
      }
    }
  }
  return cells;
}
