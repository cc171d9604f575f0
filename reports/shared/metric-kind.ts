import { fixed, formatDifference, formatRate, formatRateInterval, formatRatio } from './format-number.js';

/** How a metric id reads: a rate in [0, 1], a ratio to the reference, a difference from it, or other. */
export type MetricKind = 'rate' | 'ratio' | 'difference' | 'other';

const RATES = new Set([
  'selection_rate',
  'true_positive_rate',
  'false_positive_rate',
  'false_negative_rate',
  'precision',
  'false_discovery_rate',
  'false_omission_rate',
]);

/** The kind of a metric id, from its suffix. @example metricKind('selection_rate_ratio') // "ratio" */
export function metricKind(metric: string): MetricKind {
  if (metric.endsWith('_ratio')) return 'ratio';
  if (metric.endsWith('_difference')) return 'difference';
  return RATES.has(metric) ? 'rate' : 'other';
}

/** The value of "no disparity" for a comparison: 1 for a ratio, 0 for a difference, null otherwise. */
export function parityOf(metric: string): number | null {
  const kind = metricKind(metric);
  return kind === 'ratio' ? 1 : kind === 'difference' ? 0 : null;
}

/** The metric a ratio or difference compares. @example baseMetric('precision_difference') // "precision" */
export function baseMetric(metric: string): string {
  return metric.replace(/_(ratio|difference)$/, '');
}

/** Human name of a metric id. @example metricLabel('false_positive_rate_ratio') // "false positive rate ratio" */
export function metricLabel(metric: string): string {
  return metric.replace(/_/g, ' ');
}

/** A metric value formatted by its kind (rate %, ratio 2 decimals, difference pp). */
export function formatMetric(metric: string, value: number | null): string {
  if (value === null) return 'n/a';
  switch (metricKind(metric)) {
    case 'rate':
      return formatRate(value);
    case 'ratio':
      return formatRatio(value);
    case 'difference':
      return formatDifference(value);
    default:
      return fixed(value, 3);
  }
}

/** An interval (or tolerance bounds) formatted by the metric's kind. @example "1.72–2.56" */
export function formatMetricInterval(metric: string, ci: readonly [number, number] | null): string {
  if (ci === null) return 'not estimable';
  switch (metricKind(metric)) {
    case 'rate':
      return formatRateInterval(ci);
    case 'ratio':
      return `${formatRatio(ci[0])}–${formatRatio(ci[1])}`;
    case 'difference':
      return `${formatDifference(ci[0])} to ${formatDifference(ci[1])}`;
    default:
      return `${fixed(ci[0], 3)}–${fixed(ci[1], 3)}`;
  }
}
