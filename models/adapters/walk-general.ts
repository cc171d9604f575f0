import { ROW_BLOCK } from './row-block.js';
import type { Forest } from './xgboost-forest.js';

/**
 * The general walk over child pointers, with default directions for missing values: adds each
 * tree's leaf to `out[r]` for the first `count` rows r of `rows`.
 *
 * @example
 * walkGeneral(forest, x, width, rows, count, out);
 */
export function walkGeneral(forest: Forest, x: Float32Array, width: number, rows: Int32Array, count: number, out: Float32Array): void {
  const { roots, feature, threshold, children, defaultLeft, value } = forest;
  for (let b = 0; b < count; b += ROW_BLOCK) {
    const e = Math.min(count, b + ROW_BLOCK);
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t]!;
      for (let k = b; k < e; k++) {
        const r = rows[k]!;
        const row = r * width;
        let i = root;
        let f = feature[i]!;
        while (f >= 0) {
          const v = x[row + f]!;
          const th = threshold[i]!;
          i = v < th ? children[2 * i]! : v >= th ? children[2 * i + 1]! : children[2 * i + 1 - defaultLeft[i]!]!;
          f = feature[i]!;
        }
        out[r]! += value[i]!;
      }
    }
  }
}
