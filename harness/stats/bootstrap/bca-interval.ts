import { normalCdf, normalQuantile } from '../stdlib-functions.js';
import type { Interval } from '../intervals/interval.js';

/** Why a BCa interval cannot be formed from these replicates. */
export type BcaFailure = 'undefined-replicates' | 'degenerate';

/** Type-7 quantile (R's default) of sorted values. */
function quantile(sorted: Float64Array, prob: number): number {
  const h = (sorted.length - 1) * prob;
  const k = Math.floor(h);
  const lower = sorted[k]!;
  return k + 1 >= sorted.length ? lower : lower + (h - k) * (sorted[k + 1]! - lower);
}

/**
 * Bias-corrected and accelerated bootstrap interval (Efron 1987, JASA 82:171–185): the replicate
 * quantiles at Φ(z₀ + (z₀ + z_q)/(1 − a·(z₀ + z_q))) for q = (1 − level)/2 and 1 − q, with
 * z₀ = Φ⁻¹(share of replicates below the estimate, ties counted half) and the acceleration a from
 * {@link jackknifeAcceleration}. Corrects the percentile interval's bias and skew; it is not defined,
 * and the reason is returned instead, when more than `maxUndefined` of the replicates are undefined,
 * when every replicate is equal or all lie on one side of the estimate (z₀ infinite), or when the
 * acceleration is undefined.
 *
 * @example bcaInterval(replicates, 0.15, 0.01, 0.95) // { lo, hi, method: 'bootstrap-bca' }
 */
export function bcaInterval(
  values: Float64Array,
  estimate: number,
  acceleration: number | null,
  level: number,
  maxUndefined = 0.01,
): Interval | { failure: BcaFailure } {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) count++;
  if (count === 0 || count < values.length * (1 - maxUndefined)) return { failure: 'undefined-replicates' };
  const sorted = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) sorted[j++] = values[i]!;
  sorted.sort();
  if (acceleration === null || !Number.isFinite(estimate) || sorted[0] === sorted[count - 1]) return { failure: 'degenerate' };
  let below = 0;
  let equal = 0;
  for (let i = 0; i < count; i++) {
    if (sorted[i]! < estimate) below++;
    else if (sorted[i] === estimate) equal++;
  }
  const share = (below + equal / 2) / count;
  if (share <= 0 || share >= 1) return { failure: 'degenerate' };
  const z0 = normalQuantile(share, 0, 1);
  const adjusted = (zq: number) => {
    const t = z0 + zq;
    const d = 1 - acceleration * t;
    return d > 0 ? normalCdf(z0 + t / d, 0, 1) : NaN;
  };
  const zq = normalQuantile((1 - level) / 2, 0, 1);
  const lo = adjusted(zq);
  const hi = adjusted(-zq);
  if (!(lo >= 0 && hi <= 1 && lo < hi)) return { failure: 'degenerate' };
  return { lo: quantile(sorted, lo), hi: quantile(sorted, hi), method: 'bootstrap-bca' };
}
