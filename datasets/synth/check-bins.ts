import { checkLevels } from './check-levels.js';
import type { ResolveContext } from './resolve-context.js';

/**
 * Checks a derived variable's bins (distinct levels, a max on every bin but the last, increasing
 * bounds) and returns the exclusive upper bounds of all bins but the last.
 *
 * @example
 * checkBins(ctx, ['low', 'mid', 'high'], [{ max: 12000 }, { max: 30000 }, {}], 'variables.income_band'); // [12000, 30000]
 */
export function checkBins(ctx: ResolveContext, levels: readonly string[], bins: readonly { max?: number | undefined }[], path: string): Float64Array {
  const { issue } = ctx;
  checkLevels((p, message) => issue(`${p}.level`, message), levels, `${path}.bins`);
  const bounds = new Float64Array(bins.length - 1);
  bins.forEach((b, i) => {
    const last = i === bins.length - 1;
    if (last && b.max !== undefined) issue(`${path}.bins.${i}.max`, 'the last bin takes every remaining value: remove its max');
    if (!last && b.max === undefined) issue(`${path}.bins.${i}.max`, 'every bin but the last needs a max');
    if (!last && b.max !== undefined) {
      if (i > 0 && !(b.max > bounds[i - 1]!)) issue(`${path}.bins.${i}.max`, `bounds must increase (previous is ${bounds[i - 1]})`);
      bounds[i] = b.max;
    }
  });
  return bounds;
}
