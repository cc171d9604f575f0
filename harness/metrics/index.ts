export { computeGroupMetrics, computeMetricValue, computeOverall, totalsOf, type MetricOptions } from './compute-group-metrics.js';
export { shareComparison, type ShareComparison } from './share-interval.js';
export {
  MEAN_METRICS,
  METRIC_IDS,
  METRICS,
  RATE_METRICS,
  SHARE_METRICS,
  resolveMetricId,
  type MeanMetric,
  type Metric,
  type MetricVariant,
  type RateMetric,
  type ResolvedMetricId,
  type ShareMetric,
} from './registry.js';
export { bootstrapGroupMetrics, bootstrapKey, type BootstrapTarget } from './bootstrap-group-metrics.js';
export { AGENCY_TEST, buildSelectiveLabels, computeSelectiveLabels, type SelectiveCounts, type SelectiveSettings, type SelectiveTest } from './selective-labels.js';
export { selectiveEstimates, type SelectiveEstimates } from './selective-estimates.js';
export { groupJackknifeAcceleration } from './group-jackknife-acceleration.js';
export { computeSelectionCurves } from './compute-selection-curves.js';
export { buildScoreHistogram } from './build-score-histogram.js';
export { STATISTIC_METRICS, type StatisticMetric } from './registry.js';
export { benefitIndex, type StatisticContext, type StatisticValue } from './score-statistics.js';
export { REST_REFERENCE, complementOf, isRestReference } from './rest-reference.js';
