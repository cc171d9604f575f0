import { checkRateLimits, type CheckRateLimits } from '../small-sample.js';
import { ratioLimitSides } from './limit-sides.js';
import { binomialMass, massBetween } from './binomial-mass.js';
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
  /** Rate limits already computed at z, to share them between calls (default: a fresh set). */
  readonly rates?: CheckRateLimits | undefined;
}

/** Largest x in [lo, hi) where `ok` holds, given that it holds at lo, not at hi, and on a prefix between: by bisection. */
function lastHolding(lo: number, hi: number, ok: (x: number) => boolean): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Largest x in [a, b] where `ok` holds, `ok` being true on a prefix of [a, b]; a − 1 when nowhere. */
function prefixEnd(a: number, b: number, ok: (x: number) => boolean): number {
  if (!ok(a)) return a - 1;
  if (ok(b)) return b;
  return lastHolding(a, b, ok);
}

/**
 * Largest x in [lo, hi) where `holds`, given that it holds at lo and not at hi (on a prefix): first at
 * `guess` (clamped into the range), then widening by doubling away from it, then by bisection.
 */
function endNear(lo: number, hi: number, guess: number, holds: (x: number) => boolean): number {
  if (hi - lo <= 1) return lo;
  const g = Math.min(hi - 1, Math.max(lo, guess));
  if (g > lo && !holds(g)) {
    hi = g;
    for (let width = 1; hi - width > lo; width *= 2) {
      if (holds(hi - width)) {
        lo = hi - width;
        break;
      }
      hi -= width;
    }
  } else {
    lo = g;
    for (let width = 1; lo + width < hi; width *= 2) {
      if (!holds(lo + width)) {
        hi = lo + width;
        break;
      }
      lo += width;
    }
  }
  return lastHolding(lo, hi, holds);
}

/**
 * For every x1 in [a1, b1], the end of the run of x0 in [a0, b0] where a verdict condition holds:
 * a0 − 1 when it holds nowhere there, b0 when everywhere (it may hold beyond).
 */
interface RunEnds {
  readonly n1: number;
  readonly n0: number;
  readonly a1: number;
  readonly a0: number;
  readonly b0: number;
  readonly ends: Int32Array;
}

/** The runs of one power computation, one per condition, for the next size's search. */
export interface VerdictRuns {
  readonly runs: readonly RunEnds[];
}

/**
 * What the runs at a previous size say about the end E(x1) (over all x0) at sizes n1, n0: both limits
 * rise with n0 and fall with n1 at fixed counts (as they fall with x0 and rise with x1), so E never
 * falls when only n0 grows (or n1 shrinks) and never rises in the opposite case.
 */
function hintFrom(previous: RunEnds | undefined, n1: number, n0: number): ((x1: number) => { atLeast: number; atMost: number } | null) | null {
  if (previous === undefined) return null;
  const grows = n1 <= previous.n1 && n0 >= previous.n0;
  const shrinks = n1 >= previous.n1 && n0 <= previous.n0;
  if (!grows && !shrinks) return null;
  return (x1) => {
    const i = x1 - previous.a1;
    if (i < 0 || i >= previous.ends.length) return null;
    const e = previous.ends[i]!;
    // bounds on the previous E from its clipped end
    const lo = e < previous.a0 ? -1 : e;
    const hi = e >= previous.b0 ? previous.n0 : e;
    return grows ? { atLeast: lo, atMost: Infinity } : { atLeast: -Infinity, atMost: hi };
  };
}

/**
 * The ends of the runs of x0 in [a0, b0] where `ok(x1, x0)` holds, for every x1 in [a1, b1], when
 * `ok` holds on a prefix of x0 whose end never falls as x1 rises. Where the end stays at a0 − 1
 * (nowhere) or reaches b0 (everywhere) runs of x1 are found by bisection; between them each end is
 * searched between what is known (the previous x1's end below it, what the previous size's runs say),
 * from a guess (the previous size's end, or the step the end took last time) widening by doubling,
 * so that one or two (x1, x0) are judged per x1.
 */
function prefixEnds(n1: number, n0: number, a1: number, b1: number, a0: number, b0: number, ok: (x1: number, x0: number) => boolean, previous?: RunEnds): RunEnds {
  const ends = new Int32Array(b1 - a1 + 1);
  // x1 below `from`: no x0 holds; from `full` on: every x0 does.
  const from = prefixEnd(a1, b1, (x1) => !ok(x1, a0)) + 1;
  const full = prefixEnd(a1, b1, (x1) => !ok(x1, b0)) + 1;
  ends.fill(a0 - 1, 0, from - a1);
  ends.fill(b0, full - a1);
  const hint = hintFrom(previous, n1, n0);
  let before = a0 - 1;
  let step = 0;
  for (let x1 = from; x1 < full; x1++) {
    // Known: ok(x1, a0) and ok(x1, before) hold (the end never falls), ok(x1, b0) does not.
    let lo = Math.max(before, a0);
    let hi = b0;
    let guess = before + step;
    const h = hint?.(x1);
    // The previous size's end is the likeliest: try it first when it narrows the search.
    if (h && h.atLeast > lo) guess = lo = Math.min(h.atLeast, hi - 1);
    if (h && h.atMost + 1 < hi) {
      hi = Math.max(h.atMost + 1, lo + 1);
      guess = hi - 1;
    }
    lo = endNear(lo, hi, guess, (x0) => ok(x1, x0));
    ends[x1 - a1] = lo;
    step = lo - before;
    before = lo;
  }
  return { n1, n0, a1, a0, b0, ends };
}

