/** Engines that run the aggregation query where the data lives (PostgreSQL). */
export { postgresColumnType } from './postgres-column-types.js';
export { queryPostgres, type QueryRows } from './query-postgres.js';
export { redactUrl } from './redact-url.js';
export { checkRoleExpressions, type RoleExpressions } from './check-role-expressions.js';
