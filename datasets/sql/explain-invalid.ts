import type { DuckDBConnection } from '@duckdb/node-api';
import { DisparateError } from '../../harness/errors/index.js';
import { firstRowQuery, quoteIdentifier as q, quoteText, type CellsQuerySpec } from './cells-query.js';
import type { DecisionsSource } from './duckdb-decisions.js';
import type { DecisionRoles } from './roles.js';

/*
 * Messages for a file the aggregation refused: the first row that fits no rule, or the first text
 * that is not a number where an expression reads a column as one. Read only on that failure path,
 * with diagnostic queries that name the row in file order.
 */

/** The first row (1-based, in file order) where `condition` holds, and the value of `column` there. */
async function firstRow(connection: DuckDBConnection, spec: CellsQuerySpec, condition: string, column: string): Promise<{ row: number; value: string | null } | null> {
  const r = await connection.runAndReadAll(firstRowQuery(spec, condition, column));
  const row = r.getRowObjectsJS()[0];
  return row ? { row: Number(row['__row']), value: row['value'] === null ? null : String(row['value']) } : null;
}

/** A value for a message: at most 40 characters of it, quoted. */
const show = (v: string | null) => (v === null ? 'an empty value' : JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v));

/** The message for the first row that fits no rule (a cell with `invalid` set). */
export async function explainInvalid(connection: DuckDBConnection, source: DecisionsSource, spec: CellsQuerySpec, roles: DecisionRoles): Promise<DisparateError> {
  for (const check of spec.checks) {
    const column = /"((?:[^"]|"")*)"$/.exec(check.field)?.[1]?.replace(/""/g, '"') ?? '';
    const bad = await firstRow(connection, spec, check.sql, column);
    if (!bad) continue;
    const at = `at row ${bad.row}`;
    const role = check.field.slice(0, check.field.indexOf(' "'));
    const f = source.file;
    switch (role) {
      case 'protected':
      case 'attribute':
        return new DisparateError('data', `${f}: ${role} column "${column}" is empty ${at}: every row needs a group`);
      case 'flag':
        return new DisparateError('data', `${f}: column "${column}" must be 0 or 1, found ${show(bad.value)} ${at}`);
      case 'label':
        return new DisparateError(
          'data',
          roles.count
            ? `${f}: label column "${column}" must be 0 or 1 per row (all of the row's ${roles.count} cases positive, or all negative) or empty, found ${show(bad.value)} ${at}; for the number of positives among the count, use --positives ${column}`
            : `${f}: column "${column}" must be 0 or 1 (or empty), found ${show(bad.value)} ${at}`,
        );
      case 'score':
        return new DisparateError('data', `${f}: column "${column}" has a non-numeric or NaN score ${show(bad.value)} ${at}${decimalComma(bad.value, 'the scores')}`);
      case 'count':
        return new DisparateError('data', `${f}: count column "${column}" must hold non-negative integers up to 9007199254740991 (2^53 − 1), found ${show(bad.value)} ${at}`);
      case 'positives':
        return new DisparateError('data', `${f}: positives column "${column}" must hold integers from 0 to the row's count ("${roles.count}"), found ${show(bad.value)} ${at}`);
      case 'selection probability':
        return new DisparateError('data', `${f}: selection probability "${column}" must be in (0, 1], found ${show(bad.value)} ${at}`);
      default:
        return new DisparateError('data', `${f}: ${check.field}: value ${show(bad.value)} ${at} fits no rule`);
    }
  }
  return new DisparateError('data', `${source.file}: a row fits no rule (${spec.checks.map((c) => c.field).join(', ')})`);
}

/** A hint when text is a number written with a decimal comma (0,5), as French and Dutch exports write them. */
const decimalComma = (value: unknown, what: string): string =>
  typeof value === 'string' && /^\s*[-+]?\d*,\d+\s*$/.test(value) ? ` (a decimal comma: write ${what} with a decimal point, e.g. 0.5)` : '';

/**
 * Why a cast failed: the first row (1-based, in file order, --where not applied: the column is read as a
 * number wherever an expression uses it) where one of `columns` holds text that is not a number. A blank
 * is a missing value, as is a withheld count.
 */
export async function notNumbers(connection: DuckDBConnection, source: DecisionsSource, columns: readonly string[], roles: DecisionRoles): Promise<DisparateError | null> {
  for (const column of columns) {
    const c = q(column);
    const withheld = column === roles.count || column === roles.positives ? ` AND NOT (TRIM(${c}) LIKE '<%'${(roles.suppressed ?? []).map((m) => ` OR TRIM(${c}) = ${quoteText(m.trim())}`).join('')})` : '';
    const r = await connection.runAndReadAll(
      `WITH ${q('__source')} AS (SELECT row_number() OVER () AS ${q('__row')}, ${c} FROM ${source.from})\n` +
        `SELECT ${q('__row')}, CAST(${c} AS VARCHAR) AS ${q('value')} FROM ${q('__source')} WHERE ${c} IS NOT NULL AND TRIM(CAST(${c} AS VARCHAR)) <> '' AND TRY_CAST(${c} AS DOUBLE) IS NULL${withheld} ORDER BY ${q('__row')} LIMIT 1`,
    );
    const row = r.getRowObjectsJS()[0];
    if (row) return new DisparateError('data', `${source.file}: column "${column}" is used as a number in an expression, but holds ${show(row['value'] === null ? null : String(row['value']))} at row ${Number(row['__row'])}${decimalComma(row['value'], 'numbers')}`);
  }
  return null;
}
