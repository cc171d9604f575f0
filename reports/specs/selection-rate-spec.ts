import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../harness/results/index.js';
import { EN, type Messages } from '../i18n/index.js';
import { OKABE_ITO, countText, displayNames, formatLevel, formatRate, formatRatio, referenceOf, unitNoun } from '../shared/index.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';
import { chartLocale } from './chart-locale.js';

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Dot plot of the selection rate (share flagged for investigation) per group of one attribute,
 * with confidence-interval error bars and the reference group drawn in black as a square. When a
 * `selection_rate_ratio` check exists for the attribute, the tolerance is drawn as a shaded band:
 * the rates implied by the check's bounds × the reference group's rate.
 *
 * @example selectionRateSpec(results, 'nationality') // Vega-Lite spec with inline data
 */
export function selectionRateSpec(results: Results, attribute: string, T: Messages = EN): TopLevelSpec {
  const C = T.charts;
  const S = C.selectionRate;
  const groups = results.groups.filter((g) => g.attribute === attribute);
  const minCell = results.manifest.min_cell;
  const names = displayNames(results, T.lang);
  const unit = T.unit(unitNoun(results.manifest));
  const ref = referenceOf(results, attribute);
  const reference = ref === null ? null : names.group(attribute, ref);
  const attributeName = names.attribute(attribute);
  const rows = groups.map((g) => {
    const m = g.metrics['selection_rate'];
    const suffix = g.is_reference ? C.referenceSuffix : m?.withheld ? ` (${T.detail.withheld})` : g.small_cell ? ` (n < ${minCell})` : '';
    return {
      label: `${names.group(attribute, g.group)}${suffix}`,
      role: g.is_reference ? C.reference : S.compared,
      rate: m?.value ?? null,
      lo: m?.ci?.[0] ?? null,
      hi: m?.ci?.[1] ?? null,
      rate_text: m?.withheld ? T.detail.withheld : T.num(formatRate(m?.value ?? null)),
      n_text: T.num(countText(results, g.n)),
    };
  });
  // everyone else ("(rest)"): each group has its own reference, so no one band; the line is the whole population's rate
  const rest = ref === REST_REFERENCE;
  const refRate = rest ? (results.overall?.metrics['selection_rate']?.value ?? null) : (groups.find((g) => g.is_reference)?.metrics['selection_rate']?.value ?? null);
  const check = results.checks.find((c) => c.attribute === attribute && c.metric === 'selection_rate_ratio');
  const band =
    check && refRate !== null && !rest
      ? { lo: check.bounds[0] * refRate, hi: check.bounds[1] * refRate, bounds: check.bounds }
      : null;
  const level = formatLevel(groups[0]?.metrics['selection_rate']?.level ?? 0.95);
  const x = { field: 'label', type: 'nominal', sort: null, title: attributeName, axis: { labelAngle: 0 } } as const;
  const yTitle = S.axis;
  const highest = rows.filter((r) => r.rate !== null).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0))[0];

  // each number put in the language's format once: the rows' texts already are
  const description = S.description({
    unit, attribute: attributeName, level: T.num(level), reference, referenceRate: T.num(formatRate(refRate)), rest, checked: check !== undefined,
    band: band ? T.num(`${formatRatio(band.bounds[0])}–${formatRatio(band.bounds[1])}`) : null, highest: highest?.label ?? null, highestRate: highest?.rate_text ?? '',
  });

  const guides: Layer[] = [];
  if (band) {
    guides.push({
      data: { values: [band] },
      mark: { type: 'rect', color: OKABE_ITO.grey, opacity: 0.2 },
      encoding: { y: { field: 'lo', type: 'quantitative', title: yTitle }, y2: { field: 'hi' } },
    });
  }
  if (refRate !== null) {
    guides.push({
      data: { values: [{ rate: refRate }] },
      mark: { type: 'rule', color: OKABE_ITO.black, strokeDash: [4, 4] },
      encoding: { y: { field: 'rate', type: 'quantitative', title: yTitle } },
    });
  }

  return {
    $schema: SCHEMA,
    title: { text: S.title(names.attributeInText(attribute)), subtitle: T.num(S.subtitle(level)) },
    ...chartLocale(T),
    description,
    width: Math.max(240, rows.length * 90),
    height: 260,
    data: { values: rows },
    layer: [
      ...guides,
      {
        transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', title: yTitle, axis: { format: '.1%' } },
          y2: { field: 'hi' },
          color: { field: 'role', type: 'nominal', legend: null, scale: { domain: [C.reference, S.compared], range: [OKABE_ITO.black, OKABE_ITO.blue] } },
        },
      },
      {
        transform: [{ filter: 'isValid(datum.rate)' }],
        mark: { type: 'point', filled: true, size: 90, opacity: 1 },
        encoding: {
          x,
          y: { field: 'rate', type: 'quantitative', title: yTitle },
          color: { field: 'role', type: 'nominal', title: S.legend, scale: { domain: [C.reference, S.compared], range: [OKABE_ITO.black, OKABE_ITO.blue] } },
          shape: { field: 'role', type: 'nominal', title: S.legend, scale: { domain: [C.reference, S.compared], range: ['square', 'circle'] } },
          tooltip: [
            { field: 'label', title: attributeName },
            { field: 'rate_text', title: S.tooltipRate },
            { field: 'n_text', title: C.n },
          ],
        },
      },
    ],
  };
}
