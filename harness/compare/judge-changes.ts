import { normalQuantile, type Correction } from '../stats/index.js';
import type { Limits } from '../verdict/index.js';
import type { CheckChange } from './check-change.js';

/** What a comparison can claim about one check row. */
export type ChangeVerdict = 'better' | 'worse' | 'no established change';

/** The comparison's family rule: m rows, two intervals each, every interval at `level`. */
export interface ChangeRule {
  readonly method: 'bonferroni' | 'none';
  readonly requested: Correction;
  readonly alpha: number;
  readonly family_size: number;
  readonly intervals_per_row: 2;
  readonly level: number;
}

/** One row judged: its two intervals at the family level, the verdict and the p-value of its claim. */
export interface JudgedChange {
  readonly change: Limits | null;
  readonly sum: Limits | null;
  readonly verdict: ChangeVerdict;
  readonly claim: 'better' | 'worse' | null;
  readonly p_value: number | null;
  readonly adjusted_p_value: number | null;
}

/**
 * The claim two intervals support: worse when change and sum lie wholly on the same side of 0
 * (the candidate's disparity is then farther from parity than the deployed model's, |x_c| > |x_d|,
 * for every value in the intervals), better when wholly on opposite sides.
 */
export function changeClaim(change: Limits | null, sum: Limits | null): 'better' | 'worse' | null {
  if (!change || !sum) return null;
  const side = (l: Limits) => (l.lo > 0 ? 1 : l.hi < 0 ? -1 : 0);
  const [c, s] = [side(change), side(sum)];
  if (c === 0 || s === 0) return null;
  return c === s ? 'worse' : 'better';
}

const zOf = (t: number) => -normalQuantile(t / 2, 0, 1);

/**
 * The p-value of a row's claim by inverting its intervals: the smallest error t at which the two
 * intervals, each at confidence 1 − t/2, support the claim (bisection on log t, as claimPValue).
 */
function claimP(c: CheckChange, claim: 'better' | 'worse'): number {
  const holds = (t: number) => changeClaim(c.changeAt(zOf(t / 2)), c.sumAt(zOf(t / 2))) === claim;
  if (!holds(0.999)) return 1;
  if (holds(1e-16)) return 1e-16;
  let lo = Math.log(1e-16);
  let hi = Math.log(0.999);
  for (let i = 0; i < 48; i++) {
    const mid = (lo + hi) / 2;
    if (holds(Math.exp(mid))) hi = mid;
    else lo = mid;
  }
  return Math.exp(hi);
}

/**
 * Judges the paired changes of a comparison as one family. Each of the m rows has two intervals
 * (change and sum); with Bonferroni every interval is at 1 − α/(2m), so all 2m hold together with
 * probability at least 1 − α and the chance that any "better" or "worse" is wrong is at most α.
 * `holm` and `benjamini-hochberg` are judged as Bonferroni (a row's claim rests on two intervals at
 * once, which neither step procedure covers); `none` puts each row's pair of intervals at 1 − α.
 *
 *   per row: change, sum ──► intervals at 1 − α/(2m) ──► same side of 0: worse · opposite: better · else no established change
 *
 * @example judgeChanges([logRatioChange(g, r)], 'bonferroni', 0.05).rows[0].verdict // 'worse'
 */
export function judgeChanges(changes: readonly CheckChange[], correction: Correction, alpha: number): { rows: JudgedChange[]; rule: ChangeRule } {
  const m = changes.length;
  const method = correction === 'none' ? 'none' : 'bonferroni';
  const perRow = method === 'none' ? alpha : alpha / Math.max(m, 1);
  const z = zOf(perRow / 2);
  const rows = changes.map((c): JudgedChange => {
    const change = c.changeAt(z);
    const sum = c.sumAt(z);
    const claim = changeClaim(change, sum);
    // Only the claim the point estimates lean to is ever tested.
    const leaning = c.change === null || c.sum === null || c.change === 0 || c.sum === 0 ? null : c.change * c.sum > 0 ? 'worse' : 'better';
    const p = leaning === null ? null : claimP(c, leaning);
    return {
      change,
      sum,
      verdict: claim ?? 'no established change',
      claim: leaning,
      p_value: p,
      adjusted_p_value: p === null ? null : Math.min(1, method === 'none' ? p : p * m),
    };
  });
  return { rows, rule: { method, requested: correction, alpha, family_size: m, intervals_per_row: 2, level: 1 - perRow / 2 } };
}
