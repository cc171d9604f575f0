/** AUC of a binned score with its DeLong variance. */
export interface BinnedAuc {
  readonly auc: number;
  /** DeLong variance of the AUC; NaN when fewer than two positives or two negatives. */
  readonly variance: number;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * AUC = P(score of a positive > score of a negative) + ½ P(same bin), from per-bin counts of
 * positives and negatives (bins in ascending score order; rows in one bin count as ties), with
 * the DeLong, DeLong & Clarke-Pearson (1988) variance. Ties make the structural components exact
 * per bin: V10(bin) = (negatives below + ½ negatives in the bin) / N, V01(bin) = (positives above
 * + ½ positives in the bin) / P, and var = S10 / P + S01 / N with S the sample variances of the
 * components. Null when there are no positives or no negatives.
 *
 * `stride` and `offset` read interleaved arrays (e.g. stride 3: positive, negative, unlabelled).
 *
 * @example binnedAuc([0, 1, 2], [2, 1, 0]) // auc 0.8333 (Hanley & McNeil 1982 style 3-bin table)
 */
export function binnedAuc(
  positives: ArrayLike<number>,
  negatives: ArrayLike<number>,
  bins = positives.length,
  stride = 1,
  posOffset = 0,
  negOffset = 0,
): BinnedAuc | null {
  let P = 0;
  let N = 0;
  for (let b = 0; b < bins; b++) {
    P += positives[b * stride + posOffset]!;
    N += negatives[b * stride + negOffset]!;
  }
  if (P <= 0 || N <= 0) return null;
  // AUC: Σ_b pos_b × (neg below + ½ neg_b).
  let below = 0;
  let sum = 0;
  for (let b = 0; b < bins; b++) {
    const p = positives[b * stride + posOffset]!;
    const q = negatives[b * stride + negOffset]!;
    sum += p * (below + q / 2);
    below += q;
  }
  const auc = sum / (P * N);
  if (P < 2 || N < 2) return { auc, variance: NaN, positives: P, negatives: N };
  let s10 = 0;
  let s01 = 0;
  below = 0;
  let aboveP = P;
  for (let b = 0; b < bins; b++) {
    const p = positives[b * stride + posOffset]!;
    const q = negatives[b * stride + negOffset]!;
    aboveP -= p;
    const v10 = (below + q / 2) / N;
    const v01 = (aboveP + p / 2) / P;
    s10 += p * (v10 - auc) ** 2;
    s01 += q * (v01 - auc) ** 2;
    below += q;
  }
  return { auc, variance: s10 / (P - 1) / P + s01 / (N - 1) / N, positives: P, negatives: N };
}

/**
 * Interval for an AUC on the logit scale (keeps it inside (0, 1)): logit(A) ± z·SE / (A(1 − A)).
 * Null when the variance is undefined or A is 0 or 1.
 */
export function aucInterval(a: BinnedAuc, z: number): { lo: number; hi: number } | null {
  if (!(a.variance > 0) || a.auc <= 0 || a.auc >= 1) return null;
  const logit = Math.log(a.auc / (1 - a.auc));
  const se = Math.sqrt(a.variance) / (a.auc * (1 - a.auc));
  const inv = (x: number) => 1 / (1 + Math.exp(-x));
  return { lo: inv(logit - z * se), hi: inv(logit + z * se) };
}
