import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { readText, type TextEncoding } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { categorical, encodeCategorical, listNames, normaliseLabels, numeric, type Table } from '../table/index.js';
import { parseCsv, type TextTable } from './parse-csv.js';
import { parseDecimal } from './parse-decimal.js';
import { parseJsonl } from './parse-jsonl.js';

/** Roles of a decisions file's columns, as given on the command line or in a battery. */
export interface DecisionColumns {
  readonly protected: readonly string[];
  /** A 0/1 column, or COL=VALUE: flagged where column COL equals VALUE. */
  readonly flag: string;
  /** A 0/1 column (empty = unknown); with `count`, the number of positives among the row's count. */
  readonly label?: string | undefined;
  readonly score?: string | undefined;
  /** Aggregated counts: each row stands for this many identical rows (a non-negative integer). */
  readonly count?: string | undefined;
  /** Rows of a random-audit sample, COL=VALUE (selective labels). */
  readonly labelSource?: string | undefined;
  /** Known probability that a flagged row was investigated (inverse-probability weighting). */
  readonly selectionProbability?: string | undefined;
  /**
   * Long format: one protected attribute per row, named in column `attribute`, its level in
   * column `group` (marginal tables such as published per-attribute counts). `protected` then
   * lists the attributes to keep (all when empty).
   */
  readonly long?: { readonly attribute: string; readonly group: string } | undefined;
  /** How the file's bytes are decoded: strict UTF-8 (default) or latin1 (ISO-8859-1). */
  readonly encoding?: TextEncoding | undefined;
}

/** A decisions file, typed and checked: protected columns categorical, the rest numeric. */
export interface Decisions {
  readonly file: string;
  readonly hash: string;
  readonly table: Table;
  readonly flagged: Uint8Array;
  /** 1, 0, or 255 for a missing label; null without a label column. */
  readonly labels: Uint8Array | null;
  readonly scores: Float64Array | null;
  /** Row weights (aggregated counts); null when every row counts once. */
  readonly weights: Float64Array | null;
  /** 1 where the row belongs to the random-audit sample (--label-source); null without one. */
  readonly fromSource: Uint8Array | null;
  /** Known investigation probability per row (--selection-probability); null without one. */
  readonly selectionProbability: Float64Array | null;
  /** Long format: the attribute each row belongs to (codes into `attributes`). */
  readonly long: { readonly attributes: readonly string[]; readonly attributeOf: Int32Array; readonly groupColumn: string } | null;
}

/** Parses COL=VALUE; null when `spec` has no "=". */
export function parseColumnEquals(spec: string): { column: string; value: string } | null {
  const eq = spec.indexOf('=');
  if (eq <= 0) return null;
  return { column: spec.slice(0, eq), value: spec.slice(eq + 1) };
}

function equalsColumn(file: string, t: TextTable, spec: { column: string; value: string }, role: string): Uint8Array {
  const values = requireColumn(file, t, spec.column, role);
  const out = Uint8Array.from(values, (v) => (v !== null && v !== undefined && String(v) === spec.value ? 1 : 0));
  if (!out.includes(1)) {
    const seen = [...new Set(values.map((v) => String(v)))].slice(0, 10).map((v) => (v.length > 40 ? `${v.slice(0, 40)}…` : v));
    throw new DisparateError('data', `${file}: ${role} ${spec.column}=${spec.value.length > 40 ? `${spec.value.slice(0, 40)}…` : spec.value} matches no row (values: ${seen.join(', ')})`);
  }
  return out;
}

function countValues(file: string, column: string, values: readonly unknown[]): Float64Array {
  const out = scoreValues(file, column, values);
  out.forEach((x, i) => {
    if (!(x >= 0) || !Number.isInteger(x)) throw new DisparateError('data', `${file}: count column "${column}" must hold non-negative integers, found ${show(values[i])} at row ${i + 1}`);
    // Above 2^53 − 1 a double cannot hold every integer: 100000000000000001 would be read as 1e17.
    if (!Number.isSafeInteger(x) || (typeof values[i] === 'string' && !exactInteger(values[i] as string, x))) throw new DisparateError('data', `${file}: count column "${column}": ${show(values[i])} at row ${i + 1} is beyond 9007199254740991 (2^53 − 1), the largest count held exactly`);
  });
  return out;
}

/** Whether decimal text (an integer) is the number `x` exactly, digit for digit. */
function exactInteger(text: string, x: number): boolean {
  const digits = text.trim().replace(/^\+/, '').replace(/^0+(?=\d)/, '');
  return !/^\d+$/.test(digits) || BigInt(digits) === BigInt(x);
}

