import { availableParallelism } from 'node:os';
import { scoreShard, shardDecisions, type DecisionsShardPart, type Shard, type ShardPart } from '../merge/index.js';
import { auditOptions, resolveBattery } from '../pipeline/index.js';
import { releaseWorkers } from '../scoring/index.js';
import { DisparateError } from '../errors/index.js';
import { provenance, type Provenance } from '../config/index.js';
import type { RunSettings } from './run.js';

/**
 * Scores shard I of N of a battery's synthetic population (its contiguous range of the row index)
 * and returns the part `disparate merge` joins with the other N − 1 into the single run's results.
 * A battery auditing a decisions file (`data:`, selective labels included) is split the same way:
 * the cells of rows I of N of the file, binned on the whole file's scores. `encodeShardPart` gives the part file's bytes.
 *
 *   battery.yaml ──► resolveBattery ──► scoreShard (rows [start, end), twins too) ──► ShardPart
 *                                   └─► shardDecisions (data: cells of rows [start, end)) ──► DecisionsShardPart
 *
 * @example
 * import { runShard } from 'disparate';
 * const part = await runShard('batteries/default.yaml', { index: 0, count: 4, source: 'api' });
 */
export async function runShard(batteryFile: string, shard: Shard, settings: RunSettings = {}): Promise<ShardPart | DecisionsShardPart> {
  const resolved = resolveBattery(batteryFile);
  if (resolved.models) throw new DisparateError('config', `${batteryFile}: models: --shard runs one model; compare is not sharded`);
  const context = settings.provenance ?? provenance(`run(${batteryFile})`);
  if (resolved.dataFile !== null) {
    return await shardDecisions(auditOptions(resolved, { context }), shard, { battery: resolved.file, battery_hash: resolved.hash, command: context.command, tool_version: context.toolVersion });
  }
  try {
    return await scoreShard(resolved, { seed: settings.seed, size: settings.size, workers: settings.workers ?? availableParallelism(), chunkSize: settings.chunkSize, onProgress: settings.onProgress, context }, shard);
  } finally {
    if (!settings.keepWorkers) await releaseWorkers();
  }
}
