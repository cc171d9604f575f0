import { DisparateError } from '../../../harness/errors/index.js';
import type { Expr } from './ast.js';
import { isBareName } from './keywords.js';
import { showText } from './tokenize.js';

/**
 * SQL text of a checked expression that PostgreSQL, SQLite (3.35+), DuckDB and Trino run with the same result.
 * Spark SQL reads "x" as a name only with spark.sql.ansi.doubleQuotedIdentifiers (3.4+), and BigQuery reads it as
 * text: for those two, `quoting: 'backtick'` prints `name` and 'it\'s' instead. Every compound part is parenthesised, so no engine's
 * own precedence rules matter; identifiers are always double-quoted and string literals single-quoted, each
 * with its quote doubled, so no name or value can end its quotes early.
 *
 * Two constructs are not printed as typed, because engines disagree on them:
 * - `a / b` prints as `(a * 1e0 / NULLIF(b, 0))`: PostgreSQL and SQLite divide integers to an integer (7 / 2 = 3)
 *   where DuckDB gives 3.5, and PostgreSQL stops with an error on division by zero where SQLite and DuckDB give
 *   NULL; here 7 / 2 is 3.5 and x / 0 is NULL everywhere. `1e0`, not `1.0`: Trino reads 1.0 as a DECIMAL(2,1)
 *   and keeps one decimal through the division (1 * 1.0 / 3 = 0.3 there), 1e0 as a DOUBLE (PostgreSQL as an
 *   exact numeric, which is finer still).
 * - `ROUND(x, n)` prints as SIGN/ABS/FLOOR arithmetic rounding half away from zero: PostgreSQL's round(double)
 *   rounds half to even and has no round(double, int).
 *
 * @example expressionSql(parseExpression("score_text IN ('Medium', 'High')", '--flag'))
 *   // → ("score_text" IN ('Medium', 'High'))
 */
export function expressionSql(expr: Expr, quoting: SqlQuoting = 'ansi', columnSql?: ColumnSql): string {
  const size = printedSize(expr);
  if (size > MAX_PRINTED_SIZE) throw new DisparateError('usage', `expression is too large once printed as SQL (${tooLarge(size)})`);
  return print(expr, quoting, columnSql);
}

/**
 * SQL printed for a column instead of its quoted name, or undefined for the name: a column the source
 * holds as text but the expression reads as a number is printed as a cast (see rolesSpec).
 */
export type ColumnSql = (name: string) => string | undefined;

export function tooLarge(size: number): string {
  return `${size > 1e15 ? 'more than 10^15' : Math.round(size)} parts, at most ${MAX_PRINTED_SIZE}; ROUND prints its argument twice, so ROUND inside ROUND doubles the text`;
}

/** The expression in its own language, canonical (keywords upper case, names bare where they can be); parses back to the same tree. */
export function formatExpression(expr: Expr): string {
  const text = print(expr, 'text');
  return text.startsWith('(') && text.endsWith(')') && wrapsWhole(text) ? text.slice(1, -1) : text;
}

/** True when the first "(" of `text` closes at its last character (quotes skipped). */
function wrapsWhole(text: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === quote) quote = null; // a doubled quote closes and reopens: same effect
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i === text.length - 1;
  }
  return false;
}

/**
 * How names and text are quoted: 'ansi' ("name", 'it''s') for PostgreSQL, SQLite, DuckDB and Trino;
 * 'backtick' (`name`, 'it\'s', a newline as \n) for Spark SQL and BigQuery, which read "…" as text and a
 * backslash in text as an escape (backslashes are refused in expressions, so \' can only mean a quote).
 */
export type SqlQuoting = 'ansi' | 'backtick';

function backtickName(name: string): string {
  // Spark doubles a backtick inside, BigQuery escapes it with a backslash: no one spelling for both.
  if (name.includes('`') || name.includes('\\')) throw new DisparateError('usage', `column "${showText(name)}": a name with a backtick or a backslash cannot be quoted the same way for Spark SQL and BigQuery`);
  return `\`${name}\``;
}

function backtickText(value: string): string {
  if (value.includes('\\')) throw new DisparateError('usage', `text '${showText(value)}': a backslash is read as an escape by Spark SQL and BigQuery`);
  let out = "'";
  for (const ch of value) out += ch === "'" ? "\\'" : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch;
  return `${out}'`;
}

export function quoteName(name: string): string {
  return `"${name.split('"').join('""')}"`;
}

export function quoteText(value: string): string {
  return `'${value.split("'").join("''")}'`;
}

