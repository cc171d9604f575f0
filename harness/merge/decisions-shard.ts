import { aggregateDecisions, type CellObjects } from '../../datasets/sql/index.js';
import { DisparateError } from '../errors/index.js';
import type { AuditOptions } from '../pipeline/index.js';
import type { Shard } from './parse-shard.js';
import { shardRange } from './shard-range.js';
import { encodeCells, SHARD_PART_FORMAT, SHARD_PART_VERSION, type DecisionsShardHeader, type DecisionsShardPart } from './shard-part.js';

/**
 * Shard `shard` of a battery auditing a decisions file: the aggregation query over rows [start, end)
 * of the file (file order, before --where), binned on the whole file's score range and identified by
 * the whole file's hash. Its cells are sufficient statistics that add up (counts, fixed-point score
 * sums), so the N parts' cells summed key by key are the whole file's cells, and the merge audits
 * them without the file. Wide and long formats alike: a cell carries its groups (or attribute and group).
 *
 * @example const part = await shardDecisions(options, { index: 0, count: 3, source: '--shard' }, header);
 */
export async function shardDecisions(
  options: AuditOptions,
  shard: Shard,
  run: Pick<DecisionsShardHeader, 'battery' | 'battery_hash' | 'command' | 'tool_version'>,
): Promise<DecisionsShardPart> {
  const rows = (n: number) => {
    if (shard.count > n) throw new DisparateError('usage', `--shard ${shard.index}/${shard.count}: more shards than the ${n} rows of ${options.file}`);
    return shardRange(n, shard.index, shard.count);
  };
  const { cells, hash, spec, size, range } = await aggregateDecisions(options.file, options, options.encoding ?? 'utf8', rows);
  const [start, end] = range!;
  const header: Omit<DecisionsShardHeader, 'shard'> = {
    format: SHARD_PART_FORMAT,
    version: SHARD_PART_VERSION,
    kind: 'decisions',
    ...run,
    data: { file: options.file, hash },
    size: size!,
    layout: { attributes: spec.long ? [] : spec.attributes.map((a) => a.name), long: spec.long !== undefined, ipwFixedPoint: spec.ipwFixedPoint === true },
  };
  return { header: { ...header, shard: { index: shard.index, count: shard.count, start, end, cells_bytes: encodeCells(cells).length } }, cells };
}

/**
 * The cells of the whole file from its N parts (in shard order, checked by the caller): each part's
 * columns must be the same; their cell rows are concatenated (rows with the same key are summed by the
 * reader, see combineCells).
 */
export function concatCells(parts: readonly { readonly file: string; readonly cells: CellObjects }[]): CellObjects {
  const first = parts[0]!;
  for (const part of parts.slice(1)) {
    if (JSON.stringify(part.cells.columns) !== JSON.stringify(first.cells.columns)) {
      throw new DisparateError('data', `${part.file}: cells: columns ${part.cells.columns.join(', ')} differ from ${first.file}'s (${first.cells.columns.join(', ')}); the parts are not shards of one run`);
    }
  }
  return { columns: [...first.cells.columns], data: first.cells.columns.map((_, c) => parts.flatMap((p) => p.cells.data[c]!)) };
}
