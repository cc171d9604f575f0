import type { TopLevelSpec } from 'vega-lite';
import type { GroupResult, Results } from '../../harness/results/index.js';
import { formatCount, formatRate } from '../shared/index.js';
import { groupLabel, groupStyles } from './group-colours.js';

import { EN, type Messages } from '../i18n/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Groups of `attribute` that carry a usable score histogram. */
export function histogramGroups(results: Results, attribute: string): GroupResult[] {
  return results.groups.filter(
    (g) => g.attribute === attribute && g.score_histogram && g.score_histogram.counts.length > 0 && g.score_histogram.edges.length === g.score_histogram.counts.length + 1,
  );
}

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/**
 * Score distribution per group of one attribute, from the groups' score histograms: a step line per
 * group of the share of the group in each score bin (density when bins differ in width), so groups
 * of different sizes compare. Bins withheld for privacy (NaN) leave gaps.
 *
 * @example scoreDistributionSpec(results, 'nationality')
 */
export function scoreDistributionSpec(results: Results, attribute: string, T: Messages = EN): TopLevelSpec {
  const S = T.charts.score;
  const groups = histogramGroups(results, attribute);
  if (groups.length === 0) throw new Error(`scoreDistributionSpec: no score histogram for ${attribute}`);
  const widths = groups.flatMap((g) => g.score_histogram!.edges.slice(1).map((e, i) => e - g.score_histogram!.edges[i]!));
  const uniform = widths.every((w) => Math.abs(w - widths[0]!) <= 1e-9 * Math.max(1, Math.abs(widths[0]!)));
  const rows = groups.flatMap((g) => {
    const { edges, counts } = g.score_histogram!;
    const total = counts.filter(finite).reduce((a, b) => a + b, 0) || 1;
    const label = groupLabel(g, T);
    const value = (c: number | undefined, i: number) =>
      finite(c) ? (uniform ? c / total : c / total / (edges[i + 1]! - edges[i]!)) : null;
    const pts = counts.map((c, i) => ({ group: label, score: edges[i]!, value: value(c, i), share_text: finite(c) ? T.num(formatRate(c / total)) : T.detail.withheld }));
    // Close the last step at the upper edge.
    const last = pts[pts.length - 1]!;
    return [...pts, { ...last, score: edges[edges.length - 1]! }];
  });
  const style = groupStyles(groups, T);
  const yTitle = S.axisY(uniform);
  const peaks = groups.map((g) => {
    const { edges, counts } = g.score_histogram!;
    let best = 0;
    counts.forEach((c, i) => { if (finite(c) && c > (counts[best] ?? -1)) best = i; });
    return T.num(S.peak(groupLabel(g, T), String(edges[best]), String(edges[best + 1]), formatCount(g.n)));
  });
  return {
    $schema: SCHEMA,
    title: { text: S.title(attribute), subtitle: S.subtitle(uniform) },
    ...chartLocale(T),
    description: S.description(attribute, groups.length, peaks),
    width: 460,
    height: 240,
    data: { values: rows },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: {
      x: { field: 'score', type: 'quantitative', title: S.axisX, scale: { nice: false } },
      y: { field: 'value', type: 'quantitative', title: yTitle, axis: uniform ? { format: '.0%' } : {} },
      // The scale's domain orders the groups; a `sort` array would also do it, but Vega compiles it to an
      // object keyed by group, and groups named "constructor" or "toString" break it.
      color: { field: 'group', type: 'nominal', title: attribute, scale: { domain: style.labels, range: style.colours } },
      strokeDash: { field: 'group', type: 'nominal', title: attribute, scale: { domain: style.labels, range: style.dashes } },
      tooltip: [
        { field: 'group', title: attribute },
        { field: 'score', title: S.tooltipFrom, format: '.3f' },
        { field: 'share_text', title: S.tooltipShare },
      ],
    },
  };
}
