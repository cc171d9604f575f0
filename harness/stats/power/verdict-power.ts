import type { Interval } from '../intervals/interval.js';
import { ratioInterval, smallCountAt } from '../small-sample.js';
import { binomialMass } from './binomial-mass.js';
import type { RatioBounds } from './ratio-verdict.js';

/** Where the interval must lie: wholly above the upper bound or below the lower (a fail), or wholly inside (a pass). */
export type VerdictTarget = 'above' | 'below' | 'inside';

export interface VerdictPowerInput {
  /** Rows of the group and of the reference group. */
  readonly n1: number;
  readonly n0: number;
  /** True adverse rates of the group and of the reference group. */
  readonly p1: number;
  readonly p0: number;
  /** Critical value of the interval, Φ⁻¹(1 − α/(2m)) for a family of m rows. */
  readonly z: number;
  readonly bounds: RatioBounds;
  readonly target: VerdictTarget;
}

/** Largest x in [a, b] where `ok` holds, `ok` being true on a prefix of [a, b]; a − 1 when nowhere. */
function prefixEnd(a: number, b: number, ok: (x: number) => boolean): number {
  if (!ok(a)) return a - 1;
  if (ok(b)) return b;
  let lo = a;
  let hi = b;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Smallest x in [a, b] where `ok` holds, `ok` being true on a suffix of [a, b]; b + 1 when nowhere. */
function suffixStart(a: number, b: number, ok: (x: number) => boolean): number {
  if (!ok(b)) return b + 1;
  if (ok(a)) return a;
  let lo = a;
  let hi = b;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function hits(ci: Interval | null, bounds: RatioBounds, target: VerdictTarget): boolean {
  if (ci === null) return false;
  if (target === 'above') return ci.lo > bounds.upper;
  if (target === 'below') return ci.hi < bounds.lower;
  return ci.lo >= bounds.lower && ci.hi <= bounds.upper;
}

/**
 * Exact probability that a selection-rate-ratio check reaches a verdict (its interval wholly above,
 * below or inside the tolerance) when the group's count is Binomial(n1, p1) and the reference's
 * Binomial(n0, p0), independent: Σ over x1 of P(x1) · P(x0 in the verdict set | x1).
 *
 * For a fixed x1 both limits of the interval fall as x0 rises, so "lower limit above U" holds on a
 * run of small x0, "upper limit below L" on a run of large x0 and "inside" on a run between: each run's
 * ends are found by bisection with a few interval evaluations. That monotonicity holds for the Katz
 * limits when min(x0, n0 − x0) ≥ z²/2 (the derivative of the lower log limit in x0 is
 * (z/(2·se·x0) − 1)/x0, and se·x0 ≥ √(x0(n0 − x0)/n0)); below that, and wherever the MOVER interval
 * is used (a count under 5), every x0 is evaluated. Counts holding all but about 1e-12 of the
 * probability are summed.
 *
 * @example verdictPower({ n1: 3562, n0: 32059, p1: 0.075, p0: 0.05, z: 1.96, bounds: { lower: 0.8, upper: 1.25 }, target: 'above' }) // 0.8001
 */
export function verdictPower(input: VerdictPowerInput): number {
  const { n1, n0, p1, p0, z, bounds, target } = input;
  const mass1 = binomialMass(n1, p1);
  const mass0 = binomialMass(n0, p0);
  const a0 = mass0.from;
  const b0 = mass0.from + mass0.pmf.length - 1;
  const massOf = (from: number, to: number) => (from > to ? 0 : mass0.cumulative[to - a0 + 1]! - mass0.cumulative[from - a0]!);
  const edge = Math.max(smallCountAt(z), Math.ceil((z * z) / 2));
  const midFrom = Math.max(a0, edge);
  const midTo = Math.min(b0, n0 - edge);
  let total = 0;
  for (let i = 0; i < mass1.pmf.length; i++) {
    const x1 = mass1.from + i;
    const cache = new Map<number, Interval | null>();
    const ci = (x0: number) => {
      let v = cache.get(x0);
      if (v === undefined) cache.set(x0, (v = ratioInterval(x1, n1, x0, n0, z)));
      return v;
    };
    let p = 0;
    const enumerate = (from: number, to: number) => {
      for (let x0 = from; x0 <= to; x0++) if (hits(ci(x0), bounds, target)) p += mass0.pmf[x0 - a0]!;
    };
    // Small-count limits (MOVER) are not proven monotone in x0: every x0 is evaluated.
    if (midFrom > midTo || Math.min(x1, n1 - x1) < smallCountAt(z)) enumerate(a0, b0);
    else {
      enumerate(a0, midFrom - 1);
      enumerate(midTo + 1, b0);
      if (target === 'above') p += massOf(midFrom, prefixEnd(midFrom, midTo, (x0) => hits(ci(x0), bounds, 'above')));
      else if (target === 'below') p += massOf(suffixStart(midFrom, midTo, (x0) => hits(ci(x0), bounds, 'below')), midTo);
      else {
        // Inside = (lower limit ≥ L, a run of small x0) ∩ (upper limit ≤ U, a run of large x0).
        const lowerInside = prefixEnd(midFrom, midTo, (x0) => (ci(x0)?.lo ?? -Infinity) >= bounds.lower);
        const upperInside = suffixStart(midFrom, midTo, (x0) => (ci(x0)?.hi ?? Infinity) <= bounds.upper);
        p += massOf(upperInside, lowerInside);
      }
    }
    total += mass1.pmf[i]! * p;
  }
  return Math.min(1, total);
}
