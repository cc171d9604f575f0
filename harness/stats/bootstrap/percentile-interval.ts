import type { Interval } from '../intervals/interval.js';

/** In-place quickselect (Hoare partition): after it, a[k] holds the k-th smallest of a[lo..hi]. */
function select(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** Smallest value of a[from..] (after a selection, the next order statistic sits there). */
function minFrom(a: Float64Array, from: number): number {
  let m = Infinity;
  for (let i = from; i < a.length; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

/**
 * Percentile bootstrap interval: the α/2 and 1 − α/2 quantiles of the replicate values (type-7
 * linear interpolation, as R's default). Non-finite replicates (a statistic undefined in that
 * resample) are dropped; null when more than `maxUndefined` of them are, since the interval would then
 * describe a conditional distribution. Linear time (selection, not sorting).
 *
 * @example percentileInterval(Float64Array.from([1, 2, 3, 4, 5]), 0.5) // [2, 4]
 */
export function percentileInterval(values: Float64Array, level: number, maxUndefined = 0.01): Interval | null {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) count++;
  const finite = count === values.length ? values.slice() : new Float64Array(count);
  if (count !== values.length) {
    let j = 0;
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) finite[j++] = values[i]!;
  }
  if (finite.length === 0 || finite.length < values.length * (1 - maxUndefined)) return null;
  const q = (prob: number) => {
    const h = (finite.length - 1) * prob;
    const k = Math.floor(h);
    const lower = select(finite, k);
    if (k + 1 >= finite.length || h === k) return lower;
    return lower + (h - k) * (minFrom(finite, k + 1) - lower);
  };
  const tail = (1 - level) / 2;
  return { lo: q(tail), hi: q(1 - tail), method: 'bootstrap-percentile' };
}
