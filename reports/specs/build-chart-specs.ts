import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../harness/results/index.js';
import { findIntersection, slug } from '../shared/index.js';
import { intersectionHeatmapSpec } from './intersection-heatmap-spec.js';
import { ratioForestSpec } from './ratio-forest-spec.js';
import { selectionRateSpec } from './selection-rate-spec.js';

/** One chart of a report: `name` is file-name safe and unique within the report. */
export interface ChartSpec {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/**
 * The charts a report contains, in display order: one selection-rate chart per protected attribute,
 * one forest plot of selection-rate ratios, and one intersection heatmap when there are at least two
 * protected attributes.
 *
 * @example buildChartSpecs(results).map((c) => c.name) // ["selection-rate-nationality", ..., "ratio-forest", "intersection-heatmap"]
 */
export function buildChartSpecs(results: Results): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const used = new Set<string>();
  const unique = (name: string): string => {
    let candidate = name;
    for (let i = 2; used.has(candidate); i++) candidate = `${name}-${i}`;
    used.add(candidate);
    return candidate;
  };
  for (const attribute of results.manifest.protected) {
    if (!results.groups.some((g) => g.attribute === attribute)) continue;
    charts.push({
      name: unique(`selection-rate-${slug(attribute)}`),
      title: `Selection rate by ${attribute}`,
      spec: selectionRateSpec(results, attribute),
    });
  }
  if (results.groups.some((g) => !g.is_reference && g.metrics['selection_rate_ratio'])) {
    charts.push({ name: unique('ratio-forest'), title: 'Selection-rate ratio by group', spec: ratioForestSpec(results) });
  }
  const inter = findIntersection(results);
  if (results.manifest.protected.length >= 2 && inter !== null) {
    charts.push({
      name: unique('intersection-heatmap'),
      title: `Selection rate by ${inter.parts.join(' × ')}`,
      spec: intersectionHeatmapSpec(results),
    });
  }
  return charts;
}
