import { combinationCodes, computeGroupStats, SLOTS, SLOT_COUNT, type CellCounts, type GroupCounts } from '../accumulate/index.js';
import { bootstrapCounts, percentileInterval, type BootstrapSettings, type Interval } from '../stats/index.js';
import { RATE_METRICS, type RateMetric } from './registry.js';

/** One attribute (or intersection) to bootstrap: the attribute indices and the reference group's name. */
export interface BootstrapTarget {
  readonly subset: readonly number[];
  readonly reference: string;
}

/** Key of a bootstrapped value: attribute, group and metric id. */
export const bootstrapKey = (attribute: string, group: string, metricId: string) => `${attribute}\u0000${group}\u0000${metricId}`;

/** The statistics of one target, in output order: per group, per metric, rate then ratio then difference. */
function slotKeys(groups: readonly GroupCounts[], metrics: readonly RateMetric[]): string[] {
  return groups.flatMap((g) => metrics.flatMap((m) => [m.id, `${m.id}_ratio`, `${m.id}_difference`].map((id) => bootstrapKey(g.attribute, g.group, id))));
}

/**
 * Percentile intervals from a multinomial bootstrap of the cell counts for every rate metric and its
 * ratio and difference variants, for each target attribute. Undefined replicate values (a zero
 * denominator in a resample) are dropped; a value whose replicates are more than 1 % undefined gets
 * no interval. Mean metrics are not bootstrapped: the cells hold score sums, not per-row scores.
 *
 * @example bootstrapGroupMetrics(cells, [{ subset: [0], reference: 'french' }], { replicates: 2000, seed: 1 }, 0.95, true)
 */
export function bootstrapGroupMetrics(
  cells: CellCounts,
  targets: readonly BootstrapTarget[],
  settings: BootstrapSettings,
  level: number,
  labels: boolean,
): Map<string, Interval | null> {
  const metrics = RATE_METRICS.filter((m) => labels || !m.needsLabels);
  // Per target: which group each attribute combination falls in, and one reusable GroupCounts per group,
  // so a replicate only adds numbers (no strings, no allocation).
  const plan = targets.map((t) => {
    const groups = computeGroupStats(cells, t.subset);
    const refIndex = groups.findIndex((g) => g.group === t.reference);
    const groupOf = new Int32Array(cells.combinations);
    for (let c = 0; c < cells.combinations; c++) {
      const codes = combinationCodes(cells, c);
      let g = 0;
      for (const a of t.subset) g = g * cells.attributes[a]!.levels.length + codes[a]!;
      groupOf[c] = g;
    }
    return { groupOf, refIndex, work: groups.map((g) => ({ ...g })), keys: refIndex < 0 ? [] : slotKeys(groups, metrics) };
  });
  const size = plan.reduce((acc, p) => acc + p.keys.length, 0);
  const rates = new Float64Array(metrics.length);
  const values = bootstrapCounts(cells.counts, null, settings, size, (resampled, out) => {
    let s = 0;
    for (const p of plan) {
      for (const g of p.work) g.n = g.flagged = g.tp = g.fp = g.tn = g.fn = g.labelled = 0;
      for (let c = 0; c < cells.combinations; c++) {
        const g = p.work[p.groupOf[c]!]!;
        const base = c * SLOT_COUNT;
        const tp = resampled[base + SLOTS.flaggedPositive]!;
        const fp = resampled[base + SLOTS.flaggedNegative]!;
        const fu = resampled[base + SLOTS.flaggedUnlabelled]!;
        const fn = resampled[base + SLOTS.clearedPositive]!;
        const tn = resampled[base + SLOTS.clearedNegative]!;
        const cu = resampled[base + SLOTS.clearedUnlabelled]!;
        g.tp += tp;
        g.fp += fp;
        g.fn += fn;
        g.tn += tn;
        g.flagged += tp + fp + fu;
        g.labelled += tp + fp + fn + tn;
        g.n += tp + fp + fu + fn + tn + cu;
      }
      if (p.refIndex < 0) continue;
      const ref = p.work[p.refIndex]!;
      for (let m = 0; m < metrics.length; m++) rates[m] = metrics[m]!.numerator(ref) / metrics[m]!.denominator(ref);
      for (const g of p.work) {
        for (let m = 0; m < metrics.length; m++) {
          const v = metrics[m]!.numerator(g) / metrics[m]!.denominator(g);
          out[s++] = v;
          out[s++] = v / rates[m]!;
          out[s++] = v - rates[m]!;
        }
      }
    }
  });
  const result = new Map<string, Interval | null>();
  let s = 0;
  for (const p of plan) for (const key of p.keys) result.set(key, percentileInterval(values[s++]!, level));
  return result;
}
