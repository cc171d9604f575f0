import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../harness/results/index.js';
import { messagesFor, type Lang } from '../i18n/index.js';
import { displayNames, findIntersection, slug, unitNoun } from '../shared/index.js';
import { calibrationGroups, calibrationSpec } from './calibration-spec.js';
import { comparisonChangeSpec } from './comparison-change-spec.js';
import { counterfactualShiftSpec } from './counterfactual-shift-spec.js';
import { errorRateSpec, labelledGroups } from './error-rate-spec.js';
import { intersectionHeatmapSpec } from './intersection-heatmap-spec.js';
import { proxyStrengthSpec } from './proxy-strength-spec.js';
import { hasOverRepresentation, overRepresentationSpec } from './over-representation-spec.js';
import { ratioForestSpec } from './ratio-forest-spec.js';
import { reproductionSpec } from './reproduction-spec.js';
import { histogramGroups, scoreDistributionSpec } from './score-distribution-spec.js';
import { selectionCurveSpec } from './selection-curve-spec.js';
import { selectionRateSpec } from './selection-rate-spec.js';

/** One chart of a report: `name` is file-name safe and unique within the report. */
export interface ChartSpec {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/**
 * The charts a report contains, in display order. Each kind appears only when results hold its data:
 *
 * | chart                                   | needs                                          |
 * |-----------------------------------------|------------------------------------------------|
 * | over-representation (the headline)      | flagged_share / population_share, or a sample  |
 * | selection-rate-<attribute>              | groups of the attribute                        |
 * | ratio-forest                            | a selection_rate_ratio                         |
 * | intersection-heatmap                    | two or more protected attributes               |
 * | error-rates-<attribute>                 | labels (tp/fp/tn/fn) and FPR/FNR               |
 * | score-distribution-<attribute>          | groups' score_histogram                        |
 * | selection-curve-<attribute>             | groups' score_histogram                        |
 * | calibration-<attribute>                 | score_histogram with labelled/positives        |
 * | comparison-selection-change             | results.comparison (disparate compare)         |
 * | counterfactual-shift                    | results.counterfactual                         |
 * | proxy-strength                          | results.proxies                                |
 * | published-vs-reproduced                 | results.reproduction, inputs left out          |
 *
 * @example buildChartSpecs(results).map((c) => c.name) // ["selection-rate-nationality", ..., "ratio-forest", "intersection-heatmap"]
 */
export function buildChartSpecs(results: Results, lang: Lang = 'en'): ChartSpec[] {
  const T = messagesFor(lang);
  const K = T.charts.titles;
  const charts: ChartSpec[] = [];
  const used = new Set<string>();
  const add = (name: string, title: string, spec: TopLevelSpec): void => {
    let candidate = name;
    for (let i = 2; used.has(candidate); i++) candidate = `${name}-${i}`;
    used.add(candidate);
    charts.push({ name: candidate, title, spec });
  };
  const attributes = results.manifest.protected.filter((a) => results.groups.some((g) => g.attribute === a));
  const names = displayNames(results, lang);
  const by = (a: string): string => names.attributeInText(a);
  // A comparison's own chart comes first: it is what the compare command is asked for.
  if (results.comparison && results.comparison.groups.some((g) => g.n >= results.manifest.min_cell)) {
    add('comparison-selection-change', K.comparison, comparisonChangeSpec(results.comparison, results.manifest.min_cell, T));
  }
  if (hasOverRepresentation(results)) add('over-representation', K.overRepresentation, overRepresentationSpec(results, T));
  // A selective-labels audit's groups hold only investigated cases: say so on every chart drawn from them.
  const scope = results.selective_labels !== undefined;
  for (const a of attributes) add(`selection-rate-${slug(a)}`, K.selectionRate(by(a), scope), selectionRateSpec(results, a, T));
  if (results.groups.some((g) => !g.is_reference && g.metrics['selection_rate_ratio'])) {
    add('ratio-forest', K.ratioForest(scope), ratioForestSpec(results, 'selection_rate_ratio', T));
  }
  const inter = findIntersection(results);
  if (results.manifest.protected.length >= 2 && inter !== null) {
    add('intersection-heatmap', K.selectionRate(inter.parts.map(by).join(' × '), scope), intersectionHeatmapSpec(results, T));
  }
  for (const a of attributes) {
    if (labelledGroups(results, a).length > 0) add(`error-rates-${slug(a)}`, K.errorRates(by(a), scope), errorRateSpec(results, a, T));
  }
  for (const a of attributes) {
    if (histogramGroups(results, a).length > 0) add(`score-distribution-${slug(a)}`, K.scoreDistribution(by(a)), scoreDistributionSpec(results, a, T));
  }
  for (const a of attributes) {
    if (histogramGroups(results, a).length > 0) add(`selection-curve-${slug(a)}`, K.selectionCurve(by(a)), selectionCurveSpec(results, a, T));
  }
  for (const a of attributes) {
    if (calibrationGroups(results, a).length > 0) add(`calibration-${slug(a)}`, K.calibration(by(a)), calibrationSpec(results, a, T));
  }
  if (results.counterfactual.length > 0) add('counterfactual-shift', K.counterfactual, counterfactualShiftSpec(results.counterfactual, unitNoun(results.manifest), T));
  // One proxy chart per protected attribute: each input's association with it, and how well all
  // inputs together predict it; one-feature AUCs stay in results.json.
  for (const a of attributes) {
    const rows = (results.proxies ?? []).filter((p) => p.attribute === a && (p.statistic !== 'auc' || p.input === 'all inputs'));
    if (rows.length > 0) add(`proxy-strength-${slug(a)}`, K.proxies(by(a)), proxyStrengthSpec(rows, T));
  }
  // Inputs are checks of the pack's build, not reproductions: the chart draws the other figures only.
  const outputs = (results.reproduction?.figures ?? []).filter((f) => f.class !== 'input');
  if (outputs.length > 0) {
    add(
      'published-vs-reproduced',
      K.reproduction,
      reproductionSpec(outputs.map((f) => ({ figure: f.label, published: f.published, reproduced: f.reproduced, tolerance: f.tolerance, informative: f.class === 'informative' })), T),
    );
  }
  return charts;
}
