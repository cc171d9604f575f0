/**
 * reports: results.json → charts (Vega-Lite specs, SVG, PNG), report.html, report.md.
 * Pure: every function returns strings or bytes; the CLI writes them.
 */
export { buildReport, type Report } from './build-report.js';
export { buildChartSpecs, intersectionHeatmapSpec, ratioForestSpec, selectionRateSpec, type ChartSpec } from './specs/index.js';
export {
  escapeHtml, escapeMarkdown, renderPng, renderSvg, writeHtml, writeMarkdown, type RenderSvgOptions, type ReportChart,
} from './writers/index.js';