function print(expr: Expr, mode: SqlQuoting | 'text', columnSql?: ColumnSql): string {
  const p = (e: Expr): string => print(e, mode, columnSql);
  switch (expr.kind) {
    case 'column': {
      const replaced = mode === 'text' ? undefined : columnSql?.(expr.name.normalize('NFC'));
      if (replaced !== undefined) return replaced;
      if (mode === 'backtick') return backtickName(expr.name);
      return mode === 'text' && isBareName(expr.name) ? expr.name : quoteName(expr.name);
    }
    case 'number':
      return expr.text;
    case 'string':
      return mode === 'backtick' ? backtickText(expr.value) : quoteText(expr.value);
    case 'boolean':
      return expr.value ? 'TRUE' : 'FALSE';
    case 'null':
      return 'NULL';
    case 'negate':
      // Parenthesised, so "- -1" can never print as "--1", which SQL reads as a comment.
      return `(-${p(expr.operand)})`;
    case 'not':
      return `(NOT ${p(expr.operand)})`;
    case 'arithmetic':
      if (expr.op === '/' && mode !== 'text') return `(${p(expr.left)} * 1e0 / NULLIF(${p(expr.right)}, 0))`;
      return `(${p(expr.left)} ${expr.op} ${p(expr.right)})`;
    case 'compare':
      return `(${p(expr.left)} ${expr.op} ${p(expr.right)})`;
    case 'and':
    case 'or':
      return `(${expr.operands.map(p).join(` ${expr.kind.toUpperCase()} `)})`;
    case 'in':
      return `(${p(expr.operand)} ${expr.negated ? 'NOT IN' : 'IN'} (${expr.list.map(p).join(', ')}))`;
    case 'between':
      return `(${p(expr.operand)} ${expr.negated ? 'NOT BETWEEN' : 'BETWEEN'} ${p(expr.low)} AND ${p(expr.high)})`;
    case 'isNull':
      return `(${p(expr.operand)} ${expr.negated ? 'IS NOT NULL' : 'IS NULL'})`;
    case 'case': {
      const parts = ['CASE'];
      if (expr.operand !== null) parts.push(p(expr.operand));
      for (const { when, then } of expr.whens) parts.push('WHEN', p(when), 'THEN', p(then));
      if (expr.otherwise !== null) parts.push('ELSE', p(expr.otherwise));
      parts.push('END');
      return `(${parts.join(' ')})`;
    }
    case 'call': {
      if (expr.name === 'ROUND' && mode !== 'text') return roundSql(p(expr.args[0]!), expr.args[1]?.kind === 'number' ? Number(expr.args[1].text) : 0);
      return `${expr.name}(${expr.args.map(p).join(', ')})`;
    }
  }
}

/**
 * Half away from zero at `digits` decimals, from SIGN, ABS and FLOOR (which all the engines have). `x` is
 * printed twice, so nested ROUNDs double the text: {@link printedSize} bounds that before printing.
 */
function roundSql(x: string, digits: number): string {
  if (digits === 0) return `(SIGN(${x}) * FLOOR(ABS(${x}) + 0.5))`;
  // 1eN, a DOUBLE literal, for the reason given for division in expressionSql.
  const scale = `1e${digits}`;
  return `(SIGN(${x}) * FLOOR(ABS(${x}) * ${scale} + 0.5) / ${scale})`;
}

/** Most parts the printed SQL may hold (ROUND prints its argument twice, so nesting multiplies). */
export const MAX_PRINTED_SIZE = 20_000;

/** How many parts the SQL text of `expr` holds, counting ROUND's argument twice. */
export function printedSize(expr: Expr): number {
  switch (expr.kind) {
    case 'column':
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
      return 1;
    case 'negate':
    case 'not':
    case 'isNull':
      return 1 + printedSize(expr.operand);
    case 'in':
      return 1 + printedSize(expr.operand) + expr.list.length;
    case 'arithmetic':
    case 'compare':
      return 1 + printedSize(expr.left) + printedSize(expr.right);
    case 'and':
    case 'or':
      return expr.operands.reduce((n, e) => n + printedSize(e), 1);
    case 'between':
      return 1 + printedSize(expr.operand) + printedSize(expr.low) + printedSize(expr.high);
    case 'case':
      return [expr.operand, ...expr.whens.flatMap((w) => [w.when, w.then]), expr.otherwise].reduce((n, e) => n + (e ? printedSize(e) : 0), 1);
    case 'call':
      return expr.name === 'ROUND' ? 2 + 2 * printedSize(expr.args[0]!) : expr.args.reduce((n, e) => n + printedSize(e), 1);
  }
}
