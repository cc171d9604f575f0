import { groupIndexOf, type CellCounts } from '../accumulate/index.js';
import { computeProxies, planProxies, type ProxyPlan, type ProxySamples } from '../proxies/index.js';
import type { ProxyStrength, Warning } from '../results/index.js';
import { zCritical } from '../stats/index.js';
import { fixedSample, type PopulationPlan } from '../scoring/index.js';

/** Rows of each fixed sample of the joint proxy model (fit on rows [0, m), test on [m, 2m)). */
export const PROXY_SAMPLE_ROWS = 4_000;
/** Multinomial replicates behind each Cramér's V interval. */
export const PROXY_REPLICATES = 200;

/** What a run prepares before scoring: the input binning (into every chunk) and the fixed samples. */
export interface ProxyRun {
  readonly plan: ProxyPlan;
  readonly samples: ProxySamples | null;
}

/**
 * Bins the model's inputs from fixed rows of the population (the same for any chunking and worker
 * count) and keeps the fit and test samples of the joint model.
 *
 * @example prepareProxies({ specFile: 'spec.yaml', seed: 1, size: 200_000 }, ['income', 'rsa'], ['nationality'])
 */
export function prepareProxies(population: PopulationPlan, inputs: readonly string[], protectedNames: readonly string[]): ProxyRun | null {
  const size = population.size;
  const m = Math.min(Math.floor(size / 2), PROXY_SAMPLE_ROWS);
  const sample = fixedSample(population, m);
  const combinations = protectedNames.reduce((acc, name) => {
    const column = sample.columns.get(name);
    return acc * (column && column.kind === 'categorical' ? column.levels.length : 1);
  }, 1);
  // A model may read one column several times (transforms); each column is one input here.
  const usable = [...new Set(inputs)].filter((name) => !protectedNames.includes(name));
  const plan = planProxies(usable, sample, combinations, size);
  if (plan.inputs.length === 0) return null;
  const slice = (from: number, to: number) => ({
    n: to - from,
    columns: new Map(
      [...sample.columns].map(([name, c]) => [name, c.kind === 'numeric' ? { ...c, values: c.values.subarray(from, to) } : { ...c, codes: c.codes.subarray(from, to) }] as const),
    ),
  });
  const rows = population.dataFile
    ? { train: `${m} rows spread evenly over the file`, test: `${m} other rows spread evenly over the file` }
    : { train: `rows 0–${m - 1}`, test: `rows ${m}–${2 * m - 1}` };
  return { plan, samples: m >= 50 ? { train: slice(0, m), test: slice(m, 2 * m), rows } : null };
}

/**
 * Proxy strength of a finished run from the proxy tables summed over its chunks.
 *
 * @example finishProxies(proxyRun, scored.proxyTables, cells, analysis.references, { alpha: 0.05, seed: 1 })
 */
export function finishProxies(
  run: ProxyRun,
  tables: Float64Array,
  cells: CellCounts,
  references: Readonly<Record<string, { group: string }>>,
  opts: { alpha: number; seed: number },
): { proxies: ProxyStrength[]; warnings: Warning[] } {
  const attributes = cells.attributes.map((a, i) => ({ name: a.name, levels: a.levels, reference: references[a.name]?.group ?? a.levels[0]!, levelOf: groupIndexOf(cells, [i]) }));
  return computeProxies(run.plan, tables, attributes, run.samples, { alpha: opts.alpha, z: zCritical(opts.alpha), bootstrap: { replicates: PROXY_REPLICATES, seed: opts.seed } });
}
