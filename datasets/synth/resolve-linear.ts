import type { ResolveContext } from './resolve-context.js';
import type { ResolvedLinear } from './resolved-population.js';

/** A linear predictor as written: a constant, or a base plus terms (a coefficient, or an amount per level). */
export type LinearSpec = number | { base?: number | undefined; terms?: Record<string, number | Record<string, number>> | undefined };

/**
 * Compiles a linear predictor, adding every parent it reads to `parents`; a term on an unknown
 * variable, or of the wrong shape for its parent, is reported and left out.
 *
 * @example
 * resolveLinear(ctx, { base: 9.95, terms: { disability: { disabled: -0.2 } } }, 'variables.income.params.meanlog', parents);
 * // { base: 9.95, categorical: [{ parent: 'disability', addend: [0, -0.2] }], numeric: [] }
 */
export function resolveLinear(ctx: ResolveContext, value: LinearSpec, path: string, parents: Set<string>): ResolvedLinear {
  if (typeof value === 'number') return { base: value, categorical: [], numeric: [] };
  const categorical: { parent: string; addend: Float64Array }[] = [];
  const numeric: { parent: string; coef: number }[] = [];
  for (const [parent, term] of Object.entries(value.terms ?? {})) {
    const p = `${path}.terms.${parent}`;
    if (!ctx.columnInfo.has(parent)) {
      ctx.issue(p, `unknown variable "${parent}"${ctx.spec.outcome?.name === parent ? ' (the outcome cannot be a parent)' : ''}`);
      continue;
    }
    parents.add(parent);
    const levels = ctx.levelsOfColumn(parent);
    if (levels) {
      if (typeof term === 'number') {
        ctx.issue(p, `"${parent}" is categorical: give an amount per level, e.g. { ${levels[levels.length - 1]}: ${term} }`);
        continue;
      }
      const addend = new Float64Array(levels.length);
      for (const [lv, amount] of Object.entries(term)) {
        const k = levels.indexOf(lv);
        if (k < 0) ctx.issue(`${p}.${lv}`, `"${lv}" is not a level of "${parent}" (levels: ${levels.join(', ')})`);
        else addend[k] = amount;
      }
      categorical.push({ parent, addend });
    } else if (typeof term !== 'number') {
      ctx.issue(p, `"${parent}" is numeric: give one coefficient, not a per-level map`);
    } else {
      numeric.push({ parent, coef: term });
    }
  }
  return { base: value.base ?? 0, categorical, numeric };
}
