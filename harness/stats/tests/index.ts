export { adjustPValues, type Correction } from './adjust-p-values.js';
export { binomialTestPValue } from './binomial-test.js';
export { differencePValue, ratioPValue } from './comparison-p-value.js';
export { differenceEquivalencePValue, ratioEquivalencePValue } from './equivalence.js';
export { fisherExactPValue } from './fisher-exact.js';
