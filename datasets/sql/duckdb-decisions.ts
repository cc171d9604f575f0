import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeText } from '../../harness/config/index.js';
import { cpus } from 'node:os';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DisparateError } from '../../harness/errors/index.js';
import { cellsQuery, rangeQuery, quoteIdentifier as q, quoteText, type CellsQuerySpec } from './cells-query.js';
import { explainInvalid, notNumbers } from './explain-invalid.js';
import { rolesSpec, type ColumnType, type DecisionRoles } from './roles.js';
import { engineModule } from './engine-module.js';
import { ARROW_EXTENSIONS, ARROW_TABLE, loadArrow, openArrow, type ArrowInput } from './arrow-decisions.js';

/** How a file's bytes are decoded: strict UTF-8 (default) or latin1 (ISO-8859-1). */
export type SourceEncoding = 'utf8' | 'latin1';

type Format = 'csv' | 'tsv' | 'parquet' | 'json' | 'jsonl' | 'arrow';

const FORMATS: Record<string, Format> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  ...Object.fromEntries(ARROW_EXTENSIONS.map((e) => [e, 'arrow' as const])),
};

/** The format of a decisions file (or glob) from its name; gzip (.gz) is read through. */
export function decisionsFormat(file: string): Format {
  const name = basename(file).toLowerCase().replace(/\.gz$/, '');
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot) : '';
  const format = FORMATS[ext];
  if (!format) throw new DisparateError('data', `${file}: unsupported format "${ext || '(none)'}" (use .csv, .tsv, .parquet, .json or .jsonl, optionally gzipped, .arrow (Arrow IPC), or a glob of them)`);
  if (format === 'arrow' && /\.gz$/i.test(file)) throw new DisparateError('data', `${file}: a gzipped Arrow IPC file is not read; decompress it first (Arrow IPC is read in place, without a copy)`);
  return format;
}

const isGlob = (file: string) => /[*?[]/.test(file);

/**
 * The engine: DuckDB in process, two threads at most on a shared machine, memory capped so a large
 * GROUP BY spills to disk rather than growing without bound.
 */
export async function openEngine(threads = Math.min(2, cpus().length)): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const { DuckDBInstance } = engineModule();
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads), memory_limit: '1GB', preserve_insertion_order: 'true' });
  const connection = await instance.connect();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** The reader call for `file`: its columns `text` forced to text (CSV), the rest typed by the engine. */
function readerCall(file: string, format: Format, encoding: SourceEncoding, text: readonly string[]): string {
  const path = quoteText(file);
  if (format === 'parquet') return `read_parquet(${path})`;
  if (format === 'json' || format === 'jsonl') return `read_json(${path}, format = ${quoteText(format === 'jsonl' ? 'newline_delimited' : 'auto')})`;
  const types = text.length > 0 ? `, types = {${text.map((c) => `${quoteText(c)}: 'VARCHAR'`).join(', ')}}` : '';
  return `read_csv(${path}, ${csvOptions(format, encoding)}${types})`;
}

/** The reader's encoding option (after a comma), or nothing for UTF-8, the reader's default. */
const encodingOption = (encoding: SourceEncoding): string => (encoding === 'latin1' ? ", encoding = 'latin-1'" : '');

/** The options every CSV/TSV read of a decisions file takes: a header row, strict rows, the encoding. */
function csvOptions(format: Format, encoding: SourceEncoding): string {
  return `header = true${format === 'tsv' ? ", delim = '\\t'" : ''}${encodingOption(encoding)}, strict_mode = true`;
}

