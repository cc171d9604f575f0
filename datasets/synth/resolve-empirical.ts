import type { NumericVariable } from '../../harness/config/index.js';
import { streamId } from '../../harness/stats/rng/index.js';
import { probabilityTable } from './probability-table.js';
import type { ResolveContext } from './resolve-context.js';
import type { EmpiricalNode } from './resolved-population.js';

/**
 * Compiles an empirical (histogram) variable: increasing breaks, bin shares as probs or a table
 * per parent combination; undefined when its table cannot be built.
 *
 * @example
 * resolveEmpirical(ctx, 'visits', { type: 'numeric', dist: 'empirical', breaks: [-0.5, 0.5, 1.5], probs: [0.45, 0.55], round: 0 }, 'variables.visits');
 * // { kind: 'empirical', breaks: [-0.5, 0.5, 1.5], cum: [0.45, 1], round: 0, … }
 */
export function resolveEmpirical(ctx: ResolveContext, name: string, v: Extract<NumericVariable, { dist: 'empirical' }>, path: string): EmpiricalNode | undefined {
  const K = v.breaks.length - 1;
  v.breaks.forEach((b, i) => {
    if (i > 0 && !(b > v.breaks[i - 1]!)) ctx.issue(`${path}.breaks.${i}`, `breaks must increase (previous is ${v.breaks[i - 1]})`);
  });
  const t = probabilityTable(ctx, name, v, K, 'bin', path);
  if (!t) return undefined;
  if (v.min !== undefined && v.max !== undefined && v.min > v.max) ctx.issue(`${path}.max`, `must be at least min (${v.min})`);
  return {
    kind: 'empirical',
    name,
    stream: streamId(name),
    parents: t.parents,
    strides: t.strides,
    breaks: Float64Array.from(v.breaks),
    cum: t.cum,
    min: v.min ?? -Infinity,
    max: v.max ?? Infinity,
    round: v.round,
  };
}
