import type { Column } from '../table/index.js';
import type { CategoricalNode } from './resolved-population.js';
import { tableOffsets } from './table-offsets.js';

/**
 * Level codes of a categorical node by inverse CDF: the first level whose cumulative probability
 * exceeds the row's uniform, in the row of its parents' combination (-1 where a parent is missing).
 *
 * @example
 * sampleCategorical(node, u, cols, n); // Int32Array of level codes
 */
export function sampleCategorical(node: CategoricalNode, u: Float64Array, cols: Map<string, Column>, n: number): Int32Array {
  const K = node.levels.length;
  const { cum } = node;
  const codes = new Int32Array(n);
  if (node.parents.length === 0) {
    for (let i = 0; i < n; i++) {
      const ui = u[i]!;
      let k = 0;
      while (k < K - 1 && ui >= cum[k]!) k++;
      codes[i] = k;
    }
    return codes;
  }
  const offset = tableOffsets(node.parents, node.strides, K, cols, n);
  for (let i = 0; i < n; i++) {
    const base = offset[i]!;
    if (base < 0) {
      codes[i] = -1;
      continue;
    }
    const ui = u[i]!;
    let k = 0;
    while (k < K - 1 && ui >= cum[base + k]!) k++;
    codes[i] = k;
  }
  return codes;
}
