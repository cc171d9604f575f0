import { moverDifferenceLimits, tangoPairedDifferenceInterval } from '../stats/index.js';
import type { Limits } from '../verdict/index.js';
import type { PairedTable } from './paired-cells.js';

/** The scale a check's disparity is measured on: log of a ratio, or a difference of rates. */
export type ChangeScale = 'log-ratio' | 'difference';

/**
 * A check row's two paired quantities, on its scale x (log ratio, or difference), with x_d the
 * deployed model's disparity and x_c the candidate's:
 * - `change` = x_c − x_d, how far the disparity moved;
 * - `sum` = x_c + x_d, on which side of parity the two models lie on average.
 * The candidate is farther from parity than the deployed model exactly when |x_c| > |x_d|, that is
 * when (x_c − x_d)(x_c + x_d) > 0: when change and sum have the same sign.
 */
export interface CheckChange {
  /** Point estimates; null where a rate is 0 and the log ratio is undefined. */
  readonly change: number | null;
  readonly sum: number | null;
  /** Limits at critical value z; null when the rows give none (an empty group). */
  readonly changeAt: (z: number) => Limits | null;
  readonly sumAt: (z: number) => Limits | null;
  readonly method: string;
}

const rateOf = (x: number, n: number) => x / n;

/**
 * Paired change of a ratio check (group g against reference r) on the log scale, by the delta method
 * with the pairs' covariance: for one group with a pairs flagged by both models, b by the candidate
 * only and c by the deployed model only, var log(p_c / p_d) = (b + c) / ((a + b)(a + c)), computed with
 * ½ added to b and to c (so that a group whose flags did not move still has a width), and
 * var log(p_c · p_d) = (p_c + p_d − 4 p_c p_d + 2 p_a) / (n p_c p_d); the group and its reference are
 * disjoint rows, so their variances add. A zero rate makes a log undefined: then ½ is added to every
 * cell of both tables (Haldane), for the limits only.
 *
 * @example logRatioChange({ n: 100, both: 10, candidateOnly: 2, deployedOnly: 8 }, { n: 400, both: 20, candidateOnly: 5, deployedOnly: 5 }).change // log(12/18) − log(1) ≈ −0.405
 */
export function logRatioChange(g: PairedTable, r: PairedTable): CheckChange {
  const parts = (t: PairedTable, k: number) => {
    const n = t.n + 4 * k;
    const a = t.both + k;
    const pc = rateOf(a + t.candidateOnly + k, n);
    const pd = rateOf(a + t.deployedOnly + k, n);
    const pa = rateOf(a, n);
    return {
      change: Math.log(pc / pd),
      sum: Math.log(pc * pd),
      // ½ added to each discordant cell (whatever k): the interval keeps a width when a group has none (b = c = 0).
      varChange: (t.candidateOnly + t.deployedOnly + 1) / ((a + t.candidateOnly + 0.5) * (a + t.deployedOnly + 0.5)),
      varSum: (pc + pd - 4 * pc * pd + 2 * pa) / (n * pc * pd),
    };
  };
  const zero = (t: PairedTable) => t.both + t.candidateOnly === 0 || t.both + t.deployedOnly === 0;
  const empty = g.n === 0 || r.n === 0;
  const k = zero(g) || zero(r) ? 0.5 : 0;
  const [pg, pr] = [parts(g, 0), parts(r, 0)];
  const [lg, lr] = [parts(g, k), parts(r, k)];
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  const change = lg.change - lr.change;
  const sum = lg.sum - lr.sum;
  const seChange = Math.sqrt(lg.varChange + lr.varChange);
  const seSum = Math.sqrt(lg.varSum + lr.varSum);
  return {
    change: empty ? null : finite(pg.change - pr.change),
    sum: empty ? null : finite(pg.sum - pr.sum),
    changeAt: (z) => (empty ? null : { lo: change - z * seChange, hi: change + z * seChange }),
    sumAt: (z) => (empty ? null : { lo: sum - z * seSum, hi: sum + z * seSum }),
    method: k > 0 ? 'delta-log-paired (½ added to every cell: a rate is 0)' : 'delta-log-paired',
  };
}

/**
 * Paired change of a difference check (group g minus reference r): the change is the difference of
 * the two groups' paired changes, each with Tango's score interval, combined by MOVER (Zou & Donner
 * 2008); the sum p_c + p_d of each group has its delta-method variance
 * (p_c(1 − p_c) + p_d(1 − p_d) + 2(p_a − p_c p_d)) / n, and the two groups' variances add.
 *
 * @example differenceChange({ n: 100, both: 10, candidateOnly: 2, deployedOnly: 8 }, { n: 400, both: 20, candidateOnly: 5, deployedOnly: 5 }).change // −0.06
 */
export function differenceChange(g: PairedTable, r: PairedTable): CheckChange {
  const empty = g.n === 0 || r.n === 0;
  const moved = (t: PairedTable) => (t.candidateOnly - t.deployedOnly) / t.n;
  const level = (t: PairedTable) => {
    const pc = rateOf(t.both + t.candidateOnly, t.n);
    const pd = rateOf(t.both + t.deployedOnly, t.n);
    return { sum: pc + pd, variance: (pc * (1 - pc) + pd * (1 - pd) + 2 * (rateOf(t.both, t.n) - pc * pd)) / t.n };
  };
  if (empty) return { change: null, sum: null, changeAt: () => null, sumAt: () => null, method: 'tango-mover-paired' };
  const [sg, sr] = [level(g), level(r)];
  const sum = sg.sum - sr.sum;
  const se = Math.sqrt(sg.variance + sr.variance);
  return {
    change: moved(g) - moved(r),
    sum,
    changeAt: (z) => {
      const ig = tangoPairedDifferenceInterval(g.candidateOnly, g.deployedOnly, g.n, z)!;
      const ir = tangoPairedDifferenceInterval(r.candidateOnly, r.deployedOnly, r.n, z)!;
      return moverDifferenceLimits(moved(g), ig, moved(r), ir);
    },
    sumAt: (z) => ({ lo: sum - z * se, hi: sum + z * se }),
    method: 'tango-mover-paired',
  };
}
