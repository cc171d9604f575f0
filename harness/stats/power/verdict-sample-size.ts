import { zCritical } from '../intervals/z-critical.js';
import { checkRateLimits } from '../small-sample.js';
import { normalVerdictSize } from './normal-verdict-size.js';
import type { RatioBounds } from './ratio-verdict.js';
import { estimatePowerBound, verdictPowerRuns, type VerdictRuns, type VerdictTarget } from './verdict-power.js';

/** What the plan is for: that the check fails (a true disparity outside the tolerance) or passes (a true ratio inside it). */
export type PlanGoal = 'fail' | 'pass';

export interface VerdictSampleSizeInput {
  /** True ratio of adverse rates, group ÷ reference. */
  readonly ratio: number;
  /** Adverse (selection) rate of the reference group, p0. */
  readonly baseRate: number;
  /** Share of the group among the rows, s. */
  readonly share: number;
  /** Share of the reference group; default 1 − share. */
  readonly referenceShare?: number | undefined;
  /** Family-wise significance level α of the battery. */
  readonly alpha: number;
  /** Rows in the battery's family (check × compared group); Bonferroni level 1 − α/m. Default 1. */
  readonly tests?: number | undefined;
  /** Power wanted, 1 − β. */
  readonly power: number;
  readonly bounds: RatioBounds;
  /** Default: fail when the ratio is outside the bounds, pass when inside. */
  readonly goal?: PlanGoal | undefined;
}

export interface VerdictSampleSize {
  readonly goal: PlanGoal;
  readonly target: VerdictTarget;
  /** Total rows N. */
  readonly total: number;
  /** Rows of the group, round(s·N), and of the reference group, round(r·N) but at most N − round(s·N). */
  readonly group: number;
  readonly reference: number;
  /** Expected flagged rows in each at that N. */
  readonly groupFlagged: number;
  readonly referenceFlagged: number;
  readonly p1: number;
  readonly p0: number;
  /** Critical value of each row's interval, Φ⁻¹(1 − α/(2m)). */
  readonly z: number;
  /** Exact power at N. */
  readonly achievedPower: number;
  /** Lowest exact power over the window checked after N (every N in it). */
  readonly windowMinPower: number;
  readonly window: { readonly from: number; readonly to: number };
  /** N by the normal approximation (the bracket of the search), rounded up. */
  readonly normalTotal: number;
  readonly method: string;
}

export const VERDICT_SAMPLE_SIZE_METHOD =
  'exact power of the verdict rule: P = Σ over x1 of Binom(x1; n1, p1) · P(x0 gives an interval wholly above U / below L / inside [L, U] | x1), the interval the check\'s own: the MOVER interval from the two groups\' Clopper–Pearson intervals at z = Φ⁻¹(1 − α/(2m)), its upper limit unbounded when x0 = 0; x0 ~ Binom(n0, p0). Both limits fall as x0 rises and rise with x1, so for each x1 the x0 giving the verdict form a run whose ends are searched from the previous x1\'s (a limit\'s side of a bound read from a binomial tail at the limit\'s defining equation where that is decisive, else from the limit); counts holding all but ~1e-12 of the probability. n1 = round(s·N), n0 = round(r·N) (at most N − n1). N is the first size whose exact power reaches the target (bisection on N inside a bracket from the normal approximation), moved past any size in the window after it where the power of these discrete counts dips below the target'

/** Sizes after the first one reaching the power that are checked one by one: the next 5 % of N, at most 200 and at least 20. */
export function windowLength(total: number): number {
  return Math.min(200, Math.max(20, Math.ceil(total / 20)));
}

const MAX_ROWS = 1e9;

/** The verdict a true ratio can be planned for, or why none can. */
export function planTarget(ratio: number, bounds: RatioBounds, goal?: PlanGoal): { goal: PlanGoal; target: VerdictTarget } | { error: string } {
  if (ratio === bounds.lower || ratio === bounds.upper) return { error: `the ratio ${ratio} lies on a tolerance bound, where no number of rows makes the check fail or pass beyond chance; choose a ratio off the bounds` };
  const inside = ratio > bounds.lower && ratio < bounds.upper;
  const g = goal ?? (inside ? 'pass' : 'fail');
  if (g === 'fail' && inside) return { error: `a true ratio ${ratio} inside the tolerance [${bounds.lower}, ${bounds.upper}] can never make the check fail; use --goal pass` };
  if (g === 'pass' && !inside) return { error: `a true ratio ${ratio} outside the tolerance [${bounds.lower}, ${bounds.upper}] can never make the check pass; use --goal fail` };
  return { goal: g, target: inside ? 'inside' : ratio > bounds.upper ? 'above' : 'below' };
}

