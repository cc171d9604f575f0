import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../harness/results/index.js';
import { INTERSECTION_SEPARATOR, OKABE_ITO, countText, findIntersection, formatRate } from '../shared/index.js';

import { EN, type Messages } from '../i18n/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Heatmap of the selection rate over the widest intersection of protected attributes: rows are the
 * first attribute's groups, columns the remaining attributes' groups (combined labels such as
 * "disabled×low" when three or more are crossed). Colour: viridis; each cell also prints its rate.
 * Small cells get a dashed outline and the text "n < min_cell"; cells without a rate are grey "n/a".
 *
 * @throws Error when results hold no intersection (fewer than two protected attributes).
 * @example intersectionHeatmapSpec(results)
 */
export function intersectionHeatmapSpec(results: Results, T: Messages = EN): TopLevelSpec {
  const H = T.charts.heatmap;
  const inter = findIntersection(results);
  if (inter === null) throw new Error('intersectionHeatmapSpec: results have no intersection attribute');
  const { attribute, parts } = inter;
  const minCell = results.manifest.min_cell;
  const rows = results.groups
    .filter((g) => g.attribute === attribute)
    .map((g) => {
      const values = g.group.split(INTERSECTION_SEPARATOR);
      const ok = values.length === parts.length;
      const rate = g.metrics['selection_rate']?.value ?? null;
      return {
        row: ok ? values[0]! : g.group,
        col: ok ? values.slice(1).join(INTERSECTION_SEPARATOR) : '',
        rate,
        rate_text: g.metrics['selection_rate']?.withheld ? T.detail.withheld : T.num(formatRate(rate)),
        small_text: g.small_cell ? `n < ${minCell}` : '',
        small: g.small_cell,
        n_text: T.num(countText(results, g.n)),
      };
    });
  const rates = rows.map((r) => r.rate).filter((v): v is number => v !== null);
  const mid = rates.length ? (Math.min(...rates) + Math.max(...rates)) / 2 : 0;
  const rowTitle = parts[0] ?? attribute;
  const colTitle = parts.slice(1).join(` ${INTERSECTION_SEPARATOR} `);
  const x = { field: 'col', type: 'nominal', sort: null, title: colTitle, axis: { labelAngle: 0 } } as const;
  const y = { field: 'row', type: 'nominal', sort: null, title: rowTitle } as const;
  // Viridis runs dark → light: white text on the lower half of the scale, black on the upper.
  const textColour = { condition: { test: `isValid(datum.rate) && datum.rate < ${mid}`, value: '#ffffff' }, value: OKABE_ITO.black };
  const top = [...rows].filter((r) => r.rate !== null).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0))[0];
  const small = rows.filter((r) => r.small).length;

  return {
    $schema: SCHEMA,
    title: { text: H.title(parts.join(` ${INTERSECTION_SEPARATOR} `)), subtitle: H.subtitle },
    ...chartLocale(T),
    description: H.description({ cells: rows.length, rows: rowTitle, columns: colTitle, top: top ? H.top(top.row, top.col, top.rate_text) : null, small, minCell }),
    width: { step: 100 },
    height: { step: 48 },
    data: { values: rows },
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect', color: OKABE_ITO.grey, opacity: 0.35 },
      },
      {
        transform: [{ filter: 'isValid(datum.rate)' }],
        mark: { type: 'rect' },
        encoding: {
          color: { field: 'rate', type: 'quantitative', title: H.legend, scale: { scheme: 'viridis', zero: false }, legend: { format: '.1%' } },
          tooltip: [
            { field: 'row', title: rowTitle },
            { field: 'col', title: colTitle },
            { field: 'rate_text', title: H.tooltipRate },
            { field: 'n_text', title: T.charts.n },
          ],
        },
      },
      {
        transform: [{ filter: 'datum.small' }],
        mark: { type: 'rect', filled: false, stroke: OKABE_ITO.black, strokeWidth: 2, strokeDash: [5, 3] },
      },
      ...(
        [
          ['!datum.small', 'rate_text', 0],
          ['datum.small', 'rate_text', -8],
          ['datum.small', 'small_text', 9],
        ] as const
      ).map(([filter, field, dy]) => ({
        transform: [{ filter }],
        mark: { type: 'text' as const, baseline: 'middle' as const, dy, fontWeight: field === 'small_text' ? ('bold' as const) : ('normal' as const) },
        encoding: { text: { field }, color: textColour },
      })),
    ],
  };
}
