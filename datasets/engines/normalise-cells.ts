import { DisparateError } from '../../harness/errors/index.js';
import { CELLS_COLUMNS } from '../sql/index.js';

/**
 * One cell of the aggregation query's output, checked and typed (see the cells contract at the top
 * of datasets/sql/cells-query.ts): group columns as text; 0/1 codes and bin indices as numbers;
 * counts and fixed-point score sums as exact bigints (a sum of squares passes 2^53 quickly);
 * the binning's ends and the inverse-probability sums as doubles. NULL stays null.
 */
export type CellObject = Record<string, string | number | bigint | null>;

/** Rows as an engine or a file gave them: column names and one array of values per row. */
export interface RawCells {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

const INTEGER = /^\s*[+-]?\d+(?:\.0*)?\s*$/;
const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A value for a message: at most 40 characters of it. */
function show(v: unknown): string {
  const s = typeof v === 'bigint' ? v.toString() : (JSON.stringify(v) ?? String(v));
  return s.length > 42 ? `${s.slice(0, 40)}…` : s;
}

/** An integer held exactly: a JS integer, a bigint, or decimal text with no fraction ("12", "12.0" as SQLite prints a REAL). */
function exactInteger(v: unknown): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : null;
  if (typeof v === 'string' && INTEGER.test(v)) return BigInt(v.trim().replace(/^\+/, '').replace(/\.0*$/, ''));
  return null;
}

function exactDouble(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && DECIMAL.test(v)) {
    const x = Number(v.trim());
    return Number.isFinite(x) ? x : null;
  }
  return null;
}

const isNull = (v: unknown) => v === null || v === undefined;

/** Contract columns holding a code (0/1 or a bin index), and those holding an exact integer sum. */
const CODES = new Set(['flagged', 'label', 'from_source', 'suppressed', 'score_bin', 'score_bins']);
const SUMS = new Set(['n', 'score_sum', 'score_sumsq']);
const DOUBLES = new Set(['ipw_sum', 'ipw_var', 'score_lo', 'score_hi']);

/**
 * Checks and types the cells `raw` holds, or fails with a data error naming `where`, the column and the
 * row (1-based, as the source lists them): a missing `flagged` or `n`, a column that is neither the
 * contract's nor a protected attribute (`protected`: the attributes asked for; null = every other column),
 * a group that is empty, a flag or label other than 0/1 (label may be NULL), a negative or fractional
 * count, a bin outside the binning, a binning that differs between rows, and a cell whose `invalid`
 * names a source row that fits no rule (the engine found it; the message passes its words on).
 *
 * @example normaliseCells({ columns: ['sex', 'flagged', 'n'], rows: [['F', '1', '12']] }, 'cells.csv', null) // [{ sex: 'F', flagged: 1, n: 12n }]
 */
