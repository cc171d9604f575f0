import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../harness/results/index.js';
import { formatRate } from '../shared/index.js';
import { groupLabel, groupStyles } from './group-colours.js';
import { histogramGroups } from './score-distribution-spec.js';

import { EN, type Messages } from '../i18n/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Selection curves (threshold sweep) per group of one attribute, from the score histograms: at each
 * bin edge t, the share of the group with a score ≥ t, i.e. the selection rate a threshold rule at t
 * would give. Points whose count (or its complement) is withheld for privacy are left out.
 *
 * @example selectionCurveSpec(results, 'nationality')
 */
export function selectionCurveSpec(results: Results, attribute: string, T: Messages = EN): TopLevelSpec {
  const S = T.charts.curve;
  const groups = histogramGroups(results, attribute);
  if (groups.length === 0) throw new Error(`selectionCurveSpec: no score histogram for ${attribute}`);
  const rows = groups.flatMap((g) => {
    const { edges, counts } = g.score_histogram!;
    const hidden = counts.some((c) => !Number.isFinite(c));
    const total = counts.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0) || 1;
    let above = total;
    return edges.slice(0, -1).map((t, i) => {
      // With withheld bins only the exact ends are known; drop interior points.
      const rate = hidden && i > 0 ? null : above / total;
      above -= Number.isFinite(counts[i]!) ? counts[i]! : 0;
      return { group: groupLabel(g, T), threshold: t, rate, rate_text: T.num(formatRate(rate)) };
    });
  });
  const style = groupStyles(groups, T);
  return {
    $schema: SCHEMA,
    title: { text: S.title(attribute), subtitle: S.subtitle },
    ...chartLocale(T),
    description: S.description(attribute, groups.length),
    width: 460,
    height: 240,
    data: { values: rows },
    transform: [{ filter: 'isValid(datum.rate)' }],
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: { field: 'threshold', type: 'quantitative', title: S.axisX, scale: { nice: false } },
      y: { field: 'rate', type: 'quantitative', title: S.axisY, axis: { format: '.0%' } },
      // The scale's domain orders the groups; a `sort` array would also do it, but Vega compiles it to an
      // object keyed by group, and groups named "constructor" or "toString" break it.
      color: { field: 'group', type: 'nominal', title: attribute, scale: { domain: style.labels, range: style.colours } },
      strokeDash: { field: 'group', type: 'nominal', title: attribute, scale: { domain: style.labels, range: style.dashes } },
      tooltip: [
        { field: 'group', title: attribute },
        { field: 'threshold', title: S.tooltipThreshold, format: '.3f' },
        { field: 'rate_text', title: S.tooltipRate },
      ],
    },
  };
}
