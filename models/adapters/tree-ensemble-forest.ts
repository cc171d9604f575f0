import { completeForest } from './complete-forest.js';
import type { TreeEnsemble } from './tree-ensemble.js';
import type { Forest } from './xgboost-forest.js';

const bits = new Float32Array(1);
const word = new Int32Array(bits.buffer);

/** The next float32 above a finite float32 t (x ≤ t ⟺ x < nextUp(t) for every float32 x). */
function nextUp(t: number): number {
  if (t === 0) return 1.401298464324817e-45;
  bits[0] = t;
  word[0]! += t > 0 ? 1 : -1;
  return bits[0]!;
}

/**
 * A one-column ensemble whose every branch is an order test (LEQ, LT, GTE, GT on a non-NaN threshold)
 * as the XGBoost-style forest the fast walks read (walk-complete.ts, walk-general.ts): left when
 * x < threshold, right when x ≥ threshold, the default direction for NaN. x ≤ t becomes x < nextUp(t),
 * exact in float32; a GTE or GT test swaps the branches. Null when a branch cannot be written so
 * (EQ, NEQ, a NaN threshold, x ≤ +∞).
 *
 * @example ltForest(ensemble, 40)?.complete?.depth // 6 for trees of depth 6
 */
export function ltForest(e: Omit<TreeEnsemble, 'forest'>, width: number): Forest | null {
  const n = e.feature.length;
  const threshold = new Float32Array(n);
  const children = new Int32Array(2 * n);
  const defaultLeft = new Uint8Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (e.feature[i]! < 0) {
      value[i] = e.weightValue[e.weightStart[i]!]!;
      continue;
    }
    const t = e.threshold[i]!;
    const mode = e.mode[i]!; // LEQ 0, LT 1, GTE 2, GT 3
    if (mode > 3 || Number.isNaN(t) || ((mode === 0 || mode === 3) && t === Infinity)) return null;
    threshold[i] = mode === 0 || mode === 3 ? nextUp(t) : t;
    const swap = mode >= 2;
    children[2 * i] = e.children[2 * i + (swap ? 1 : 0)]!;
    children[2 * i + 1] = e.children[2 * i + (swap ? 0 : 1)]!;
    // NaN goes to the true branch when the node says so, else to the false one.
    defaultLeft[i] = e.missingTrue[i]! === (swap ? 0 : 1) ? 1 : 0;
  }
  const forest = { features: width, featureNames: null, objective: 'onnx', baseMargin: 0, roots: e.roots, feature: e.feature, threshold, children, defaultLeft, value };
  return { ...forest, complete: completeForest(forest) };
}
