import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Type } from '@uwdata/flechette';
import { parquetMetadata, parquetSchema } from 'hyparquet';
import { parquetHeader, readColumn } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { getTreePath } from 'hyparquet/src/schema.js';
import { decodeText, type TextEncoding } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { checkArrowColumns, decodeArrowTable } from '../sql/index.js';
import { columnLevels, type ResolvedPopulation } from '../synth/index.js';
import { categorical, encodeCategorical, mapInto, normaliseLabels, numeric, quoteLabel, type Column, type Table } from '../table/index.js';
import { parseCsv, type TextTable } from './parse-csv.js';
import { parseDecimal } from './parse-decimal.js';
import { parseJsonl } from './parse-jsonl.js';

/** What a column must be: numeric, or categorical (optionally within known levels). */
export type ColumnExpectation = { readonly kind: 'numeric' } | { readonly kind: 'categorical'; readonly levels?: readonly string[] | undefined };

export interface ReadPopulationOptions {
  /**
   * Expected columns (e.g. from a population spec via `populationColumnTypes`, or a model's inputs):
   * each must be present and of its kind. Other columns are read with their type inferred.
   */
  readonly columns?: Readonly<Record<string, ColumnExpectation>> | undefined;
  /** How a CSV or JSONL file's bytes are decoded: strict UTF-8 (default) or latin1 (ISO-8859-1). */
  readonly encoding?: TextEncoding | undefined;
}

type Raw =
  | { readonly name: string; readonly values: readonly unknown[] }
  | { readonly name: string; readonly column: Column }
  | { readonly name: string; readonly problem: string };

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
const show = (v: unknown): string => (typeof v === 'string' ? quoteLabel(v) : clip(JSON.stringify(v) ?? String(v)));
/** An integer written with leading zeros ("0007", "01"): an identifier or a code, not a quantity. */
const LEADING_ZERO = /^[+-]?0\d/;

const textColumns = (t: TextTable): Raw[] => t.names.map((name) => ({ name, values: t.columns.get(name)! }));

/** Parses CSV or JSONL text, or Arrow IPC or Parquet bytes, into raw columns in file order. */
function parse(file: string, bytes: Buffer, encoding: TextEncoding): Raw[] {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return textColumns(parseCsv(file, decodeText(file, bytes, 'data', encoding, 'csv')));
  if (ext === '.jsonl' || ext === '.ndjson') return textColumns(parseJsonl(file, decodeText(file, bytes, 'data', encoding, 'lines')));
  if (ext === '.arrow' || ext === '.arrows' || ext === '.ipc' || ext === '.feather') {
    // The checks the decisions' Arrow files get: a sound file (compressed batches included), every
    // batch as long as it says, UTF-8 strings.
    const t = decodeArrowTable(file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { useBigInt: false });
    checkArrowColumns(file, t.children, t.schema.fields.map((f) => f.name));
    return t.schema.fields.map((field, j) => {
      const col = t.getChildAt(j)!;
      const id = field.type.typeId;
      if (id === Type.Int || id === Type.Float || id === Type.Decimal) {
        const values = col.toArray() as ArrayLike<number | null>;
        return { name: field.name, column: numeric(mapInto(new Float64Array(values.length), values, (v) => (v === null ? NaN : Number(v)))) };
      }
      if (id === Type.Bool) {
        const values = col.toArray() as ArrayLike<boolean | null>;
        return { name: field.name, column: numeric(mapInto(new Float64Array(values.length), values, (v) => (v === null ? NaN : v ? 1 : 0))) };
      }
      if (id === Type.Utf8 || id === Type.LargeUtf8 || id === Type.Dictionary || id === Type.Utf8View) return { name: field.name, values: Array.from(col.toArray() as ArrayLike<unknown>) };
      return { name: field.name, problem: `unsupported Arrow type ${field.type.typeId}` };
    });
  }
  if (ext === '.parquet') return parseParquet(file, bytes);
  throw new DisparateError('data', `${file}: unsupported format "${ext || '(none)'}" (use .csv, .jsonl, .parquet or .arrow)`);
}

/**
 * Parquet, read synchronously: hyparquet's public reader is asynchronous, so the file's column
 * chunks are decoded with its synchronous page decoder (`readColumn`), one row group at a time.
 * Flat columns only. Numbers (ints, floats, decimals; int64 as the nearest double) and booleans
 * become numeric columns; strings are typed like JSON values; anything else is reported by name.
 */