/**
 * Rows needed for a selection-rate-ratio check to reach its verdict with the given power under the
 * battery's rule: the row's interval at the Bonferroni level 1 − α/m (the check's own, built from
 * exact rate intervals), wholly above U (or below L) when the true ratio is outside the tolerance
 * [L, U] (the check fails), wholly inside when it is inside (the check passes). Power is computed
 * exactly ({@link verdictPower}); the normal approximation (Katz's variance) only brackets the search.
 *
 * @example verdictSampleSize({ ratio: 1.5, baseRate: 0.05, share: 0.1, alpha: 0.05, power: 0.8, bounds: { lower: 0.8, upper: 1.25 } }).total // 37,015
 */
export function verdictSampleSize(input: VerdictSampleSizeInput): VerdictSampleSize {
  const { ratio, baseRate: p0, share: s, alpha, power, bounds } = input;
  const r = input.referenceShare ?? 1 - s;
  const m = input.tests ?? 1;
  const p1 = ratio * p0;
  if (!(ratio > 0)) throw new RangeError('ratio must be positive');
  if (!(bounds.lower > 0 && bounds.lower < bounds.upper && Number.isFinite(bounds.upper))) throw new RangeError('bounds must satisfy 0 < lower < upper');
  if (!(p0 > 0 && p0 < 1) || !(p1 > 0 && p1 < 1)) throw new RangeError(`base rate ${p0} and ratio ${ratio} must give rates in (0, 1) (group rate ${p1})`);
  if (!(s > 0 && s < 1) || !(r > 0 && r <= 1) || s + r > 1 + 1e-12) throw new RangeError('shares must lie in (0, 1) and sum to at most 1');
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) throw new RangeError('alpha and power must lie in (0, 1)');
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError('tests must be a positive integer');
  const planned = planTarget(ratio, bounds, input.goal);
  if ('error' in planned) throw new RangeError(planned.error);
  const { goal, target } = planned;
  const z = zCritical(alpha / m);
  const sizes = (n: number) => {
    const n1 = Math.round(s * n);
    // Two shares summing to 1 can both round up (169.5 + 169.5 of 339 rows).
    return { n1, n0: Math.min(Math.round(r * n), n - n1) };
  };
  const memo = new Map<number, number>();
  // Consecutive sizes share group sizes (n1 = round(s·N) repeats): their rate limits are computed once;
  // and the runs of counts found at one size start the search at the next.
  const rates = checkRateLimits(z);
  let last: VerdictRuns | undefined;
  const powerAt = (n: number) => {
    let v = memo.get(n);
    if (v === undefined) {
      const found = verdictPowerRuns({ ...sizes(n), p1, p0, z, bounds, target, rates }, last);
      memo.set(n, (v = found.power));
      last = found.runs;
    }
    return v;
  };
  // A size where even the estimate falls short of the power (near a bound, at a size too small) is
  // refused without judging its intervals.
  const ok = (n: number) => (memo.has(n) || estimatePowerBound({ ...sizes(n), p1, p0, bounds, target }) >= power) && powerAt(n) >= power;
  let nMin = 1;
  while (sizes(nMin).n1 < 1 || sizes(nMin).n0 < 1) nMin++;
  const normalTotal = Math.ceil(normalVerdictSize({ p1, p0, share: s, referenceShare: r, z, power, bounds, target }) - 1e-9);
  let hi = Math.max(nMin, Math.min(MAX_ROWS, normalTotal));
  let lo: number;
  if (ok(hi)) {
    lo = hi;
    for (;;) {
      const next = Math.max(nMin, Math.floor(lo / 1.5));
      if (next === lo) {
        lo = nMin - 1;
        break;
      }
      lo = next;
      if (!ok(lo)) break;
      hi = lo;
    }
  } else {
    for (;;) {
      lo = hi;
      hi = Math.ceil(hi * 1.5);
      if (hi > MAX_ROWS) throw new RangeError(`more than ${MAX_ROWS.toExponential(0)} rows would be needed: the ratio is too close to a tolerance bound`);
      if (ok(hi)) break;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  let total = hi;
  let to = total + windowLength(total);
  for (let n = total + 1; n <= to; n++) {
    if (ok(n)) continue;
    total = n + 1;
    while (!ok(total)) total++;
    to = total + windowLength(total);
    n = total;
  }
  let windowMinPower = 1;
  for (let n = total; n <= to; n++) windowMinPower = Math.min(windowMinPower, powerAt(n));
  const { n1, n0 } = sizes(total);
  return {
    goal,
    target,
    total,
    group: n1,
    reference: n0,
    groupFlagged: Number((n1 * p1).toPrecision(12)),
    referenceFlagged: Number((n0 * p0).toPrecision(12)),
    p1,
    p0,
    z,
    achievedPower: powerAt(total),
    windowMinPower,
    window: { from: total, to },
    normalTotal,
    method: VERDICT_SAMPLE_SIZE_METHOD,
  };
}
