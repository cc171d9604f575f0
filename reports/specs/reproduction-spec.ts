import type { TopLevelSpec } from 'vega-lite';
import { OKABE_ITO, VERDICT_STYLE } from '../shared/index.js';

import { EN, type Messages } from '../i18n/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Deviations are drawn in units of the tolerance and clipped to ±LIMIT (clipped points say so). */
const LIMIT = 4;

/** One published figure against its reproduction, for {@link reproductionSpec}. */
export interface ReproductionPoint {
  figure: string;
  published: number;
  reproduced: number | null;
  /** Absolute tolerance within which the reproduction counts as matching (0 = exact). */
  tolerance: number;
  /** Drawn with its gap but never counted as reproduced (a figure the pack cannot be expected to match). */
  informative?: boolean;
}

const num = (v: number): string => String(+v.toPrecision(4));

/**
 * Published against reproduced figures of a pack. Figures live on different scales (rates, ratios,
 * counts), so each is drawn as its deviation in units of its own tolerance, (reproduced − published)
 * ÷ tolerance: the shaded band −1…1 is "matches". Deviations beyond ±4 are clipped to the edge and
 * drawn as triangles; figures not reproduced read "not reproduced". Labels carry both numbers.
 *
 * @example reproductionSpec([{ figure: 'Selection-rate ratio', published: 2.1, reproduced: 2.05, tolerance: 0.1 }])
 */
export function reproductionSpec(points: readonly ReproductionPoint[], T: Messages = EN): TopLevelSpec {
  const R = T.charts.reproduction;
  if (points.length === 0) throw new Error('reproductionSpec: no figures');
  const rows = points.map((p) => {
    const diff = p.reproduced === null ? null : p.reproduced - p.published;
    const raw = diff === null ? null : p.tolerance > 0 ? diff / p.tolerance : diff === 0 ? 0 : Math.sign(diff) * Infinity;
    const within = raw !== null && Math.abs(raw) <= 1 + 1e-12;
    return {
      label: R.label({ figure: p.figure, informative: p.informative === true, published: T.num(num(p.published)), reproduced: p.reproduced === null ? null : T.num(num(p.reproduced)), tolerance: T.num(num(p.tolerance)) }),
      deviation: raw === null ? null : Math.max(-LIMIT, Math.min(LIMIT, raw)),
      clipped: raw !== null && raw > LIMIT ? R.above : raw !== null && raw < -LIMIT ? R.below : R.inside,
      status: raw === null ? R.notReproduced : within ? R.matches : R.outside,
      counted: p.informative !== true,
    };
  });
  const matched = rows.filter((r) => r.counted && r.status === R.matches).length;
  const informative = rows.length - rows.filter((r) => r.counted).length;
  const domain = [-LIMIT, LIMIT];
  const x = { type: 'quantitative', scale: { domain }, title: R.axis } as const;
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 460 } } as const;
  const statuses = [R.matches, R.outside];
  return {
    $schema: SCHEMA,
    title: { text: R.title, subtitle: R.subtitle },
    ...chartLocale(T),
    description: R.description(matched, rows.length, informative),
    width: 360,
    height: { step: 24 },
    data: { values: rows },
    layer: [
      {
        data: { values: [{ lo: -1, hi: 1 }] },
        mark: { type: 'rect', color: OKABE_ITO.grey, opacity: 0.25 },
        encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' } },
      },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: OKABE_ITO.black }, encoding: { x: { ...x, field: 'zero' } } },
      {
        transform: [{ filter: 'isValid(datum.deviation)' }],
        mark: { type: 'point', filled: true, size: 80, opacity: 1 },
        encoding: {
          x: { ...x, field: 'deviation' },
          y,
          color: { field: 'status', type: 'nominal', title: R.legendStatus, scale: { domain: statuses, range: [VERDICT_STYLE.pass.colour, VERDICT_STYLE.fail.colour] } },
          shape: { field: 'clipped', type: 'nominal', title: R.legendDeviation, scale: { domain: [R.inside, R.above, R.below], range: ['circle', 'triangle-right', 'triangle-left'] } },
          tooltip: [{ field: 'label', title: R.tooltipFigure }, { field: 'status', title: R.tooltipStatus }],
        },
      },
      {
        transform: [{ filter: '!isValid(datum.deviation)' }, { calculate: '0', as: 'zero' }],
        mark: { type: 'text', align: 'left', dx: 4, color: OKABE_ITO.black },
        encoding: { x: { ...x, field: 'zero' }, y, text: { value: R.notReproduced } },
      },
    ],
  };
}
