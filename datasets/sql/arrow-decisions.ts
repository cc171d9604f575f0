import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { tableFromIPC, Type, type Column, type DataType, type Table } from '@uwdata/flechette';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { DisparateError } from '../../harness/errors/index.js';
import { quoteIdentifier as q, quoteText } from './cells-query.js';
import type { ColumnType } from './roles.js';
import { decodeSql, textCodes } from './arrow-text-codes.js';

/**
 * Arrow IPC decisions (.arrow, .feather: the file format; .arrows, .ipc: the stream format; or a glob
 * of them). The engine's own Arrow reader is an extension it would have to download, so the files are
 * decoded here (views over their bytes, no row objects) and the columns the audit uses are handed to
 * the engine a vector at a time, into a temporary table the aggregation query then reads as it reads
 * any other source: the rows in file order, the files of a glob in name order.
 */

/** The temporary table an Arrow input is loaded into (the aggregation query's `from`). */
export const ARROW_TABLE = '__arrow';

/** The Arrow IPC file names, by extension. */
export const ARROW_EXTENSIONS = ['.arrow', '.arrows', '.ipc', '.feather'] as const;

/** "ARROW1": the first and last bytes of the IPC file format. */
const MAGIC = [65, 82, 82, 79, 87, 49];

/** One file of an Arrow input, decoded. */
interface ArrowFile {
  readonly file: string;
  readonly table: Table;
}

/** An Arrow input: its files (a glob's in name order), and its columns as the first file types them. */
export interface ArrowInput {
  readonly files: readonly ArrowFile[];
  readonly columns: ReadonlyMap<string, ColumnType>;
  /** Field names the schema holds more than once. */
  readonly duplicated: readonly string[];
  /** The files' size in bytes. */
  readonly bytes: number;
}

/** How a column is handed to the engine: its SQL type, and how one Arrow value becomes the vector's. */
interface Kind {
  readonly sql: string;
  readonly column: ColumnType;
  readonly value: (v: unknown) => unknown;
}

const same = (v: unknown) => v;
const TEXT: Kind = { sql: 'VARCHAR', column: 'text', value: same };

/** The Arrow type's name, for messages ("Timestamp", "List"). */
function typeName(type: DataType): string {
  if (type.typeId === Type.Dictionary) return `Dictionary of ${typeName(type.dictionary)}`;
  return Object.entries(Type).find(([, id]) => id === type.typeId)?.[0] ?? `type ${type.typeId}`;
}

/** The engine's type for an Arrow type, or null where the audit reads none (dates, lists, binary…). */
function kindOf(type: DataType): Kind | null {
  switch (type.typeId) {
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
    case Type.Null:
      return TEXT;
    case Type.Bool:
      return { sql: 'BOOLEAN', column: 'boolean', value: same };
    case Type.Int: {
      const sql = `${type.signed ? '' : 'U'}${{ 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' }[type.bitWidth]}`;
      return { sql, column: 'number', value: same };
    }
    case Type.Float:
      return { sql: 'DOUBLE', column: 'number', value: same };
    case Type.Decimal: {
      // Unscaled integers (useDecimalInt): exact as HUGEINT at scale 0, else the nearest double of the
      // decimal, as its text would be read (an exact integer over an exact power of ten, rounded once).
      if (type.bitWidth > 128) return null;
      if (type.scale === 0) return { sql: 'HUGEINT', column: 'number', value: (v) => (v === null ? null : BigInt(v as number | bigint)) };
      const divisor = 10 ** type.scale;
      return { sql: 'DOUBLE', column: 'number', value: (v) => (v === null ? null : Number(v as number | bigint) / divisor) };
    }
    case Type.Dictionary:
      // A dictionary's values are decoded once, then looked up by key: typed as the values are.
      return kindOf(type.dictionary);
    default:
      return null;
  }
}

const startsWith = (bytes: Uint8Array, at: number) => MAGIC.every((b, i) => bytes[at + i] === b);

