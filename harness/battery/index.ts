export { analyseCells, analysisSections, bootstrapManifest, type Analysis, type AnalysisSettings } from './analyse-cells.js';
export { auditDecisions, type AuditOptions } from './audit-decisions.js';
export { batteryReferences, resolveBattery, type ResolvedBattery } from './resolve-battery.js';
export { runBattery, type RunOptions } from './run-battery.js';
export { executeBattery } from './execute-battery.js';
export { reproducePack } from './reproduce-pack.js';
export { loadResultsFile, type LoadedResults } from './load-results-file.js';
export { mergeResults, type MergeContext, type MergeInput } from './merge-results.js';
export { releaseWorkers, warmWorkers } from './chunk-pool.js';
