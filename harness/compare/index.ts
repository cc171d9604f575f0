/** Comparing two models on the same applicants: paired decisions, paired changes, better or worse. */
export { compareModels } from './compare-models.js';
export { accumulatePairedCells, pairedTable, type PairedCells, type PairedSubset, type PairedTable } from './paired-cells.js';
export { differenceChange, logRatioChange, type ChangeScale, type CheckChange } from './check-change.js';
export { changeClaim, judgeChanges, type ChangeRule, type ChangeVerdict, type JudgedChange } from './judge-changes.js';
