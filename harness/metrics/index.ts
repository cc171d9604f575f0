export { computeGroupMetrics, type MetricOptions } from './compute-group-metrics.js';
export { METRIC_IDS, RATE_METRICS, resolveMetricId, type MetricVariant, type RateMetric, type ResolvedMetricId } from './registry.js';
