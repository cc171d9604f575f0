import type { Expr } from './ast.js';
import { isBareName } from './keywords.js';

/**
 * SQL text of a checked expression that PostgreSQL, SQLite (3.35+), DuckDB and Trino run with the same result.
 * Spark SQL reads "x" as a name only with spark.sql.ansi.doubleQuotedIdentifiers (3.4+), and BigQuery quotes
 * names with backticks and reads backslashes in strings as escapes. Every compound part is parenthesised, so no engine's
 * own precedence rules matter; identifiers are always double-quoted and string literals single-quoted, each
 * with its quote doubled, so no name or value can end its quotes early.
 *
 * Two constructs are not printed as typed, because engines disagree on them:
 * - `a / b` prints as `(a * 1.0 / NULLIF(b, 0))`: PostgreSQL and SQLite divide integers to an integer (7 / 2 = 3)
 *   where DuckDB gives 3.5, and PostgreSQL stops with an error on division by zero where SQLite and DuckDB give
 *   NULL; here 7 / 2 is 3.5 and x / 0 is NULL everywhere.
 * - `ROUND(x, n)` prints as FLOOR arithmetic rounding half away from zero: PostgreSQL's round(double) rounds
 *   half to even and has no round(double, int).
 *
 * @example expressionSql(parseExpression("score_text IN ('Medium', 'High')", '--flag'))
 *   // → ("score_text" IN ('Medium', 'High'))
 */
export function expressionSql(expr: Expr): string {
  return print(expr, 'sql');
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

export function quoteName(name: string): string {
  return `"${name.split('"').join('""')}"`;
}

export function quoteText(value: string): string {
  return `'${value.split("'").join("''")}'`;
}

function print(expr: Expr, mode: 'sql' | 'text'): string {
  const p = (e: Expr): string => print(e, mode);
  switch (expr.kind) {
    case 'column':
      return mode === 'text' && isBareName(expr.name) ? expr.name : quoteName(expr.name);
    case 'number':
      return expr.text;
    case 'string':
      return quoteText(expr.value);
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
      if (expr.op === '/' && mode === 'sql') return `(${p(expr.left)} * 1.0 / NULLIF(${p(expr.right)}, 0))`;
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
      if (expr.name === 'ROUND' && mode === 'sql') return roundSql(p(expr.args[0]!), expr.args[1]?.kind === 'number' ? Number(expr.args[1].text) : 0);
      return `${expr.name}(${expr.args.map(p).join(', ')})`;
    }
  }
}

/** Half away from zero at `digits` decimals, from FLOOR alone (which all the engines have). */
function roundSql(x: string, digits: number): string {
  const scale = `1${'0'.repeat(digits)}.0`;
  const scaled = digits === 0 ? x : `(${x} * ${scale})`;
  const unscale = (s: string): string => (digits === 0 ? s : `(${s} / ${scale})`);
  return `(CASE WHEN ${x} < 0 THEN ${unscale(`(-FLOOR(0.5 - ${scaled}))`)} ELSE ${unscale(`FLOOR(${scaled} + 0.5)`)} END)`;
}
