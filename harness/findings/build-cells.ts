import {
  accumulateCombinations,
  chooseScoreBinning,
  computeSelectionSweep,
  createCellCounts,
  DEFAULT_SWEEP_FRACTIONS,
  type CellAttribute,
  type CellCounts,
  type CombinationBatch,
  type SelectionSweep,
  type SweepTickets,
} from '../accumulate/index.js';

/** The sweep fractions a battery's `sweep` setting asks for (empty: none). */
export function sweepFractions(setting: boolean | readonly number[] | undefined): readonly number[] {
  return setting === false ? [] : setting === undefined || setting === true ? DEFAULT_SWEEP_FRACTIONS : setting;
}

/** The sweep point behind top-decile over-representation, always computed when there are scores. */
export const TOP_DECILE = 0.1;

/**
 * Cell counts of a batch of rows with, when the rows carry scores, a score histogram per cell over
 * bins fixed from the batch's score range, and the exact selection sweep at `fractions` (plus the
 * top decile). Scores must be complete (the whole run or audit): the bins and the cuts depend on all
 * of them, never on how rows were chunked. `tickets`: the decision's tie-break lot, so the sweep
 * breaks ties as the decision rules do (see computeSelectionSweep).
 *
 *   rows ──► score range ──► binning ──► accumulateCombinations ──► computeSelectionSweep
 *
 * @example buildCells([{ name: 'g', levels: ['a', 'b'] }], batch, [0.05, 0.1]).sweep?.fractions // [0.05, 0.1]
 */
export function buildCells(attributes: readonly CellAttribute[], batch: CombinationBatch, fractions: readonly number[], tickets?: SweepTickets): { cells: CellCounts; sweep: SelectionSweep | null } {
  const scores = batch.scores;
  if (!scores || batch.n === 0) {
    const cells = createCellCounts(attributes);
    return { cells: accumulateCombinations(cells, batch), sweep: null };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < batch.n; i++) {
    const s = scores[i]!;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const combinations = attributes.reduce((acc, a) => acc * a.levels.length, 1);
  const cells = accumulateCombinations(createCellCounts(attributes, chooseScoreBinning(lo, hi, combinations)), batch);
  const grid = [...new Set([...fractions, TOP_DECILE])].sort((a, b) => a - b);
  return { cells, sweep: computeSelectionSweep(cells, batch, grid, tickets) };
}
