import { intervalVerdict, normalQuantile } from '../stats/index.js';

/** An interval whose upper limit may be unbounded (a ratio whose reference count is 0). */
export interface Limits {
  readonly lo: number;
  readonly hi: number;
}

/** What a check can claim: its disparity lies outside the tolerance (fail) or inside it (pass). */
export type Claim = 'fail' | 'pass';

/** Whether the limits lie wholly outside the bounds (a fail), wholly inside (a pass), or neither. */
export function claimOf(limits: Limits | null, bounds: readonly [number, number]): Claim | null {
  const v = intervalVerdict(limits, { lower: bounds[0], upper: bounds[1] });
  return v === 'inconclusive' ? null : v;
}

// Search range of the two-sided error t: below 1e-16 a p-value says nothing more; at t → 1 some
// interval methods degenerate (z → 0).
const T_MIN = 1e-16;
const T_MAX = 0.999;
const STEPS = 48;

/** Two-sided critical value for error t, accurate for tiny t (1 − t/2 would round to 1 below 1e-16). */
const zOf = (t: number): number => -normalQuantile(t / 2, 0, 1);

/**
 * The p-value of a check's claim, by inverting its own interval: the smallest two-sided error t at
 * which the interval at confidence 1 − t lies wholly outside the bounds (for `fail`) or wholly
 * inside (for `pass`). Rejecting at α is then exactly "the 1 − α interval lies outside (inside) the
 * tolerance", so a p-value and an interval can never disagree. 1 when no level supports the claim;
 * 1e-16 is the smallest value reported. Intervals are nested in t (every method used is a score,
 * exact or Wald interval), so bisection on log t finds the boundary.
 *
 * @example claimPValue((z) => ({ lo: 1.6 - 0.1 * z, hi: 1.6 + 0.1 * z }), [0.8, 1.25], 'fail') // ≈ 4.6e-4
 */
export function claimPValue(intervalAt: (z: number) => Limits | null, bounds: readonly [number, number], claim: Claim): number {
  const holds = (t: number): boolean => claimOf(intervalAt(zOf(t)), bounds) === claim;
  if (!holds(T_MAX)) return 1;
  if (holds(T_MIN)) return T_MIN;
  let lo = Math.log(T_MIN);
  let hi = Math.log(T_MAX);
  for (let i = 0; i < STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (holds(Math.exp(mid))) hi = mid;
    else lo = mid;
  }
  return Math.exp(hi);
}