/** Decodes one file: its schema and batches, as views over its bytes (values are decoded on demand). */
function decodeFile(file: string): ArrowFile {
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new DisparateError('data', `${file}: empty file (not an Arrow IPC file)`);
  // The file format ends with the magic too: without it the footer (where the batches are) is cut off.
  if (startsWith(bytes, 0) && (bytes.length < 12 || !startsWith(bytes, bytes.length - 6))) throw new DisparateError('data', `${file}: truncated Arrow IPC file (the footer and closing "ARROW1" are missing)`);
  let table: Table;
  try {
    table = tableFromIPC(bytes, { useBigInt: true, useDecimalInt: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/compression/i.test(message)) throw new DisparateError('data', `${file}: compressed Arrow IPC (LZ4 or ZSTD buffers) cannot be read; write it uncompressed (pyarrow: compression="uncompressed")`);
    throw new DisparateError('data', `${file}: not an Arrow IPC file, or truncated (${message.split('\n')[0]!.slice(0, 120)})`);
  }
  if (table.schema.fields.length === 0) throw new DisparateError('data', `${file}: not an Arrow IPC file (no schema, or a schema without columns)`);
  return { file, table };
}

/** Opens an Arrow input: every file decoded and the first file's columns typed (no value is read yet). */
export async function openArrow(connection: DuckDBConnection, file: string, glob: boolean): Promise<ArrowInput> {
  const names = glob ? (await connection.runAndReadAll(`SELECT file FROM glob(${quoteText(file)}) ORDER BY file`)).getRowsJS().map((r) => String(r[0])) : [file];
  if (names.length === 0) throw new DisparateError('data', `${file}: no file matches`);
  const files = names.map(decodeFile);
  const fields = files[0]!.table.schema.fields;
  const columns = new Map<string, ColumnType>();
  for (const f of fields) if (!columns.has(f.name)) columns.set(f.name, kindOf(f.type)?.column ?? 'other');
  const seen = fields.map((f) => f.name);
  const duplicated = [...new Set(seen.filter((n, i) => seen.indexOf(n) !== i))];
  return { files, columns, duplicated, bytes: names.reduce((sum, n) => sum + statSync(n).size, 0) };
}

/** A column of one file: its batches and how they are handed to the engine. */
function columnOf(input: ArrowInput, at: ArrowFile, name: string, kinds: Map<string, Kind>): Column<unknown> {
  const index = at.table.schema.fields.findIndex((f) => f.name === name);
  if (index < 0) throw new DisparateError('data', `${at.file}: column "${name}" not found (columns: ${at.table.schema.fields.map((f) => f.name).slice(0, 30).join(', ')})`);
  const type = at.table.schema.fields[index]!.type;
  const kind = kindOf(type);
  if (kind === null) throw new DisparateError('data', `${at.file}: column "${name}" is of Arrow type ${typeName(type)}, which the audit does not read (text, numbers and booleans only)`);
  const first = kinds.get(name);
  if (first === undefined) kinds.set(name, kind);
  else if (first.sql !== kind.sql) throw new DisparateError('data', `${at.file}: column "${name}" is of Arrow type ${typeName(type)} here, unlike in ${input.files[0]!.file}; give it one type in every file`);
  return at.table.getChildAt(index) as Column<unknown>;
}

type Batch = Column<unknown>['data'][number];
/** The parts of a batch read here (flechette's batches carry them all; their types are per kind). */
interface Parts {
  readonly type: DataType;
  readonly length: number;
  readonly nullCount: number;
  readonly validity?: Uint8Array;
  readonly values?: ArrayLike<number | bigint> & { subarray?: (a: number, b: number) => Uint8Array };
  readonly offsets?: ArrayLike<number | bigint>;
  readonly dictionary?: Column<unknown>;
  isValid(i: number): boolean;
}

/** A batch's buffers fit its length (a corrupt file can point past its body, which views clip silently). */
function checkBatch(file: string, name: string, batch: Batch): void {
  const b = batch as unknown as Parts;
  const short =
    (b.nullCount > 0 && b.validity !== undefined && b.validity.length < Math.ceil(b.length / 8)) ||
    (b.offsets !== undefined && (b.offsets.length < b.length + 1 || Number(b.offsets[b.length]) > (b.values?.length ?? 0))) ||
    (b.offsets === undefined && b.values !== undefined && b.type.typeId !== Type.Bool && b.type.typeId !== Type.Utf8View && b.values.length < b.length);
  if (short) throw new DisparateError('data', `${file}: column "${name}": a record batch is shorter than it says (a truncated or corrupt file)`);
  if (b.dictionary && b.values) {
    const size = b.dictionary.length;
    for (let i = 0; i < b.length; i++) {
      const key = Number(b.values[i]);
      if ((b.nullCount === 0 || b.isValid(i)) && !(key >= 0 && key < size)) throw new DisparateError('data', `${file}: column "${name}": a dictionary key past the end of its dictionary (a corrupt file)`);
    }
  }
}

const strict = new TextDecoder('utf-8', { fatal: true });
/** Dictionaries already checked: the keys of their values that are not UTF-8. */
const badKeys = new WeakMap<Column<unknown>, Set<number>>();

/**
 * The first value of a string batch (plain or dictionary-encoded) whose bytes are not UTF-8, or -1:
 * the whole buffer is checked at once, and each value on its own only when that fails. A value starting
 * with a continuation byte is caught by its start, so a buffer that is UTF-8 as a whole holds no bad value.
 */
function firstNotUtf8(batch: Batch): number {
  const b = batch as unknown as Parts;
  if (b.type.typeId === Type.Dictionary && b.dictionary) {
    let bad = badKeys.get(b.dictionary);
    if (!bad) {
      bad = new Set<number>();
      let base = 0;
      for (const d of b.dictionary.data) {
        for (let i = firstNotUtf8(d), end = d.length; i >= 0 && i < end; i = firstNotUtf8Of(d, i + 1)) bad.add(base + i);
        base += d.length;
      }
      badKeys.set(b.dictionary, bad);
    }
    if (bad.size > 0) for (let i = 0; i < b.length; i++) if ((b.nullCount === 0 || b.isValid(i)) && bad.has(Number(b.values![i]))) return i;
    return -1;
  }
  return firstNotUtf8Of(batch, 0);
}

/** As firstNotUtf8, for a plain string batch from value `from` on. */
function firstNotUtf8Of(batch: Batch, from: number): number {
  const b = batch as unknown as Parts;
  if ((b.type.typeId !== Type.Utf8 && b.type.typeId !== Type.LargeUtf8) || !b.offsets || !b.values?.subarray) return -1;
  const at = (i: number) => Number(b.offsets![i]);
  const bytes = b.values as unknown as Uint8Array;
  const end = at(b.length);
  let whole = isUtf8(bytes.subarray(at(from), end));
  for (let i = from; whole && i < b.length; i++) if (at(i) < end && (bytes[at(i)]! & 0xc0) === 0x80) whole = false;
  if (whole) return -1;
  for (let i = from; i < b.length; i++) {
    try {
      strict.decode(bytes.subarray(at(i), at(i + 1)));
    } catch {
      return i;
    }
  }
  return -1;
}

/** Every batch of every file fits its length, and its strings are UTF-8; rows are counted per file. */
function checkInput(perFile: readonly { file: string; columns: readonly Column<unknown>[] }[], wanted: readonly string[]): void {
  for (const { file, columns } of perFile) {
    const batches = columns[0]?.data.length ?? 0;
    for (let b = 0, row = 0; b < batches; b++) {
      const length = columns[0]!.data[b]!.length;
      columns.forEach((c, j) => {
        const x = c.data[b]!;
        if (x.length !== length) throw new DisparateError('data', `${file}: column "${wanted[j]}" has ${x.length} rows in record batch ${b + 1}, column "${wanted[0]}" ${length}`);
        checkBatch(file, wanted[j]!, x);
        const bad = firstNotUtf8(x);
        if (bad >= 0) throw new DisparateError('data', `${file}: column "${wanted[j]}" holds bytes that are not UTF-8 at row ${row + bad + 1} (Arrow strings are UTF-8; the writer decoded or encoded them wrongly)`);
      });
      row += length;
    }
  }
}

/**
 * Loads the columns `names` (all the input's when null) of every file into the temporary table, in file
 * order, one vector of at most the engine's vector size at a time. Numbers and booleans are written
 * value by value into the vectors; text columns as codes, then given back their text by one query
 * (arrow-text-codes.ts), or string by string when they hold too many distinct values.
 */
export async function loadArrow(connection: DuckDBConnection, input: ArrowInput, names: readonly string[] | null): Promise<void> {
  const { DuckDBDataChunk, DuckDBVector } = await import('@duckdb/node-api');
  const wanted = names ?? [...input.columns.keys()];
  const kinds = new Map<string, Kind>();
  const perFile = input.files.map((f) => ({ file: f.file, columns: wanted.map((n) => columnOf(input, f, n, kinds)), rows: f.table.numRows }));
  checkInput(perFile, wanted);
  const coded = wanted.map((n, j) => (kinds.get(n)!.column === 'text' ? textCodes(perFile.map((f) => f.columns[j]!)) : null));
  const staging = coded.some((c) => c !== null) ? `${ARROW_TABLE}_codes` : ARROW_TABLE;
  // No column used at all (constant roles): the rows are still counted, through a column of NULLs.
  const sqlColumns = wanted.length > 0 ? wanted.map((n, j) => `${q(n)} ${coded[j] ? 'INTEGER' : kinds.get(n)!.sql}`) : [`${q('__none')} BOOLEAN`];
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${q(staging)} (${sqlColumns.join(', ')})`);
  const converters = wanted.map((n) => kinds.get(n)!.value);
  const size = DuckDBVector.standardSize();
  const appender = await connection.createAppender(staging, 'main', 'temp');
  try {
    const types: DuckDBType[] = Array.from({ length: appender.columnCount }, (_, j) => appender.columnType(j));
    for (const [f, { columns, rows }] of perFile.entries()) {
      const batches = columns.length > 0 ? columns[0]!.data.length : 1;
      for (let b = 0; b < batches; b++) {
        const batch = columns.map((c) => c.data[b]!);
        const length = batch[0]?.length ?? rows;
        for (let s = 0; s < length; s += size) {
          const n = Math.min(size, length - s);
          const chunk = DuckDBDataChunk.create(types, n);
          for (let j = 0; j < types.length; j++) {
            const vector = chunk.getColumnVector(j);
            const source = batch[j];
            const codes = coded[j]?.codes[f]![b];
            const convert = converters[j];
            if (!source) for (let i = 0; i < n; i++) vector.setItem(i, null);
            else if (codes) for (let i = 0; i < n; i++) vector.setItem(i, (codes[s + i]! < 0 ? null : codes[s + i]) as never);
            else if (convert === same) for (let i = 0; i < n; i++) vector.setItem(i, source.at(s + i) as never);
            else for (let i = 0; i < n; i++) vector.setItem(i, convert!(source.at(s + i)) as never);
            vector.flush();
          }
          appender.appendDataChunk(chunk);
        }
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  if (staging !== ARROW_TABLE) {
    // A projection keeps the rows in order (the engine preserves insertion order).
    const select = wanted.map((n, j) => (coded[j] ? decodeSql(n, coded[j]!.values) : q(n)));
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${q(ARROW_TABLE)} AS SELECT ${select.join(', ')} FROM ${q(staging)}`);
    await connection.run(`DROP TABLE ${q(staging)}`);
  }
}
