import { createHash } from 'node:crypto';
import { checkRoleExpressions, postgresColumnType, queryPostgres, redactUrl } from '../../datasets/engines/index.js';
import { cellsQuery, quoteIdentifier, rolesSpec, type ColumnType } from '../../datasets/sql/index.js';
import { DisparateError } from '../errors/index.js';
import type { Results } from '../results/index.js';
import { parseCells } from './aggregated-cells.js';
import { auditAggregated, type AuditOptions } from './audit-decisions.js';

/** Where the decisions live: a PostgreSQL URL and a table (or view) there. */
export interface PostgresTable {
  readonly url: string;
  readonly table: string;
}

/** How the input is named in messages and in the manifest: the URL with its password redacted, and the table. */
export function postgresInputName(source: PostgresTable): string {
  return `${redactUrl(source.url)} table ${source.table}`;
}

/**
 * The sha256 of the cells the query returned, in a fixed text form: a table in a live database has no
 * file to hash, and the cells are exactly what the audit was computed from.
 */
function cellsHash(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const h = createHash('sha256');
  h.update(`${JSON.stringify(columns)}\n`);
  for (const row of rows) h.update(`${JSON.stringify(row.map((v) => (v === null || v === undefined ? null : String(v))))}\n`);
  return `sha256:${h.digest('hex')}`;
}

/**
 * Audits a table where it lives: the aggregation query (the one `--emit-sql` prints) runs on
 * PostgreSQL through its wire protocol, read-only, and only the cells come back.
 *
 *   roles ──► expressions checked (no connection yet) ──► table's columns (SELECT … LIMIT 0)
 *         ──► rolesSpec (columns and types checked) ──► cellsQuery ──► PostgreSQL ──► parseCells ──► auditAggregated
 *
 * A malformed or forbidden expression fails before any connection is opened; an unknown column before
 * the aggregation query is sent. Connection and SQL failures are input errors naming the URL (password
 * redacted) and the server's words. The manifest's data names the URL and table, and hashes the cells.
 */
export async function auditPostgres(source: PostgresTable, opts: AuditOptions): Promise<Results> {
  checkRoleExpressions(opts);
  if (!source.table.trim()) throw new DisparateError('usage', '--table: name the table (or view) that holds the decisions');
  const name = postgresInputName(source);
  const from = quoteIdentifier(source.table);
  const shape = await queryPostgres(source.url, `SELECT * FROM ${from} LIMIT 0`, '--postgres');
  const types = new Map<string, ColumnType>(shape.columns.map((c, i) => [c, postgresColumnType(shape.types[i]!)]));
  const { spec } = rolesSpec(opts, types, from, name);
  const result = await queryPostgres(source.url, cellsQuery(spec), '--postgres');
  if (result.rows.length === 0) throw new DisparateError('data', `${name}: no rows to audit${spec.where ? ' (none passes --where)' : ''}`);
  const invalid = result.columns.indexOf('invalid');
  const bad = invalid >= 0 ? result.rows.find((r) => r[invalid] !== null && r[invalid] !== undefined) : undefined;
  if (bad) throw new DisparateError('data', `${name}: rows of the table fit no rule (${String(bad[invalid])}): find them with that column's values, e.g. SELECT … WHERE the column is not 0 or 1`);
  const objects = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, r[i]])));
  return auditAggregated(parseCells(objects, result.columns, name), cellsHash(result.columns, result.rows), { ...opts, file: name });
}
