import { HISTOGRAM_SLOT_COUNT, type GroupCounts } from '../accumulate/index.js';
import type { SelectionCurve, SelectionCurvePoint } from '../results/index.js';
import { rateInterval, rateMethod, ratioInterval, ratioMethod } from '../stats/index.js';
import { REST_REFERENCE } from './rest-reference.js';

type Estimate = SelectionCurvePoint['selection_rate'];

const estimate = (value: number | null, ci: { lo: number; hi: number } | null, method: string): Estimate => ({
  value,
  ci: value !== null && ci ? [ci.lo, ci.hi] : null,
  method,
});

function rate(x: number, n: number, z: number): Estimate {
  return estimate(n > 0 ? x / n : null, rateInterval(x, n, z), rateMethod(x, n, z));
}

/**
 * Selection curves of one attribute's groups from the sweep's group counts (fractions × groups ×
 * label slot, see sweepGroupCounts): at each fraction, the group's selection rate, its ratio to the
 * reference's (everyone else's with REST_REFERENCE) and, with labels, TPR, FPR and precision. Intervals as for the battery's own metrics
 * (Wilson or Clopper–Pearson; Katz or MOVER by cell size), the cut held fixed.
 *
 * @example computeSelectionCurves(groups, 'french', sweep.fractions, sweep.cuts, counts, 1.96, true)
 */
export function computeSelectionCurves(
  groups: readonly GroupCounts[],
  reference: string,
  fractions: readonly number[],
  cuts: ArrayLike<number>,
  counts: Float64Array,
  z: number,
  labels: boolean,
): SelectionCurve[] {
  const S = HISTOGRAM_SLOT_COUNT;
  const G = groups.length;
  const r = groups.findIndex((g) => g.group === reference);
  // everyone else: the group against all rows not in it at the same cut
  const rest = reference === REST_REFERENCE;
  const N = groups.reduce((a, g) => a + g.n, 0);
  return groups.map((g, gi) => ({
    attribute: g.attribute,
    group: g.group,
    is_reference: gi === r,
    n: g.n,
    points: fractions.map((fraction, j): SelectionCurvePoint => {
      const at = (k: number) => (j * G + k) * S;
      const sel = (k: number) => counts[at(k)]! + counts[at(k) + 1]! + counts[at(k) + 2]!;
      const x1 = sel(gi);
      let selectedAll = 0;
      if (rest) for (let k = 0; k < G; k++) selectedAll += sel(k);
      const x0 = rest ? selectedAll - x1 : r >= 0 ? sel(r) : NaN;
      const n0 = rest ? N - g.n : r >= 0 ? groups[r]!.n : NaN;
      const ratioValue = g.n > 0 && n0 > 0 && x0 > 0 ? x1 / g.n / (x0 / n0) : null;
      const tp = counts[at(gi)]!;
      const fp = counts[at(gi) + 1]!;
      const cut = cuts[j]!;
      return {
        fraction,
        threshold: Number.isNaN(cut) ? null : cut,
        selected: x1,
        selection_rate: rate(x1, g.n, z),
        selection_rate_ratio: !rest && (gi === r || r < 0) ? estimate(r < 0 ? null : ratioValue, null, 'reference') : estimate(ratioValue, ratioInterval(x1, g.n, x0, n0, z), ratioMethod(x1, g.n, x0, n0, z)),
        ...(labels
          ? {
              true_positive_rate: rate(tp, g.tp + g.fn, z),
              false_positive_rate: rate(fp, g.fp + g.tn, z),
              precision: rate(tp, tp + fp, z),
            }
          : {}),
      };
    }),
  }));
}
