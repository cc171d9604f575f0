export { analyseCells, analysisSections, bootstrapManifest, type Analysis, type AnalysisSettings } from './analyse-cells.js';
export { buildCells, sweepFractions, TOP_DECILE } from './build-cells.js';
export { collectSelectiveCounts, type SelectiveRows } from './collect-selective-counts.js';
export { computeAttributeFindings, type AttributeFindings } from './compute-attribute-findings.js';
export { computeFindings, type CellExtras, type FindingsOptions, type IntersectionSetting } from './compute-findings.js';
export { computeVerdicts } from './compute-verdicts.js';
export { computeWorstGroups } from './compute-worst-groups.js';
export { declaredManifest } from './declared-checks.js';
export { resolveReference, type ResolvedReference } from './resolve-references.js';
