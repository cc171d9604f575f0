export { selectionRateSpec } from './selection-rate-spec.js';
export { ratioForestSpec } from './ratio-forest-spec.js';
export { intersectionHeatmapSpec } from './intersection-heatmap-spec.js';
export { buildChartSpecs, type ChartSpec } from './build-chart-specs.js';
