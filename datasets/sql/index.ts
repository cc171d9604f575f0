export { cellsQuery, quoteIdentifier, quoteText, CELLS_COLUMNS, CELLS_FINE_BINS, SCORE_FIXED_POINT, type CellsQuerySpec, type RowCheck } from './cells-query.js';