/**
 * The page headers of a flat column chunk, walked before any page is decoded: each page lies inside the
 * chunk and holds no more values than its row group has left. The decoder trusts them, so one corrupt
 * count (a page of 2^31 values in a file of a few kilobytes) would keep it filling levels for minutes.
 */
function checkPages(view: DataView, rows: number): void {
  const reader = { view, offset: 0 };
  for (let left = rows; left > 0 && reader.offset < view.byteLength - 1; ) {
    const header = parquetHeader(reader);
    const bytes = header.compressed_page_size;
    if (!(Number.isInteger(bytes) && bytes >= 0 && reader.offset + bytes <= view.byteLength)) throw new Error(`a page of ${bytes} bytes that runs past its column chunk`);
    if (header.type === 'DICTIONARY_PAGE') {
      // Every dictionary entry takes at least a byte.
      const entries = header.dictionary_page_header?.num_values ?? 0;
      if (!(entries >= 0 && entries <= header.uncompressed_page_size)) throw new Error(`a dictionary page of ${entries} entries in ${header.uncompressed_page_size} bytes`);
    } else {
      const v2 = header.data_page_header_v2;
      const values = header.data_page_header?.num_values ?? v2?.num_values ?? 0;
      if (!(values >= 0 && values <= left)) throw new Error(`a page of ${values} values where its row group has ${left} left`);
      if (v2) {
        // Version 2 pages keep their levels uncompressed ahead of the values: their lengths lie inside the page.
        const levels = [v2.definition_levels_byte_length, v2.repetition_levels_byte_length];
        if (!levels.every((n) => Number.isInteger(n) && n >= 0) || levels[0]! + levels[1]! > Math.min(bytes, header.uncompressed_page_size)) throw new Error(`a page whose levels (${levels.join(' + ')} bytes) do not fit its ${bytes} bytes`);
        if (v2.num_rows !== values || !(v2.num_nulls >= 0 && v2.num_nulls <= values)) throw new Error(`a page of ${values} values that counts ${v2.num_rows} rows and ${v2.num_nulls} nulls`);
      }
      left -= values;
    }
    reader.offset += bytes;
  }
}

function parseParquet(file: string, bytes: Buffer): Raw[] {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: ReturnType<typeof parquetMetadata>;
  try {
    metadata = parquetMetadata(buffer);
  } catch (e) {
    throw new DisparateError('data', `${file}: not a Parquet file (${(e as Error).message})`);
  }
  const tree = parquetSchema(metadata);
  return tree.children.map((child): Raw => {
    const name = child.element.name;
    if (child.children.length > 0) return { name, problem: 'nested Parquet column (lists, maps and structs are not supported)' };
    const values: unknown[] = [];
    try {
      let groupStart = 0;
      for (const rowGroup of metadata.row_groups) {
        const rows = Number(rowGroup.num_rows);
        const meta = rowGroup.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name)?.meta_data;
        if (!meta) throw new Error('column chunk missing from a row group');
        const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
        const schemaPath = getTreePath(tree, meta.path_in_schema);
        const decoder: Parameters<typeof readColumn>[2] = { pathInSchema: meta.path_in_schema, type: meta.type, element: child.element, schemaPath, codec: meta.codec, parsers: DEFAULT_PARSERS };
        const reader = { view: new DataView(buffer, start, Number(meta.total_compressed_size)), offset: 0 };
        checkPages(reader.view, rows);
        const { data } = readColumn(reader, { groupStart, selectStart: 0, selectEnd: rows, groupRows: rows }, decoder);
        let n = 0;
        for (const chunk of data) for (let i = 0; i < chunk.length && n < rows; i++, n++) values.push(chunk[i]);
        if (n !== rows) throw new Error(`row group has ${rows} rows, decoded ${n}`);
        groupStart += rows;
      }
    } catch (e) {
      return { name, problem: `cannot decode (${(e as Error).message})` };
    }
    const kind = (v: unknown) => (v === null || v === undefined ? 'blank' : typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? 'number' : typeof v === 'string' ? 'string' : 'other');
    const kinds = values.map(kind);
    const other = kinds.indexOf('other');
    if (other >= 0) {
      const v = values[other];
      const type = v instanceof Date ? 'a date/time' : v instanceof Uint8Array ? 'binary' : typeof v;
      return { name, problem: `unsupported Parquet type ${child.element.type}${child.element.converted_type ? ` (${child.element.converted_type})` : ''}: ${type} at row ${other + 1}` };
    }
    if (kinds.includes('number') && !kinds.includes('string')) {
      return { name, column: numeric(mapInto(new Float64Array(values.length), values, (v) => (v === null || v === undefined ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v)))) };
    }
    return { name, values };
  });
}

