import type { Column } from '../../datasets/table/index.js';
import { DisparateError } from '../errors/index.js';
import type { Results } from '../results/index.js';
import type { MergeContext } from './merge-results.js';
import { openShardPart, readDecisionsCells, readPartBytes, type OpenDecisionsPart, type OpenPart } from './open-shard-part.js';
import { auditAggregated, auditOptions, combineCells, parseCells, resolveBattery, runPopulation, type Prescored } from '../pipeline/index.js';
import { concatCells } from './decisions-shard.js';
import type { TwinSource } from '../scoring/index.js';
import { codesInCombinations, storedCodes, widenCodes, type CodeBytes, type ShardHeader } from './shard-part.js';

/**
 * The parts in shard order, after checking they are the N shards of one run, each once: every
 * header field but the shard's own range is the same in all of them (battery and its hash, command,
 * version, seed, size, groups, columns, twins, the decisions file's hash).
 */
function orderedParts<P extends OpenPart | OpenDecisionsPart>(parts: readonly P[]): P[] {
  const first = parts[0]!;
  const shared = (p: P) => Object.entries(p.header).filter(([key]) => key !== 'shard');
  for (const part of parts.slice(1)) {
    const mine = new Map(shared(part));
    for (const [key, value] of shared(first)) {
      if (JSON.stringify(mine.get(key)) !== JSON.stringify(value)) {
        throw new DisparateError('data', `${part.file}: ${key}: ${JSON.stringify(mine.get(key)) ?? 'missing'} differs from ${first.file} (${JSON.stringify(value)}); the parts are not shards of one run`);
      }
    }
    if (mine.size !== shared(first).length) throw new DisparateError('data', `${part.file}: its header has fields ${first.file}'s has not; the parts are not shards of one run`);
    if (part.header.shard.count !== first.header.shard.count) throw new DisparateError('data', `${part.file}: shard: one of ${part.header.shard.count} shards, ${first.file} one of ${first.header.shard.count}`);
  }
  const count = first.header.shard.count;
  const byIndex = new Map<number, P>();
  for (const p of parts) {
    const twice = byIndex.get(p.header.shard.index);
    if (twice) throw new DisparateError('data', `${p.file}: shard ${p.header.shard.index}/${count} is also ${twice.file}`);
    byIndex.set(p.header.shard.index, p);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length) throw new DisparateError('usage', `merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} of ${first.header.battery} missing (given ${parts.map((p) => p.file).join(', ')})`);
  return Array.from({ length: count }, (_, i) => byIndex.get(i)!);
}

/**
 * Rows [start, end) of an array stored in every part, read from the parts that hold them: scores
 * (Float32, 4 bytes a row), or codes of `bytes` bytes a row widened into `out`.
 */