/** A cell value for a message: at most 40 characters of it. */
function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 42 ? `${s.slice(0, 40)}…` : s;
}

/** The file's columns; an empty file, a ragged or malformed row is an error (see parseCsv). */
function parseTable(file: string, text: string): TextTable {
  const ext = extname(file).toLowerCase();
  // An unsupported file is refused before its bytes are decoded or quoted.
  if (ext === '.jsonl' || ext === '.ndjson') return parseJsonl(file, text);
  if (ext === '.csv' || ext === '.txt') return parseCsv(file, text);
  throw new DisparateError('data', `${file}: unsupported format "${ext || '(none)'}" (use .csv or .jsonl)`);
}

/** A column's values; JSON objects and arrays are refused here, whatever the column's role. */
function requireColumn(file: string, t: TextTable, name: string, role: string): readonly unknown[] {
  const col = t.columns.get(name);
  if (!col) throw new DisparateError('data', `${file}: ${role} column "${name}" not found (columns: ${listNames(t.names)})`);
  const nested = col.findIndex((v) => v !== null && typeof v === 'object');
  if (nested >= 0) {
    const what = Array.isArray(col[nested]) ? 'an array' : 'an object';
    throw new DisparateError('data', `${file}: ${role} column "${name}" holds ${what} at row ${nested + 1} (${JSON.stringify(col[nested]).slice(0, 40)}): expected a number or text`);
  }
  return col;
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';

function binary(file: string, column: string, values: readonly unknown[], allowMissing: boolean): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 1 || v === '1' || v === true) out[i] = 1;
    else if (v === 0 || v === '0' || v === false) out[i] = 0;
    else if (allowMissing && isBlank(v)) out[i] = 255;
    else throw new DisparateError('data', `${file}: column "${column}" must be 0 or 1${allowMissing ? ' (or empty)' : ''}, found ${show(v)} at row ${i + 1}`);
  }
  return out;
}

/** Finite numbers: JSON numbers, or text that is a decimal number (not "0x10", "Infinity" or blank). */
function scoreValues(file: string, column: string, values: readonly unknown[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const x = typeof v === 'number' ? v : typeof v === 'string' ? parseDecimal(v) : NaN;
    if (!Number.isFinite(x)) throw new DisparateError('data', `${file}: column "${column}" has a non-numeric or NaN score ${show(v)} at row ${i + 1}`);
    out[i] = x;
  }
  return out;
}

/**
 * Reads a decisions file (CSV or JSONL) and checks every column it is asked to use: protected
 * columns must have no empty value, the flag and label must be 0/1, scores finite numbers.
 * Each failure is a DisparateError naming the file, the column and the first bad row. The file
 * itself is read strictly (see parseCsv, parseJsonl): a byte-order mark and blank lines are ignored;
 * an empty file, a row with too few or too many fields, a repeated header name, or a JSON object or
 * array as a value is an error.
 *
 * Aggregated counts (`count`): each row stands for `count` rows, and the label column may hold the
 * number of positives among them; such a row becomes two weighted rows (positives, negatives).
 */
