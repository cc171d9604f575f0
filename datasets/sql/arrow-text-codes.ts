import type { Column } from '@uwdata/flechette';
import { quoteIdentifier as q, quoteText } from './cells-query.js';

/**
 * Text columns of an Arrow input as small integer codes. Handing the engine one string at a time costs
 * a native call per value; a column of group names, labels or categories holds a few distinct values,
 * so each row's code is written into an integer vector and the strings are handed over once, as a list
 * the loading query indexes. A dictionary-encoded column is recoded per dictionary (its values are
 * decoded once); a plain one is interned value by value. A column with more distinct values than
 * CODE_LIMIT (an identifier) is loaded string by string instead.
 */

/** Most distinct values of a text column loaded as codes. */
export const CODE_LIMIT = 4096;

type Batch = Column<unknown>['data'][number];

const decoder = new TextDecoder();

/**
 * Interns strings into codes, and gives up past CODE_LIMIT (or on a NUL, which SQL text cannot hold).
 * A plain string column is interned by its bytes (a hash, then the bytes compared), so a value is
 * decoded only the first time it is seen.
 */
class Interner {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly byHash = new Map<number, { bytes: Uint8Array; code: number }[]>();
  code(value: string): number {
    let c = this.index.get(value);
    if (c === undefined) {
      if (this.values.length >= CODE_LIMIT || value.includes('\0')) return -2;
      c = this.values.length;
      this.values.push(value);
      this.index.set(value, c);
    }
    return c;
  }
  codeOfBytes(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    const seen = this.byHash.get(h & 0x3fffffff); // a small integer key: the map's fast path
    if (seen) {
      for (const s of seen) {
        if (s.bytes.length !== end - start) continue;
        let same = true;
        for (let i = 0; same && i < s.bytes.length; i++) same = s.bytes[i] === bytes[start + i];
        if (same) return s.code;
      }
    }
    const copy = bytes.slice(start, end);
    const c = this.code(decoder.decode(copy));
    if (c >= 0) (seen ?? this.byHash.set(h & 0x3fffffff, []).get(h & 0x3fffffff)!).push({ bytes: copy, code: c });
    return c;
  }
}

/** Codes of one batch, or null once the column has too many distinct values. */
function batchCodes(batch: Batch, interner: Interner, recoded: Map<unknown, Int32Array>): Int32Array | null {
  const b = batch as unknown as { length: number; nullCount: number; dictionary?: Column<unknown>; values?: ArrayLike<number | bigint> | Uint8Array; offsets?: ArrayLike<number | bigint>; isValid(i: number): boolean; at(i: number): unknown };
  const out = new Int32Array(b.length);
  if (b.dictionary && b.values) {
    // One code per dictionary entry (shared by the batches that use that dictionary), then a lookup per row.
    let remap = recoded.get(b.dictionary);
    if (!remap) {
      remap = new Int32Array(b.dictionary.length);
      for (let k = 0; k < remap.length; k++) {
        const v = b.dictionary.at(k);
        remap[k] = v === null || v === undefined ? -1 : interner.code(String(v));
        if (remap[k] === -2) return null;
      }
      recoded.set(b.dictionary, remap);
    }
    const keys = b.values;
    for (let i = 0; i < b.length; i++) out[i] = b.nullCount > 0 && !b.isValid(i) ? -1 : remap[Number(keys[i])]!;
    return out;
  }
  if (b.offsets && b.values instanceof Uint8Array) {
    // Plain UTF-8 (32- or 64-bit offsets): interned by bytes, checked as UTF-8 beforehand (arrow-decisions.ts).
    const { offsets, values } = b as unknown as { offsets: ArrayLike<number | bigint>; values: Uint8Array };
    for (let i = 0; i < b.length; i++) {
      const c = b.nullCount > 0 && !b.isValid(i) ? -1 : interner.codeOfBytes(values, Number(offsets[i]), Number(offsets[i + 1]));
      if (c === -2) return null;
      out[i] = c;
    }
    return out;
  }
  for (let i = 0; i < b.length; i++) {
    const v = b.at(i);
    const c = v === null || v === undefined ? -1 : interner.code(v as string);
    if (c === -2) return null;
    out[i] = c;
  }
  return out;
}

/** One text column's codes, file after file: per file, per record batch, one code per row (-1: null). */
export class TextCodes {
  readonly codes: Int32Array[][] = [];
  private readonly interner = new Interner();
  private readonly recoded = new Map<unknown, Int32Array>();
  /** The distinct values, in the order of their codes. */
  get values(): readonly string[] {
    return this.interner.values;
  }
  /** Codes the column's values in the next file; false once it holds too many distinct values. */
  add(column: Column<unknown>): boolean {
    const perBatch: Int32Array[] = [];
    for (const batch of column.data) {
      const c = batchCodes(batch, this.interner, this.recoded);
      if (c === null) return false;
      perBatch.push(c);
    }
    this.codes.push(perBatch);
    return true;
  }
}

/** The SQL giving a coded column's text back: its values as a list literal, indexed by code (NULL stays NULL). */
export function decodeSql(name: string, values: readonly string[]): string {
  if (values.length === 0) return `CAST(NULL AS VARCHAR) AS ${q(name)}`;
  return `([${values.map(quoteText).join(', ')}])[${q(name)} + 1] AS ${q(name)}`;
}
