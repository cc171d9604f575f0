export { adjustPValues, type Correction } from './adjust-p-values.js';
export { differencePValue, ratioPValue } from './comparison-p-value.js';