/** A CSV file's dialect and columns as the engine's sniffer finds them (what read_csv would detect on its own). */
interface SniffedCsv {
  /** The dialect as read_csv options (auto-detection off): delimiter, quote, escape, comment, skipped rows, date formats. */
  readonly dialect: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/**
 * Sniffs `file` once. Every later read passes the dialect and the types explicitly, so the engine does
 * not sniff again (each sniff reads and tries a sample of the file: about 50 ms for a 1 M-row CSV).
 * Null when the sniffer cannot settle the file on its own: the reads then detect as before, and fail
 * with the engine's own message.
 */
async function sniffCsv(connection: DuckDBConnection, file: string, format: Format, encoding: SourceEncoding): Promise<SniffedCsv | null> {
  let row: Record<string, unknown> | undefined;
  try {
    row = (await connection.runAndReadAll(`SELECT * FROM sniff_csv(${quoteText(file)}, ${csvOptions(format, encoding)})`)).getRowObjectsJS()[0];
  } catch {
    return null;
  }
  const columns = row?.['Columns'];
  if (!row || !Array.isArray(columns) || columns.length === 0) return null;
  // The sniffer shows an option it left empty as "(empty)": no quote, no escape, no comment. The line
  // end is left to the reader, which takes \n, \r\n and \r alike: named explicitly (new_line = '\r\n'),
  // this engine version reads no row at all.
  const text = (key: string) => {
    const v = row![key];
    return typeof v === 'string' && v !== '(empty)' ? v : '';
  };
  const options = [
    `delim = ${quoteText(text('Delimiter'))}`,
    `quote = ${quoteText(text('Quote'))}`,
    `escape = ${quoteText(text('Escape'))}`,
    `comment = ${quoteText(text('Comment'))}`,
    `skip = ${Number(row['SkipRows'] ?? 0)}`,
    ...(text('DateFormat') ? [`dateformat = ${quoteText(text('DateFormat'))}`] : []),
    ...(text('TimestampFormat') ? [`timestampformat = ${quoteText(text('TimestampFormat'))}`] : []),
  ];
  return {
    dialect: `auto_detect = false, ${options.join(', ')}${encodingOption(encoding)}`,
    columns: columns.map((c) => ({ name: String((c as Record<string, unknown>)['name']), type: String((c as Record<string, unknown>)['type']) })),
  };
}

/**
 * A file whose rows do not all have as many fields as its header leaves the sniffer no delimiter that
 * fits, and it settles on one column named after the whole header line. When that name holds a
 * delimiter, the file is read with it, strictly, and the first row that breaks it is named (else the
 * audit would only say that the role columns are missing).
 */
async function raggedRow(connection: DuckDBConnection, file: string, name: string, encoding: SourceEncoding): Promise<void> {
  const delimiter = [',', ';', '\t', '|'].map((d) => ({ d, n: name.split(d).length })).sort((a, b) => b.n - a.n)[0]!;
  if (delimiter.n < 2) return;
  const columns = Array.from({ length: delimiter.n }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  try {
    await connection.run(`SELECT COUNT(*) FROM read_csv(${quoteText(file)}, auto_detect = false, delim = ${quoteText(delimiter.d)}, quote = '"', escape = '"', header = true, strict_mode = true${encodingOption(encoding)}, columns = {${columns}})`);
  } catch (e) {
    const line = /Line: (\d+)/.exec(e instanceof Error ? e.message : String(e))?.[1];
    const shown = delimiter.d === '\t' ? 'tabs' : `"${delimiter.d}"`;
    if (line) throw new DisparateError('data', `${file}: line ${line} does not have the header's ${delimiter.n} fields (separated by ${shown}); correct that row or quote its values`);
  }
}

/** The reader call for a sniffed CSV: the sniffer's types, `text` columns as text. */
function sniffedReaderCall(file: string, sniffed: SniffedCsv, text: readonly string[], header = true): string {
  const types = sniffed.columns.map((c, i) => `${quoteText(header ? c.name : `c${i}`)}: ${quoteText(header && !text.includes(c.name) ? c.type : 'VARCHAR')}`);
  return `read_csv(${quoteText(file)}, ${sniffed.dialect}, header = ${header}, strict_mode = true, columns = {${types.join(', ')}})`;
}

/** An engine error on bad input as a one-line data error naming the file; anything else is ours. */
export function engineError(file: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DisparateError) return error;
  const first = message.split('\n')[0]!.trim();
  if (/byte sequence mismatch|Invalid unicode|not utf-8/i.test(message)) {
    // The engine says where in its own terms; the strict decoder names the byte offset, row and line as
    // every other reader does (read only on this failure path, and only a file of sensible size).
    try {
      if (!isGlob(file) && statSync(file).size < 512 * 1024 * 1024) {
        const bytes = file.toLowerCase().endsWith('.gz') ? gunzipSync(readFileSync(file)) : readFileSync(file);
        decodeText(file, bytes, 'data', 'utf8', decisionsFormat(file).startsWith('json') ? 'lines' : 'csv');
      }
    } catch (e) {
      if (e instanceof DisparateError) return e;
    }
    const line = /Line: (\d+)/.exec(message)?.[1];
    return new DisparateError('data', `${file}: not valid UTF-8${line ? ` (line ${line})` : ''}; if the file is in ISO-8859-1 (latin-1), pass --encoding latin1`);
  }
  if (/Error when sniffing file/.test(first)) {
    return new DisparateError('data', `${file}: its delimiter and quoting could not be detected (no delimiter among comma, semicolon, tab and pipe, with or without quotes, gives every row the same number of fields); check that each row has the header's fields and that every quote is closed`);
  }
  if (/^(Invalid Input|Conversion|IO|Parser|Invalid) Error/i.test(first) || /CSV Error|No files found|JSON/i.test(message)) {
    const line = /Line: (\d+)/.exec(message)?.[1];
    const detail = first.replace(/^[A-Za-z ]+Error:\s*/, '').slice(0, 200);
    return new DisparateError('data', `${file}: ${detail}${line && !detail.includes(line) ? ` (line ${line})` : ''}`);
  }
  return error instanceof Error ? error : new Error(message);
}

const typeOf = (t: string): ColumnType =>
  /^(VARCHAR|TEXT|STRING|UUID)/i.test(t) ? 'text' : /^BOOL/i.test(t) ? 'boolean' : /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL|REAL)/i.test(t) ? 'number' : 'other';

