import { checkExpression, expressionColumns, expressionSql, parseExpression, type ColumnSql } from './expression/index.js';

/**
 * A row expression typed by a user (--flag "decile_score >= 5", --where, --derive, a battery's data:)
 * parsed, checked against the source's columns and compiled to portable SQL. Nothing the user typed
 * reaches the engine except through this: a bad or unknown construct, or an unknown column, is a usage
 * error naming `where` before any query runs. `columnSql` prints some columns as other SQL (a text
 * column read as a number: a checked cast).
 */
export function compileExpression(
  text: string,
  where: string,
  columns: readonly string[],
  type: 'boolean' | 'any',
  columnTypes: Readonly<Record<string, 'boolean' | 'number' | 'text'>> = {},
  columnSql?: ColumnSql,
): { sql: string; columns: string[] } {
  const expr = parseExpression(text, where);
  checkExpression(expr, columns, where, type, columnTypes);
  return { sql: `(${expressionSql(expr, 'ansi', columnSql)})`, columns: expressionColumns(expr) };
}
