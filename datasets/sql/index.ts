export { cellsQuery, firstRowQuery, rangeQuery, quoteIdentifier, quoteText, CELLS_COLUMNS, CELLS_FINE_BINS, IPW_FIXED_POINT, SCORE_FIXED_POINT, type CellsQuerySpec, type RowCheck } from './cells-query.js';
export { rolesSpec, parseDerive, type ColumnType, type DecisionRoles } from './roles.js';
export { aggregateDecisions, emittedQuery, decisionsFormat, engineError, openEngine, prepareSource, hashInput, type CellObjects, type DecisionsSource, type RowRange, type SourceEncoding } from './duckdb-decisions.js';
export { ARROW_TABLE, decodeArrowTable, loadArrow, openArrow, type ArrowInput } from './arrow-decisions.js';
export { checkFile as checkArrowColumns } from './arrow-checks.js';
export { CODE_LIMIT } from './arrow-text-codes.js';
export { registerArrowCodecs } from './arrow-codecs.js';
// The folder's index (the layer table's unit is datasets/sql): readers import row expressions from here.
export * from './expression/index.js';
export { ENGINE_API_BUNDLE } from './engine-module.js';
