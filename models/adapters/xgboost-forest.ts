import type { CompleteForest } from './complete-forest.js';

/**
 * An XGBoost gbtree ensemble flattened into typed arrays: all trees' nodes end to end, children as
 * absolute node indices, a leaf marked by `feature = -1`. Thresholds and leaf values are float32, as
 * in XGBoost, and a feature goes left when `value < threshold`, right when `value ≥ threshold`, and
 * the node's default direction when missing (NaN). Read by `parseXgboostForest`, scored by
 * `predictMargins` and explained by `pathContributions`.
 */
export interface Forest {
  readonly features: number;
  readonly featureNames: readonly string[] | null;
  readonly objective: string;
  /** Base margin: the objective's ProbToMargin(base_score), float32. */
  readonly baseMargin: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  /** left child at 2i, right child at 2i + 1. */
  readonly children: Int32Array;
  readonly defaultLeft: Uint8Array;
  /** Leaf value (leaves); cover-weighted mean of the leaves below (internal nodes), for path contributions. */
  readonly value: Float64Array;
  /** The same trees padded to complete binary trees of `depth` levels, when depth ≤ `MAX_COMPLETE_DEPTH` (complete-forest.ts). */
  readonly complete: CompleteForest | null;
}

/** Objectives whose margin is a logit (binary:logitraw outputs the margin itself). */
export const LOGISTIC = new Set(['binary:logistic', 'reg:logistic', 'binary:logitraw']);
/** Objectives whose prediction is the margin. */
export const IDENTITY = new Set(['reg:squarederror', 'reg:linear', 'reg:pseudohubererror', 'reg:absoluteerror']);

/**
 * Whether the objective's prediction is σ(margin).
 *
 * @example
 * isLogistic(parseXgboostForest(raw, 'model.json')); // true for binary:logistic
 */
export function isLogistic(forest: Forest): boolean {
  return forest.objective !== 'binary:logitraw' && LOGISTIC.has(forest.objective);
}
