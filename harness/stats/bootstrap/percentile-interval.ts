import type { Interval } from '../intervals/interval.js';
import { typeSevenQuantile } from './order-statistic.js';

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
  const q = (prob: number) => typeSevenQuantile(finite, prob);
  const tail = (1 - level) / 2;
  return { lo: q(tail), hi: q(1 - tail), method: 'bootstrap-percentile' };
}
