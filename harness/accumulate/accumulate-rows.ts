import { accumulateCombinations, combinationIndex } from './accumulate-combinations.js';
import type { CellCounts } from './cell-counts.js';

export { UNLABELLED } from './cell-counts.js';

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

/**
 * Adds a batch of rows into `cells` (mutates and returns it): the per-attribute codes are reduced to
 * one combination index per row, then counted like any other combination batch.
 */
export function accumulateRows(cells: CellCounts, batch: RowBatch): CellCounts {
  const radices = cells.attributes.map((a) => a.levels.length);
  return accumulateCombinations(cells, { ...batch, combinations: combinationIndex(batch.codes, radices, batch.n) });
}
