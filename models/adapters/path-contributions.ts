import type { Forest } from './xgboost-forest.js';

/**
 * Path contributions (Saabas; XGBoost's `pred_contribs` with `approx_contribs=True`) of one row in
 * margin space: per feature, the sum over trees of the change in the node's mean value along the
 * row's path. `bias` (base margin + the trees' root means) plus all contributions equals the margin.
 *
 * @example
 * const { bias, contributions } = pathContributions(forest, x, width); // bias + Σ contributions = margin of row 0
 */
export function pathContributions(forest: Forest, x: Float32Array, width: number, row = 0): { bias: number; contributions: Float64Array } {
  const contributions = new Float64Array(width);
  let bias = forest.baseMargin;
  const { roots, feature, threshold, children, defaultLeft, value } = forest;
  for (let t = 0; t < roots.length; t++) {
    let i = roots[t]!;
    bias += value[i]!;
    while (feature[i]! >= 0) {
      const f = feature[i]!;
      const v = x[row * width + f]!;
      const c = threshold[i]!;
      const next = v < c ? children[2 * i]! : v >= c ? children[2 * i + 1]! : children[2 * i + 1 - defaultLeft[i]!]!;
      contributions[f]! += value[next]! - value[i]!;
      i = next;
    }
  }
  return { bias, contributions };
}
