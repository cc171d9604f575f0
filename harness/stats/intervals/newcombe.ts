import type { Interval } from './interval.js';
import { wilsonInterval } from './wilson.js';

/**
 * Newcombe's hybrid score interval for a difference of independent proportions p1 − p0
 * (Newcombe 1998, Statistics in Medicine 17:873–890, method 10), built from the two Wilson intervals.
 *
 * @example newcombeInterval(56, 70, 48, 80, z95) // 0.2, ≈ [0.0524, 0.3339] (Newcombe 1998, Table II)
 */
export function newcombeInterval(x1: number, n1: number, x0: number, n0: number, z: number): Interval | null {
  const w1 = wilsonInterval(x1, n1, z);
  const w0 = wilsonInterval(x0, n0, z);
  if (!w1 || !w0) return null;
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const d = p1 - p0;
  return {
    lo: d - Math.sqrt((p1 - w1.lo) ** 2 + (w0.hi - p0) ** 2),
    hi: d + Math.sqrt((w1.hi - p1) ** 2 + (p0 - w0.lo) ** 2),
    method: 'newcombe-hybrid-score',
  };
}
