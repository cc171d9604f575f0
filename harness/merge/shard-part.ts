import type { CellObjects } from '../../datasets/sql/index.js';
import type { Column } from '../../datasets/table/index.js';
import type { StoredTwins } from '../scoring/index.js';

/** First bytes of a shard's part file, so merge tells it from a results.json at a glance. */
export const SHARD_PART_FORMAT = 'disparate-shard-part';

/** What a part's JSON header records; the rows' arrays follow it in the file. */
export interface ShardHeader {
  readonly format: typeof SHARD_PART_FORMAT;
  readonly version: typeof SHARD_PART_VERSION;
  /** The battery as the shard was given it (merge resolves the same path) and its sha256. */
  readonly battery: string;
  readonly battery_hash: string;
  /** The recorded command, the same for every shard and the single run (--shard is left out). */
  readonly command: string;
  readonly tool_version: string;
  readonly seed: number;
  /** Rows in the whole population. */
  readonly size: number;
  /** Shard I of N (0-based) and its rows [start, end). */
  readonly shard: { readonly index: number; readonly count: number; readonly start: number; readonly end: number };
  readonly levels: string[][];
  readonly labels: boolean;
  readonly proxy_tables: number | null;
  /** The decision rule's columns: numeric values, or categorical codes over these levels. */
  readonly columns: readonly { readonly name: string; readonly levels: readonly string[] | null }[];
  /** Twin designs, in the run's order. */
  readonly twins: readonly { readonly attribute: string; readonly to: string; readonly effect: 'direct' | 'total' }[];
  /**
   * Bytes per stored code (see {@link codeBytes}): the attribute combination, each categorical
   * decision column (null for a numeric one, stored as 8-byte doubles) and each twin design's
   * original group — 0 when not stored, because the design's attribute is a protected one and every
   * row's original group is its group in the combination (checked row by row when the part is made).
   */
  readonly code_bytes: { readonly combinations: CodeBytes; readonly columns: readonly (CodeBytes | null)[]; readonly twins: readonly (CodeBytes | 0)[] };
}

/**
 * Layout version of a part file; version 1 stored every code in 4 bytes, version 2 a decisions file's
 * rows (version 3 stores its cells).
 */
export const SHARD_PART_VERSION = 3;

/** Bytes a stored code takes. */
export type CodeBytes = 1 | 2 | 4;

/**
 * The narrowest width that holds the codes of `count` levels, stored as code + 1 so that a missing
 * value (code −1) is 0: one byte up to 254 levels, two up to 65,534. A run's attribute combinations
 * (18 for three protected attributes of 3, 2 and 3 groups) then take one byte a row instead of four.
 *
 * @example codeBytes(18) // 1
 */
export function codeBytes(count: number): CodeBytes {
  return count < 0xff ? 1 : count < 0xffff ? 2 : 4;
}

/** Codes as stored (code + 1) in `bytes` bytes each. */
export function narrowCodes(codes: Int32Array, bytes: CodeBytes): Uint8Array | Uint16Array | Int32Array {
  const out = bytes === 1 ? new Uint8Array(codes.length) : bytes === 2 ? new Uint16Array(codes.length) : new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i]! + 1;
  return out;
}

/** An empty array of `length` stored codes of `bytes` bytes each, to read into. */
export function storedCodes(bytes: CodeBytes, length: number): Uint8Array | Uint16Array | Int32Array {
  return bytes === 1 ? new Uint8Array(length) : bytes === 2 ? new Uint16Array(length) : new Int32Array(length);
}

/**
 * Each row's code of protected attribute `attribute` (its position in `levels`), read off the
 * mixed-radix combination index (first attribute slowest), into `out`.
 *
 * @example codesInCombinations(Int32Array.of(5), [['a', 'b'], ['x', 'y', 'z']], 1, new Int32Array(1)) // Int32Array [2]
 */
export function codesInCombinations(combinations: Int32Array, levels: readonly (readonly string[])[], attribute: number, out: Int32Array): Int32Array {
  const radix = levels[attribute]!.length;
  const stride = levels.slice(attribute + 1).reduce((product, l) => product * l.length, 1);
  for (let i = 0; i < combinations.length; i++) out[i] = Math.floor(combinations[i]! / stride) % radix;
  return out;
}

/** Stored codes back into codes (stored − 1), written into `out`. */
export function widenCodes(stored: Uint8Array | Uint16Array | Int32Array, out: Int32Array): Int32Array {
  for (let i = 0; i < stored.length; i++) out[i] = stored[i]! - 1;
  return out;
}

/**
 * One shard of a sharded run: every row of its range with what the whole run's decision, cells,
 * proxies and twins need: the score, the attribute combination, the label, the decision rule's
 * columns, each twin's score; plus its proxy tables (integer counts, summed across shards).
 */
export interface ShardPart {
  readonly header: ShardHeader;
  readonly scores: Float32Array;
  readonly combinations: Int32Array;
  readonly labels: Uint8Array | null;
  readonly proxyTables: Float64Array | null;
  readonly columns: Map<string, Column>;
  readonly twins: readonly StoredTwins[];
}

/** Where each array of a part starts in its file (bytes), and the file's whole length. */
export interface PartLayout {
  readonly scores: number;
  readonly combinations: number;
  readonly labels: number | null;
  readonly proxyTables: number | null;
  readonly columns: ReadonlyMap<string, number>;
  readonly twins: readonly { readonly twinScores: number; readonly from: number }[];
  readonly total: number;
}

/**
 * The byte offsets of a part's arrays, from its header and the length of the header line (newline
 * included): the order and padding of {@link encodeShardPart}.
 *
 * @example partLayout(header, 512).scores // 512
 */
