import type { TopLevelSpec } from 'vega-lite';
import type { Comparison } from '../../harness/results/index.js';
import { OKABE_ITO, formatDifference, formatLevel, formatRate } from '../shared/index.js';

import { EN, type Messages } from '../i18n/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const INTERSECTION = '×';

const COLOURS = { up: OKABE_ITO.vermillion, down: OKABE_ITO.blue, none: OKABE_ITO.grey } as const;

/**
 * Paired change in selection rate per group, candidate − deployed, in percentage points: a dot at
 * the change and a rule for its paired (Tango) interval, coloured by whether the interval lies above
 * 0, below it or includes it; a rule at 0 marks no change. Drawn from results.comparison.groups with
 * at least `minCell` applicants.
 *
 * @example comparisonChangeSpec(results.comparison!)
 */
export function comparisonChangeSpec(comparison: Pick<Comparison, 'groups' | 'deployed' | 'candidate'>, minCell = 0, T: Messages = EN): TopLevelSpec {
  const K = T.charts.comparison;
  const DIRECTION = { up: { label: K.up, colour: COLOURS.up }, down: { label: K.down, colour: COLOURS.down }, none: { label: K.none, colour: COLOURS.none } };
  // Small cells stay in the table; drawn, their wide intervals would set the scale for every group.
  const groups = comparison.groups.filter((g) => g.n >= minCell);
  const left = comparison.groups.length - groups.length;
  if (groups.length === 0) throw new Error('comparisonChangeSpec: no groups');
  const rows = groups.map((g) => {
    const v = g.selection_rate_change.value;
    const ci = g.selection_rate_change.ci;
    const direction = ci === null ? 'none' : ci[0] > 0 ? 'up' : ci[1] < 0 ? 'down' : 'none';
    return {
      // An intersection's group already names every attribute's level (french×none×low).
      label: g.group.includes(INTERSECTION) ? g.group : `${g.attribute} = ${g.group}`,
      change: v === null ? null : v * 100,
      lo: ci === null ? null : ci[0] * 100,
      hi: ci === null ? null : ci[1] * 100,
      direction: DIRECTION[direction].label,
      change_text: T.num(formatDifference(v)),
      rates_text: T.num(`${formatRate(g.deployed_rate)} → ${formatRate(g.candidate_rate)}`),
      n: g.n,
    };
  });
  const level = formatLevel(groups[0]!.selection_rate_change.level);
  // An explicit domain holding 0: a layer whose rows are all filtered out would give an empty extent.
  const values = [0, ...rows.flatMap((r) => [r.lo, r.hi, r.change])].filter((v): v is number => v !== null && Number.isFinite(v));
  const pad = (Math.max(...values) - Math.min(...values)) * 0.05 || 0.1;
  const domain = [Math.min(...values) - pad, Math.max(...values) + pad];
  const x = { type: 'quantitative', title: K.axis, scale: { domain, nice: false } } as const;
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } } as const;
  const color = {
    field: 'direction',
    type: 'nominal',
    title: null,
    scale: { domain: Object.values(DIRECTION).map((d): string => d.label), range: Object.values(DIRECTION).map((d): string => d.colour) },
    legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 },
  } as const;
  const moved = rows.filter((r) => r.direction !== DIRECTION.none.label);
  return {
    $schema: SCHEMA,
    title: { text: K.title, subtitle: T.num(K.subtitle(comparison.candidate.name, comparison.deployed.name, level)) },
    ...chartLocale(T),
    description: K.description({ rows: rows.length, candidate: comparison.candidate.name, deployed: comparison.deployed.name, left, minCell, moved: moved.map((r) => `${r.label} ${r.change_text}`) }),
    width: 420,
    height: { step: 24 },
    data: { values: rows },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: OKABE_ITO.black }, encoding: { x: { ...x, field: 'zero' } } },
      {
        transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y, color },
      },
      {
        transform: [{ filter: 'isValid(datum.change)' }],
        mark: { type: 'point', filled: true, size: 60, opacity: 1 },
        encoding: {
          x: { ...x, field: 'change' },
          y,
          color,
          tooltip: [
            { field: 'label', title: T.charts.group },
            { field: 'rates_text', title: K.tooltipRates },
            { field: 'change_text', title: K.tooltipChange },
            { field: 'n', title: K.tooltipApplicants },
          ],
        },
      },
    ],
  };
}