/** Columns a role reads by name (plain columns and COL=VALUE); expressions name theirs in rolesSpec. */
function namedColumns(roles: DecisionRoles, header: ReadonlySet<string>): { text: string[]; numeric: string[] } {
  const text = new Set<string>();
  const numeric = new Set<string>();
  const byName = (spec: string | undefined, into: Set<string>) => {
    if (!spec) return;
    if (header.has(spec)) into.add(spec);
    else {
      const eq = spec.indexOf('=');
      if (eq > 0 && header.has(spec.slice(0, eq))) into.add(spec.slice(0, eq));
    }
  };
  if (roles.long) text.add(roles.long.attribute).add(roles.long.group);
  for (const p of roles.protected) if (header.has(p)) text.add(p);
  byName(roles.flag, text);
  byName(roles.label, text);
  byName(roles.labelSource, text);
  for (const c of [roles.score, roles.count, roles.positives, roles.selectionProbability]) byName(c, numeric);
  return { text: [...text].filter((c) => header.has(c)), numeric: [...numeric].filter((c) => header.has(c)) };
}

/** A prepared decisions source: the reader call and its columns' types. */
export interface DecisionsSource {
  readonly file: string;
  readonly from: string;
  readonly columns: ReadonlyMap<string, ColumnType>;
  /** Source columns named more than once in the header (refused only when the audit uses them). */
  readonly duplicated: readonly string[];
  /** A text format (CSV, TSV, JSON), and the bytes of the file (0 for a glob). */
  readonly text: boolean;
  readonly bytes: number;
  /** Columns read as text (a CSV's role columns) that the engine's own sniffer types as numbers. */
  readonly numericText: ReadonlySet<string>;
  /** Arrow IPC: its files (the first decoded), loaded into `from` (a temporary table) once the columns used are known. */
  readonly arrow?: ArrowInput | undefined;
}

