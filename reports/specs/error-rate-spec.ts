import type { TopLevelSpec } from 'vega-lite';
import type { GroupResult, Results } from '../../harness/results/index.js';
import { OKABE_ITO, formatLevel, formatRate, formatRateInterval } from '../shared/index.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const METRICS = [
  ['false_positive_rate', 'False positive rate'],
  ['false_negative_rate', 'False negative rate'],
] as const;
const LABELS = METRICS.map(([, l]) => l);

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
export function errorRateSpec(results: Results, attribute: string): TopLevelSpec {
  const groups = labelledGroups(results, attribute);
  if (groups.length === 0) throw new Error(`errorRateSpec: no labelled groups for ${attribute}`);
  const rows = groups.flatMap((g) =>
    METRICS.map(([id, metric]) => {
      const m = g.metrics[id];
      return {
        label: g.is_reference ? `${g.group} (reference)` : g.group,
        metric,
        rate: m?.value ?? null,
        lo: m?.ci?.[0] ?? null,
        hi: m?.ci?.[1] ?? null,
        rate_text: m?.withheld ? 'withheld' : formatRate(m?.value ?? null),
        ci_text: m?.ci ? formatRateInterval(m.ci) : 'n/a',
      };
    }),
  );
  const level = formatLevel(groups[0]?.metrics['false_positive_rate']?.level ?? 1 - results.manifest.alpha);
  const x = { field: 'label', type: 'nominal', sort: null, title: attribute, axis: { labelAngle: 0 } } as const;
  const colour = { field: 'metric', type: 'nominal', title: 'Error rate', scale: { domain: LABELS, range: [OKABE_ITO.vermillion, OKABE_ITO.blue] } } as const;
  const xOffset = { field: 'metric', type: 'nominal', scale: { domain: LABELS, paddingInner: 0.2 } } as const;
  const yTitle = 'Error rate';
  const top = Math.max(0.01, ...rows.flatMap((r) => [r.rate, r.hi]).filter((v): v is number => v !== null));
  const domain = [0, Math.min(1, top * 1.08)];
  const worst = (metric: string) =>
    rows.filter((r) => r.metric === metric && r.rate !== null).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0))[0];
  const fpr = worst(METRICS[0][1]);
  const fnr = worst(METRICS[1][1]);
  return {
    $schema: SCHEMA,
    title: { text: `Error rates by ${attribute}`, subtitle: `${level} CI; false positives = flagged without error or fraud found` },
    description:
      `False positive and false negative rates with ${level} confidence intervals for each ${attribute} group. ` +
      (fpr ? `Highest false positive rate: ${fpr.label} at ${fpr.rate_text}. ` : '') +
      (fnr ? `Highest false negative rate: ${fnr.label} at ${fnr.rate_text}.` : ''),
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
          shape: { field: 'metric', type: 'nominal', title: 'Error rate', scale: { domain: LABELS, range: ['triangle-up', 'circle'] } },
          tooltip: [
            { field: 'label', title: attribute },
            { field: 'metric', title: 'metric' },
            { field: 'rate_text', title: 'rate' },
            { field: 'ci_text', title: `${level} CI` },
          ],
        },
      },
      {
        // Rates withheld for privacy say so where the point would be.
        transform: [{ filter: "datum.rate_text === 'withheld'" }, { calculate: '0', as: 'zero' }],
        mark: { type: 'text', angle: 270, align: 'left', dx: 4, fontSize: 10, color: OKABE_ITO.black },
        encoding: { y: { field: 'zero', type: 'quantitative', title: yTitle, scale: { domain } }, text: { value: 'withheld' } },
      },
    ],
  };
}
