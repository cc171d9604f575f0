import { combinationCodes, computeGroupStats, SLOTS, SLOT_COUNT, type CellCounts, type GroupCounts } from '../accumulate/index.js';
import {
  bootstrapCounts,
  bootstrapInterval,
  differenceInterval,
  rateInterval,
  ratioInterval,
  zCritical,
  type BootstrapInterval,
  type BootstrapSettings,
  type Interval,
} from '../stats/index.js';
import { groupJackknifeAcceleration } from './group-jackknife-acceleration.js';
import { RATE_METRICS, type RateMetric } from './registry.js';
import { complementOf, REST_REFERENCE } from './rest-reference.js';

/** One attribute (or intersection) to bootstrap: the attribute indices and the reference group's name. */
export interface BootstrapTarget {
  readonly subset: readonly number[];
  readonly reference: string;
}

/** Key of a bootstrapped value: attribute, group and metric id. */
export const bootstrapKey = (attribute: string, group: string, metricId: string) => `${attribute}\u0000${group}\u0000${metricId}`;

/** One bootstrapped value: its key, the counts it is built from, its analytic interval (the fallback) and its BCa acceleration. */
interface Slot {
  readonly key: string;
  readonly counts: readonly number[];
  readonly analytic: (z: number) => Interval | null;
  readonly acceleration: () => number | null;
}

/** The statistics of one target, in output order: per group, per metric, rate then ratio then difference. */
function slots(groups: readonly GroupCounts[], refOf: (g: GroupCounts) => GroupCounts, metrics: readonly RateMetric[], total: number): Slot[] {
  return groups.flatMap((g) => {
    const ref = refOf(g);
    return metrics.flatMap((m) => {
      const x1 = m.numerator(g);
      const n1 = m.denominator(g);
      const x0 = m.numerator(ref);
      const n0 = m.denominator(ref);
      const both = [x1, n1 - x1, x0, n0 - x0];
      const key = (id: string) => bootstrapKey(g.attribute, g.group, id);
      const rate = (h: GroupCounts) => m.numerator(h) / m.denominator(h);
      const jackknife = (value: (h: GroupCounts, r: GroupCounts) => number) => () => groupJackknifeAcceleration(value, g, ref, total);
      return [
        { key: key(m.id), counts: [x1, n1 - x1], analytic: (z: number) => rateInterval(x1, n1, z), acceleration: jackknife((h) => rate(h)) },
        { key: key(`${m.id}_ratio`), counts: both, analytic: (z: number) => ratioInterval(x1, n1, x0, n0, z), acceleration: jackknife((h, r) => rate(h) / rate(r)) },
        { key: key(`${m.id}_difference`), counts: both, analytic: (z: number) => differenceInterval(x1, n1, x0, n0, z), acceleration: jackknife((h, r) => rate(h) - rate(r)) },
      ];
    });
  });
}

/**
 * Bootstrap intervals from a multinomial bootstrap of the cell counts for every rate metric and its
 * ratio and difference variants, for each target attribute: BCa (acceleration from the jackknife over
 * the rows, see groupJackknifeAcceleration) where every count behind the value is at least 5 and BCa
 * is defined, else the metric's own analytic interval with the reason (see bootstrapInterval): a
 * percentile interval collapses to [0, 0] on a cell with no flagged row. Undefined replicate values (a zero denominator in a resample)
 * are dropped; more than 1 % of them is a reason to fall back. Mean metrics are not bootstrapped: the
 * cells hold score sums, not per-row scores.
 *
 * @example bootstrapGroupMetrics(cells, [{ subset: [0], reference: 'french' }], { replicates: 2000, seed: 1 }, 0.95, true)
 */
export function bootstrapGroupMetrics(
  cells: CellCounts,
  targets: readonly BootstrapTarget[],
  settings: BootstrapSettings,
  level: number,
  labels: boolean,
): Map<string, BootstrapInterval> {
  const metrics = RATE_METRICS.filter((m) => labels || !m.needsLabels);
  // Per target: which group each attribute combination falls in, and one reusable GroupCounts per group,
  // so a replicate only adds numbers (no strings, no allocation).
  let total = 0;
  for (const c of cells.counts) total += c;
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
    const ref = groups[refIndex];
    // everyone else: each group against its complement (rest), in the replicates as in the estimate
    const rest = t.reference === REST_REFERENCE;
    const refOf = (g: GroupCounts): GroupCounts => (rest ? complementOf(groups, g) : ref!);
    return { groupOf, refIndex, rest, work: groups.map((g) => ({ ...g })), slots: ref === undefined && !rest ? [] : slots(groups, refOf, metrics, total) };
  });
  const size = plan.reduce((acc, p) => acc + p.slots.length, 0);
  const rates = new Float64Array(metrics.length);
  const numerators = new Float64Array(metrics.length);
  const denominators = new Float64Array(metrics.length);
  const statistic = (resampled: Float64Array, out: Float64Array) => {
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
      if (p.rest) {
        for (let m = 0; m < metrics.length; m++) {
          let x = 0;
          let d = 0;
          for (const g of p.work) {
            x += metrics[m]!.numerator(g);
            d += metrics[m]!.denominator(g);
          }
          numerators[m] = x;
          denominators[m] = d;
        }
        for (const g of p.work) {
          for (let m = 0; m < metrics.length; m++) {
            const x = metrics[m]!.numerator(g);
            const d = metrics[m]!.denominator(g);
            const v = x / d;
            const r = (numerators[m]! - x) / (denominators[m]! - d);
            out[s++] = v;
            out[s++] = v / r;
            out[s++] = v - r;
          }
        }
        continue;
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
  };
  const values = bootstrapCounts(cells.counts, null, settings, size, statistic);
  const estimates = new Float64Array(size);
  statistic(cells.counts, estimates);
  const z = zCritical(1 - level);
  const result = new Map<string, BootstrapInterval>();
  let s = 0;
  for (const p of plan) {
    for (const slot of p.slots) {
      const i = s++;
      const choice = bootstrapInterval({
        replicates: values[i]!,
        estimate: estimates[i]!,
        acceleration: slot.acceleration,
        counts: slot.counts,
        level,
        analytic: () => slot.analytic(z),
      });
      result.set(slot.key, choice);
    }
  }
  return result;
}