/** Text standing for a missing number: "NaN", "NA", "N/A", "null", "-", "?", a blank… */
const MISSING_NUMBER = /^(?:[+-]?(?:nan|inf|infinity)|n\/?a|null|none|-|\?|\.|)$/i;
/** Text that looks like a number but is not a decimal one: "0x10", "1e", "1,5", "1.2.3". */
const MALFORMED_NUMBER = /^[+-]?(?:0[xob][\da-f]+|[\d.,_]*\d[\d.,_]*(?:e[+-]?\d*)?)$/i;

/**
 * Whether a text column that is not all numbers was meant to be numeric: every value is a number, a
 * malformed number or a missing-number marker, and at least one is a (malformed) number. Such a
 * column is an error naming its first bad cell rather than a categorical column with levels "1.5"
 * and "NaN". Codes such as the départements "01" … "2A" keep a column categorical.
 */
function meantNumeric(values: readonly unknown[]): boolean {
  let evidence = false;
  for (const v of values) {
    if (isBlank(v)) continue;
    const s = String(v).trim();
    if (!Number.isNaN(parseDecimal(s)) || MALFORMED_NUMBER.test(s)) evidence = true;
    else if (!MISSING_NUMBER.test(s)) return false;
  }
  return evidence;
}

/** A raw column as a typed column, or the reason it cannot be one. */
function typeColumn(raw: Raw, expected: ColumnExpectation | undefined, fromText: boolean): Column | string {
  if ('problem' in raw) return raw.problem;
  if ('column' in raw) {
    if (expected?.kind === 'categorical') return 'expected categorical (text), found numbers';
    return raw.column;
  }
  const values = raw.values;
  const nested = values.findIndex((v) => v !== null && typeof v === 'object');
  if (nested >= 0) return `unsupported value ${show(values[nested])} (row ${nested + 1}): a JSON ${Array.isArray(values[nested]) ? 'array' : 'object'}, expected a number or text`;
  const numberAt = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : fromText && typeof v === 'string' ? parseDecimal(v) : NaN);
  // Text with leading zeros stays text, so that id "0007" never becomes 7 and joins to id "7".
  const codes = !expected && fromText && values.some((v) => typeof v === 'string' && LEADING_ZERO.test(v));
  const firstNonNumeric = codes ? values.findIndex((v) => !isBlank(v)) : values.findIndex((v) => !isBlank(v) && Number.isNaN(numberAt(v)));
  // R's and pandas' "NA", "NaN", "null" in a column of numbers are missing values, not levels.
  const marker = (v: unknown) => isBlank(v) || (typeof v === 'string' && MISSING_NUMBER.test(v.trim()));
  if (!codes && !expected && fromText && firstNonNumeric >= 0 && values.every((v) => marker(v) || !Number.isNaN(numberAt(v))) && values.some((v) => !marker(v))) {
    return numeric(mapInto(new Float64Array(values.length), values, (v) => (marker(v) ? NaN : numberAt(v))));
  }
  if (!codes && !expected && fromText && firstNonNumeric >= 0 && meantNumeric(values)) {
    return `looks numeric, but ${show(values[firstNonNumeric])} (row ${firstNonNumeric + 1}) is not a decimal number: leave missing values empty, write numbers as 1234.5 or -1.2e3`;
  }
  const wantNumeric = expected ? expected.kind === 'numeric' : firstNonNumeric < 0 && values.some((v) => !isBlank(v));
  if (wantNumeric) {
    if (firstNonNumeric >= 0) return `expected numeric, found ${show(values[firstNonNumeric])} (row ${firstNonNumeric + 1})`;
    return numeric(mapInto(new Float64Array(values.length), values, (v) => (isBlank(v) ? NaN : numberAt(v))));
  }
  if (!fromText) {
    const num = values.findIndex((v) => typeof v === 'number' || typeof v === 'boolean');
    const text = values.findIndex((v) => typeof v === 'string' && v !== '');
    if (num >= 0 && text >= 0) return `mixes numbers (row ${num + 1}) and text ${show(values[text])} (row ${text + 1})`;
  }
  const strings = values.map((v) => (isBlank(v) ? null : String(v)));
  // Levels in order of appearance, then the label policy (NFC, no twins, no control characters),
  // then recoded to the spec's levels or to sorted order: one pass over the codes.
  const first = encodeCategorical(strings);
  // Any number of levels (an id column has one per row); protected columns are bounded where they are named.
  const labels = normaliseLabels(first.levels, 'label', Infinity);
  if (labels.problem !== null) return labels.problem;
  const levels = expected?.kind === 'categorical' ? expected.levels : undefined;
  const target = levels ?? [...labels.levels].sort();
  const index = new Map(target.map((l, k) => [l, k]));
  const recode = Int32Array.from(labels.levels, (l) => index.get(l) ?? -1);
  const bad = levels ? recode.indexOf(-1) : -1;
  if (bad >= 0) {
    const row = first.codes.indexOf(bad);
    return `${show(labels.levels[bad])} (row ${row + 1}) is not one of the levels ${levels!.join(', ')}`;
  }
  const out = first.codes;
  for (let i = 0; i < out.length; i++) if (out[i]! >= 0) out[i] = recode[out[i]!]!;
  return categorical(target, out);
}

