import type { Column } from '../table/index.js';
import type { EmpiricalNode } from './resolved-population.js';
import { tableOffsets } from './table-offsets.js';

/**
 * Values of an empirical node: the row's uniform picks a bin by inverse CDF, and its position
 * within the bin's share places the value uniformly within the bin (NaN where a parent is missing).
 *
 * @example
 * sampleEmpirical(node, u, cols, n); // Float64Array, before rounding and censoring
 */
export function sampleEmpirical(node: EmpiricalNode, u: Float64Array, cols: Map<string, Column>, n: number): Float64Array {
  const K = node.breaks.length - 1;
  const { cum, breaks } = node;
  const out = new Float64Array(n);
  const offset = node.parents.length === 0 ? null : tableOffsets(node.parents, node.strides, K, cols, n);
  for (let i = 0; i < n; i++) {
    const base = offset === null ? 0 : offset[i]!;
    if (base < 0) {
      out[i] = NaN;
      continue;
    }
    const ui = u[i]!;
    let k = 0;
    while (k < K - 1 && ui >= cum[base + k]!) k++;
    const lo = k === 0 ? 0 : cum[base + k - 1]!;
    const width = cum[base + k]! - lo;
    const frac = width > 0 ? Math.min(1, Math.max(0, (ui - lo) / width)) : 0;
    out[i] = breaks[k]! + (breaks[k + 1]! - breaks[k]!) * frac;
  }
  return out;
}
