/** Charts named after an attribute (`<kind>-<slug>`) and charts that appear once (`<kind>`); see buildChartSpecs. */
const PER_ATTRIBUTE = ['selection-rate', 'error-rates', 'score-distribution', 'selection-curve', 'calibration', 'proxy-strength'];
const SINGLE = ['ratio-forest', 'intersection-heatmap', 'counterfactual-shift', 'published-vs-reproduced', 'comparison-selection-change', 'over-representation'];
const CHART = new RegExp(`^(?:(?:${PER_ATTRIBUTE.join('|')})-[a-z0-9-]{1,60}|(?:${SINGLE.join('|')}))(?:-\\d+)?\\.(?:vl\\.json|svg|png)$`);
const FIXED = new Set(['results.json', 'report.html', 'report.md', 'junit.xml']);

/**
 * Whether `name` is a file name a report can have (results.json, report.html, report.md, junit.xml
 * or a chart's .vl.json/.svg/.png): the only files a new report may replace or remove in its folder.
 *
 * @example isReportFileName('selection-rate-nationality.svg') // true
 * @example isReportFileName('notes.txt') // false
 */
export function isReportFileName(name: string): boolean {
  return FIXED.has(name) || CHART.test(name);
}