/**
 * Reads real data as a population Table: CSV, JSONL (.jsonl/.ndjson), Parquet (.parquet; flat
 * columns, uncompressed or Snappy) or Arrow IPC (.arrow, .arrows, .ipc, .feather; stream or file format, uncompressed or LZ4 or ZSTD). Every column is type-checked: against `columns` when
 * given (numeric, or categorical within its levels), else inferred (numeric when every value is a
 * number, else categorical with levels sorted). Numbers in text are decimal only ("0x10", "Infinity"
 * and "1e" are not numbers); an empty cell is a missing value. A CSV column of numbers with a few
 * "NaN", "n/a" or "1,5" is an error naming that cell, not a categorical column. One
 * `DisparateError('data')` names the file and every bad or missing column, e.g.
 * `pop.csv: column "income": expected numeric, found "n/a" (row 17)`. Malformed files (empty, a
 * ragged CSV row, a repeated header name; see parseCsv, parseJsonl) fail before any column is typed.
 *
 * @example
 * const table = readPopulation('applicants.csv', { columns: populationColumnTypes(resolved) });
 */
export function readPopulation(file: string, options: ReadPopulationOptions = {}): Table {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new DisparateError('data', `${file}: cannot read population data (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (bytes.length === 0) throw new DisparateError('data', `${file}: no rows (empty file)`);
  const raws = parse(file, bytes, options.encoding ?? 'utf8');
  const n = Math.max(0, ...raws.map((r) => ('values' in r ? r.values.length : 'column' in r ? (r.column.kind === 'numeric' ? r.column.values.length : r.column.codes.length) : 0)));
  if (n === 0) throw new DisparateError('data', `${file}: no rows (${raws.length === 0 ? 'no columns' : 'columns but no data'})`);
  const fromText = ['.csv', '.txt'].includes(extname(file).toLowerCase());
  const expected = options.columns ?? {};
  const problems: string[] = [];
  const names = new Set(raws.map((r) => r.name));
  for (const name of Object.keys(expected)) if (!names.has(name)) problems.push(`column "${name}": missing`);
  const columns = new Map<string, Column>();
  for (const raw of raws) {
    const typed = typeColumn(raw, Object.hasOwn(expected, raw.name) ? expected[raw.name] : undefined, fromText);
    if (typeof typed === 'string') problems.push(`column "${raw.name}": ${typed}`);
    else columns.set(raw.name, typed);
  }
  if (problems.length > 0) {
    throw new DisparateError('data', `${file}: ${problems[0]}${problems.length > 1 ? `; ${problems.slice(1).join('; ')}` : ''}`);
  }
  return { n, columns };
}

/**
 * Column expectations of a population spec: every variable column, categorical with its levels or
 * numeric. The outcome column is left out (real data rarely has ground truth).
 *
 * @example
 * readPopulation('applicants.csv', { columns: populationColumnTypes(resolvePopulation(spec)) });
 */
export function populationColumnTypes(resolved: ResolvedPopulation): Record<string, ColumnExpectation> {
  // No prototype: a variable may be named "__proto__".
  const out = Object.create(null) as Record<string, ColumnExpectation>;
  for (const name of resolved.columns) {
    if (name === resolved.spec.outcome?.name) continue;
    const levels = columnLevels(resolved.nodes.get(name)!, name);
    out[name] = levels ? { kind: 'categorical', levels } : { kind: 'numeric' };
  }
  return out;
}
