export { accumulateRows, UNLABELLED, type RowBatch } from './accumulate-rows.js';
export {
  combinationCodes,
  createCellCounts,
  mergeCellCounts,
  SLOT_COUNT,
  SLOTS,
  type CellAttribute,
  type CellCounts,
} from './cell-counts.js';
export { computeGroupStats, INTERSECTION_SEPARATOR, type GroupCounts } from './group-stats.js';
export { accumulateCombinations, combinationIndex, type CombinationBatch } from './accumulate-combinations.js';