function readRows<T extends Float32Array | Int32Array>(parts: readonly OpenPart[], offsetOf: (p: OpenPart) => number, out: T, start: number, bytes: CodeBytes | null = null): T {
  const end = start + out.length;
  for (const part of parts) {
    const { start: a, end: b } = part.header.shard;
    const from = Math.max(a, start);
    const to = Math.min(b, end);
    if (from >= to) continue;
    if (bytes === null) readPartBytes(part, offsetOf(part) + 4 * (from - a), out.subarray(from - start, to - start));
    else widenCodes(readPartBytes(part, offsetOf(part) + bytes * (from - a), storedCodes(bytes, to - from)), out.subarray(from - start, to - start) as Int32Array);
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
 *   decisions parts ──► check ──► their cells, added key by key (combineCells) ──► auditAggregated ──► Results
 *
 * @example const results = await mergeShards(['parts/shard-0-of-2.part', 'parts/shard-1-of-2.part'], context);
 */
export async function mergeShards(files: readonly string[], context: MergeContext): Promise<Results> {
  if (files.length === 0) throw new DisparateError('usage', 'merge: no part files given');
  const opened = files.map(openShardPart);
  const decisions = opened.filter((p): p is OpenDecisionsPart => 'cellsOffset' in p);
  if (decisions.length > 0 && decisions.length < opened.length) throw new DisparateError('data', `${decisions[0]!.file}: a shard of an audit of a decisions file; ${opened.find((p) => !('cellsOffset' in p))!.file} is a shard of a synthetic run: the parts are not shards of one run`);
  const first = opened[0]!.header;
  const resolved = resolveBattery(first.battery);
  if (resolved.hash !== first.battery_hash) throw new DisparateError('config', `${first.battery}: changed since the shards ran (sha256 ${resolved.hash}, the parts say ${first.battery_hash})`);
  if (decisions.length > 0) {
    // An audit of a decisions file: the parts' cells (each the aggregation query over its rows, binned
    // on the whole file's range) added key by key are the whole file's cells; audited as the single run
    // audits them. The file itself is not read.
    const parts = orderedParts(decisions);
    const header = parts[0]!.header;
    // The parts and the battery share one hash, so a decisions shard has a data: battery.
    if (resolved.dataFile === null) throw new DisparateError('internal', `${first.battery}: the parts audit a decisions file but the battery scores a population`);
    const options = auditOptions(resolved, { context: { ...context, command: first.command } });
    const cells = concatCells(parts.map((p) => ({ file: p.file, cells: readDecisionsCells(p) })));
    if ((cells.data[0]?.length ?? 0) === 0) throw new DisparateError('data', `${options.file}: no rows to audit${options.where !== undefined ? ' (none passes --where)' : ''}`);
    const agg = combineCells(parseCells(cells.data, cells.columns, options.file, header.layout));
    return auditAggregated(agg, header.data.hash, options);
  }
  const ordered = orderedParts(opened as OpenPart[]);
  const header = ordered[0]!.header;
  const n = header.size;
  const scores = new Float32Array(n);
  const combinations = new Int32Array(n);
  const labels = header.labels ? new Uint8Array(n) : null;
  const proxyTables = header.proxy_tables === null ? null : new Float64Array(header.proxy_tables);
  const columns = new Map<string, Column>(header.columns.map((c) => [c.name, c.levels ? { kind: 'categorical', levels: c.levels, codes: new Int32Array(n) } : { kind: 'numeric', values: new Float64Array(n) }]));
  const widths = header.code_bytes;
  for (const part of ordered) {
    const { start: at, end } = part.header.shard;
    const { layout } = part;
    readPartBytes(part, layout.scores, scores.subarray(at, end));
    widenCodes(readPartBytes(part, layout.combinations, storedCodes(widths.combinations, end - at)), combinations.subarray(at, end));
    if (labels && layout.labels !== null) readPartBytes(part, layout.labels, labels.subarray(at, end));
    if (proxyTables && layout.proxyTables !== null) {
      const tables = readPartBytes(part, layout.proxyTables, new Float64Array(proxyTables.length));
      for (let i = 0; i < proxyTables.length; i++) proxyTables[i]! += tables[i]!;
    }
    header.columns.forEach(({ name }, i) => {
      const column = columns.get(name)!;
      const offset = layout.columns.get(name)!;
      if (column.kind === 'numeric') readPartBytes(part, offset, column.values.subarray(at, end));
      else widenCodes(readPartBytes(part, offset, storedCodes(widths.columns[i]!, end - at)), column.codes.subarray(at, end));
    });
  }
  const twins: TwinSource = (design, start, end) => ({
    twinScores: readRows(ordered, (p) => p.layout.twins[design]!.twinScores, new Float32Array(end - start), start),
    from: widths.twins[design] === 0
      ? codesInCombinations(combinations.subarray(start, end), header.levels, resolved.battery.protected.indexOf(header.twins[design]!.attribute), new Int32Array(end - start))
      : readRows(ordered, (p) => p.layout.twins[design]!.from, new Int32Array(end - start), start, widths.twins[design] as CodeBytes),
  });
  const prescored: Prescored = { scored: { n, scores, combinations, labels, levels: header.levels, proxyTables }, decisionTable: columns, twins };
  return runPopulation(resolved, { seed: header.seed, size: n, workers: 1, context: { ...context, command: header.command }, prescored });
}
