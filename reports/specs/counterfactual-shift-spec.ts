import type { TopLevelSpec } from 'vega-lite';
import type { CounterfactualResult } from '../../harness/results/index.js';
import { OKABE_ITO, fixed, formatLevel, formatRate } from '../shared/index.js';

import { EN, type Messages } from '../i18n/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const num = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/**
 * Counterfactual score shifts: per comparison do(attribute: from → to), the distribution of
 * twin score − original score as a box (25th–75th percentile), whiskers (5th–95th), a median tick and
 * the mean with its interval; a rule at 0 marks "no change". Labels carry the flip rate.
 * Drawn from the quantiles and means in results.counterfactual (no rows needed).
 *
 * @example counterfactualShiftSpec(results.counterfactual)
 */
export function counterfactualShiftSpec(comparisons: readonly CounterfactualResult[], unit = 'people', T: Messages = EN): TopLevelSpec {
  const K = T.charts.counterfactual;
  if (comparisons.length === 0) throw new Error('counterfactualShiftSpec: no counterfactual comparisons');
  const rows = comparisons.map((c) => {
    const q = c.score_shift_quantiles;
    return {
      label: T.num(K.label({ attribute: c.attribute, from: c.from, to: c.to, effect: K.effect(c.effect === 'direct'), flips: formatRate(c.flip_rate.value) })),
      p05: num(q?.p05), p25: num(q?.p25), p50: num(q?.p50), p75: num(q?.p75), p95: num(q?.p95),
      mean: num(c.mean_score_shift.value),
      lo: num(c.mean_score_shift.ci?.[0]),
      hi: num(c.mean_score_shift.ci?.[1]),
      mean_text: T.num(c.mean_score_shift.value === null ? 'n/a' : fixed(c.mean_score_shift.value, 4)),
      flip_text: T.num(formatRate(c.flip_rate.value)),
      n: c.n,
    };
  });
  const level = formatLevel(comparisons[0]?.mean_score_shift.level ?? 0.95);
  // An explicit domain: layers whose rows are all filtered out (no quantiles) would give empty extents.
  const values = [0, ...rows.flatMap((r) => [r.p05, r.p95, r.lo, r.hi, r.mean])].filter((v): v is number => v !== null);
  const pad = (Math.max(...values) - Math.min(...values)) * 0.05 || 0.01;
  const domain = [Math.min(...values) - pad, Math.max(...values) + pad];
  const x = { type: 'quantitative', title: K.axis, scale: { domain, nice: false } } as const;
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 420 } } as const;
  const largest = [...rows].filter((r) => r.mean !== null).sort((a, b) => Math.abs(b.mean!) - Math.abs(a.mean!))[0];
  return {
    $schema: SCHEMA,
    title: { text: K.title, subtitle: T.num(K.subtitle(T.unit(unit), level)) },
    ...chartLocale(T),
    description: K.description(rows.length, largest ? K.at(largest.label, largest.mean_text) : null),
    width: 420,
    height: { step: 28 },
    data: { values: rows },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: OKABE_ITO.black }, encoding: { x: { ...x, field: 'zero' } } },
      {
        transform: [{ filter: 'isValid(datum.p05) && isValid(datum.p95)' }],
        mark: { type: 'rule', color: OKABE_ITO.grey },
        encoding: { x: { ...x, field: 'p05' }, x2: { field: 'p95' }, y },
      },
      {
        transform: [{ filter: 'isValid(datum.p25) && isValid(datum.p75)' }],
        mark: { type: 'bar', color: OKABE_ITO.skyBlue, size: 14 },
        encoding: { x: { ...x, field: 'p25' }, x2: { field: 'p75' }, y },
      },
      {
        transform: [{ filter: 'isValid(datum.p50)' }],
        mark: { type: 'tick', color: OKABE_ITO.black, thickness: 2, size: 14 },
        encoding: { x: { ...x, field: 'p50' }, y },
      },
      {
        transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
        mark: { type: 'rule', color: OKABE_ITO.vermillion, strokeWidth: 2 },
        encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y },
      },
      {
        transform: [{ filter: 'isValid(datum.mean)' }],
        mark: { type: 'point', filled: true, size: 60, color: OKABE_ITO.vermillion, opacity: 1 },
        encoding: {
          x: { ...x, field: 'mean' },
          y,
          tooltip: [
            { field: 'label', title: K.tooltipComparison },
            { field: 'mean_text', title: K.tooltipMean },
            { field: 'flip_text', title: K.tooltipFlips },
            { field: 'n', title: K.tooltipPairs },
          ],
        },
      },
    ],
  };
}
