import type { TopLevelSpec } from 'vega-lite';
import type { GroupResult, Results } from '../../harness/results/index.js';
import { OKABE_ITO, formatLevel, formatRate, formatRateInterval } from '../shared/index.js';

import { EN, type Messages } from '../i18n/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const METRICS = [['false_positive_rate'], ['false_negative_rate']] as const;

/** Groups of `attribute` with ground-truth labels (error rates defined). */
export function labelledGroups(results: Results, attribute: string): GroupResult[] {
  return results.groups.filter((g) => g.attribute === attribute && g.tp !== null && g.labelled > 0 && METRICS.some(([id]) => g.metrics[id]));
}

/**
 * False positive rate (flagged among those with no error or fraud) and false negative rate (not
 * flagged among those with one) per group of one attribute, side by side with confidence intervals.
 * Colour and shape both name the metric; the reference group's label says "(reference)".
 *
 * @example errorRateSpec(results, 'nationality')
 */
export function errorRateSpec(results: Results, attribute: string, T: Messages = EN): TopLevelSpec {
  const E = T.charts.errors;
  const word = { false_positive_rate: E.fpr, false_negative_rate: E.fnr } as const;
  const labels = METRICS.map(([id]) => word[id]);
  const groups = labelledGroups(results, attribute);
  if (groups.length === 0) throw new Error(`errorRateSpec: no labelled groups for ${attribute}`);
  const rows = groups.flatMap((g) =>
    METRICS.map(([id]) => {
      const metric = word[id];
      const m = g.metrics[id];
      return {
        label: g.is_reference ? `${g.group}${T.charts.referenceSuffix}` : g.group,
        metric,
        rate: m?.value ?? null,
        lo: m?.ci?.[0] ?? null,
        hi: m?.ci?.[1] ?? null,
        rate_text: m?.withheld ? T.detail.withheld : T.num(formatRate(m?.value ?? null)),
        ci_text: T.num(m?.ci ? formatRateInterval(m.ci) : 'n/a'),
      };
    }),
  );
  const level = formatLevel(groups[0]?.metrics['false_positive_rate']?.level ?? 1 - results.manifest.alpha);
  const x = { field: 'label', type: 'nominal', sort: null, title: attribute, axis: { labelAngle: 0 } } as const;
  const colour = { field: 'metric', type: 'nominal', title: E.legend, scale: { domain: labels, range: [OKABE_ITO.vermillion, OKABE_ITO.blue] } } as const;
  const xOffset = { field: 'metric', type: 'nominal', scale: { domain: labels, paddingInner: 0.2 } } as const;
  const yTitle = E.axis;
  const top = Math.max(0.01, ...rows.flatMap((r) => [r.rate, r.hi]).filter((v): v is number => v !== null));
  const domain = [0, Math.min(1, top * 1.08)];
  const worst = (metric: string) =>
    rows.filter((r) => r.metric === metric && r.rate !== null).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0))[0];
  const fpr = worst(E.fpr);
  const fnr = worst(E.fnr);
  return {
    $schema: SCHEMA,
    title: { text: E.title(attribute), subtitle: T.num(E.subtitle(level)) },
    ...chartLocale(T),
    description: E.description({ level: T.num(level), attribute, fpr: fpr ? E.at(fpr.label, fpr.rate_text) : null, fnr: fnr ? E.at(fnr.label, fnr.rate_text) : null }),
    width: Math.max(240, groups.length * 110),
    height: 240,
    data: { values: rows },
    encoding: { x, xOffset },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y: { field: 'lo', type: 'quantitative', title: yTitle, axis: { format: '.0%' }, scale: { domain } },
          y2: { field: 'hi' },
          color: colour,
        },
      },
      {
        transform: [{ filter: 'isValid(datum.rate)' }],
        mark: { type: 'point', filled: true, size: 80, opacity: 1 },
        encoding: {
          y: { field: 'rate', type: 'quantitative', title: yTitle, scale: { domain } },
          color: colour,
          shape: { field: 'metric', type: 'nominal', title: E.legend, scale: { domain: labels, range: ['triangle-up', 'circle'] } },
          tooltip: [
            { field: 'label', title: attribute },
            { field: 'metric', title: E.tooltipMetric },
            { field: 'rate_text', title: E.tooltipRate },
            { field: 'ci_text', title: T.num(E.ci(level)) },
          ],
        },
      },
      {
        // Rates withheld for privacy say so where the point would be.
        transform: [{ filter: `datum.rate_text === '${T.detail.withheld}'` }, { calculate: '0', as: 'zero' }],
        mark: { type: 'text', angle: 270, align: 'left', dx: 4, fontSize: 10, color: OKABE_ITO.black },
        encoding: { y: { field: 'zero', type: 'quantitative', title: yTitle, scale: { domain } }, text: { value: T.detail.withheld } },
      },
    ],
  };
}
