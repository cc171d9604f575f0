import { closeSync, openSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import { columnFromArray, columnFromValues, dictionary, float64, int32, tableFromColumns, tableToIPC, utf8, type Column as ArrowColumn } from '@uwdata/flechette';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { DisparateError } from '../../harness/errors/index.js';
import { ARROW_FILE_MAGIC, arrowFileTail, type ArrowBlock } from './arrow-file-footer.js';
import type { Column, Table } from '../table/index.js';

/** Output formats `writePopulation` and `createPopulationWriter` know, chosen by file extension. */
export type PopulationFormat = 'csv' | 'arrow' | 'parquet';

/** Format from a file name: .csv → csv; .arrow, .feather (IPC file) and .arrows, .ipc (IPC stream) → arrow; .parquet → parquet. */
export function populationFormat(file: string): PopulationFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.arrow' || ext === '.arrows' || ext === '.ipc' || ext === '.feather') return 'arrow';
  if (ext === '.parquet') return 'parquet';
  throw new DisparateError('usage', `${file}: unknown output format "${ext || '(none)'}" (use .csv, .parquet or .arrow)`);
}

const needsQuotes = /[",\r\n]|^\s|\s$/;
/** Text a spreadsheet would run as a formula (OWASP's CSV injection list): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA = /^[=+\-@\t\r]/;
/** A text cell (a level or a column name; never a number) as CSV: formula starts neutralised by a `'`, then quoted when needed. */
const quote = (text: string): string => {
  const s = FORMULA.test(text) ? `'${text}` : text;
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Rows of a table as CSV text (RFC 4180): the header line first when asked, numbers in JavaScript's
 * shortest round-trip form, missing values as empty fields. Text cells (levels and column names) that
 * start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`, so that a spreadsheet
 * shows them instead of running them as formulas (OWASP); numbers are written as they are.
 * Pure; chunks concatenate into one file.
 *
 * @example
 * formatCsv(table, { header: true }); // 'nationality,income\nfrench,23000\n…'
 */
export function formatCsv(table: Table, options: { header: boolean }): string {
  const cols = [...table.columns.values()];
  const cells: ((i: number) => string)[] = cols.map((c: Column) => {
    if (c.kind === 'numeric') return (i) => (Number.isNaN(c.values[i]!) ? '' : String(c.values[i]!));
    const levels = c.levels.map(quote);
    return (i) => (c.codes[i]! < 0 ? '' : levels[c.codes[i]!]!);
  });
  const lines: string[] = [];
  if (options.header) lines.push([...table.columns.keys()].map(quote).join(','));
  for (let i = 0; i < table.n; i++) {
    let line = '';
    for (let j = 0; j < cells.length; j++) line += (j > 0 ? ',' : '') + cells[j]!(i);
    lines.push(line);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** One IPC message's bytes and header type (1 schema, 2 dictionary batch, 3 record batch). */
interface Message {
  readonly type: number;
  readonly bytes: Uint8Array;
}

/** Splits an Arrow IPC stream into its messages (stops at the end-of-stream marker). */
function splitMessages(stream: Uint8Array): Message[] {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const out: Message[] = [];
  let off = 0;
  while (off + 8 <= stream.byteLength) {
    if (view.getInt32(off, true) !== -1) throw new Error('unexpected Arrow IPC framing');
    const metaLen = view.getInt32(off + 4, true);
    if (metaLen === 0) break;
    const meta = off + 8;
    // Flatbuffer Message table: root offset, then vtable; fields 1 = header type (ubyte), 3 = bodyLength (int64).
    const table = meta + view.getUint32(meta, true);
    const vtable = table - view.getInt32(table, true);
    const vtLen = view.getUint16(vtable, true);
    const field = (id: number): number => (4 + 2 * id < vtLen ? view.getUint16(vtable + 4 + 2 * id, true) : 0);
    const type = field(1) ? view.getUint8(table + field(1)) : 0;
    const bodyLength = field(3) ? Number(view.getBigInt64(table + field(3), true)) : 0;
    const end = meta + metaLen + bodyLength;
    out.push({ type, bytes: stream.subarray(off, end) });
    off = end;
  }
  return out;
}

/** Where a message's body starts: after its 8-byte prefix and its (padded) metadata. */
function metaDataLength(message: Uint8Array): number {
  return 8 + new DataView(message.buffer, message.byteOffset, message.byteLength).getInt32(4, true);
}

/**
 * Schema and dictionary messages for a table's columns: categoricals as dictionary<utf8, int32>
 * whose dictionary is exactly the levels in order, numerics as float64. Built from a throw-away
 * table whose categorical columns list their levels, so the dictionary is known before any row.
 */
export function arrowStreamHeader(table: Table): Uint8Array {
  const { schema, dictionaries } = arrowHeaderMessages(table);
  return concat([schema, ...dictionaries]);
}

/** {@link arrowStreamHeader} as separate messages: the schema, then one dictionary batch per categorical column. */
function arrowHeaderMessages(table: Table): { schema: Uint8Array; dictionaries: Uint8Array[] } {
  const longest = Math.max(1, ...[...table.columns.values()].map((c) => (c.kind === 'categorical' ? c.levels.length : 1)));
  const columns = [...table.columns].map(([name, c]): [string, ArrowColumn<unknown>] => {
    if (c.kind === 'numeric') return [name, columnFromArray(new Float64Array(longest), float64())];
    const levels = c.levels.length > 0 ? c.levels : [''];
    const values = Array.from({ length: longest }, (_, i) => levels[Math.min(i, levels.length - 1)]!);
    return [name, columnFromValues(values, dictionary(utf8(), int32()))];
  });
  const messages = splitMessages(tableToIPC(tableFromColumns(columns), { format: 'stream' })!);
  return { schema: messages.find((m) => m.type === 1)!.bytes, dictionaries: messages.filter((m) => m.type === 2).map((m) => m.bytes) };
}

/**
 * One record-batch message for a chunk of rows, to follow `arrowStreamHeader` of the same columns:
 * categorical codes are written as the dictionary indices (int32, null where missing), numerics as
 * float64 (NaN kept as NaN).
 */
export function arrowRecordBatch(table: Table): Uint8Array {
  const columns = [...table.columns].map(([name, c]): [string, ArrowColumn<unknown>] => {
    if (c.kind === 'numeric') return [name, columnFromArray(c.values, float64())];
    let missing = false;
    for (const code of c.codes) if (code < 0) missing = true;
    const col = missing ? columnFromValues(Array.from(c.codes, (code) => (code < 0 ? null : code)), int32()) : columnFromArray(c.codes, int32());
    return [name, col];
  });
  const bytes = tableToIPC(tableFromColumns(columns), { format: 'stream' })!;
  const batch = splitMessages(bytes).find((m) => m.type === 3);
  if (!batch) throw new Error('flechette produced no record batch');
  return batch.bytes;
}

/** The Arrow IPC end-of-stream marker. */
export const ARROW_EOS = Uint8Array.of(255, 255, 255, 255, 0, 0, 0, 0);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}

type ParquetSchema = ConstructorParameters<typeof ParquetWriter>[0]['schema'];
type ParquetColumns = Parameters<ParquetWriter['write']>[0]['columnData'];

/** Parquet schema of a table: numerics as optional DOUBLE, categoricals as optional UTF8 strings. */
function parquetSchemaOf(table: Table): ParquetSchema {
  return [
    { name: 'root', num_children: table.columns.size },
    ...[...table.columns].map(([name, c]) =>
      c.kind === 'numeric'
        ? { name, type: 'DOUBLE' as const, repetition_type: 'OPTIONAL' as const }
        : { name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const },
    ),
  ];
}

/** A chunk's columns for hyparquet-writer: NaN and missing codes become nulls (Parquet's missing value). */
function parquetColumns(table: Table): ParquetColumns {
  return [...table.columns].map(([name, c]) => {
    if (c.kind === 'numeric') {
      const hasNaN = c.values.some((v) => Number.isNaN(v));
      return { name, data: hasNaN ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)) : c.values };
    }
    return { name, data: Array.from(c.codes, (code) => (code < 0 ? null : c.levels[code]!)) };
  });
}

/** Writes chunks of one population to a file as they come; memory holds one chunk at a time. */
export interface PopulationWriter {
  readonly file: string;
  readonly format: PopulationFormat;
  /** Appends rows; every chunk must have the same columns (names, kinds, levels) as the first. */
  write(chunk: Table): void;
  /** Finishes the file (Arrow: end-of-stream marker) and closes it. */
  close(): void;
}

function signature(table: Table): string {
  return JSON.stringify([...table.columns].map(([name, c]) => [name, c.kind, c.kind === 'categorical' ? c.levels : null]));
}

/**
 * A streaming population writer. CSV: a header then rows. Arrow: schema, one dictionary per
 * categorical column holding its levels, one record batch per chunk, end marker — as the IPC *file*
 * format for .arrow and .feather (magic bytes and a footer indexing every batch: pyarrow's
 * `feather.read_table` / `ipc.open_file`, apache-arrow's file reader, DuckDB, polars' `read_ipc`) and as
 * the IPC *stream* for .arrows and .ipc (`ipc.open_stream`, `read_ipc_stream`); arquero reads both.
 * Parquet: one row group per chunk, numerics as DOUBLE and categoricals as UTF8 strings (both
 * optional; missing values as nulls), Snappy-compressed. A Parquet writer that never received a
 * chunk leaves an empty file (no schema is known).
 *
 * @example
 * const w = createPopulationWriter('out/pop.arrow');
 * for (…) w.write(samplePopulation(spec, { seed, n: 65_536, start, size }));
 * w.close();
 */
export function createPopulationWriter(file: string, format: PopulationFormat = populationFormat(file)): PopulationWriter {
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (error) {
    throw new DisparateError('usage', `${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let first: string | undefined;
  let closed = false;
  let written = 0;
  const put = (data: string | Uint8Array): void => {
    if (typeof data === 'string') written += writeSync(fd, data);
    else written += writeSync(fd, data, 0, data.byteLength);
  };
  // Arrow: the IPC file format for .arrow and .feather (a footer indexes every message), the stream otherwise.
  const arrowFile = format === 'arrow' && ['.arrow', '.feather'].includes(extname(file).toLowerCase());
  let schemaMessage: Uint8Array | undefined;
  const dictionaryBlocks: ArrowBlock[] = [];
  const recordBlocks: ArrowBlock[] = [];
  const putMessage = (message: Uint8Array, blocks: ArrowBlock[]): void => {
    const meta = metaDataLength(message);
    blocks.push({ offset: written, metaDataLength: meta, bodyLength: message.byteLength - meta });
    put(message);
  };
  // Parquet: hyparquet-writer encodes into a byte buffer that is drained to the file after every
  // row group (one per chunk); `offset` keeps counting, so the footer's offsets stay absolute.
  let bytes: ByteWriter | undefined;
  let parquet: ParquetWriter | undefined;
  const drain = (): void => {
    if (!bytes || bytes.index === 0) return;
    put(new Uint8Array(bytes.buffer, 0, bytes.index));
    bytes.index = 0;
  };
  return {
    file,
    format,
    write(chunk) {
      if (closed) throw new Error(`${file}: writer is closed`);
      const sig = signature(chunk);
      if (first === undefined) {
        first = sig;
        if (format === 'csv') {
          put(formatCsv(chunk, { header: true }));
          return;
        }
        if (format === 'arrow') {
          const header = arrowHeaderMessages(chunk);
          if (arrowFile) put(ARROW_FILE_MAGIC);
          schemaMessage = header.schema;
          put(header.schema);
          for (const d of header.dictionaries) putMessage(d, dictionaryBlocks);
        } else {
          bytes = new ByteWriter();
          parquet = new ParquetWriter({ writer: bytes, schema: parquetSchemaOf(chunk), createdBy: 'disparate' });
        }
      } else if (sig !== first) throw new DisparateError('internal', `${file}: chunk columns differ from the first chunk's`);
      if (chunk.n === 0) return;
      if (format === 'parquet') {
        void parquet!.write({ columnData: parquetColumns(chunk), rowGroupSize: chunk.n });
        drain();
      } else if (format === 'csv') put(formatCsv(chunk, { header: false }));
      else putMessage(arrowRecordBatch(chunk), recordBlocks);
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        if (format === 'arrow' && schemaMessage) {
          put(ARROW_EOS);
          if (arrowFile) put(arrowFileTail(schemaMessage, dictionaryBlocks, recordBlocks));
        }
        if (parquet) {
          void parquet.finish();
          drain();
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * Writes a whole table to a file, format from the extension (.csv; .parquet; .arrow/.feather for
 * the Arrow IPC file format, .arrows/.ipc for the IPC stream).
 *
 * @example
 * writePopulation(table, 'population.csv');
 */
export function writePopulation(table: Table, file: string): void {
  const writer = createPopulationWriter(file);
  try {
    writer.write(table);
  } finally {
    writer.close();
  }
}
