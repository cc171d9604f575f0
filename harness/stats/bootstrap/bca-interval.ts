import { normalCdf, normalQuantile } from '../stdlib-functions.js';
import type { Interval } from '../intervals/interval.js';
import { typeSevenQuantile } from './order-statistic.js';

/** Why a BCa interval cannot be formed from these replicates. */
export type BcaFailure = 'undefined-replicates' | 'degenerate';

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
  // One pass: the finite replicates copied, their range, and how many lie below and on the estimate
  // (counted without a branch: replicates fall on either side of it at random). The two quantiles below
  // are order statistics found by selection, not by sorting the replicates.
  const buffer = new Float64Array(values.length);
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let below = 0;
  let equal = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    buffer[count++] = v;
    if (v < min) min = v;
    if (v > max) max = v;
    below += +(v < estimate);
    equal += +(v === estimate);
  }
  if (count === 0 || count < values.length * (1 - maxUndefined)) return { failure: 'undefined-replicates' };
  if (acceleration === null || !Number.isFinite(estimate) || min === max) return { failure: 'degenerate' };
  const finite = buffer.subarray(0, count);
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
  return { lo: typeSevenQuantile(finite, lo), hi: typeSevenQuantile(finite, hi), method: 'bootstrap-bca' };
}
