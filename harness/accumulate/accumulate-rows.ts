import type { CellCounts } from './cell-counts.js';
import { SLOT_COUNT } from './cell-counts.js';

/** One chunk of rows to accumulate: level codes per protected attribute, the decision, label and score. */
export interface RowBatch {
  readonly n: number;
  /** One Int32Array of level codes per attribute of the CellCounts, same order. */
  readonly codes: readonly Int32Array[];
  /** 1 = flagged (adverse outcome), 0 = not. */
  readonly flagged: Uint8Array;
  /** 1, 0, or 255 for unknown; null when no label column. */
  readonly labels: Uint8Array | null;
  /** Scores; null when the decisions carry none. NaN scores are refused before this point. */
  readonly scores: Float32Array | Float64Array | null;
  /** Row weights (aggregated-counts input: each row stands for `weight` identical rows); absent = 1 each. */
  readonly weights?: Float64Array | null;
}

export const UNLABELLED = 255;

/** Adds a batch of rows into `cells` (mutates and returns it). The hot loop: typed arrays only. */
export function accumulateRows(cells: CellCounts, batch: RowBatch): CellCounts {
  const { codes, flagged, labels, scores, n } = batch;
  const weights = batch.weights ?? null;
  const radices = cells.attributes.map((a) => a.levels.length);
  const k = codes.length;
  const counts = cells.counts;
  for (let i = 0; i < n; i++) {
    let combination = 0;
    for (let a = 0; a < k; a++) combination = combination * radices[a]! + codes[a]![i]!;
    const label = labels === null ? UNLABELLED : labels[i]!;
    const slot = (flagged[i] === 1 ? 0 : 3) + (label === 1 ? 0 : label === 0 ? 1 : 2);
    const w = weights === null ? 1 : weights[i]!;
    counts[combination * SLOT_COUNT + slot]! += w;
    if (scores !== null) {
      const score = scores[i]!;
      cells.scoreSum[combination]! += w * score;
      cells.scoreSumSq[combination]! += w * score * score;
      cells.scoreCount[combination]! += w;
    }
  }
  return cells;
}