/**
 * {@link verdictPower}, with the runs it found: passed back in for the next size (one row more or
 * fewer in one group), they narrow each run's search to one or two interval evaluations.
 */
export function verdictPowerRuns(input: VerdictPowerInput, previous?: VerdictRuns): { power: number; runs: VerdictRuns } {
  const { n1, n0, p1, p0, z, bounds, target } = input;
  const mass1 = binomialMass(n1, p1);
  const mass0 = binomialMass(n0, p0);
  const a1 = mass1.from;
  const b1 = mass1.from + mass1.pmf.length - 1;
  const a0 = mass0.from;
  const b0 = mass0.from + mass0.pmf.length - 1;
  const massOf = (from: number, to: number) => massBetween(mass0, from, to);
  const rates = input.rates ?? checkRateLimits(z);
  if (rates.z !== z) throw new RangeError(`verdictPower: rate limits at z = ${rates.z}, not ${z}`);
  const { lowerBeyond, upperBeyond } = ratioLimitSides(n1, n0, rates);
  const ends = (k: number, ok: (x1: number, x0: number) => boolean) => prefixEnds(n1, n0, a1, b1, a0, b0, ok, previous?.runs[k]);
  // Every run is written as a prefix of x0 whose end never falls as x1 rises.
  let runs: RunEnds[];
  let given: (i: number) => number;
  if (target === 'above') {
    runs = [ends(0, (x1, x0) => lowerBeyond(x1, x0, bounds.upper, false))];
    const e = runs[0]!.ends;
    given = (i) => massOf(a0, e[i]!);
  } else if (target === 'below') {
    // upper limit below L on a suffix: after the prefix where it is not
    runs = [ends(0, (x1, x0) => upperBeyond(x1, x0, bounds.lower, true))];
    const e = runs[0]!.ends;
    given = (i) => massOf(e[i]! + 1, b0);
  } else {
    runs = [ends(0, (x1, x0) => lowerBeyond(x1, x0, bounds.lower, true)), ends(1, (x1, x0) => upperBeyond(x1, x0, bounds.upper, false))];
    const lower = runs[0]!.ends;
    const upper = runs[1]!.ends;
    given = (i) => massOf(upper[i]! + 1, lower[i]!);
  }
  let total = 0;
  for (let i = 0; i < mass1.pmf.length; i++) total += mass1.pmf[i]! * given(i);
  return { power: Math.min(1, total), runs: { runs } };
}

/**
 * An upper bound on {@link verdictPower} that needs no interval: the probability that the estimate
 * p̂1/p̂0 itself lies where the verdict needs the interval (above U, below L, inside [L, U]), which
 * the interval, holding the estimate, must for the verdict. Each x1's run of x0 is written down
 * directly and widened by one count at each end against rounding, so the bound stays a bound. A
 * size whose bound falls short of the power wanted needs no exact computation.
 *
 * @example estimatePowerBound({ n1: 100, n0: 900, p1: 0.075, p0: 0.05, z: 1.96, bounds: { lower: 0.8, upper: 1.25 }, target: 'above' }) // ≈ 0.68, above verdictPower's ≈ 0.06
 */
export function estimatePowerBound(input: Omit<VerdictPowerInput, 'z' | 'rates'>): number {
  const { n1, n0, p1, p0, bounds, target } = input;
  const mass1 = binomialMass(n1, p1);
  const mass0 = binomialMass(n0, p0);
  const massOf = (from: number, to: number) => massBetween(mass0, from, to);
  let total = 0;
  for (let i = 0; i < mass1.pmf.length; i++) {
    const x1 = mass1.from + i;
    // x0 at which the estimate equals a bound: (x1/n1) / (x0/n0) = c
    const at = (c: number) => (x1 * n0) / (c * n1);
    const run =
      target === 'above' ? (x1 > 0 ? massOf(0, Math.floor(at(bounds.upper)) + 1) : 0)
      : target === 'below' ? massOf(Math.ceil(at(bounds.lower)) - 1, n0)
      : massOf(Math.floor(at(bounds.upper)) - 1, Math.ceil(at(bounds.lower)) + 1);
    total += mass1.pmf[i]! * run;
  }
  return Math.min(1, total);
}

/**
 * Exact probability that a selection-rate-ratio check reaches a verdict (its interval wholly above,
 * below or inside the tolerance) when the group's count is Binomial(n1, p1) and the reference's
 * Binomial(n0, p0), independent: Σ over x1 of P(x1) · P(x0 in the verdict set | x1), the interval the
 * check's own at z ({@link checkRatioLimits}: MOVER from Clopper–Pearson rates, with an unbounded
 * upper limit when x0 = 0).
 *
 * Both limits fall as x0 rises and rise with x1 (the MOVER root equations move monotonically with each
 * rate and its Clopper–Pearson limits, which rise strictly with the count), at every count. So for each
 * x1, "lower limit above U" holds on a run of small x0, "upper limit below L" on a run of large x0 and
 * "inside" on a run between, and the ends of these runs never move down as x1 rises: each end is found
 * from the previous x1's with a few interval evaluations, most of them settled by a binomial tail
 * instead of the reference's Clopper–Pearson limit ({@link ratioLimitSides}). Counts holding all but
 * about 1e-12 of the probability are summed.
 *
 * @example verdictPower({ n1: 3702, n0: 33313, p1: 0.075, p0: 0.05, z: 1.96, bounds: { lower: 0.8, upper: 1.25 }, target: 'above' }) // ≈ 0.8001
 */
export function verdictPower(input: VerdictPowerInput): number {
  return verdictPowerRuns(input).power;
}