export function normaliseCells(raw: RawCells, where: string, protectedNames: readonly string[] | null): { cells: CellObject[]; attributes: string[] } {
  const contract = new Set<string>(CELLS_COLUMNS);
  const twice = raw.columns.find((c, i) => raw.columns.indexOf(c) !== i);
  if (twice !== undefined) throw new DisparateError('data', `${where}: column "${twice}" appears more than once`);
  for (const required of ['flagged', 'n']) {
    if (!raw.columns.includes(required)) throw new DisparateError('data', `${where}: column "${required}" not found: not a cells table as \`disparate audit --emit-sql\` writes it (columns: ${raw.columns.join(', ')})`);
  }
  const long = raw.columns.includes('attribute') && raw.columns.includes('group');
  const others = raw.columns.filter((c) => !contract.has(c));
  let attributes: string[];
  if (long) {
    if (others.length > 0) throw new DisparateError('data', `${where}: column "${others[0]}" is not a column of a long-format cells table (attribute, group, flagged, …)`);
    attributes = ['attribute', 'group'];
  } else if (protectedNames && protectedNames.length > 0) {
    const missing = protectedNames.find((p) => !raw.columns.includes(p));
    if (missing !== undefined) throw new DisparateError('data', `${where}: protected column "${missing}" not found (columns: ${raw.columns.join(', ')})`);
    attributes = [...protectedNames];
  } else {
    if (others.length === 0) throw new DisparateError('data', `${where}: no protected attribute column (a cells table has one column per attribute besides ${[...contract].join(', ')})`);
    attributes = others;
  }
  const hasScore = raw.columns.includes('score_bin');
  if (hasScore) for (const c of ['score_lo', 'score_hi', 'score_bins']) if (!raw.columns.includes(c)) throw new DisparateError('data', `${where}: column "score_bin" without "${c}": the binning travels with the cells`);
  const index = new Map(raw.columns.map((c, i) => [c, i]));
  let binning: { lo: number; hi: number; bins: number } | null = null;
  const cells = raw.rows.map((row, r) => {
    const at = `at row ${r + 1}`;
    const bad = (column: string, what: string, v: unknown) => new DisparateError('data', `${where}: column "${column}" ${what}, found ${isNull(v) ? 'an empty value' : show(v)} ${at}`);
    const cell: CellObject = {};
    const invalid = index.has('invalid') ? row[index.get('invalid')!] : null;
    if (!isNull(invalid) && invalid !== '') {
      throw new DisparateError('data', `${where}: cell ${at} counts source rows that fit no rule (${show(invalid)}); fix the source or the roles, then run the query again`);
    }
    for (const [column, i] of index) {
      const v = row[i];
      if (column === 'invalid') continue;
      if (attributes.includes(column) || !contract.has(column)) {
        if (isNull(v) || String(v) === '') {
          if (attributes.includes(column)) throw bad(column, long ? 'must name the attribute and group of each cell' : 'must hold the group of each cell (every cell needs a group)', v);
          cell[column] = null;
        } else cell[column] = typeof v === 'string' ? v.normalize('NFC') : String(v);
      } else if (CODES.has(column)) {
        if (isNull(v) || v === '') {
          if (column === 'flagged' || column === 'score_bins') throw bad(column, column === 'flagged' ? 'must be 0 or 1' : 'must be a positive integer', v);
          cell[column] = null;
          continue;
        }
        const k = exactInteger(v);
        const ok = k !== null && (column === 'score_bin' ? k >= 0n : column === 'score_bins' ? k > 0n : k === 0n || k === 1n);
        if (!ok) throw bad(column, column === 'score_bin' ? 'must be a bin index (a non-negative integer) or empty' : column === 'score_bins' ? 'must be a positive integer' : column === 'flagged' ? 'must be 0 or 1' : 'must be 0, 1 or empty', v);
        cell[column] = Number(k);
      } else if (SUMS.has(column)) {
        if (isNull(v) || v === '') {
          if (column === 'n' && !(index.has('suppressed') && exactInteger(row[index.get('suppressed')!]) === 1n)) throw bad(column, 'must hold the number of rows of the cell (empty only where suppressed = 1)', v);
          cell[column] = null;
          continue;
        }
        const k = exactInteger(v);
        if (k === null || k < 0n) throw bad(column, `must hold ${column === 'n' ? 'a non-negative integer count' : 'a non-negative integer (a fixed-point score sum)'}`, v);
        cell[column] = k;
      } else if (DOUBLES.has(column)) {
        if (isNull(v) || v === '') {
          cell[column] = null;
          continue;
        }
        const x = exactDouble(v);
        if (x === null) throw bad(column, 'must hold a finite number', v);
        cell[column] = x;
      }
    }
    if (hasScore) {
      const lo = cell['score_lo'] as number | null;
      const hi = cell['score_hi'] as number | null;
      const bins = cell['score_bins'] as number | null;
      if (lo === null || hi === null || bins === null || !(hi > lo)) throw new DisparateError('data', `${where}: the binning (score_lo, score_hi, score_bins) must be given on every row, with score_hi > score_lo, found ${show(lo)}, ${show(hi)}, ${show(bins)} ${at}`);
      if (binning === null) binning = { lo, hi, bins };
      else if (binning.lo !== lo || binning.hi !== hi || binning.bins !== bins) throw new DisparateError('data', `${where}: the binning differs ${at} (${lo}, ${hi}, ${bins}) from row 1's (${binning.lo}, ${binning.hi}, ${binning.bins}): the cells come from more than one query`);
      const bin = cell['score_bin'] as number | null;
      if (bin !== null && bin >= bins) throw bad('score_bin', `must be below score_bins (${bins})`, bin);
    }
    return cell;
  });
  if (cells.length === 0) throw new DisparateError('data', `${where}: no cells (the query returned no rows: is the table empty, or does --where keep no row?)`);
  return { cells, attributes };
}
