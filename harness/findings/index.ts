export { analyseCells, analysisSections, bootstrapManifest, type Analysis, type AnalysisSettings } from './analyse-cells.js';
export { collectSelectiveCounts, type SelectiveRows } from './collect-selective-counts.js';
