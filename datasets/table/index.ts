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
export { whitespaceTwins } from './whitespace-twins.js';
export { mapInto, type NumberArray } from './map-into.js';
