import type { PopulationSpec } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { splitSeed } from '../../harness/stats/rng/index.js';
import type { Column, Table } from '../table/index.js';
import { resolvePopulation } from './resolve-population.js';
import { columnLevels, type ResolvedPopulation } from './resolved-population.js';
import { sampleNodes, type NodeSampling } from './sample-nodes.js';

export interface SampleOptions {
  /** Master seed, an integer in [0, 2^53). */
  readonly seed: number;
  /** Number of rows to sample. */
  readonly n: number;
  /** Index of the first row (default 0): rows [start, start + n) are the same whatever the chunking. */
  readonly start?: number;
  /**
   * Rows in the whole population (default start + n). Only populations with an exactly allocated
   * joint table depend on it (their rows are a permutation of [0, size)); they require it whenever
   * start > 0, and every chunk of one population must pass the same value.
   */
  readonly size?: number;
  /**
   * Interventions do(column = value): the column is set for every row and its descendants are
   * recomputed from the same noise, so the result is each row's counterfactual twin (total effect).
   */
  readonly do?: Readonly<Record<string, string | number>>;
}

const resolvedCache = new WeakMap<PopulationSpec, ResolvedPopulation>();

function isResolved(x: PopulationSpec | ResolvedPopulation): x is ResolvedPopulation {
  return 'order' in x && Array.isArray(x.order);
}

/** The compiled form of a spec (cached per spec object), or the resolved population itself. */
export function asResolved(population: PopulationSpec | ResolvedPopulation): ResolvedPopulation {
  if (isResolved(population)) return population;
  let resolved = resolvedCache.get(population);
  if (!resolved) {
    resolved = resolvePopulation(population);
    resolvedCache.set(population, resolved);
  }
  return resolved;
}

/** Validates the row range and seed; returns the sampling core's options. */
export function checkSampling(resolved: ResolvedPopulation, options: SampleOptions): Omit<NodeSampling, 'fixed'> {
  const { seed, n, start = 0 } = options;
  try {
    splitSeed(seed);
  } catch {
    throw new DisparateError('usage', `seed must be an integer in [0, 2^53), got ${seed}`);
  }
  if (!Number.isSafeInteger(n) || n < 0) throw new DisparateError('usage', `size must be a non-negative integer, got ${n}`);
  if (!Number.isSafeInteger(start) || start < 0 || start + n > Number.MAX_SAFE_INTEGER) {
    throw new DisparateError('usage', `start must be a non-negative integer, got ${start}`);
  }
  if (resolved.needsSize && options.size === undefined && start > 0) {
    throw new DisparateError('usage', `population "${resolved.spec.name}" allocates a joint table exactly: pass size (the whole population's row count) with every chunk`);
  }
  const size = options.size ?? start + n;
  if (!Number.isSafeInteger(size) || size < start + n) throw new DisparateError('usage', `size ${size} must be an integer covering rows [${start}, ${start + n})`);
  if (resolved.needsSize && size > 2 ** 32) throw new DisparateError('usage', `population "${resolved.spec.name}": exact joint allocation supports at most 2^32 rows, got ${size}`);
  return { seed, n, start, size };
}

/** do() values as codes (categorical) or numbers, keyed by column; a usage error for unknown columns or levels. */
export function checkInterventions(resolved: ResolvedPopulation, interventions: Readonly<Record<string, string | number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, value] of Object.entries(interventions)) {
    const node = resolved.nodes.get(name);
    if (!node) throw new DisparateError('usage', `do(${name} = ${value}): no variable "${name}"`);
    const levels = columnLevels(node, name);
    if (levels) {
      const code = levels.indexOf(String(value));
      if (code < 0) throw new DisparateError('usage', `do(${name} = ${value}): not a level of "${name}" (levels: ${levels.join(', ')})`);
      out.set(name, code);
    } else {
      if (typeof value !== 'number') throw new DisparateError('usage', `do(${name} = ${value}): "${name}" is numeric, give a number`);
      out.set(name, value);
    }
  }
  return out;
}

/** Columns of a sample in the population's column order. */
export function toTable(resolved: ResolvedPopulation, cols: ReadonlyMap<string, Column>, n: number): Table {
  const columns = new Map<string, Column>();
  for (const name of resolved.columns) columns.set(name, cols.get(name)!);
  return { n, columns };
}

/**
 * Samples rows [start, start + n) of a population. Row i's values depend only on (seed, variable
 * name, i): one Philox uniform per (variable, row), turned into a value by inverse CDF (normal
 * quantile: AS 241, see `harness/stats/rng/normal-quantile.ts`). An exactly allocated joint table
 * instead cuts a counter-based permutation of [0, size) at its cumulative counts.
 *
 * @example
 * const table = samplePopulation(spec, { seed: 1, n: 200_000 });
 * const chunk = samplePopulation(spec, { seed: 1, n: 1000, start: 5000, size: 200_000 }); // rows 5000..5999 of the same population
 */
export function samplePopulation(population: PopulationSpec | ResolvedPopulation, options: SampleOptions): Table {
  const resolved = asResolved(population);
  const core = checkSampling(resolved, options);
  const fixed = checkInterventions(resolved, options.do ?? {});
  return toTable(resolved, sampleNodes(resolved, { ...core, fixed }), core.n);
}
