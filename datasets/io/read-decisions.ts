import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { from as tableFrom, fromCSV } from 'arquero';
import type { ColumnTable } from 'arquero';
import { readText } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { encodeCategorical, numeric, type Table } from '../table/index.js';

/** Roles of a decisions file's columns, as given on the command line or in a battery. */
export interface DecisionColumns {
  readonly protected: readonly string[];
  readonly flag: string;
  readonly label?: string | undefined;
  readonly score?: string | undefined;
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
}

function parseTable(file: string, text: string): ColumnTable {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    const rows = text.split(/\r?\n/).flatMap((line, i) => {
      if (line.trim() === '') return [];
      try {
        const row = JSON.parse(line) as unknown;
        if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new Error('not an object');
        return [row as Record<string, unknown>];
      } catch (e) {
        throw new DisparateError('data', `${file}: line ${i + 1}: not a JSON object (${(e as Error).message})`);
      }
    });
    return tableFrom(rows);
  }
  if (ext === '.csv' || ext === '.txt') return fromCSV(text, { autoType: false });
  throw new DisparateError('data', `${file}: unsupported format "${ext || '(none)'}" (use .csv or .jsonl)`);
}

function requireColumn(file: string, t: ColumnTable, name: string, role: string): unknown[] {
  const col = t.column(name);
  if (!col) throw new DisparateError('data', `${file}: ${role} column "${name}" not found (columns: ${t.columnNames().join(', ')})`);
  return Array.from({ length: t.numRows() }, (_, i) => col.at(i));
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';

function binary(file: string, column: string, values: unknown[], allowMissing: boolean): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 1 || v === '1' || v === true) out[i] = 1;
    else if (v === 0 || v === '0' || v === false) out[i] = 0;
    else if (allowMissing && isBlank(v)) out[i] = 255;
    else throw new DisparateError('data', `${file}: column "${column}" must be 0 or 1${allowMissing ? ' (or empty)' : ''}, found ${JSON.stringify(v)} at row ${i + 1}`);
  }
  return out;
}

function scoreValues(file: string, column: string, values: unknown[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(x)) throw new DisparateError('data', `${file}: column "${column}" has a non-numeric or NaN score ${JSON.stringify(v)} at row ${i + 1}`);
    out[i] = x;
  }
  return out;
}

/**
 * Reads a decisions file (CSV or JSONL) and checks every column it is asked to use: protected
 * columns must have no empty value, the flag and label must be 0/1, scores finite numbers.
 * Each failure is a DisparateError naming the file, the column and the first bad row.
 */
export function readDecisions(file: string, columns: DecisionColumns): Decisions {
  const text = readText(file, 'data');
  const t = parseTable(file, text);
  if (t.numRows() === 0) throw new DisparateError('data', `${file}: no rows`);
  const map = new Map<string, ReturnType<typeof numeric> | ReturnType<typeof encodeCategorical>>();
  for (const name of columns.protected) {
    const values = requireColumn(file, t, name, 'protected');
    const strings = values.map((v, i) => {
      if (isBlank(v)) throw new DisparateError('data', `${file}: protected column "${name}" is empty at row ${i + 1}: every row needs a group`);
      return String(v);
    });
    map.set(name, encodeCategorical(strings));
  }
  const flagged = binary(file, columns.flag, requireColumn(file, t, columns.flag, 'flag'), false);
  const labels = columns.label ? binary(file, columns.label, requireColumn(file, t, columns.label, 'label'), true) : null;
  const scores = columns.score ? scoreValues(file, columns.score, requireColumn(file, t, columns.score, 'score')) : null;
  if (scores && columns.score) map.set(columns.score, numeric(scores));
  return {
    file,
    hash: `sha256:${createHash('sha256').update(text).digest('hex')}`,
    table: { n: t.numRows(), columns: map },
    flagged,
    labels,
    scores,
  };
}
