import { walkComplete } from './walk-complete.js';
import { walkGeneral } from './walk-general.js';
import type { Forest } from './xgboost-forest.js';

/**
 * Margins of `n` rows of a row-major float32 feature matrix. Rows go in blocks, trees outer, so one
 * tree's nodes stay in cache over a block; each row's sum starts at the base margin and adds the
 * trees in order in float32, as XGBoost's CPU predictor does, so results match it bit for bit.
 * Rows without a missing value take the complete-tree walk (no NaN test); others the general one.
 *
 * @example
 * predictMargins(forest, Float32Array.of(0.5, 1, NaN), 1, 3); // Float32Array of one margin
 */
export function predictMargins(forest: Forest, x: Float32Array, n: number, width: number): Float32Array {
  const out = new Float32Array(n).fill(forest.baseMargin);
  const c = forest.complete;
  // Rows with a missing value take the general walk (NaN follows default directions).
  const complete = new Int32Array(n);
  const general = new Int32Array(n);
  let nc = 0;
  let ng = 0;
  for (let r = 0; r < n; r++) {
    let missing = c === null;
    const row = r * width;
    for (let j = 0; j < width && !missing; j++) missing = x[row + j] !== x[row + j];
    if (missing) general[ng++] = r;
    else complete[nc++] = r;
  }
  if (c) walkComplete(c, forest.roots.length, x, width, complete, nc, out);
  walkGeneral(forest, x, width, general, ng, out);
  return out;
}
