import type { GroupCounts } from '../accumulate/index.js';

/**
 * The metric registry as data. A base metric is either a proportion x/m of a group's confusion
 * counts (`kind: 'rate'`) or a mean of a per-row quantity held as sufficient statistics
 * (`kind: 'mean'`). The `_ratio` and `_difference` variants against the reference group are
 * generated from this table, never written by hand. The adverse outcome is always "flagged".
 */
interface MetricBase {
  readonly id: string;
  readonly label: string;
  /** Plain-language meaning, used in reports. */
  readonly meaning: string;
  readonly needsLabels: boolean;
  /** Which direction of the value is worse for the group (more burden). */
  readonly worse: 'higher' | 'lower';
}

export interface RateMetric extends MetricBase {
  readonly kind: 'rate';
  readonly numerator: (g: GroupCounts) => number;
  readonly denominator: (g: GroupCounts) => number;
}

export interface MeanMetric extends MetricBase {
  readonly kind: 'mean';
  readonly needsScores: true;
  /** Count, sum and sum of squares of the averaged quantity. */
  readonly moments: (g: GroupCounts) => { n: number; sum: number; sumSq: number };
}

export type Metric = RateMetric | MeanMetric;

const rate = (m: Omit<RateMetric, 'kind'>): RateMetric => ({ kind: 'rate', ...m });

export const RATE_METRICS: readonly RateMetric[] = [
  rate({ id: 'selection_rate', label: 'Selection rate', meaning: 'share flagged for investigation', numerator: (g) => g.flagged, denominator: (g) => g.n, needsLabels: false, worse: 'higher' }),
  rate({ id: 'true_positive_rate', label: 'True positive rate', meaning: 'share of actual fraud/error cases that are flagged', numerator: (g) => g.tp, denominator: (g) => g.tp + g.fn, needsLabels: true, worse: 'higher' }),
  rate({ id: 'false_positive_rate', label: 'False positive rate', meaning: 'share of innocent households that are flagged', numerator: (g) => g.fp, denominator: (g) => g.fp + g.tn, needsLabels: true, worse: 'higher' }),
  rate({ id: 'false_negative_rate', label: 'False negative rate', meaning: 'share of actual fraud/error cases not flagged', numerator: (g) => g.fn, denominator: (g) => g.tp + g.fn, needsLabels: true, worse: 'lower' }),
  rate({ id: 'precision', label: 'Precision', meaning: 'share of flagged households where fraud/error is found', numerator: (g) => g.tp, denominator: (g) => g.tp + g.fp, needsLabels: true, worse: 'lower' }),
  rate({ id: 'false_discovery_rate', label: 'False discovery rate', meaning: 'share of flagged households that are innocent', numerator: (g) => g.fp, denominator: (g) => g.tp + g.fp, needsLabels: true, worse: 'higher' }),
  rate({ id: 'false_omission_rate', label: 'False omission rate', meaning: 'share of households not flagged that are fraud/error cases', numerator: (g) => g.fn, denominator: (g) => g.fn + g.tn, needsLabels: true, worse: 'lower' }),
  // Aequitas's "FP/GS" (Saleiro et al. 2018, the punitive branch of the fairness tree): innocent
  // households flagged, per member of the group (labelled rows; all rows when every row has a label).
  rate({ id: 'false_positives_per_group_size', label: 'False positives per group size', meaning: 'innocent households flagged, as a share of the whole group', numerator: (g) => g.fp, denominator: (g) => g.labelled, needsLabels: true, worse: 'higher' }),
];

export const MEAN_METRICS: readonly MeanMetric[] = [
  { kind: 'mean', id: 'mean_score', label: 'Mean score', meaning: 'average risk score', needsLabels: false, needsScores: true, worse: 'higher', moments: (g) => ({ n: g.scoreCount, sum: g.scoreSum, sumSq: g.scoreSumSq }) },
];

export const METRICS: readonly Metric[] = [...RATE_METRICS, ...MEAN_METRICS];

export type MetricVariant = 'rate' | 'ratio' | 'difference';

export interface ResolvedMetricId {
  readonly id: string;
  readonly base: Metric;
  readonly variant: MetricVariant;
}

const BY_ID = new Map<string, ResolvedMetricId>();
for (const base of METRICS) {
  BY_ID.set(base.id, { id: base.id, base, variant: 'rate' });
  BY_ID.set(`${base.id}_ratio`, { id: `${base.id}_ratio`, base, variant: 'ratio' });
  BY_ID.set(`${base.id}_difference`, { id: `${base.id}_difference`, base, variant: 'difference' });
}

/** Every metric id the registry knows, rates first then their generated variants. */
export const METRIC_IDS: readonly string[] = [...BY_ID.keys()];

/** Looks a metric id up; undefined for an unknown id. */
export function resolveMetricId(id: string): ResolvedMetricId | undefined {
  return BY_ID.get(id);
}
