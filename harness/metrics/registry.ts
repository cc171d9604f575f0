import type { GroupCounts } from '../accumulate/index.js';

/**
 * The metric registry as data. Each base metric is a proportion x/m of a group's confusion
 * counts; the `_ratio` and `_difference` variants against the reference group are generated
 * from this table, never written by hand. The adverse outcome is always "flagged".
 */
export interface RateMetric {
  readonly id: string;
  readonly label: string;
  /** Plain-language meaning, used in reports. */
  readonly meaning: string;
  readonly numerator: (g: GroupCounts) => number;
  readonly denominator: (g: GroupCounts) => number;
  readonly needsLabels: boolean;
  /** Which direction of the rate is worse for the group (more burden). */
  readonly worse: 'higher' | 'lower';
}

export const RATE_METRICS: readonly RateMetric[] = [
  { id: 'selection_rate', label: 'Selection rate', meaning: 'share flagged for investigation', numerator: (g) => g.flagged, denominator: (g) => g.n, needsLabels: false, worse: 'higher' },
  { id: 'true_positive_rate', label: 'True positive rate', meaning: 'share of actual fraud/error cases that are flagged', numerator: (g) => g.tp, denominator: (g) => g.tp + g.fn, needsLabels: true, worse: 'higher' },
  { id: 'false_positive_rate', label: 'False positive rate', meaning: 'share of innocent households that are flagged', numerator: (g) => g.fp, denominator: (g) => g.fp + g.tn, needsLabels: true, worse: 'higher' },
  { id: 'false_negative_rate', label: 'False negative rate', meaning: 'share of actual fraud/error cases not flagged', numerator: (g) => g.fn, denominator: (g) => g.tp + g.fn, needsLabels: true, worse: 'lower' },
  { id: 'precision', label: 'Precision', meaning: 'share of flagged households where fraud/error is found', numerator: (g) => g.tp, denominator: (g) => g.tp + g.fp, needsLabels: true, worse: 'lower' },
  { id: 'false_discovery_rate', label: 'False discovery rate', meaning: 'share of flagged households that are innocent', numerator: (g) => g.fp, denominator: (g) => g.tp + g.fp, needsLabels: true, worse: 'higher' },
  { id: 'false_omission_rate', label: 'False omission rate', meaning: 'share of households not flagged that are fraud/error cases', numerator: (g) => g.fn, denominator: (g) => g.fn + g.tn, needsLabels: true, worse: 'lower' },
];

export type MetricVariant = 'rate' | 'ratio' | 'difference';

export interface ResolvedMetricId {
  readonly id: string;
  readonly base: RateMetric;
  readonly variant: MetricVariant;
}

const BY_ID = new Map<string, ResolvedMetricId>();
for (const base of RATE_METRICS) {
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
