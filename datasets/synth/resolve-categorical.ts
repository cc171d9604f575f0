import type { CategoricalVariable } from '../../harness/config/index.js';
import { streamId } from '../../harness/stats/rng/index.js';
import { checkLevels } from './check-levels.js';
import { probabilityTable } from './probability-table.js';
import type { ResolveContext } from './resolve-context.js';
import type { CategoricalNode } from './resolved-population.js';

/**
 * Compiles a categorical variable (distinct levels, probs or a table per parent combination);
 * undefined when its table cannot be built. Raking comes later, once the order is known.
 *
 * @example
 * resolveCategorical(ctx, 'disability', { type: 'categorical', levels: ['none', 'disabled'], probs: [0.91, 0.09] }, 'variables.disability');
 * // { kind: 'categorical', parents: [], cum: [0.91, 1], … }
 */
export function resolveCategorical(ctx: ResolveContext, name: string, v: CategoricalVariable, path: string): CategoricalNode | undefined {
  const K = v.levels.length;
  checkLevels(ctx.issue, v.levels, `${path}.levels`);
  const t = probabilityTable(ctx, name, v, K, 'level', path);
  if (!t) return undefined;
  return { kind: 'categorical', name, stream: streamId(name), levels: v.levels, parents: t.parents, strides: t.strides, cum: t.cum };
}
