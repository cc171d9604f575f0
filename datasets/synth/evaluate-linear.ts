import type { Column } from '../table/index.js';
import { codesOf, numericValues } from './column-values.js';
import type { ResolvedLinear } from './resolved-population.js';

/**
 * Evaluates a linear predictor: a number when it has no terms, else one value per row (NaN where a
 * categorical parent is missing).
 *
 * @example
 * evaluateLinear(node.params[0]!, cols, n); // meanlog per row
 */
export function evaluateLinear(lin: ResolvedLinear, cols: Map<string, Column>, n: number): number | Float64Array {
  if (lin.categorical.length === 0 && lin.numeric.length === 0) return lin.base;
  const out = new Float64Array(n).fill(lin.base);
  for (const { parent, addend } of lin.categorical) {
    const codes = codesOf(cols, parent);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      out[i]! += c < 0 ? NaN : addend[c]!;
    }
  }
  for (const { parent, coef } of lin.numeric) {
    const x = numericValues(cols, parent);
    for (let i = 0; i < n; i++) out[i]! += coef * x[i]!;
  }
  return out;
}

/**
 * Row i of an evaluated predictor, constant or per row.
 *
 * @example
 * at(0.5, 7); // 0.5
 */
export const at = (p: number | Float64Array, i: number): number => (typeof p === 'number' ? p : p[i]!);