/** Opens `file` for `roles`: checks it exists, reads its header, and types its columns. */
export async function prepareSource(connection: DuckDBConnection, file: string, roles: DecisionRoles, encoding: SourceEncoding): Promise<DecisionsSource> {
  const format = decisionsFormat(file);
  if (!isGlob(file) && (!existsSync(file) || !statSync(file).isFile())) throw new DisparateError('data', `${file}: file not found`);
  try {
    if (format === 'arrow') {
      const arrow = await openArrow(connection, file, isGlob(file));
      return { file, from: q(ARROW_TABLE), columns: arrow.columns, duplicated: arrow.duplicated, text: false, bytes: arrow.bytes, numericText: new Set(), arrow };
    }
    let header: string[];
    let duplicated: string[] = [];
    const sniffed = (format === 'csv' || format === 'tsv') && !isGlob(file) ? await sniffCsv(connection, file, format, encoding) : null;
    if (sniffed?.columns.length === 1) await raggedRow(connection, file, sniffed.columns[0]!.name, encoding);
    if (format === 'csv' || format === 'tsv') {
      // The header as written: the engine renames a repeated name (x, x_1), which would hide it.
      const raw = await connection.runAndReadAll(
        sniffed ? `SELECT * FROM ${sniffedReaderCall(file, sniffed, [], false)} LIMIT 1` : `SELECT * FROM read_csv(${quoteText(file)}, header = false, all_varchar = true${format === 'tsv' ? ", delim = '\\t'" : ''}${encodingOption(encoding)}) LIMIT 1`,
      );
      header = (raw.getRowsJS()[0] ?? []).map((v) => String(v ?? '').normalize('NFC'));
      duplicated = [...new Set(header.filter((h, i) => header.indexOf(h) !== i))];
    } else header = [];
    const wanted = namedColumns(roles, new Set(header.length > 0 ? header : undefined));
    // Role columns are read as text (CSV): the file's own spelling is checked and quoted in messages.
    const forced = format === 'csv' || format === 'tsv' ? [...new Set([...wanted.text, ...wanted.numeric])].filter((c) => !duplicated.includes(c)) : [];
    // One look at the engine's own typing: the forced columns are text in the query (the file's own
    // spelling is checked and quoted in messages); those it would type as numbers are noted, so that an
    // expression reads a column of numbers as numbers ("decile_score >= 5" on a label or protected column
    // read as text), through a cast. Forcing types cannot change the other columns' types.
    const columns = new Map<string, ColumnType>();
    const numericText = new Set<string>();
    if (sniffed) {
      for (const { name, type } of sniffed.columns) {
        columns.set(name, forced.includes(name) ? 'text' : typeOf(type));
        if (forced.includes(name) && typeOf(type) === 'number') numericText.add(name);
      }
      const from = sniffedReaderCall(file, sniffed, forced);
      return { file, from, columns, duplicated, text: true, bytes: statSync(file).size, numericText };
    }
    const from = readerCall(file, format, encoding, forced);
    let described: Record<string, unknown>[] | null = null;
    if (forced.length > 0) {
      try {
        described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${readerCall(file, format, encoding, [])}`)).getRowObjectsJS();
      } catch {
        // The sniffer could not type the file on its own: the forced columns stay text (the declared numeric roles are still numbers).
      }
    }
    for (const row of described ?? (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJS()) {
      const name = String(row['column_name']);
      const type = typeOf(String(row['column_type']));
      if (described && forced.includes(name)) {
        columns.set(name, 'text');
        if (type === 'number') numericText.add(name);
      } else columns.set(name, type);
    }
    return { file, from, columns, duplicated, text: format !== 'parquet', bytes: isGlob(file) ? Infinity : statSync(file).size, numericText };
  } catch (e) {
    throw engineError(file, e);
  }
}

/** The files of the input: `file` itself, or every file a glob matches, in name order. */
async function inputFiles(connection: DuckDBConnection, file: string): Promise<string[]> {
  const files = isGlob(file) ? (await connection.runAndReadAll(`SELECT file FROM glob(${quoteText(file)}) ORDER BY file`)).getRowsJS().map((r) => String(r[0])) : [file];
  if (files.length === 0) throw new DisparateError('data', `${file}: no file matches`);
  return files;
}

/** Hash of the files' bytes (a glob's every file, in name order), streamed: no query, so it may run beside one. */
async function hashFiles(files: readonly string[]): Promise<string> {
  const outer = createHash('sha256');
  for (const f of files) {
    const h = createHash('sha256');
    for await (const chunk of createReadStream(f)) h.update(chunk as Buffer);
    if (files.length === 1) return `sha256:${h.digest('hex')}`;
    outer.update(`${f}\0${h.digest('hex')}\n`);
  }
  return `sha256:${outer.digest('hex')}`;
}

/** Hash of the input's bytes (every file of a glob, in name order), streamed. */
export async function hashInput(connection: DuckDBConnection, file: string): Promise<string> {
  return hashFiles(await inputFiles(connection, file));
}

/** The raw output of the aggregation query: its column names, and one array of values per column. */
export interface CellObjects {
  readonly columns: string[];
  readonly data: unknown[][];
}

/** Text files below this size are parsed once into a table of the used columns (see aggregateDecisions). */
const MATERIALISE_BELOW = 256 * 1024 * 1024;

/**
 * Rows of the file to aggregate, for a shard: given the file's row count, the range [start, end) of
 * its rows in file order (before --where). The score binning and the hash stay the whole file's.
 */
export type RowRange = (rows: number) => readonly [start: number, end: number];

/**
 * Runs the aggregation query on `file` in process and returns its cells with the source's hash:
 * the rows stay in the engine; only the columns the roles name are read. With `rows`, only that
 * range of the file's rows is aggregated (in process only: the emitted query is unchanged), binned
 * on the whole file's score range, so the cells of the ranges of a partition add up to the whole
 * file's cells; `size` is then the file's row count. With a selection probability, `ipw_sum` and
 * `ipw_var` are integers × 2^64 (`spec.ipwFixedPoint`; parseCells reads them with that layout).
 * `whileRunning` is called once the aggregation query is under way, and awaited with it.
 */
export async function aggregateDecisions(
  file: string,
  roles: DecisionRoles,
  encoding: SourceEncoding = 'utf8',
  rows?: RowRange,
  whileRunning?: () => Promise<unknown>,
): Promise<{ cells: CellObjects; hash: string; spec: CellsQuerySpec; source: DecisionsSource; size?: number; range?: readonly [number, number] }> {
  const engine = await openEngine();
  try {
    const source = await prepareSource(engine.connection, file, roles, encoding);
    const { spec: portable, used, casts } = rolesSpec(roles, source.columns, source.from, file, 'duckdb', source.numericText);
    const twice = used.find((c) => source.duplicated.includes(c));
    if (twice !== undefined) throw new DisparateError('data', `${file}: column "${twice}" appears more than once in the header; rename one of them`);
    // The glob is listed before the hash runs beside the queries: a query still running on the connection
    // when it closes (on an error) would bring the process down.
    const hash = hashFiles(await inputFiles(engine.connection, file));
    hash.catch(() => undefined);
    try {
      if (source.arrow) await loadArrow(engine.connection, source.arrow, used);
      // Horvitz–Thompson sums in fixed point, exact in any order (see CellsQuerySpec.ipwFixedPoint).
      let spec: CellsQuerySpec = { ...portable, invalidCodes: true, ...(portable.selectionProbability !== undefined ? { ipwFixedPoint: true } : {}) };
      // A text file of sensible size goes through the one query --emit-sql prints: the engine parses it
      // once and takes the score range inside the query (about 0.3 s less for a 1 M-row CSV than a table
      // of the used columns plus a range pass). A shard needs the whole file's range and row count
      // before it slices, so it parses the file once into such a table; a larger file is read twice
      // (range, then cells) rather than held.
      const oneQuery = spec.score === undefined || (source.text && source.bytes < MATERIALISE_BELOW && !rows);
      if (!oneQuery && source.text && source.bytes < MATERIALISE_BELOW) {
        await engine.connection.run(`CREATE TEMP TABLE "__rows" AS SELECT ${used.map((c) => q(c)).join(', ')} FROM ${source.from}`);
        spec = { ...spec, from: '"__rows"' };
      }
      if (!oneQuery) {
        const range = (await engine.connection.runAndReadAll(rangeQuery(spec))).getRowsJS()[0];
        const [lo, hi] = [Number(range?.[0]), Number(range?.[1])];
        // No finite score at all: the aggregation's checks name the first row.
        if (Number.isFinite(lo) && Number.isFinite(hi)) spec = { ...spec, binning: { lo: String(lo), hi: String(hi) } };
      }
      let sliced: { size: number; range: readonly [number, number] } | undefined;
      if (rows) {
        // The range is taken on the source rows in file order (the engine keeps insertion order), before
        // --derive and --where, so every row of the file falls in exactly one shard.
        const size = Number((await engine.connection.runAndReadAll(`SELECT COUNT(*) FROM ${spec.from}`)).getRowsJS()[0]?.[0] ?? 0);
        const range = rows(size);
        sliced = { size, range };
        spec = { ...spec, from: `(SELECT * FROM ${spec.from} LIMIT ${range[1] - range[0]} OFFSET ${range[0]}) AS ${q('__shard')}` };
      }
      // The query runs on the engine's threads; `whileRunning` uses this one meanwhile.
      const [result] = await Promise.all([engine.connection.runAndReadAll(cellsQuery(spec)), whileRunning?.()]);
      const columns = result.columnNames();
      // No row at all (a header and nothing else, or --where keeping none): no chunk, so no column arrays.
      const data = result.getColumnsJS() as unknown[][];
      const cells: CellObjects = { columns, data: columns.map((_, j) => data[j] ?? []) };
      const invalid = cells.data[columns.indexOf('invalid')]!;
      if (invalid.some((v) => v !== null && v !== undefined)) throw await explainInvalid(engine.connection, source, portable, roles);
      return { cells, hash: await hash, spec, source, ...sliced };
    } catch (e) {
      if (casts.length > 0 && !(e instanceof DisparateError) && /Conversion Error|Could not convert/i.test(e instanceof Error ? e.message : String(e))) {
        const bad = await notNumbers(engine.connection, source, casts, roles);
        if (bad) throw bad;
      }
      throw engineError(file, e);
    }
  } finally {
    engine.close();
  }
}

/** The query `--emit-sql` prints: the roles compiled over `table`, typed by the local file's columns. */
export async function emittedQuery(file: string, roles: DecisionRoles, table: string, encoding: SourceEncoding = 'utf8'): Promise<string> {
  const engine = await openEngine(1);
  try {
    const source = await prepareSource(engine.connection, file, roles, encoding);
    return cellsQuery(rolesSpec(roles, source.columns, q(table), file, 'portable', source.numericText).spec);
  } finally {
    engine.close();
  }
}
