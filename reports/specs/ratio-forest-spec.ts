import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../harness/results/index.js';
import { EN, type Messages } from '../i18n/index.js';
import { INTERSECTION_SEPARATOR, OKABE_ITO, VERDICT_STYLE, type VerdictKey, displayNames, formatLevel, formatMetric, formatMetricInterval, unstableReference } from '../shared/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const VERDICTS = Object.keys(VERDICT_STYLE) as VerdictKey[];

/**
 * Forest plot of a ratio metric for every non-reference (attribute, group), on a log x-scale, with
 * confidence intervals, a rule at 1 (parity), the tolerance band from the checks on that metric and
 * colour plus shape by verdict. A ratio of 0 cannot sit on a log scale: its interval is drawn from the
 * axis up to its upper limit and reads "0 (at most 0.43)"; a null ratio reads "not estimable"; rows with
 * a null interval show the point alone. Groups and attributes are named in words (the manifest's
 * labels), and a row whose reference group is flagged too rarely says "unstable reference".
 *
 * @example ratioForestSpec(results) // selection_rate_ratio
 */
export function ratioForestSpec(results: Results, metric = 'selection_rate_ratio', T: Messages = EN): TopLevelSpec {
  const C = T.charts;
  const F = C.forest;
  const metricLabel = T.detail.metric;
  const verdictWord = (v: VerdictKey): string => T.verdictWord[v];
  const checks = results.checks.filter((c) => c.metric === metric);
  const names = displayNames(results, T.lang);
  const unstable = new Set(
    results.groups.filter((g) => g.is_reference && !g.suppressed && metric.startsWith('selection_rate') && unstableReference(g)).map((g) => g.attribute),
  );
  const rows = results.groups
    .filter((g) => !g.is_reference && g.metrics[metric] !== undefined)
    .map((g) => {
      const m = g.metrics[metric]!;
      const check = checks.find((c) => c.attribute === g.attribute && c.group === g.group);
      const estimable = m.value !== null && m.value > 0;
      const ciOk = m.ci !== null && m.ci[0] > 0;
      const zero = m.value === 0 && m.ci !== null && m.ci[1] > 0;
      const notes = [g.small_cell ? `n < ${results.manifest.min_cell}` : null, unstable.has(g.attribute) ? F.unstable : null].filter((n) => n !== null);
      return {
        // Intersection values name their attributes already; keep labels short.
        label: `${g.attribute.includes(INTERSECTION_SEPARATOR) ? '' : `${names.attribute(g.attribute)}: `}${names.group(g.attribute, g.group)}${notes.length ? ` (${notes.join('; ')})` : ''}`,
        value: estimable ? m.value : null,
        lo: ciOk ? m.ci![0] : null,
        hi: ciOk || zero ? m.ci![1] : null,
        zero,
        note: zero ? T.num(T.zeroRatio(formatMetric(metric, m.ci![1]))) : estimable ? null : T.num('not estimable'),
        verdict: verdictWord((check?.verdict ?? 'no check') as VerdictKey),
        band_lo: check?.bounds[0] ?? null,
        band_hi: check?.bounds[1] ?? null,
        value_text: T.num(formatMetric(metric, m.value)),
        ci_text: T.num(formatMetricInterval(metric, m.ci)),
        reference: m.reference === null ? '' : names.group(g.attribute, m.reference),
      };
    });
  const positives = [1, ...rows.flatMap((r) => [r.value, r.lo, r.hi, r.band_lo, r.band_hi])].filter(
    (v): v is number => v !== null && v > 0,
  );
  const domain = [Math.min(...positives) / 1.15, Math.max(...positives) * 1.15];
  // a zero ratio's interval starts at 0, off a log axis: draw it from the axis's left end
  for (const r of rows) if (r.zero) r.lo = domain[0]!;
  const bounds = [...new Set(checks.map((c) => c.bounds.join('–')))];
  const shared = bounds.length === 1 ? checks[0]?.bounds ?? null : null;
  const level = formatLevel(results.groups.find((g) => g.metrics[metric])?.metrics[metric]?.level ?? 0.95);
  const x = { type: 'quantitative', scale: { type: 'log', domain, nice: false }, title: F.axis(metricLabel(metric)) } as const;
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 400 } } as const;
  const colour = {
    field: 'verdict', type: 'nominal', title: F.legend,
    scale: { domain: VERDICTS.map(verdictWord), range: VERDICTS.map((v) => VERDICT_STYLE[v].colour) },
  } as const;
  const outside = rows.filter((r) => r.verdict === verdictWord('fail')).map((r) => r.label);

  return {
    $schema: SCHEMA,
    title: { text: F.title(metricLabel(metric)), subtitle: T.num(F.subtitle(level)) },
    ...chartLocale(T),
    description: F.description({ metric: metricLabel(metric), rows: rows.length, level: T.num(level), band: shared ? T.num(formatMetricInterval(metric, shared)) : null, perCheck: checks.length > 0, failing: outside }),
    width: 420,
    height: { step: 22 },
    data: { values: rows },
    layer: [
      shared
        ? {
            data: { values: [{ band_lo: shared[0], band_hi: shared[1] }] },
            mark: { type: 'rect', color: OKABE_ITO.grey, opacity: 0.2 },
            encoding: { x: { ...x, field: 'band_lo' }, x2: { field: 'band_hi' } },
          }
        : {
            transform: [{ filter: 'isValid(datum.band_lo)' }],
            mark: { type: 'rect', color: OKABE_ITO.grey, opacity: 0.2 },
            encoding: { x: { ...x, field: 'band_lo' }, x2: { field: 'band_hi' }, y },
          },
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', color: OKABE_ITO.black },
        encoding: { x: { ...x, field: 'one' } },
      },
      {
        transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y, color: colour },
      },
      {
        transform: [{ filter: 'isValid(datum.value)' }],
        mark: { type: 'point', filled: true, size: 80, opacity: 1 },
        encoding: {
          x: { ...x, field: 'value' },
          y,
          color: colour,
          shape: { field: 'verdict', type: 'nominal', title: F.legend, scale: { domain: VERDICTS.map(verdictWord), range: VERDICTS.map((v) => VERDICT_STYLE[v].shape) } },
          tooltip: [
            { field: 'label', title: C.group },
            { field: 'value_text', title: metricLabel(metric) },
            { field: 'ci_text', title: T.num(F.ci(level)) },
            { field: 'reference', title: C.reference },
            { field: 'verdict', title: F.tooltipVerdict },
          ],
        },
      },
      {
        transform: [{ filter: 'isValid(datum.note)' }, { calculate: 'isValid(datum.hi) ? datum.hi : 1', as: 'at' }],
        mark: { type: 'text', align: 'left', dx: 4, color: OKABE_ITO.black },
        encoding: { x: { ...x, field: 'at' }, y, text: { field: 'note' } },
      },
    ],
  };
}
