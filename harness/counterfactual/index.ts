export { addToExactSum, createExactSum, exactSumValue, mergeExactSum, normaliseExactSum, type ExactSum } from './exact-sum.js';
export {
  addPair,
  createPairedStats,
  DEFAULT_BINNING,
  mergePairedStats,
  scoreBin,
  shiftBin,
  type PairedBinning,
  type PairedStats,
} from './paired-stats.js';
export {
  accumulateCounterfactual,
  createCounterfactualAccumulator,
  fromCodes,
  mergeCounterfactual,
  type CounterfactualAccumulator,
  type PairBatch,
  type TwinDesign,
} from './counterfactual-accumulator.js';
export { accumulateScoreHistogram } from './score-histogram.js';
export { computeCounterfactualResults, type CounterfactualOptions } from './compute-counterfactual-results.js';
export { computeFlipFields, computeMeanShift, type FlipCounts, type FlipFields } from './compute-flip-fields.js';
