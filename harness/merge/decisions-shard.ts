import { readDecisions, type Decisions } from '../../datasets/io/index.js';
import { categorical, type CategoricalColumn, type Column } from '../../datasets/table/index.js';
import { rowContentTickets } from '../../models/decision/index.js';
import { sortedLevels } from '../pipeline/index.js';
import { DisparateError } from '../errors/index.js';
import type { SweepTickets } from '../accumulate/index.js';
import type { AuditOptions } from '../pipeline/index.js';

/** Seed of the tie-break lot keyed on row contents. */
const AUDIT_TIE_SEED = 0;
import type { Shard } from './parse-shard.js';
import { shardRange } from './shard-range.js';
import { codeBytes, SHARD_PART_FORMAT, SHARD_PART_VERSION, storedCodes, widenCodes, type DecisionsShardHeader, type DecisionsShardPart } from './shard-part.js';
import { readPartBytes, type OpenDecisionsPart } from './open-shard-part.js';

/**
 * Shard `shard` of a battery auditing a decisions file: the file is read and checked whole (its
 * hash, its groups and every row's validity are the whole file's), then the part keeps rows
 * [start, end) with their groups coded over the whole file's sorted groups and, when the file has
 * scores, each row's tie-break ticket for the selection curves (a hash of the whole row's contents,
 * which the merge could not draw without the file; which rows tie at a cut is known only in the
 * merge, so every row of the shard gets one). Long-format files are not sharded: their groups are
 * re-coded per attribute.
 *
 * @example const part = shardDecisions(options, { index: 0, count: 3, source: '--shard' }, header);
 */
export function shardDecisions(
  options: AuditOptions,
  shard: Shard,
  run: Pick<DecisionsShardHeader, 'battery' | 'battery_hash' | 'command' | 'tool_version'>,
): DecisionsShardPart {
  const d = readDecisions(options.file, options);
  if (d.long) throw new DisparateError('config', `${run.battery}: data.long: a long-format decisions file is not sharded (its groups are coded per attribute); audit it in one run`);
  const n = d.table.n;
  if (shard.count > n) throw new DisparateError('usage', `--shard ${shard.index}/${shard.count}: more shards than the ${n} rows of ${options.file}`);
  const [start, end] = shardRange(n, shard.index, shard.count);
  const columns = options.protected.map((name) => sortedLevels(d.table.columns.get(name) as CategoricalColumn));
  const slice = <T extends Uint8Array | Float64Array>(a: T | null): T | null => (a ? (a.slice(start, end) as T) : null);
  const tickets = d.scores
    ? rowContentTickets(d.table, AUDIT_TIE_SEED)(Int32Array.from({ length: end - start }, (_, j) => start + j), new Float64Array(end - start))
    : null;
  return {
    header: {
      format: SHARD_PART_FORMAT,
      version: SHARD_PART_VERSION,
      kind: 'decisions',
      ...run,
      data: { file: options.file, hash: d.hash },
      size: n,
      shard: { index: shard.index, count: shard.count, start, end },
      levels: columns.map((c) => c.levels),
      code_bytes: columns.map((c) => codeBytes(c.levels.length)),
      has: { labels: d.labels !== null, scores: d.scores !== null, weights: d.weights !== null, from_source: d.fromSource !== null, selection_probability: d.selectionProbability !== null },
    },
    codes: columns.map((c) => c.codes.slice(start, end)),
    flagged: d.flagged.slice(start, end),
    labels: slice(d.labels),
    scores: slice(d.scores),
    weights: slice(d.weights),
    fromSource: slice(d.fromSource),
    selectionProbability: slice(d.selectionProbability),
    tickets,
  };
}

/**
 * The decisions of the whole file, joined from its N parts (in shard order, checked by the caller)
 * by row index, with the rows' tickets: what `auditDecisions` reads of a file, without reading it.
 * Only the protected columns are in the table (the audit reads no other); the tickets stand in for
 * the rest of each row's contents.
 */
export function joinDecisions(parts: readonly OpenDecisionsPart[], protectedNames: readonly string[]): { decisions: Decisions; tickets: SweepTickets | null } {
  const read = readPartBytes;
  const header = parts[0]!.header;
  const n = header.size;
  const { has } = header;
  const codes = header.levels.map(() => new Int32Array(n));
  const flagged = new Uint8Array(n);
  const labels = has.labels ? new Uint8Array(n) : null;
  const scores = has.scores ? new Float64Array(n) : null;
  const tickets = has.scores ? new Float64Array(n) : null;
  const weights = has.weights ? new Float64Array(n) : null;
  const fromSource = has.from_source ? new Uint8Array(n) : null;
  const selectionProbability = has.selection_probability ? new Float64Array(n) : null;
  for (const part of parts) {
    const { start, end } = part.header.shard;
    const at = (name: string) => part.offsets.get(name)!;
    header.code_bytes.forEach((bytes, a) => widenCodes(read(part, at(`codes.${a}`), storedCodes(bytes, end - start)), codes[a]!.subarray(start, end)));
    read(part, at('flagged'), flagged.subarray(start, end));
    const pairs: [string, Uint8Array | Float64Array | null][] = [['labels', labels], ['scores', scores], ['tickets', tickets], ['weights', weights], ['from_source', fromSource], ['selection_probability', selectionProbability]];
    for (const [name, array] of pairs) if (array) read(part, at(name), array.subarray(start, end));
  }
  const columns = new Map<string, Column>(protectedNames.map((name, a) => [name, categorical(header.levels[a]!, codes[a]!)]));
  const decisions: Decisions = { file: header.data.file, hash: header.data.hash, table: { n, columns }, flagged, labels, scores, weights, fromSource, selectionProbability, long: null };
  const drawn = tickets;
  return { decisions, tickets: drawn ? (rows, out) => { for (let j = 0; j < rows.length; j++) out[j] = drawn[rows[j]!]!; return out; } : null };
}
