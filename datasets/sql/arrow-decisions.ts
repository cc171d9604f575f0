import { readFileSync, statSync } from 'node:fs';
import { Column, tableFromIPC, Type, type DataType, type Table } from '@uwdata/flechette';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { DisparateError } from '../../harness/errors/index.js';
import { quoteIdentifier as q, quoteText } from './cells-query.js';
import type { ColumnType } from './roles.js';
import { decodeSql, TextCodes } from './arrow-text-codes.js';
import { checkFile } from './arrow-checks.js';
import { engineModule } from './engine-module.js';
import { CompressedBufferError, registerArrowCodecs } from './arrow-codecs.js';

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

/**
 * An Arrow input: its files (a glob's in name order), the first one decoded, and its columns as the
 * first file types them. The others are decoded one at a time as they are loaded, so a glob of large
 * files never needs more than one of them in memory at once (and the first).
 */
export interface ArrowInput {
  readonly files: readonly string[];
  readonly first: ArrowFile;
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

/** A list of the metadata, or a dictionary, longer than the whole file can hold (see withBoundedVectors). */
class OversizedVector extends Error {
  constructor(readonly entries: number, readonly bytes: number, readonly what: 'list' | 'dictionary') {
    super(`a ${what} of ${entries} entries in a file of ${bytes} bytes`);
  }
}

/**
 * Runs `decode` (flechette reading a file's metadata and its dictionaries) with anything sized beyond
 * what the file can hold refused. flechette sizes the lists of a message's metadata (field nodes,
 * buffers, fields, variadic buffer counts) by the 32-bit count the file declares, through
 * Array.from({ length }), and reads past the metadata as zeros; and it decodes each dictionary whole,
 * into an array of the length its batch declares. One corrupt count builds an array of up to 2^32
 * entries and exhausts the heap. No list of an IPC file has more entries than the file has bytes, and
 * no dictionary more values than it has bits (a boolean takes one; any other value more).
 */
function withBoundedVectors<T>(limit: number, decode: () => T): T {
  const from = Array.from;
  const toArray = Column.prototype.toArray;
  const bounded = function (this: unknown, items: ArrayLike<unknown> | Iterable<unknown>, ...rest: unknown[]) {
    const length = (items as { length?: unknown } | null)?.length;
    // Only a bare { length } (what sizes a vector): arrays, typed arrays and other iterables pass as they are.
    if (typeof length === 'number' && length > limit && !(Symbol.iterator in Object(items))) throw new OversizedVector(length, limit, 'list');
    return (from as (...a: unknown[]) => unknown[]).call(this, items, ...rest);
  };
  Array.from = bounded as typeof Array.from;
  Column.prototype.toArray = function (this: Column<unknown>) {
    if (this.length > 8 * limit) throw new OversizedVector(this.length, limit, 'dictionary');
    return toArray.call(this);
  };
  try {
    return decode();
  } finally {
    Array.from = from;
    Column.prototype.toArray = toArray;
  }
}

/** Decodes one file: its schema and batches, as views over its bytes (values are decoded on demand). */
function decodeFile(file: string): ArrowFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_FS_FILE_TOO_LARGE') throw new DisparateError('data', `${file}: too large to read in one piece (${(statSync(file).size / 2 ** 30).toFixed(1)} GiB); write it as several files and give a glob of them`);
    throw e;
  }
  return { file, table: decodeArrowTable(file, bytes, { useBigInt: true, useDecimalInt: true }) };
}

/**
 * An Arrow IPC file's bytes (file or stream format, record batches plain or compressed) as flechette's
 * table, its values decoded on demand; what is not a whole, sound Arrow IPC file is a data error naming
 * `file`. The decisions and the population readers share it.
 */
export function decodeArrowTable(file: string, bytes: Uint8Array, options: { useBigInt: boolean; useDecimalInt?: boolean }): Table {
  if (bytes.length === 0) throw new DisparateError('data', `${file}: empty file (not an Arrow IPC file)`);
  if (String.fromCharCode(...bytes.subarray(0, 4)) === 'FEA1') throw new DisparateError('data', `${file}: Feather version 1, which predates Arrow IPC; re-save it as Feather version 2 (pyarrow.feather.write_feather, version=2)`);
  // The file format ends with the magic too: without it the footer (where the batches are) is cut off.
  if (startsWith(bytes, 0) && (bytes.length < 12 || !startsWith(bytes, bytes.length - 6))) throw new DisparateError('data', `${file}: truncated Arrow IPC file (the footer and closing "ARROW1" are missing)`);
  let table: Table;
  registerArrowCodecs();
  try {
    table = withBoundedVectors(bytes.length, () => tableFromIPC(bytes, options));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof OversizedVector) throw new DisparateError('data', `${file}: a corrupt Arrow IPC file (its metadata declares a ${e.what} of ${e.entries} entries, more than the file's ${e.bytes} bytes can hold)`);
    if (e instanceof CompressedBufferError) throw new DisparateError('data', `${file}: a compressed record batch holds ${message} (a corrupt file)`);
    const codec = /^Missing compression codec .*\(id (-?\d+)\)$/.exec(message);
    if (codec) throw new DisparateError('data', `${file}: record batches compressed with codec ${codec[1]}, which Arrow IPC does not define (0 is LZ4 frame, 1 is ZSTD); write it with compression "lz4", "zstd" or "uncompressed"`);
    throw new DisparateError('data', `${file}: not an Arrow IPC file, or truncated (${message.split('\n')[0]!.slice(0, 120)})`);
  }
  if (table.schema.fields.length === 0) throw new DisparateError('data', `${file}: not an Arrow IPC file (no schema, or a schema without columns)`);
  const unnamed = table.schema.fields.findIndex((f) => typeof f.name !== 'string');
  if (unnamed >= 0) throw new DisparateError('data', `${file}: column ${unnamed + 1} of its schema has no name (a corrupt file)`);
  return table;
}

