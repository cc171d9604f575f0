import type { TopLevelSpec } from 'vega-lite';
import type { GroupResult, Results } from '../../harness/results/index.js';
import { OKABE_ITO, formatRate } from '../shared/index.js';
import { groupLabel, groupStyles } from './group-colours.js';
import { histogramGroups } from './score-distribution-spec.js';

import { EN, type Messages } from '../i18n/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Bins with fewer labelled rows are left out: their observed rate is noise. */
const MIN_LABELLED = 20;

/** Groups of `attribute` whose histograms carry labelled and positive counts on a [0, 1] score. */
export function calibrationGroups(results: Results, attribute: string): GroupResult[] {
  return histogramGroups(results, attribute).filter((g) => {
    const h = g.score_histogram!;
    return h.labelled?.length === h.counts.length && h.positives?.length === h.counts.length && h.edges[0]! >= 0 && h.edges[h.edges.length - 1]! <= 1;
  });
}

/**
 * Calibration per group of one attribute: for each score bin with labelled rows, the observed share
 * of adverse ground truth (error or fraud found) against the bin's mid score; the diagonal is perfect
 * calibration. A group whose points lie below another's at the same score is scored as riskier than
 * it is. Bins with fewer than 20 labelled rows, or withheld for privacy, are left out.
 *
 * @example calibrationSpec(results, 'nationality')
 */
export function calibrationSpec(results: Results, attribute: string, T: Messages = EN): TopLevelSpec {
  const K = T.charts.calibration;
  const groups = calibrationGroups(results, attribute);
  if (groups.length === 0) throw new Error(`calibrationSpec: no labelled score histogram for ${attribute}`);
  const rows = groups.flatMap((g) => {
    const h = g.score_histogram!;
    return h.counts.flatMap((_, i) => {
      const labelled = h.labelled![i]!;
      const positives = h.positives![i]!;
      if (!(Number.isFinite(labelled) && Number.isFinite(positives) && labelled >= MIN_LABELLED)) return [];
      const observed = positives / labelled;
      return [{ group: groupLabel(g, T), score: (h.edges[i]! + h.edges[i + 1]!) / 2, observed, observed_text: T.num(formatRate(observed)), labelled }];
    });
  });
  const style = groupStyles(groups, T);
  const axis = { format: '.0%' };
  return {
    $schema: SCHEMA,
    title: { text: K.title(attribute), subtitle: K.subtitle },
    ...chartLocale(T),
    description: K.description(attribute, groups.length, MIN_LABELLED),
    width: 320,
    height: 320,
    layer: [
      {
        data: { values: [{ a: 0 }, { a: 1 }] },
        mark: { type: 'line', color: OKABE_ITO.grey, strokeDash: [4, 4] },
        encoding: {
          x: { field: 'a', type: 'quantitative', title: K.axisX, scale: { domain: [0, 1] } },
          y: { field: 'a', type: 'quantitative', title: K.axisY, scale: { domain: [0, 1] }, axis },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x: { field: 'score', type: 'quantitative', title: K.axisX, scale: { domain: [0, 1] } },
          y: { field: 'observed', type: 'quantitative', title: K.axisY, scale: { domain: [0, 1] }, axis },
          // The scale's domain orders the groups; a `sort` array would also do it, but Vega compiles it to an
          // object keyed by group, and groups named "constructor" or "toString" break it.
          color: { field: 'group', type: 'nominal', title: attribute, scale: { domain: style.labels, range: style.colours } },
          strokeDash: { field: 'group', type: 'nominal', title: attribute, scale: { domain: style.labels, range: style.dashes } },
          tooltip: [
            { field: 'group', title: attribute },
            { field: 'score', title: K.tooltipScore, format: '.3f' },
            { field: 'observed_text', title: K.tooltipObserved },
            { field: 'labelled', title: K.tooltipLabelled },
          ],
        },
      },
    ],
  };
}
