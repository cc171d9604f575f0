import { DisparateError } from '../../harness/errors/index.js';
import type { CellsQuerySpec, RowCheck } from './cells-query.js';
import { CELLS_COLUMNS, quoteIdentifier as q, quoteText } from './cells-query.js';

/** Output columns of the query a protected attribute cannot be named as (attribute and group only name the long format's). */
const RESERVED = new Set<string>(CELLS_COLUMNS.filter((c) => c !== 'attribute' && c !== 'group'));
import { compileExpression } from './compile-expression.js';

/** What a source column holds, as the engine reports it. */
export type ColumnType = 'text' | 'number' | 'boolean' | 'other';

/** The roles of a decisions source's columns, as given on the command line or in a battery's `data:`. */
export interface DecisionRoles {
  /** Protected attributes: source columns or `derive`d names (with `long`: the attributes to keep, all when empty). */
  readonly protected: readonly string[];
  /** A 0/1 column, COL=VALUE, or a boolean expression ("decile_score >= 5"). */
  readonly flag: string;
  /** A 0/1 column (empty = unknown), COL=VALUE, or a boolean expression (NULL = unknown). */
  readonly label?: string | undefined;
  readonly score?: string | undefined;
  /** Aggregated rows: each stands for this many cases (a non-negative integer). */
  readonly count?: string | undefined;
  /** With `count`: positives among the row's cases (0 … count); the label is then derived from it. */
  readonly positives?: string | undefined;
  /** Markers of a withheld count besides a blank and "<k" (e.g. "x", "-"). */
  readonly suppressed?: readonly string[] | undefined;
  /** Rows of a random-audit sample: COL=VALUE or a boolean expression. */
  readonly labelSource?: string | undefined;
  readonly selectionProbability?: string | undefined;
  readonly long?: { readonly attribute: string; readonly group: string } | undefined;
  /** Rows kept (a boolean expression). */
  readonly where?: string | undefined;
  /** Added columns, NAME=EXPRESSION, in order. */
  readonly derive?: readonly string[] | undefined;
}

/** Largest count a double holds exactly (2^53 − 1). */
const MAX_COUNT = '9007199254740991';

/**
 * `rule` only where `skip` is false: CASE fixes the order of evaluation (AND does not), so a withheld
 * "<10" is never cast to a number.
 */
const unless = (skip: string, rule: string) => `(CASE WHEN ${skip} THEN 1 = 0 ELSE ${rule} END)`;

/** Where a role came from, for messages: the command-line option. */
const OPTION: Record<string, string> = {
  flag: '--flag',
  label: '--label',
  'label source': '--label-source',
  where: '--where',
  derive: '--derive',
};

/** Parses NAME=EXPRESSION of a --derive. */
export function parseDerive(text: string): { name: string; expression: string } {
  const eq = text.indexOf('=');
  const name = eq > 0 ? text.slice(0, eq).trim() : '';
  if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) || eq === text.length - 1) throw new DisparateError('usage', `--derive ${text}: expected NAME=EXPRESSION, NAME a word (letters, digits, _)`);
  return { name, expression: text.slice(eq + 1) };
}

/** A column's role fragment: how a plain column or COL=VALUE compiles, or null for an expression. */
function columnEquals(text: string, columns: ReadonlyMap<string, ColumnType>): { column: string; value: string } | null {
  const eq = text.indexOf('=');
  if (eq <= 0) return null;
  const column = text.slice(0, eq);
  const value = text.slice(eq + 1);
  // COL=VALUE names a column left of the "=" and an unquoted value; "a = 'x'", "a >= 5" are expressions.
  if (!columns.has(column) || value.startsWith('=') || /^\s*'/.test(value)) return null;
  return { column, value };
}

/**
 * SQL text of a column as text, cast even when the local file's column is text: the emitted query runs
 * where the column may have another type (a 0/1 label with blanks is text in a CSV and an integer in the
 * warehouse, where `"label" = ''` is an error). On a text column the cast changes nothing.
 */
function asText(column: string, _columns?: ReadonlyMap<string, ColumnType>): string {
  return `CAST(${q(column)} AS VARCHAR)`;
}

/** True where the column equals `value` as the file spells it. */
function equalsSql(column: string, value: string, columns: ReadonlyMap<string, ColumnType>): string {
  const type = columns.get(column);
  if (type === 'number') return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value.trim()) ? `${q(column)} = ${value.trim()}` : '1 = 0';
  if (type === 'boolean') return value === 'true' || value === '1' ? `${q(column)}` : value === 'false' || value === '0' ? `NOT ${q(column)}` : '1 = 0';
  return `${asText(column, columns)} = ${quoteText(value)}`;
}

/** A 0/1 column read as 1 / 0 / NULL, and the rows it refuses. */
function binarySql(column: string, columns: ReadonlyMap<string, ColumnType>): { one: string; zero: string; blank: string } {
  const c = q(column);
  switch (columns.get(column)) {
    case 'number':
      return { one: `${c} = 1`, zero: `${c} = 0`, blank: `${c} IS NULL` };
    case 'boolean':
      return { one: `${c}`, zero: `NOT ${c}`, blank: `${c} IS NULL` };
    default: {
      const t = asText(column, columns);
      return { one: `${t} = '1'`, zero: `${t} = '0'`, blank: `(${c} IS NULL OR ${t} = '')` };
    }
  }
}

