import { createHash } from 'node:crypto';
import { checkRoleExpressions, postgresColumnType, queryPostgres, redactUrl } from '../../datasets/engines/index.js';
import { cellsQuery, firstRowQuery, quoteIdentifier, rolesSpec, type CellsQuerySpec, type ColumnType } from '../../datasets/sql/index.js';
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

/** What a role's values must be, for the message about a row that breaks it (see rolesSpec's checks). */
const RULES: Record<string, string> = {
  protected: 'is empty: every row needs a group',
  attribute: 'is empty: every row needs an attribute',
  flag: 'must be 0 or 1',
  label: 'must be 0 or 1, or empty (unknown)',
  score: 'must hold a number (not NaN or infinite)',
  count: 'must hold non-negative integers up to 9007199254740991 (2^53 − 1)',
  positives: "must hold integers from 0 to the row's count",
  'selection probability': 'must be in (0, 1]',
};

/**
 * The message for cells that count rows breaking a rule (`field`, e.g. `flag "f"`): one offending value,
 * fetched with the same checked query parts. A table has no row order, so no row number is given.
 */
async function explainInvalid(url: string, spec: CellsQuerySpec, field: string, name: string): Promise<DisparateError> {
  const check = spec.checks.find((c) => c.field === field);
  const role = field.slice(0, Math.max(0, field.indexOf(' "')));
  const column = /"((?:[^"]|"")*)"$/.exec(field)?.[1]?.replace(/""/g, '"');
  if (!check || !column) return new DisparateError('data', `${name}: some rows fit no rule (${field})`);
  const found = await queryPostgres(url, firstRowQuery(spec, check.sql, column), '--postgres');
  const value = found.rows[0]?.[1];
  const shown = value === null || value === undefined ? 'an empty value' : JSON.stringify(String(value).slice(0, 40));
  return new DisparateError('data', `${name}: ${role} column "${column}" ${RULES[role] ?? 'fits no rule'}, found ${shown}`);
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
  if (bad) throw await explainInvalid(source.url, spec, String(bad[invalid]), name);
  const layout = { attributes: spec.long ? [] : spec.attributes.map((a) => a.name), long: spec.long !== undefined };
  // parseCells takes the cells column by column (as DuckDB hands them over in process).
  const data = result.columns.map((_, c) => result.rows.map((r) => r[c]));
  return auditAggregated(parseCells(data, result.columns, name, layout), cellsHash(result.columns, result.rows), { ...opts, file: name });
}
