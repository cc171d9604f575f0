export { accumulateRows, UNLABELLED, type RowBatch } from './accumulate-rows.js';
export {
  combinationCodes,
  createCellCounts,
  HISTOGRAM_SLOT_COUNT,
  HISTOGRAM_SLOTS,
  mergeCellCounts,
  SLOT_COUNT,
  SLOTS,
  type CellAttribute,
  type CellCounts,
} from './cell-counts.js';
export { computeGroupStats, groupIndexOf, INTERSECTION_SEPARATOR, type GroupCounts } from './group-stats.js';
export { accumulateCombinations, combinationIndex, type CombinationBatch } from './accumulate-combinations.js';
export { binEdges, binMiddle, binsPerUnit, chooseScoreBinning, scoreBin, type ScoreBinning } from './score-binning.js';
export { computeSelectionSweep, DEFAULT_SWEEP_FRACTIONS, sweepFromHistogram, sweepGroupCounts, type SelectionSweep, type SweepTickets } from './selection-sweep.js';
