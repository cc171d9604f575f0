import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../harness/results/index.js';
import { EN, type Messages } from '../i18n/index.js';
import { OKABE_ITO, displayNames, formatLevel, percent, unitNoun } from '../shared/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One group's two shares. */
interface Row {
  label: string;
  baseline: number;
  share: number;
  lo: number | null;
  hi: number | null;
  baseline_text: string;
  share_text: string;
  over: 'over' | 'under';
}

/** Whether the results carry the selective-labels section, whose groups are samples, not a population. */
const sampled = (results: Results): boolean => results.selective_labels !== undefined;

function rows(results: Results, T: Messages = EN): Row[] {
  const names = displayNames(results, T.lang);
  const label = (a: string, g: string): string => `${names.attribute(a)}: ${names.group(a, g)}`;
  const make = (l: string, baseline: number, share: number, ci: readonly [number, number] | null): Row => ({
    label: l, baseline, share, lo: ci?.[0] ?? null, hi: ci?.[1] ?? null,
    baseline_text: T.num(percent(baseline)), share_text: T.num(percent(share)), over: share > baseline ? 'over' : 'under',
  });
  if (sampled(results)) {
    return (results.selective_labels?.groups ?? []).map((g) => make(label(g.attribute, g.group), g.random_share, g.model_share, null));
  }
  const out: Row[] = [];
  for (const a of results.manifest.protected) {
    for (const g of results.groups.filter((x) => x.attribute === a)) {
      const f = g.metrics['flagged_share'];
      const p = g.metrics['population_share'];
      if (!f || !p || f.value === null || p.value === null || f.withheld || p.withheld) continue;
      out.push(make(label(a, g.group), p.value, f.value, f.ci));
    }
  }
  return out;
}

/** Whether {@link overRepresentationSpec} has anything to draw. */
export function hasOverRepresentation(results: Results): boolean {
  return rows(results).length > 0;
}

/**
 * The headline chart: for every group of every protected attribute, its share of the flagged (dot,
 * with its interval) beside its share of everyone (ring) — Le Monde's measure for CAF, "36 % of home
 * controls from 16 % of households". It needs no reference group, so a reference that is almost never
 * flagged cannot blow it up. With selective labels (a random sample beside the model's selections) the
 * ring is the group's share of the random sample.
 *
 * @example overRepresentationSpec(results) // Vega-Lite spec with inline data
 */
export function overRepresentationSpec(results: Results, T: Messages = EN): TopLevelSpec {
  const TEXT = T.charts.over;
  const data = rows(results, T);
  if (data.length === 0) throw new Error('overRepresentationSpec: no shares to draw');
  const unit = T.unit(unitNoun(results.manifest));
  const s = sampled(results);
  const level = formatLevel(results.groups[0]?.metrics['flagged_share']?.level ?? 1 - results.manifest.alpha);
  const domain: number[] = [0, Math.min(1, Math.max(...data.map((r) => Math.max(r.baseline, r.hi ?? r.share))) * 1.05)];
  const x = { type: 'quantitative' as const, title: TEXT.axis, axis: { format: '.0%' }, scale: { domain } };
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 280 } } as const;
  const top = [...data].sort((a, b) => b.share / Math.max(b.baseline, 1e-12) - a.share / Math.max(a.baseline, 1e-12))[0];
  const tooltip = [
    { field: 'label', title: T.charts.group },
    { field: 'share_text', title: s ? TEXT.selected : TEXT.flagged },
    { field: 'baseline_text', title: s ? TEXT.random : TEXT.everyone(unit) },
  ];
  return {
    $schema: SCHEMA,
    title: { text: TEXT.title, subtitle: s ? [...TEXT.subtitleSample] : TEXT.subtitle(level).map((t) => T.num(t)), anchor: 'start' },
    ...chartLocale(T),
    description: TEXT.description(data.length, unit, top && top.share > top.baseline ? TEXT.top(top.label, top.share_text, top.baseline_text) : null),
    width: 300,
    height: { step: 20 },
    data: { values: data },
    layer: [
      { mark: { type: 'rule', color: OKABE_ITO.grey, strokeWidth: 2 }, encoding: { x: { ...x, field: 'baseline' }, x2: { field: 'share' }, y } },
      {
        transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
        mark: { type: 'rule', color: OKABE_ITO.black, strokeWidth: 1 },
        encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y },
      },
      { mark: { type: 'point', filled: false, size: 70, color: OKABE_ITO.black, strokeWidth: 1.5 }, encoding: { x: { ...x, field: 'baseline' }, y, tooltip } },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 1 },
        encoding: {
          x: { ...x, field: 'share' },
          y,
          color: { field: 'over', type: 'nominal', title: null, scale: { domain: ['over', 'under'], range: [OKABE_ITO.vermillion, OKABE_ITO.blue] }, legend: null },
          tooltip,
        },
      },
    ],
  };
}
