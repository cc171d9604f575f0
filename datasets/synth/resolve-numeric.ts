import type { NumericVariable } from '../../harness/config/index.js';
import { streamId } from '../../harness/stats/rng/index.js';
import type { ResolveContext } from './resolve-context.js';
import { resolveLinear, type LinearSpec } from './resolve-linear.js';
import type { NumericDist, NumericNode } from './resolved-population.js';

const PARAM_NAMES: Record<NumericDist, readonly string[]> = {
  normal: ['mean', 'sd'],
  lognormal: ['meanlog', 'sdlog'],
  uniform: ['min', 'max'],
  poisson: ['lambda'],
  beta: ['alpha', 'beta'],
};
const POSITIVE: Record<string, string> = { sd: '> 0', sdlog: '> 0', lambda: '>= 0', alpha: '> 0', beta: '> 0' };

/**
 * Compiles a parametric numeric variable: each parameter a linear predictor of its parents, in the
 * distribution's order. Constant parameters are range-checked here; the node is returned even
 * when problems were reported (the caller stops on any issue).
 *
 * @example
 * resolveNumeric(ctx, 'income', spec.variables.income, 'variables.income').params; // [meanlog, sdlog]
 */
export function resolveNumeric(ctx: ResolveContext, name: string, v: Exclude<NumericVariable, { dist: 'empirical' }>, path: string): NumericNode {
  const { issue } = ctx;
  const parents = new Set<string>();
  const params = PARAM_NAMES[v.dist].map((p) => {
    const value = (v.params as Record<string, LinearSpec>)[p]!;
    if (typeof value === 'number' && POSITIVE[p] && !(POSITIVE[p] === '> 0' ? value > 0 : value >= 0)) {
      issue(`${path}.params.${p}`, `must be ${POSITIVE[p]}, got ${value}`);
    }
    return resolveLinear(ctx, value, `${path}.params.${p}`, parents);
  });
  if (v.dist === 'uniform' && typeof v.params.min === 'number' && typeof v.params.max === 'number' && !(v.params.min < v.params.max)) {
    issue(`${path}.params.max`, `must be greater than params.min (${v.params.min})`);
  }
  if (v.min !== undefined && v.max !== undefined && v.min > v.max) issue(`${path}.max`, `must be at least min (${v.min})`);
  if (parents.has(name)) issue(`${path}.params`, 'a variable cannot depend on itself');
  return {
    kind: 'numeric',
    name,
    stream: streamId(name),
    dist: v.dist,
    params,
    parents: [...parents],
    min: v.min ?? -Infinity,
    max: v.max ?? Infinity,
    round: v.round,
  };
}