export function readDecisions(file: string, columns: DecisionColumns): Decisions {
  const ext = extname(file).toLowerCase();
  if (!['.jsonl', '.ndjson', '.csv', '.txt'].includes(ext)) throw new DisparateError('data', `${file}: unsupported format "${ext || '(none)'}" (use .csv or .jsonl)`);
  const text = readText(file, 'data', columns.encoding ?? 'utf8', ext === '.csv' || ext === '.txt' ? 'csv' : 'lines');
  const t = parseTable(file, text);
  const n0 = t.n;
  const flagSpec = parseColumnEquals(columns.flag);
  const flagged0 = flagSpec ? equalsColumn(file, t, flagSpec, 'flag') : binary(file, columns.flag, requireColumn(file, t, columns.flag, 'flag'), false);
  const counts = columns.count ? countValues(file, columns.count, requireColumn(file, t, columns.count, 'count')) : null;
  // Expanded rows: source row, label and weight of each.
  const rowOf: number[] = [];
  const labelOf: number[] = [];
  const weightOf: number[] = [];
  if (columns.label) {
    const raw = requireColumn(file, t, columns.label, 'label');
    if (counts) {
      for (let i = 0; i < n0; i++) {
        const c = counts[i]!;
        const v = raw[i];
        if (isBlank(v)) {
          rowOf.push(i), labelOf.push(255), weightOf.push(c);
          continue;
        }
        const k = typeof v === 'number' ? v : parseDecimal(String(v));
        if (!Number.isSafeInteger(k) || k < 0 || k > c) {
          throw new DisparateError('data', `${file}: label column "${columns.label}" must hold the number of positives (0 to ${columns.count}), found ${show(v)} at row ${i + 1}`);
        }
        if (k > 0) rowOf.push(i), labelOf.push(1), weightOf.push(k);
        if (c - k > 0) rowOf.push(i), labelOf.push(0), weightOf.push(c - k);
      }
    } else {
      const labels = binary(file, columns.label, raw, true);
      for (let i = 0; i < n0; i++) rowOf.push(i), labelOf.push(labels[i]!), weightOf.push(1);
    }
  } else {
    for (let i = 0; i < n0; i++) rowOf.push(i), labelOf.push(255), weightOf.push(counts ? counts[i]! : 1);
  }
  const n = rowOf.length;
  if (n === 0) throw new DisparateError('data', `${file}: every row has count 0`);
  const pick = <T>(values: ArrayLike<T>) => Array.from({ length: n }, (_, j) => values[rowOf[j]!]!);
  const map = new Map<string, ReturnType<typeof numeric> | ReturnType<typeof encodeCategorical>>();
  const groupColumns = columns.long ? [columns.long.group] : columns.protected;
  for (const name of groupColumns) {
    const values = requireColumn(file, t, name, 'protected');
    const strings = values.map((v, i) => {
      if (isBlank(v)) throw new DisparateError('data', `${file}: protected column "${name}" is empty at row ${i + 1}: every row needs a group`);
      return String(v);
    });
    const raw = encodeCategorical(pick(strings));
    const labels = normaliseLabels(raw.levels, 'group');
    if (labels.problem !== null) throw new DisparateError('data', `${file}: protected column "${name}": ${labels.problem}`);
    map.set(name, categorical(labels.levels, raw.codes));
  }
  let long: Decisions['long'] = null;
  if (columns.long) {
    const values = requireColumn(file, t, columns.long.attribute, 'attribute').map((v) => String(v ?? ''));
    const present = [...new Set(values)];
    // Attribute names become report headings and chart titles: the label policy applies to them too.
    const named = normaliseLabels(present, 'label');
    if (named.problem !== null) throw new DisparateError('data', `${file}: attribute column "${columns.long.attribute}": ${named.problem}`);
    const wanted = columns.protected.length > 0 ? [...columns.protected] : present;
    for (const a of wanted) {
      if (!present.includes(a)) throw new DisparateError('data', `${file}: attribute "${a}" not found in column "${columns.long.attribute}" (attributes: ${present.join(', ')})`);
    }
    const attributeOf = Int32Array.from(pick(values), (v) => wanted.indexOf(v));
    long = { attributes: wanted, attributeOf, groupColumn: columns.long.group };
  }
  const scores0 = columns.score ? scoreValues(file, columns.score, requireColumn(file, t, columns.score, 'score')) : null;
  const scores = scores0 ? Float64Array.from(pick(scores0)) : null;
  if (scores && columns.score) map.set(columns.score, numeric(scores));
  let fromSource: Uint8Array | null = null;
  if (columns.labelSource) {
    const spec = parseColumnEquals(columns.labelSource);
    if (!spec) throw new DisparateError('usage', `--label-source ${columns.labelSource}: expected COL=VALUE`);
    fromSource = Uint8Array.from(pick(equalsColumn(file, t, spec, 'label source')));
  }
  let selectionProbability: Float64Array | null = null;
  if (columns.selectionProbability) {
    const p = scoreValues(file, columns.selectionProbability, requireColumn(file, t, columns.selectionProbability, 'selection probability'));
    p.forEach((x, i) => {
      if (!(x > 0 && x <= 1)) throw new DisparateError('data', `${file}: selection probability "${columns.selectionProbability}" must be in (0, 1], found ${x} at row ${i + 1}`);
    });
    selectionProbability = Float64Array.from(pick(p));
  }
  const weighted = counts !== null;
  return {
    file,
    hash: `sha256:${createHash('sha256').update(text).digest('hex')}`,
    table: { n, columns: map },
    flagged: Uint8Array.from(pick(flagged0)),
    labels: columns.label ? Uint8Array.from(labelOf) : null,
    scores,
    weights: weighted ? Float64Array.from(weightOf) : null,
    fromSource,
    selectionProbability,
    long,
  };
}
