import { zCritical } from '../stats/index.js';
import type { Limits } from './claim-p-value.js';

/**
 * An interval reported at one level, carried to any critical value z by a normal approximation:
 * on the log scale for a ratio (positive limits), on the natural scale otherwise. For checks whose
 * interval cannot be recomputed from counts (figures derived from samples, read from a results
 * file); the method is named "rescaled" beside the original one.
 *
 * @example rescaledInterval([1.5, 2.5], 0.95, 'ratio')(1.96) // { lo: 1.5, hi: 2.5 }
 */
export function rescaledInterval(ci: readonly [number, number] | null, level: number, variant: 'ratio' | 'difference' | 'rate', lowerBound?: number): (z: number) => Limits | null {
  if (!(level > 0 && level < 1)) return () => null;
  if (ci === null) {
    // An unbounded ratio keeps its lower limit at the recorded level and stricter ones only as far as
    // it is known: at a looser level it stays a (conservative) lower limit; at a stricter one nothing
    // can be said without the counts.
    if (variant !== 'ratio' || lowerBound === undefined) return () => null;
    const z0 = zCritical(1 - level);
    return (z) => (z <= z0 ? { lo: lowerBound, hi: Infinity } : null);
  }
  const z0 = zCritical(1 - level);
  const log = variant === 'ratio' && ci[0] > 0 && ci[1] > 0;
  const [a, b] = log ? [Math.log(ci[0]), Math.log(ci[1])] : [ci[0], ci[1]];
  const centre = (a + b) / 2;
  const se = (b - a) / 2 / z0;
  // Limits stay inside what the metric can take: a rate in [0, 1], a ratio at or above 0.
  const floor = variant === 'difference' ? -Infinity : 0;
  const ceiling = variant === 'rate' ? 1 : Infinity;
  return (z) => {
    const [lo, hi] = [centre - z * se, centre + z * se];
    return log ? { lo: Math.exp(lo), hi: Math.exp(hi) } : { lo: Math.max(floor, lo), hi: Math.min(ceiling, hi) };
  };
}
