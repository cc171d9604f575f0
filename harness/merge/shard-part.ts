import type { Column } from '../../datasets/table/index.js';
import type { StoredTwins } from '../scoring/index.js';

/** First bytes of a shard's part file, so merge tells it from a results.json at a glance. */
export const SHARD_PART_FORMAT = 'disparate-shard-part';

/** What a part's JSON header records; the rows' arrays follow it in the file. */
export interface ShardHeader {
  readonly format: typeof SHARD_PART_FORMAT;
  readonly version: 1;
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
  const scores = next(4 * n);
  const combinations = next(4 * n);
  const labels = header.labels ? next(n) : null;
  const proxyTables = header.proxy_tables === null ? null : next(8 * header.proxy_tables);
  const columns = new Map(header.columns.map((c) => [c.name, next(c.levels ? 4 * n : 8 * n)] as const));
  const twins = header.twins.map(() => ({ twinScores: next(4 * n), from: next(4 * n) }));
  return { scores, combinations, labels, proxyTables, columns, twins, total: at };
}

/** The part's arrays in file order (after the header line), each padded to 8 bytes. */
function partArrays(part: Omit<ShardPart, 'header'>, header: ShardHeader): ArrayBufferView[] {
  return [
    part.scores,
    part.combinations,
    ...(part.labels ? [part.labels] : []),
    ...(part.proxyTables ? [part.proxyTables] : []),
    ...header.columns.map((c) => {
      const column = part.columns.get(c.name)!;
      return column.kind === 'numeric' ? column.values : column.codes;
    }),
    ...part.twins.flatMap((t) => [t.twinScores, t.from]),
  ];
}

/**
 * A part file's bytes: one line of JSON (the header), then the arrays, little-endian, each padded to
 * a multiple of 8 bytes.
 *
 * @example encodeShardPart(part).subarray(0, 40).toString() // '{"format":"disparate-shard-part",…'
 */
export function encodeShardPart(part: ShardPart): Buffer {
  const head = Buffer.from(`${JSON.stringify(part.header)}\n`, 'utf8');
  const pieces: Buffer[] = [head];
  for (const a of partArrays(part, part.header)) {
    pieces.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    const pad = (8 - (a.byteLength % 8)) % 8;
    if (pad) pieces.push(Buffer.alloc(pad));
  }
  return Buffer.concat(pieces);
}
