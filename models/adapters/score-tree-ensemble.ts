import { predictMargins } from './predict-margins.js';
import type { TreeEnsemble } from './tree-ensemble.js';

const f = Math.fround;

/** onnxruntime's logistic (ml_common.h), step by step in float32. */
export function logistic(v: number): number {
  const p = f(1 / f(1 + f(Math.exp(-Math.abs(v)))));
  return v < 0 ? f(1 - p) : p;
}

/** onnxruntime's write_scores for two or more columns: the post transform applied in place. */
function transform(post: TreeEnsemble['post'], s: Float64Array): void {
  const k = s.length;
  if (post === 'LOGISTIC') for (let j = 0; j < k; j++) s[j] = logistic(s[j]!);
  else if (post === 'SOFTMAX' || post === 'SOFTMAX_ZERO') {
    let max = -3.4028234663852886e38;
    for (let j = 0; j < k; j++) if (s[j]! > max) max = s[j]!;
    const zero = post === 'SOFTMAX_ZERO';
    const scale = f(Math.exp(-max));
    let sum = 0;
    for (let j = 0; j < k; j++) {
      // SOFTMAX_ZERO leaves a zero score at zero (scaled, not exponentiated) and out of the sum.
      if (zero && s[j]! <= 1e-7 && s[j]! >= -1e-7) s[j] = f(s[j]! * scale);
      else {
        s[j] = f(Math.exp(f(s[j]! - max)));
        sum = f(sum + s[j]!);
      }
    }
    for (let j = 0; j < k; j++) s[j] = f(s[j]! / sum);
  }
}

/** The output row of a one-column ensemble (regressor of one target, binary classifier weighing class 0) from its summed score. */
function finishSingle(e: TreeEnsemble, sum: number, out: Float64Array): void {
  let s = e.aggregate === 'AVERAGE' ? f(sum / e.roots.length) : sum;
  if (e.base.length === 1) s = f(s + e.base[0]!);
  if (e.op === 'TreeEnsembleRegressor') {
    // One target: onnxruntime applies PROBIT (never compiled) and no other post transform.
    out[0] = s;
    return;
  }
  if (e.binary === 'positive') {
    out[0] = f(1 - s);
    out[1] = s;
  } else if (e.post === 'LOGISTIC') {
    out[0] = logistic(-s);
    out[1] = logistic(s);
  } else {
    out[0] = -s;
    out[1] = s;
  }
}

/** The output row from per-column scores (`has`: a weight reached the column), as onnxruntime finalises them. */
function finishColumns(e: TreeEnsemble, s: Float64Array, has: Uint8Array, out: Float64Array): void {
  for (let j = 0; j < e.columns; j++) {
    let v = s[j]!;
    if (e.aggregate === 'AVERAGE') v = f(v / e.roots.length);
    // A regressor's target no leaf weighed stays 0, base value or not.
    out[j] = e.base.length > 0 && (has[j] || e.op === 'TreeEnsembleClassifier') ? f(v + e.base[j]!) : has[j] ? v : 0;
  }
  transform(e.post, out);
}

/** Adds (or MIN/MAX-combines) each tree's leaf weights for the row at `row`, with each node's test as onnxruntime makes it. */
function walkRow(e: TreeEnsemble, x: Float32Array, row: number, s: Float64Array, has: Uint8Array): void {
  const { roots, feature, threshold, mode, missingTrue, children, weightStart, weightCount, weightColumn, weightValue, aggregate } = e;
  s.fill(0);
  has.fill(0);
  for (let t = 0; t < roots.length; t++) {
    let i = roots[t]!;
    while (feature[i]! >= 0) {
      const v = x[row + feature[i]!]!;
      const th = threshold[i]!;
      const m = mode[i]!;
      const test = m === 0 ? v <= th : m === 1 ? v < th : m === 2 ? v >= th : m === 3 ? v > th : m === 4 ? v === th : v !== th;
      i = test || (missingTrue[i] === 1 && v !== v) ? children[2 * i]! : children[2 * i + 1]!;
    }
    for (let k = weightStart[i]!, end = k + weightCount[i]!; k < end; k++) {
      const c = weightColumn[k]!;
      const w = weightValue[k]!;
      if (aggregate === 'MIN') s[c] = !has[c] || w < s[c]! ? w : s[c]!;
      else if (aggregate === 'MAX') s[c] = !has[c] || w > s[c]! ? w : s[c]!;
      else s[c] = f(s[c]! + w);
      has[c] = 1;
    }
  }
}

/**
 * Column `column` of the ensemble's scores (a regressor's targets, a classifier's probabilities) for
 * `n` rows of a row-major float32 feature matrix, as onnxruntime 1.23 computes them: each node's test
 * in float32 (NaN takes the true branch only where missing_value_tracks_true says so), the trees'
 * weights added in float32 in tree order, then base values, then the post transform, with its
 * conventions for a binary classifier (one weight column answers [1 − p, p] when no weight is
 * negative, [σ(−m), σ(m)] under LOGISTIC, else [−m, m]). A one-column sum of order tests walks the
 * forest fast (predict-margins.ts), every other ensemble one row and one node at a time.
 *
 * @example scoreTreeEnsemble(ensemble, x, rows, 40, 1) // positive-class probabilities
 */
export function scoreTreeEnsemble(e: TreeEnsemble, x: Float32Array, n: number, width: number, column: number): Float32Array {
  const out = new Float32Array(n);
  const row = new Float64Array(e.width);
  if (e.forest) {
    const sums = predictMargins(e.forest, x, n, width);
    for (let r = 0; r < n; r++) {
      finishSingle(e, sums[r]!, row);
      out[r] = row[column]!;
    }
    return out;
  }
  const s = new Float64Array(e.columns);
  const has = new Uint8Array(e.columns);
  for (let r = 0; r < n; r++) {
    walkRow(e, x, r * width, s, has);
    if (e.op === 'TreeEnsembleRegressor' ? e.columns === 1 : e.binary !== null) finishSingle(e, s[0]!, row);
    else finishColumns(e, s, has, row);
    out[r] = row[column]!;
  }
  return out;
}