/** Opens an Arrow input: the first file decoded and its columns typed (no value is read yet). */
export async function openArrow(connection: DuckDBConnection, file: string, glob: boolean): Promise<ArrowInput> {
  const names = glob ? (await connection.runAndReadAll(`SELECT file FROM glob(${quoteText(file)}) ORDER BY file`)).getRowsJS().map((r) => String(r[0])) : [file];
  if (names.length === 0) throw new DisparateError('data', `${file}: no file matches`);
  const first = decodeFile(names[0]!);
  const fields = first.table.schema.fields;
  const columns = new Map<string, ColumnType>();
  for (const f of fields) if (!columns.has(f.name)) columns.set(f.name, kindOf(f.type)?.column ?? 'other');
  const seen = fields.map((f) => f.name);
  const duplicated = [...new Set(seen.filter((n, i) => seen.indexOf(n) !== i))];
  return { files: names, first, columns, duplicated, bytes: names.reduce((sum, n) => sum + statSync(n).size, 0) };
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
  else if (first.sql !== kind.sql) throw new DisparateError('data', `${at.file}: column "${name}" is of Arrow type ${typeName(type)} here, unlike in ${input.first.file}; give it one type in every file`);
  return at.table.getChildAt(index) as Column<unknown>;
}

/**
 * Loads the columns `names` (all the input's when null) of every file into the temporary table, in file
 * order, one vector of at most the engine's vector size at a time. Numbers and booleans are written
 * value by value into the vectors; text columns as codes, then given back their text by one query
 * (arrow-text-codes.ts), or string by string when they hold too many distinct values. Two passes over
 * the files, each decoded in turn: every file is checked and its text coded, then loaded.
 */
export async function loadArrow(connection: DuckDBConnection, input: ArrowInput, names: readonly string[] | null): Promise<void> {
  const { DuckDBDataChunk, DuckDBVector } = engineModule();
  const wanted = names ?? [...input.columns.keys()];
  const kinds = new Map<string, Kind>();
  const open = (f: number) => (f === 0 ? input.first : decodeFile(input.files[f]!));
  const columnsOf = (at: ArrowFile) => wanted.map((n) => columnOf(input, at, n, kinds));
  let coded: (TextCodes | null)[] = [];
  for (let f = 0; f < input.files.length; f++) {
    const at = open(f);
    const columns = columnsOf(at);
    checkFile(at.file, columns, wanted);
    if (f === 0) coded = wanted.map((n) => (kinds.get(n)!.column === 'text' ? new TextCodes() : null));
    coded = coded.map((c, j) => (c && c.add(columns[j]!) ? c : null));
  }
  const staging = coded.some((c) => c !== null) ? `${ARROW_TABLE}_codes` : ARROW_TABLE;
  // No column used at all (constant roles): the rows are still counted, through a column of NULLs.
  const sqlColumns = wanted.length > 0 ? wanted.map((n, j) => `${q(n)} ${coded[j] ? 'INTEGER' : kinds.get(n)!.sql}`) : [`${q('__none')} BOOLEAN`];
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${q(staging)} (${sqlColumns.join(', ')})`);
  const converters = wanted.map((n) => kinds.get(n)!.value);
  const size = DuckDBVector.standardSize();
  const appender = await connection.createAppender(staging, 'main', 'temp');
  try {
    const types: DuckDBType[] = Array.from({ length: appender.columnCount }, (_, j) => appender.columnType(j));
    for (let f = 0; f < input.files.length; f++) {
      const at = open(f);
      const columns = columnsOf(at);
      const batches = columns.length > 0 ? columns[0]!.data.length : 1;
      for (let b = 0; b < batches; b++) {
        const batch = columns.map((c) => c.data[b]!);
        const length = batch[0]?.length ?? at.table.numRows;
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
