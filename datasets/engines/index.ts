/** Engines that run the aggregation query where the data lives (PostgreSQL), and what they return. */
export { queryPostgres, type QueryRows } from './query-postgres.js';
export { redactUrl } from './redact-url.js';
