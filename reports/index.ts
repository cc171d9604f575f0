/**
 * reports: results.json → charts (Vega-Lite specs, SVG, PNG), report.html, report.md, junit.xml.
 * Pure: every function returns strings or bytes; the CLI writes them. `loadVegaBundles` is the one
 * reader (for --interactive), kept apart from buildReport.
 */
export { buildReport, REPORT_FORMATS, type BuildReportOptions, type Report, type ReportFormat } from './build-report.js';
export { isReportFileName } from './is-report-file-name.js';
export { loadVegaBundles } from './load-vega-bundles.js';
export {
  buildChartSpecs, calibrationSpec, counterfactualShiftSpec, errorRateSpec, intersectionHeatmapSpec, proxyStrengthSpec, ratioForestSpec,
  reproductionSpec, scoreDistributionSpec, selectionCurveSpec, selectionRateSpec, type ChartSpec, type ReproductionPoint,
} from './specs/index.js';
export {
  escapeHtml, escapeMarkdown, escapeXml, renderPng, renderSvg, writeHtml, writeJunit, writeMarkdown,
  type InconclusiveAs, type RenderSvgOptions, type ReportChart, type WriteHtmlOptions,
} from './writers/index.js';
export { markWithheld, redactResults, privacyThreshold, terminalSummary } from './shared/index.js';
