import type { Column } from '../../datasets/table/index.js';
import { DisparateError } from '../errors/index.js';
import type { Results } from '../results/index.js';
import type { MergeContext } from './merge-results.js';
import { resolveBattery } from './resolve-battery.js';
import { runBattery, type Prescored } from './run-battery.js';
import type { ShardHeader, ShardPart } from './shard-part.js';

/** Header fields every part of one sharded run shares. */
const SHARED: readonly (keyof ShardHeader)[] = ['battery', 'battery_hash', 'command', 'tool_version', 'seed', 'size', 'levels', 'labels', 'proxy_tables', 'columns', 'twins'];

/** The parts in shard order, after checking they are the N shards of one run, each once. */
function orderedParts(parts: readonly { file: string; part: ShardPart }[]): { file: string; part: ShardPart }[] {
  const first = parts[0]!;
  for (const { file, part } of parts.slice(1)) {
    for (const key of SHARED) {
      if (JSON.stringify(part.header[key]) !== JSON.stringify(first.part.header[key])) {
        throw new DisparateError('data', `${file}: ${key}: ${JSON.stringify(part.header[key])} differs from ${first.file} (${JSON.stringify(first.part.header[key])}); the parts are not shards of one run`);
      }
    }
    if (part.header.shard.count !== first.part.header.shard.count) throw new DisparateError('data', `${file}: shard: of ${part.header.shard.count} shards, ${first.file} of ${first.part.header.shard.count}`);
  }
  const count = first.part.header.shard.count;
  const byIndex = new Map<number, { file: string; part: ShardPart }>();
  for (const p of parts) {
    const twice = byIndex.get(p.part.header.shard.index);
    if (twice) throw new DisparateError('data', `${p.file}: shard ${p.part.header.shard.index}/${count} is also ${twice.file}`);
    byIndex.set(p.part.header.shard.index, p);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length) throw new DisparateError('usage', `merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of ${first.part.header.battery} missing (given ${parts.map((p) => p.file).join(', ')})`);
  return Array.from({ length: count }, (_, i) => byIndex.get(i)!);
}

/**
 * The results of a sharded run from its N parts: identical, byte for byte once written, to the run
 * on one machine. The parts are joined by row index and the rest of the single run's pipeline runs
 * once on the whole (the one global cut with its tie lot, cells, score bins, selection curves,
 * proxies, twins, bootstrap), so nothing is approximated; no row is sampled or scored again. The
 * battery (and the files it names) must be at the path the shards were given.
 *
 *   parts ──► check (one run, every shard once) ──► join by row index ──► runBattery(prescored) ──► Results
 *
 * @example const results = await mergeShards([{ file: 'a.part', part: a }, { file: 'b.part', part: b }], context);
 */
export async function mergeShards(parts: readonly { file: string; part: ShardPart }[], context: MergeContext): Promise<Results> {
  if (parts.length === 0) throw new DisparateError('usage', 'merge: no part files given');
  const ordered = orderedParts(parts);
  const header = ordered[0]!.part.header;
  const resolved = resolveBattery(header.battery);
  if (resolved.hash !== header.battery_hash) throw new DisparateError('config', `${header.battery}: changed since the shards ran (sha256 ${resolved.hash}, the parts say ${header.battery_hash})`);
  const n = header.size;
  const scores = new Float32Array(n);
  const combinations = new Int32Array(n);
  const labels = header.labels ? new Uint8Array(n) : null;
  const proxyTables = header.proxy_tables === null ? null : new Float64Array(header.proxy_tables);
  const columns = new Map<string, Column>(header.columns.map((c) => [c.name, c.levels ? { kind: 'categorical', levels: c.levels, codes: new Int32Array(n) } : { kind: 'numeric', values: new Float64Array(n) }]));
  const twins = header.twins.map(() => ({ twinScores: new Float32Array(n), from: new Int32Array(n) }));
  for (const { part } of ordered) {
    const at = part.header.shard.start;
    scores.set(part.scores, at);
    combinations.set(part.combinations, at);
    if (labels && part.labels) labels.set(part.labels, at);
    if (proxyTables && part.proxyTables) for (let i = 0; i < proxyTables.length; i++) proxyTables[i]! += part.proxyTables[i]!;
    for (const [name, column] of columns) {
      const given = part.columns.get(name)!;
      if (column.kind === 'numeric' && given.kind === 'numeric') column.values.set(given.values, at);
      else if (column.kind === 'categorical' && given.kind === 'categorical') column.codes.set(given.codes, at);
    }
    part.twins.forEach((t, i) => {
      twins[i]!.twinScores.set(t.twinScores, at);
      twins[i]!.from.set(t.from, at);
    });
  }
  const prescored: Prescored = { scored: { n, scores, combinations, labels, levels: header.levels, proxyTables }, decisionTable: columns, twins };
  return runBattery(resolved, { seed: header.seed, size: n, workers: 1, context: { ...context, command: header.command }, prescored });
}
