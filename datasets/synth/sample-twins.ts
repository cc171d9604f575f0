import type { PopulationSpec } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { categorical, numeric, type Column, type Table } from '../table/index.js';
import { descendantColumns } from './descendants.js';
import type { ResolvedPopulation } from './resolved-population.js';
import { asResolved, checkInterventions, checkSampling, toTable, type SampleOptions } from './sample-population.js';
import { sampleNodes } from './sample-nodes.js';

/** `direct`: only the attribute changes. `total`: its descendants are redrawn from the same noise. */
export type TwinEffect = 'direct' | 'total';

export interface TwinOptions extends Omit<SampleOptions, 'do'> {
  /** The column intervened on (a categorical level or a number). */
  readonly attribute: string;
  readonly value: string | number;
  readonly effect: TwinEffect;
  /**
   * The already sampled rows [start, start + n) of the same population and seed. Optional: saves
   * drawing the unaffected columns again (they are copied, not recomputed).
   */
  readonly original?: Table | undefined;
}

/**
 * Counterfactual twins of rows [start, start + n): each row under do(attribute = value), with the
 * row's own exogenous noise. The direct effect changes only the attribute's column; the total effect
 * also recomputes its descendants (columns after it in a joint table by quantile coupling, then
 * every variable downstream), leaving every other column identical.
 *
 * A direct twin may break a constraint the population otherwise satisfies (an AAH recipient made
 * non-disabled keeps AAH): that is the direct effect's meaning; `countConstraintViolations` counts them.
 *
 * @example
 * const original = samplePopulation(spec, { seed: 1, n: 65_536 });
 * const twins = sampleTwins(spec, { seed: 1, n: 65_536, attribute: 'nationality', value: 'french', effect: 'total', original });
 */
export function sampleTwins(population: PopulationSpec | ResolvedPopulation, options: TwinOptions): Table {
  const resolved = asResolved(population);
  const core = checkSampling(resolved, options);
  const fixed = checkInterventions(resolved, { [options.attribute]: options.value });
  const original = options.original;
  if (original !== undefined) {
    if (original.n !== core.n) throw new DisparateError('internal', `sampleTwins: original has ${original.n} rows, expected ${core.n}`);
    const missing = resolved.columns.find((c) => !original.columns.has(c));
    if (missing !== undefined) throw new DisparateError('internal', `sampleTwins: original lacks column "${missing}"`);
  }
  if (options.effect === 'direct') {
    const base = original ?? toTable(resolved, sampleNodes(resolved, { ...core, fixed: new Map() }), core.n);
    const columns = new Map(base.columns);
    const old = base.columns.get(options.attribute)!;
    const value = fixed.get(options.attribute)!;
    columns.set(options.attribute, old.kind === 'categorical' ? categorical(old.levels, new Int32Array(core.n).fill(value)) : numeric(new Float64Array(core.n).fill(value)));
    return { n: core.n, columns };
  }
  if (options.effect !== 'total') throw new DisparateError('usage', `effect must be "direct" or "total", got "${String(options.effect)}"`);
  let reuse: { columns: ReadonlyMap<string, Column>; nodes: ReadonlySet<string> } | undefined;
  if (original !== undefined) {
    const { nodes } = descendantColumns(resolved, options.attribute);
    reuse = { columns: original.columns, nodes: new Set(resolved.order.map((x) => x.name).filter((name) => !nodes.has(name))) };
  }
  return toTable(resolved, sampleNodes(resolved, { ...core, fixed, reuse }), core.n);
}
