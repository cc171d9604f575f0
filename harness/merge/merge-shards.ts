import type { Column } from '../../datasets/table/index.js';
import { DisparateError } from '../errors/index.js';
import type { Results } from '../results/index.js';
import type { MergeContext } from './merge-results.js';
import { openShardPart, readPartBytes, type OpenPart } from './open-shard-part.js';
import { resolveBattery } from '../pipeline/index.js';
import { runPopulation, type Prescored } from '../pipeline/index.js';
import type { TwinSource } from '../scoring/index.js';
import type { ShardHeader } from './shard-part.js';

/** Header fields every part of one sharded run shares. */
const SHARED: readonly (keyof ShardHeader)[] = ['battery', 'battery_hash', 'command', 'tool_version', 'seed', 'size', 'levels', 'labels', 'proxy_tables', 'columns', 'twins'];

/** The parts in shard order, after checking they are the N shards of one run, each once. */
function orderedParts(parts: readonly OpenPart[]): OpenPart[] {
  const first = parts[0]!;
  for (const part of parts.slice(1)) {
    for (const key of SHARED) {
      if (JSON.stringify(part.header[key]) !== JSON.stringify(first.header[key])) {
        throw new DisparateError('data', `${part.file}: ${key}: ${JSON.stringify(part.header[key])} differs from ${first.file} (${JSON.stringify(first.header[key])}); the parts are not shards of one run`);
      }
    }
    if (part.header.shard.count !== first.header.shard.count) throw new DisparateError('data', `${part.file}: shard: one of ${part.header.shard.count} shards, ${first.file} one of ${first.header.shard.count}`);
  }
  const count = first.header.shard.count;
  const byIndex = new Map<number, OpenPart>();
  for (const p of parts) {
    const twice = byIndex.get(p.header.shard.index);
    if (twice) throw new DisparateError('data', `${p.file}: shard ${p.header.shard.index}/${count} is also ${twice.file}`);
    byIndex.set(p.header.shard.index, p);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length) throw new DisparateError('usage', `merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of ${first.header.battery} missing (given ${parts.map((p) => p.file).join(', ')})`);
  return Array.from({ length: count }, (_, i) => byIndex.get(i)!);
}

/** Rows [start, end) of an array stored in every part (Float32 or Int32, 4 bytes a row), read from the parts that hold them. */
function readRows<T extends Float32Array | Int32Array>(parts: readonly OpenPart[], offsetOf: (p: OpenPart) => number, out: T, start: number): T {
  const end = start + out.length;
  for (const part of parts) {
    const { start: a, end: b } = part.header.shard;
    const from = Math.max(a, start);
    const to = Math.min(b, end);
    if (from < to) readPartBytes(part, offsetOf(part) + 4 * (from - a), out.subarray(from - start, to - start));
  }
  return out;
}

/**
 * The results of a sharded run from its N part files: identical, byte for byte once written, to the
 * run on one machine. The parts are joined by row index and the rest of the single run's pipeline
 * runs once on the whole (the one global cut with its tie lot, cells, score bins, selection curves,
 * proxies, twins, bootstrap), so nothing is approximated and no row is sampled or scored again. The
 * merge holds what the single run holds after scoring; the twins' scores are read from the parts
 * chunk by chunk. The battery (and the files it names) must be at the path the shards were given.
 *
 *   part files ──► openShardPart (headers) ──► check (one run, every shard once) ──► join by row index
 *     ──► runPopulation(prescored) ──► Results
 *
 * @example const results = await mergeShards(['parts/shard-0-of-2.part', 'parts/shard-1-of-2.part'], context);
 */
export async function mergeShards(files: readonly string[], context: MergeContext): Promise<Results> {
  if (files.length === 0) throw new DisparateError('usage', 'merge: no part files given');
  const ordered = orderedParts(files.map(openShardPart));
  const header = ordered[0]!.header;
  const resolved = resolveBattery(header.battery);
  if (resolved.hash !== header.battery_hash) throw new DisparateError('config', `${header.battery}: changed since the shards ran (sha256 ${resolved.hash}, the parts say ${header.battery_hash})`);
  const n = header.size;
  const scores = new Float32Array(n);
  const combinations = new Int32Array(n);
  const labels = header.labels ? new Uint8Array(n) : null;
  const proxyTables = header.proxy_tables === null ? null : new Float64Array(header.proxy_tables);
  const columns = new Map<string, Column>(header.columns.map((c) => [c.name, c.levels ? { kind: 'categorical', levels: c.levels, codes: new Int32Array(n) } : { kind: 'numeric', values: new Float64Array(n) }]));
  for (const part of ordered) {
    const { start: at, end } = part.header.shard;
    const { layout } = part;
    readPartBytes(part, layout.scores, scores.subarray(at, end));
    readPartBytes(part, layout.combinations, combinations.subarray(at, end));
    if (labels && layout.labels !== null) readPartBytes(part, layout.labels, labels.subarray(at, end));
    if (proxyTables && layout.proxyTables !== null) {
      const tables = readPartBytes(part, layout.proxyTables, new Float64Array(proxyTables.length));
      for (let i = 0; i < proxyTables.length; i++) proxyTables[i]! += tables[i]!;
    }
    for (const [name, column] of columns) {
      const offset = layout.columns.get(name)!;
      readPartBytes(part, offset, column.kind === 'numeric' ? column.values.subarray(at, end) : column.codes.subarray(at, end));
    }
  }
  const twins: TwinSource = (design, start, end) => ({
    twinScores: readRows(ordered, (p) => p.layout.twins[design]!.twinScores, new Float32Array(end - start), start),
    from: readRows(ordered, (p) => p.layout.twins[design]!.from, new Int32Array(end - start), start),
  });
  const prescored: Prescored = { scored: { n, scores, combinations, labels, levels: header.levels, proxyTables }, decisionTable: columns, twins };
  return runPopulation(resolved, { seed: header.seed, size: n, workers: 1, context: { ...context, command: header.command }, prescored });
}
