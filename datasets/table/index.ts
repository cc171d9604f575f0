export {
  categorical,
  cellValue,
  encodeCategorical,
  numeric,
  type CategoricalColumn,
  type Column,
  type NumericColumn,
  type Table,
} from './table.js';
export { aliasColumns } from './alias-columns.js';
export { sliceTable, takeRows } from './slice-table.js';
export { mapInto, type NumberArray } from './map-into.js';
export { LABEL_LIMITS, labelProblem, normaliseLabels, quoteLabel, type NormalisedLabels } from './label-policy.js';
export { listNames } from './list-names.js';
