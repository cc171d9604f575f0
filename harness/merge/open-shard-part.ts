import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { CellObjects } from '../../datasets/sql/index.js';
import { DisparateError } from '../errors/index.js';
import { decodeCells, partLayout, SHARD_PART_FORMAT, SHARD_PART_VERSION, type DecisionsShardHeader, type PartLayout, type ShardHeader } from './shard-part.js';

/** Whether a file starts as a shard's part file does (checked on its first bytes only). */
export function isShardPart(bytes: Buffer): boolean {
  return bytes.subarray(0, 48).toString('utf8').startsWith(`{"format":"${SHARD_PART_FORMAT}"`);
}

/** A part file's header and the offsets of its arrays, its length checked; the arrays are read on demand. */
export interface OpenPart {
  readonly file: string;
  readonly header: ShardHeader;
  readonly layout: PartLayout;
}

/** A decisions part's header and where its cells line starts; the cells are read by readDecisionsCells. */
export interface OpenDecisionsPart {
  readonly file: string;
  readonly header: DecisionsShardHeader;
  readonly cellsOffset: number;
}

/** Longest header line read: the levels of a few protected attributes and decision columns fit many times over. */
const MAX_HEADER = 1 << 20;

/**
 * Reads the header of a part file written by `disparate run --shard` and checks that the file holds
 * exactly the arrays it announces; a truncated or foreign file exits 2 naming it. Only the header is
 * read here, so a merge holds one copy of the rows, not the parts' and its own.
 *
 * @example openShardPart('parts/shard-0-of-4.part').header.shard // { index: 0, count: 4, start: 0, end: 5000 }
 */
export function openShardPart(file: string): OpenPart | OpenDecisionsPart {
  const bad = (what: string) => new DisparateError('data', `${file}: ${what}`);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw bad(`cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, MAX_HEADER));
    readSync(fd, head, 0, head.length, 0);
    if (!isShardPart(head)) throw bad('not a part file of disparate run --shard');
    const eol = head.indexOf(0x0a);
    if (eol < 0) throw bad('truncated: the header line never ends');
    let header: ShardHeader | DecisionsShardHeader;
    try {
      header = JSON.parse(head.subarray(0, eol).toString('utf8')) as ShardHeader | DecisionsShardHeader;
    } catch {
      throw bad('header: not valid JSON');
    }
    if (header.version !== SHARD_PART_VERSION) throw bad(`version: ${header.version} is not a part version this disparate reads (${SHARD_PART_VERSION}); run the shards again with this version`);
    const decisions = 'kind' in header && header.kind === 'decisions';
    const total = decisions ? eol + 1 + (header as DecisionsShardHeader).shard.cells_bytes : partLayout(header as ShardHeader, eol + 1).total;
    const rows = `rows ${header.shard.start}–${header.shard.end - 1}`;
    if (!Number.isSafeInteger(total)) throw bad('header: shard.cells_bytes: not a byte count');
    if (size < total) throw bad(`truncated: ${size} bytes, the header announces ${total} (${rows})`);
    if (size > total) throw bad(`${size - total} bytes after the last array (${rows}); the file is not one part`);
    return decisions ? { file, header: header as DecisionsShardHeader, cellsOffset: eol + 1 } : { file, header: header as ShardHeader, layout: partLayout(header as ShardHeader, eol + 1) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Fills `target` with the bytes of a part file from `offset` (an array, or rows of one: the offset of
 * the array plus the first row × its element size).
 */
export function readPartBytes<T extends ArrayBufferView>(part: { readonly file: string }, offset: number, target: T): T {
  const fd = openSync(part.file, 'r');
  try {
    const bytes = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
    let done = 0;
    while (done < bytes.length) {
      const got = readSync(fd, bytes, done, bytes.length - done, offset + done);
      if (got === 0) throw new DisparateError('data', `${part.file}: truncated while being read`);
      done += got;
    }
  } finally {
    closeSync(fd);
  }
  return target;
}

/** The cells a decisions part holds (its line after the header), checked to be what a shard writes. */
export function readDecisionsCells(part: OpenDecisionsPart): CellObjects {
  const bytes = readPartBytes(part, part.cellsOffset, Buffer.alloc(part.header.shard.cells_bytes));
  const cells = decodeCells(bytes);
  if (!cells) throw new DisparateError('data', `${part.file}: cells: not the cells a shard writes (one line of JSON with "columns" and "data"); the part is damaged`);
  return cells;
}