/**
 * The aggregation query's parts for `roles` over a source whose columns are `columns` (name → type),
 * with every column reference checked: an unknown column is a data error naming `file` and the role.
 * Expressions are parsed and checked before any SQL is written.
 */
export function rolesSpec(
  roles: DecisionRoles,
  columns: ReadonlyMap<string, ColumnType>,
  from: string,
  file: string,
  engine: 'portable' | 'duckdb' = 'portable',
  numericText: ReadonlySet<string> = new Set(),
): { spec: CellsQuerySpec; used: string[]; casts: string[] } {
  // A number in a text column: the portable query casts it (the engine refuses text that is not one); in
  // process, DuckDB's TRY_CAST and isfinite turn such text into a row the checks name, with its row number.
  const number = (column: string) =>
    engine === 'duckdb' && all.get(column) === 'text' ? `TRY_CAST(${q(column)} AS DOUBLE)` : `CAST(${q(column)} AS DOUBLE PRECISION)`;
  const notNumber = (column: string) => (engine === 'duckdb' && all.get(column) === 'text' ? `NOT COALESCE(isfinite(TRY_CAST(${q(column)} AS DOUBLE)), FALSE) OR ` : '');
  const used = new Set<string>();
  const all = new Map(columns);
  const derive: { name: string; sql: string }[] = [];
  const need = (column: string, role: string) => {
    if (!all.has(column)) throw new DisparateError('data', `${file}: ${role} column "${column}" not found (columns: ${[...all.keys()].slice(0, 30).join(', ')})`);
    if (columns.has(column)) used.add(column);
  };
  // Withheld counts: blank, "<k", or a declared marker.
  const markers = roles.suppressed ?? [];
  const withheld = (column: string) => {
    const t = asText(column, all);
    return `(${q(column)} IS NULL OR TRIM(${t}) = '' OR TRIM(${t}) LIKE '<%'${markers.map((m) => ` OR TRIM(${t}) = ${quoteText(m.trim())}`).join('')})`;
  };
  // Text columns whose values are numbers: the numeric roles' (a CSV's are read as text so their checks
  // quote the file's spelling) and those the caller found numeric. An expression reads them as numbers
  // ("decile_score >= 5"), through a CAST that fails on text that is not one — never TRY_CAST, which would
  // turn it into NULL and the row silently into "not flagged" (in process, the failure is explained with
  // the row: see aggregateDecisions). A withheld count is NULL there, as it is everywhere else.
  const numericRoles = [roles.score, roles.count, roles.positives, roles.selectionProbability].filter((c): c is string => c !== undefined);
  const numeric = new Set([...numericRoles, ...numericText].filter((c) => columns.get(c) === 'text'));
  const casts = new Set<string>();
  const columnSql = (name: string): string | undefined => {
    if (!numeric.has(name)) return undefined;
    casts.add(name);
    const cast = `CAST(${q(name)} AS DOUBLE PRECISION)`;
    return name === roles.count || name === roles.positives ? `(CASE WHEN ${withheld(name)} THEN NULL ELSE ${cast} END)` : cast;
  };
  const expression = (text: string, role: string, type: 'boolean' | 'any') => {
    const types = Object.fromEntries([...all].filter((e): e is [string, 'text' | 'number' | 'boolean'] => e[1] !== 'other').map(([c, t]) => [c, numeric.has(c) ? 'number' : t]));
    const compiled = compileExpression(text, OPTION[role] ?? role, [...all.keys()], type, types, columnSql);
    for (const c of compiled.columns) if (columns.has(c)) used.add(c);
    return compiled.sql;
  };
  for (const text of roles.derive ?? []) {
    const d = parseDerive(text);
    if (all.has(d.name)) throw new DisparateError('usage', `--derive ${text}: "${d.name}" is already a column of ${file}`);
    derive.push({ name: d.name, sql: expression(d.expression, 'derive', 'any') });
    all.set(d.name, 'other');
  }
  const where = roles.where !== undefined ? expression(roles.where, 'where', 'boolean') : undefined;
  const checks: RowCheck[] = [];

  // Protected attributes (or the long format's attribute and group): text, never empty.
  const attributes: { name: string; sql: string }[] = [];
  let long: CellsQuerySpec['long'];
  const groupColumn = (column: string, role: string) => {
    need(column, role);
    const t = asText(column);
    checks.push({ field: `${role} "${column}"`, sql: `${q(column)} IS NULL OR ${t} = ''` });
    return t;
  };
  if (roles.long) {
    long = { attribute: groupColumn(roles.long.attribute, 'attribute'), group: groupColumn(roles.long.group, 'protected') };
  } else {
    for (const name of roles.protected) {
      if (RESERVED.has(name)) throw new DisparateError('usage', `--protected ${name}: "${name}" is a column of the aggregation query's output (${[...RESERVED].join(', ')}); rename it, e.g. --derive ${name}_group=${name}`);
      attributes.push({ name, sql: groupColumn(name, 'protected') });
    }
  }

  // The flag: a 0/1 column, COL=VALUE, or an expression.
  let flag: string;
  const flagEquals = columnEquals(roles.flag, all);
  if (all.has(roles.flag)) {
    need(roles.flag, 'flag');
    const b = binarySql(roles.flag, all);
    flag = `CASE WHEN ${b.one} THEN 1 ELSE 0 END`;
    checks.push({ field: `flag "${roles.flag}"`, sql: `NOT (${b.one} OR ${b.zero}) OR ${b.blank}` });
  } else if (flagEquals) {
    need(flagEquals.column, 'flag');
    flag = `CASE WHEN ${equalsSql(flagEquals.column, flagEquals.value, all)} THEN 1 ELSE 0 END`;
  } else {
    flag = `CASE WHEN ${expression(roles.flag, 'flag', 'boolean')} THEN 1 ELSE 0 END`;
  }

  // Aggregated rows: the count, withheld counts, positives among the count.
  const integerSql = number;
  let count: string | undefined;
  let suppressed: string | undefined;
  if (roles.count) {
    need(roles.count, 'count');
    suppressed = withheld(roles.count);
    const c = integerSql(roles.count);
    count = `CASE WHEN ${suppressed} THEN NULL ELSE CAST(${c} AS BIGINT) END`;
    checks.push({ field: `count "${roles.count}"`, sql: unless(suppressed, `${notNumber(roles.count)}NOT (${c} >= 0 AND ${c} = FLOOR(${c}) AND ${c} <= ${MAX_COUNT})`) });
  }
  let positives: string | undefined;
  if (roles.positives) {
    if (!roles.count) throw new DisparateError('usage', '--positives needs --count: the number of positives among each row\'s count');
    if (roles.label) throw new DisparateError('usage', '--positives and --label both give the label: --positives COL for the number of positives among the count, or --label COL for a 0/1 label per row (all its cases positive or all negative)');
    need(roles.positives, 'positives');
    const blank = withheld(roles.positives);
    const p = integerSql(roles.positives);
    positives = `CASE WHEN ${blank} OR ${suppressed} THEN NULL ELSE CAST(${p} AS BIGINT) END`;
    checks.push({ field: `positives "${roles.positives}"`, sql: unless(`${blank} OR ${suppressed}`, `${notNumber(roles.positives)}NOT (${p} >= 0 AND ${p} = FLOOR(${p}) AND ${p} <= ${integerSql(roles.count)})`) });
  }

  // The label: a 0/1 column (per row: with --count, all the row's cases), COL=VALUE, or an expression.
  let label: string | undefined;
  if (roles.label) {
    const eq = columnEquals(roles.label, all);
    if (all.has(roles.label)) {
      need(roles.label, 'label');
      const b = binarySql(roles.label, all);
      label = `CASE WHEN ${b.one} THEN 1 WHEN ${b.zero} THEN 0 ELSE NULL END`;
      checks.push({ field: `label "${roles.label}"`, sql: `NOT (${b.one} OR ${b.zero}) AND NOT ${b.blank}` });
    } else if (eq) {
      need(eq.column, 'label');
      label = `CASE WHEN ${q(eq.column)} IS NULL THEN NULL WHEN ${equalsSql(eq.column, eq.value, all)} THEN 1 ELSE 0 END`;
    } else {
      const e = expression(roles.label, 'label', 'boolean');
      label = `CASE WHEN ${e} THEN 1 WHEN NOT (${e}) THEN 0 ELSE NULL END`;
    }
  }

  let score: string | undefined;
  if (roles.score) {
    need(roles.score, 'score');
    const s = number(roles.score);
    score = s;
    // NaN − NaN and ∞ − ∞ are not 0 (PostgreSQL and DuckDB), NULL in SQLite: either way not valid.
    checks.push({ field: `score "${roles.score}"`, sql: `${q(roles.score)} IS NULL OR ${notNumber(roles.score)}NOT ((${s} - ${s}) = 0)` });
  }

  let fromSource: string | undefined;
  if (roles.labelSource) {
    const eq = columnEquals(roles.labelSource, all);
    if (eq) {
      need(eq.column, 'label source');
      fromSource = equalsSql(eq.column, eq.value, all);
    } else fromSource = `(${expression(roles.labelSource, 'label source', 'boolean')})`;
  }

  let selectionProbability: string | undefined;
  if (roles.selectionProbability) {
    need(roles.selectionProbability, 'selection probability');
    const p = number(roles.selectionProbability);
    selectionProbability = p;
    checks.push({ field: `selection probability "${roles.selectionProbability}"`, sql: `${q(roles.selectionProbability)} IS NULL OR ${notNumber(roles.selectionProbability)}NOT (${p} > 0 AND ${p} <= 1)` });
  }

  return {
    spec: { from, where, derive, attributes, long, flag, label, positives, count, suppressed, score, fromSource, selectionProbability, checks },
    used: [...used],
    casts: [...casts],
  };
}
