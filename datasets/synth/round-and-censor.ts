import type { EmpiricalNode, NumericNode } from './resolved-population.js';

/**
 * Rounding, then censoring to [min, max], in place; returns `out`.
 *
 * @example
 * roundAndCensor({ round: -2, min: 0, max: Infinity } as NumericNode, Float64Array.of(1234, -550)); // [1200, 0]
 */
export function roundAndCensor(node: NumericNode | EmpiricalNode, out: Float64Array): Float64Array {
  const n = out.length;
  const { min, max, round } = node;
  if (round !== undefined) {
    if (round >= 0) {
      const f = 10 ** round;
      for (let i = 0; i < n; i++) out[i] = Math.round(out[i]! * f) / f;
    } else {
      const g = 10 ** -round;
      for (let i = 0; i < n; i++) out[i] = Math.round(out[i]! / g) * g;
    }
  }
  if (min > -Infinity || max < Infinity) {
    for (let i = 0; i < n; i++) {
      const v = out[i]!;
      out[i] = v < min ? min : v > max ? max : v;
    }
  }
  return out;
}
