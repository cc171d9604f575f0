import { readFileSync } from 'node:fs';
import type { Column } from '../../datasets/table/index.js';
import { DisparateError } from '../errors/index.js';
import { SHARD_PART_FORMAT, type ShardHeader, type ShardPart } from './shard-part.js';

/** Whether a file starts as a shard's part file does (checked on its first bytes only). */
export function isShardPart(bytes: Buffer): boolean {
  return bytes.subarray(0, 48).toString('utf8').startsWith(`{"format":"${SHARD_PART_FORMAT}"`);
}

/**
 * Reads a part file written by `disparate run --shard`; a truncated or foreign file exits 2 naming it.
 *
 * @example readShardPart('parts/shard-0-of-4.part').header.shard // { index: 0, count: 4, start: 0, end: 5000 }
 */
export function readShardPart(file: string, given?: Buffer): ShardPart {
  const bytes = given ?? readFileSync(file);
  const bad = (what: string) => new DisparateError('data', `${file}: ${what}`);
  const eol = bytes.indexOf(0x0a);
  if (!isShardPart(bytes)) throw bad('not a part file of disparate run --shard');
  if (eol < 0) throw bad('truncated: the header line never ends');
  let header: ShardHeader;
  try {
    header = JSON.parse(bytes.subarray(0, eol).toString('utf8')) as ShardHeader;
  } catch {
    throw bad('header: not valid JSON');
  }
  if (header.version !== 1) throw bad(`version: ${header.version} is not a part version this disparate reads (1)`);
  const n = header.shard.end - header.shard.start;
  let offset = eol + 1;
  const take = <T>(Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T => {
    const bytesLength = length * Type.BYTES_PER_ELEMENT;
    if (offset + bytesLength > bytes.length) throw bad(`truncated: ${bytes.length} bytes, the header announces more (rows ${header.shard.start}–${header.shard.end - 1})`);
    // A copy, so every array is aligned whatever the header's length.
    const out = new Type(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + bytesLength) as ArrayBuffer);
    offset += bytesLength + ((8 - (bytesLength % 8)) % 8);
    return out;
  };
  const scores = take(Float32Array, n);
  const combinations = take(Int32Array, n);
  const labels = header.labels ? take(Uint8Array, n) : null;
  const proxyTables = header.proxy_tables === null ? null : take(Float64Array, header.proxy_tables);
  const columns = new Map<string, Column>();
  for (const c of header.columns) columns.set(c.name, c.levels ? { kind: 'categorical', levels: c.levels, codes: take(Int32Array, n) } : { kind: 'numeric', values: take(Float64Array, n) });
  const twins = header.twins.map(() => ({ twinScores: take(Float32Array, n), from: take(Int32Array, n) }));
  if (offset < bytes.length) throw bad(`${bytes.length - offset} bytes after the last array; the file is not one part`);
  return { header, scores, combinations, labels, proxyTables, columns, twins };
}
