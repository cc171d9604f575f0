/** Engines that run the aggregation query where the data lives (PostgreSQL), and the cells they return, checked. */
export { normaliseCells, type CellObject, type RawCells } from './normalise-cells.js';
export { queryPostgres, type QueryRows } from './query-postgres.js';
export { redactUrl } from './redact-url.js';
