import { isUtf8 } from 'node:buffer';
import { Type, type Column, type DataType } from '@uwdata/flechette';
import { DisparateError } from '../../harness/errors/index.js';

/**
 * Checks of an Arrow file's batches before any value is loaded: a corrupt file can point past its body
 * (views over it clip silently) or hold dictionary keys past their dictionary, and a writer can put
 * bytes that are not UTF-8 in a string column. Each is a data error naming the file and the column.
 */
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

/**
 * Offsets from 0 up that never decrease: each value's bytes lie between its offset and the next. One
 * corrupt offset would otherwise make a value of another's bytes (a wrong group, silently) or of
 * gigabytes of reads past the buffer.
 */
function ascending(offsets: ArrayLike<number | bigint>, length: number): boolean {
  let previous = Number(offsets[0]);
  if (!(previous >= 0)) return false;
  for (let i = 1; i <= length; i++) {
    const next = Number(offsets[i]);
    if (!(next >= previous)) return false;
    previous = next;
  }
  return true;
}

/** A batch's buffers fit its length (a corrupt file can point past its body, which views clip silently). */
function checkBatch(file: string, name: string, batch: Batch): void {
  const b = batch as unknown as Parts;
  if (!(Number.isSafeInteger(b.length) && b.length >= 0 && b.nullCount >= 0 && b.nullCount <= b.length)) {
    throw new DisparateError('data', `${file}: column "${name}": a record batch whose row count or null count is missing or impossible (a corrupt file)`);
  }
  const short =
    (b.nullCount > 0 && b.validity !== undefined && b.validity.length < Math.ceil(b.length / 8)) ||
    (b.offsets !== undefined && (b.offsets.length < b.length + 1 || Number(b.offsets[b.length]) > (b.values?.length ?? 0))) ||
    (b.offsets === undefined && b.values !== undefined && b.type.typeId !== Type.Bool && b.type.typeId !== Type.Utf8View && b.values.length < b.length);
  if (short) throw new DisparateError('data', `${file}: column "${name}": a record batch is shorter than it says (a truncated or corrupt file)`);
  if (b.offsets !== undefined && !ascending(b.offsets, b.length)) throw new DisparateError('data', `${file}: column "${name}": a record batch's value offsets go backwards (a corrupt file)`);
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

/** Every batch of a file fits its length, and its strings are UTF-8. */
export function checkFile(file: string, columns: readonly Column<unknown>[], wanted: readonly string[]): void {
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
