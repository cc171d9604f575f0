import { DisparateError } from '../errors/index.js';
import { loadAnyModel } from '../../models/adapters/index.js';
import { decisionColumns } from '../../models/decision/index.js';
import type { Column } from '../../datasets/table/index.js';
import type { Shard } from './parse-shard.js';
import { shardRange } from './shard-range.js';
import { prepareProxies } from '../pipeline/index.js';
import { decisionTable, fileRows, type RunOptions } from '../pipeline/index.js';
import { designsOf } from '../pipeline/index.js';
import { EVERY_ATTRIBUTE } from '../findings/index.js';
import type { ResolvedPopulationBattery } from '../pipeline/index.js';
import { DEFAULT_CHUNK_SIZE, scorePopulation } from '../scoring/index.js';
import { scoreTwinRows } from '../scoring/index.js';
import { codeBytes, codesInCombinations, SHARD_PART_FORMAT, SHARD_PART_VERSION, type ShardPart } from './shard-part.js';

/**
 * Shard `shard` of a synthetic run: its contiguous range of the row index sampled and scored (twins
 * included) exactly as the single run samples and scores those rows, and nothing decided yet, since
 * a ranked rule's cut, the score bins and the twins' cut all depend on every row. `disparate merge`
 * joins the parts and runs the rest of the single run's pipeline once (see mergeShards).
 *
 *   rows [start, end) ──► scorePopulation (chunks × workers) ──► decision columns ──► twins' scores ──► ShardPart
 *
 * @example const part = await scoreShard(resolveBattery('battery.yaml'), { context }, { index: 1, count: 4, source: '--shard' });
 */
export async function scoreShard(resolved: ResolvedPopulationBattery, opts: Omit<RunOptions, 'prescored' | 'onDecided'>, shard: Shard): Promise<ShardPart> {
  const { battery } = resolved;
  const specFile = resolved.populationSpec;
  const dataFile = resolved.populationFile;
  const model = loadAnyModel(resolved.modelFile!);
  const seed = opts.seed ?? battery.seed;
  const encoding = battery.population.encoding;
  const n = dataFile ? fileRows(resolved, dataFile, opts.size, encoding) : (opts.size ?? battery.population.size!);
  if (shard.count > n) throw new DisparateError('usage', `--shard ${shard.index}/${shard.count}: more shards than the ${n} rows of the population`);
  // A twin's default target is the largest group, which only the whole population knows.
  battery.counterfactual.forEach((entry, i) => {
    if (entry.to === undefined && (battery.reference[entry.attribute] ?? battery.reference[EVERY_ATTRIBUTE]) === undefined) {
      throw new DisparateError('config', `${resolved.file}: counterfactual.${i}.to: required with --shard (the default, the largest group of "${entry.attribute}", is known only once every shard is scored); name it${battery.protected.includes(entry.attribute) ? `, or set reference.${entry.attribute}` : ''}`);
    }
  });
  const proxyRun = battery.proxies === false ? null : prepareProxies({ specFile, dataFile, encoding, seed, size: n }, model.inputs.map((i) => battery.inputs[i.name] ?? i.name), battery.protected);
  const plan = { batteryFile: resolved.file, specFile, dataFile, encoding, modelFile: resolved.modelFile!, seed, size: n, protected: battery.protected, label: battery.label ?? null, inputs: battery.inputs, proxies: proxyRun?.plan ?? null };
  const [start, end] = shardRange(n, shard.index, shard.count);
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const scored = await scorePopulation(plan, { n: end - start, start, chunkSize, workers: opts.workers, onProgress: opts.onProgress });
  const names = decisionColumns(battery.decision);
  const columns = decisionTable(plan, names, chunkSize, [start, end]);
  const references = Object.fromEntries(
    battery.counterfactual.flatMap((entry) => {
      const group = battery.reference[entry.attribute] ?? battery.reference[EVERY_ATTRIBUTE];
      return group === undefined ? [] : [[entry.attribute, { group, origin: 'battery' as const }]];
    }),
  );
  const designs = battery.counterfactual.length ? designsOf(resolved, plan, references) : [];
  const twins = designs.length ? await scoreTwinRows(plan, designs, start, end, { chunkSize, workers: opts.workers ?? 1 }) : [];
  const stored = names.filter((name) => columns.has(name)).map((name) => ({ name, levels: levelsOf(columns.get(name)!) }));
  return {
    header: {
      format: SHARD_PART_FORMAT,
      version: SHARD_PART_VERSION,
      battery: resolved.file,
      battery_hash: resolved.hash,
      command: opts.context.command,
      tool_version: opts.context.toolVersion,
      seed,
      size: n,
      shard: { index: shard.index, count: shard.count, start, end },
      levels: scored.levels,
      labels: scored.labels !== null,
      proxy_tables: scored.proxyTables?.length ?? null,
      columns: stored,
      twins: designs.map((d) => ({ attribute: d.attribute, to: d.to, effect: d.effect })),
      code_bytes: {
        combinations: codeBytes(scored.levels.reduce((product, levels) => product * levels.length, 1)),
        columns: stored.map((c) => (c.levels ? codeBytes(c.levels.length) : null)),
        twins: designs.map((d, i) => (inCombinations(battery.protected.indexOf(d.attribute), scored.levels, scored.combinations, twins[i]!.from) ? 0 : codeBytes(d.levels.length))),
      },
    },
    scores: scored.scores,
    combinations: scored.combinations,
    labels: scored.labels,
    proxyTables: scored.proxyTables,
    columns,
    twins,
  };
}

/**
 * Whether a twin design's original groups need not be stored: its attribute is protected and every
 * row's group equals the group its attribute combination holds (the same population column, so
 * always, but checked rather than assumed).
 */
function inCombinations(attribute: number, levels: readonly (readonly string[])[], combinations: Int32Array, from: Int32Array): boolean {
  if (attribute < 0) return false;
  const derived = codesInCombinations(combinations, levels, attribute, new Int32Array(combinations.length));
  for (let i = 0; i < from.length; i++) if (derived[i] !== from[i]) return false;
  return true;
}

function levelsOf(column: Column): readonly string[] | null {
  return column.kind === 'categorical' ? column.levels : null;
}