export function partLayout(header: ShardHeader, headerBytes: number): PartLayout {
  const n = header.shard.end - header.shard.start;
  let at = headerBytes;
  const next = (bytes: number) => {
    const here = at;
    at += bytes + ((8 - (bytes % 8)) % 8);
    return here;
  };
  const widths = header.code_bytes;
  const scores = next(4 * n);
  const combinations = next(widths.combinations * n);
  const labels = header.labels ? next(n) : null;
  const proxyTables = header.proxy_tables === null ? null : next(8 * header.proxy_tables);
  const columns = new Map(header.columns.map((c, i) => [c.name, next((widths.columns[i] ?? 8) * n)] as const));
  const twins = header.twins.map((_, i) => ({ twinScores: next(4 * n), from: next(widths.twins[i]! * n) }));
  return { scores, combinations, labels, proxyTables, columns, twins, total: at };
}

/** The part's arrays in file order (after the header line), each padded to 8 bytes. */
function partArrays(part: Omit<ShardPart, 'header'>, header: ShardHeader): ArrayBufferView[] {
  const widths = header.code_bytes;
  return [
    part.scores,
    narrowCodes(part.combinations, widths.combinations),
    ...(part.labels ? [part.labels] : []),
    ...(part.proxyTables ? [part.proxyTables] : []),
    ...header.columns.map((c, i) => {
      const column = part.columns.get(c.name)!;
      return column.kind === 'numeric' ? column.values : narrowCodes(column.codes, widths.columns[i]!);
    }),
    ...part.twins.flatMap((t, i) => {
      const bytes = widths.twins[i]!;
      return bytes === 0 ? [t.twinScores] : [t.twinScores, narrowCodes(t.from, bytes)];
    }),
  ];
}

/** Whether a part is one of a battery auditing a decisions file. */
function isDecisionsPart(part: ShardPart | DecisionsShardPart): part is DecisionsShardPart {
  return 'kind' in part.header && part.header.kind === 'decisions';
}

/**
 * A part file's bytes: one line of JSON (the header), then the arrays, little-endian, each padded to
 * a multiple of 8 bytes; codes in the header's `code_bytes` widths. A decisions part: the header,
 * then its cells as one line of JSON (encodeCells).
 *
 * @example encodeShardPart(part).subarray(0, 40).toString() // '{"format":"disparate-shard-part",…'
 */
export function encodeShardPart(part: ShardPart | DecisionsShardPart): Buffer {
  const head = Buffer.from(`${JSON.stringify(part.header)}\n`, 'utf8');
  const pieces: Buffer[] = [head];
  if (isDecisionsPart(part)) return Buffer.concat([head, encodeCells(part.cells)]);
  for (const a of partArrays(part, part.header)) {
    pieces.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    const pad = (8 - (a.byteLength % 8)) % 8;
    if (pad) pieces.push(Buffer.alloc(pad));
  }
  return Buffer.concat(pieces);
}

/**
 * Header of one shard of a battery auditing a decisions file (`data:`): the cells of rows
 * [start, end) of the file (see shardDecisions), the file identified by its hash over all its rows.
 */
export interface DecisionsShardHeader {
  readonly format: typeof SHARD_PART_FORMAT;
  readonly version: typeof SHARD_PART_VERSION;
  readonly kind: 'decisions';
  readonly battery: string;
  readonly battery_hash: string;
  readonly command: string;
  readonly tool_version: string;
  /** The decisions file as read (its sha256, over all its rows). */
  readonly data: { readonly file: string; readonly hash: string };
  /** Rows in the whole file. */
  readonly size: number;
  /** Shard I of N, its rows [start, end), and the bytes of its cells (the line after the header). */
  readonly shard: { readonly index: number; readonly count: number; readonly start: number; readonly end: number; readonly cells_bytes: number };
  /**
   * How the cells read: the key columns (the protected attributes, wide; attribute and group, long),
   * and whether ipw_sum / ipw_var are fixed-point integers (CellsQuerySpec.ipwFixedPoint).
   */
  readonly layout: { readonly attributes: readonly string[]; readonly long: boolean; readonly ipwFixedPoint: boolean };
}

/** A shard of a decisions file: its header and the aggregation query's output over its rows. */
export interface DecisionsShardPart {
  readonly header: DecisionsShardHeader;
  readonly cells: CellObjects;
}

/**
 * The cells as one line of JSON, column-major ({"columns": […], "data": [[…], …]}): integers the
 * engine returns as bigint (counts, fixed-point score sums) are written as decimal text, which the
 * cells reader takes exactly; doubles are written in their shortest round-trip form.
 */
export function encodeCells(cells: CellObjects): Buffer {
  const text = JSON.stringify({ columns: cells.columns, data: cells.data }, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return Buffer.from(`${text}\n`, 'utf8');
}

/** The cells line of a part back into cells; null when it is not what encodeCells writes. */
export function decodeCells(bytes: Buffer): CellObjects | null {
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0x0a) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.subarray(0, bytes.length - 1).toString('utf8'));
  } catch {
    return null;
  }
  const p = parsed as { columns?: unknown; data?: unknown };
  if (!Array.isArray(p.columns) || !p.columns.every((c) => typeof c === 'string') || !Array.isArray(p.data) || p.data.length !== p.columns.length) return null;
  const data = p.data as unknown[];
  if (!data.every((d) => Array.isArray(d) && d.length === (data[0] as unknown[]).length)) return null;
  return { columns: p.columns as string[], data: data as unknown[][] };
}
