// Audits of recorded decisions (a file, a table on PostgreSQL, or cells aggregated elsewhere): kept apart from
// the population runner so that `disparate audit` loads neither the models nor the synthetic populations.
export { auditAggregated, auditDecisions, type AuditOptions } from './audit-decisions.js';
export { combineCells, parseCells, type AggregatedDecisions, type CellRow } from './aggregated-cells.js';
export { auditPostgres, type PostgresTable } from './audit-postgres.js';
