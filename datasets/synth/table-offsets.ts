import type { Column } from '../table/index.js';
import { codesOf } from './column-values.js';

/**
 * Row offsets (combination index × K) of a conditional table; -1 where a parent is missing.
 *
 * @example
 * tableOffsets(node.parents, node.strides, node.levels.length, cols, n); // Int32Array into node.cum
 */
export function tableOffsets(parents: readonly string[], strides: readonly number[], K: number, cols: Map<string, Column>, n: number): Int32Array {
  const offset = new Int32Array(n);
  parents.forEach((parent, j) => {
    const pc = codesOf(cols, parent);
    const stride = strides[j]! * K;
    for (let i = 0; i < n; i++) {
      const c = pc[i]!;
      offset[i] = offset[i]! < 0 || c < 0 ? -1 : offset[i]! + c * stride;
    }
  });
  return offset;
}
