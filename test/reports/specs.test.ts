import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import {
  buildChartSpecs, calibrationSpec, comparisonChangeSpec, counterfactualShiftSpec, errorRateSpec, intersectionHeatmapSpec, proxyStrengthSpec, ratioForestSpec,
  reproductionSpec, scoreDistributionSpec, selectionCurveSpec, selectionRateSpec,
} from '../../reports/specs/index.js';
import { redactResults } from '../../reports/shared/index.js';
import { renderSvg } from '../../reports/writers/index.js';
import { comparisonFixture } from '../compare/comparison-fixture.js';
import { fixtureResults } from './fixture-results.js';
import { HOSTILE, auditResults, hostileResults, richResults, threeAttributeResults } from './helpers.js';

/** Compiles with a logger that records warnings; vega-lite reports errors by throwing. */
function compileStrict(spec: TopLevelSpec): { vgSpec: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...a: unknown[]) => { throw new Error(a.join(' ')); },
    warn: (...a: unknown[]) => { warnings.push(a.join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  return { vgSpec: compile(spec, { logger }).spec, warnings };
}

const r = fixtureResults();
const cases: [string, TopLevelSpec][] = [
  ...buildChartSpecs(r).map((c) => [c.name, c.spec] as [string, TopLevelSpec]),
  ['false-positive-rate forest', ratioForestSpec(r, 'false_positive_rate_ratio')],
  ['true-positive-rate forest (null CI, zero ratio)', ratioForestSpec(r, 'true_positive_rate_ratio')],
  ['selection rate, attribute without checks', selectionRateSpec(r, 'nationality×disability')],
  ['three-attribute heatmap', intersectionHeatmapSpec(threeAttributeResults())],
  ...buildChartSpecs(hostileResults()).map((c) => [`hostile ${c.name}`, c.spec] as [string, TopLevelSpec]),
  ...buildChartSpecs(richResults()).map((c) => [`rich ${c.name}`, c.spec] as [string, TopLevelSpec]),
  ...buildChartSpecs(redactResults(auditResults(30))).map((c) => [`privacy ${c.name}`, c.spec] as [string, TopLevelSpec]),
  ['score distribution, non-uniform bins', scoreDistributionSpec(nonUniform(), 'nationality')],
  ['error rates, intersection', errorRateSpec(r, 'nationality×disability')],
  ...buildChartSpecs({ ...richResults(), comparison: comparisonFixture() }).filter((c) => c.name.startsWith('comparison')).map((c) => [`compare ${c.name}`, c.spec] as [string, TopLevelSpec]),
  ['comparison change, hostile names', comparisonChangeSpec(comparisonFixture(HOSTILE, [HOSTILE, `${HOSTILE}2`, 'toString']))],
  ['counterfactual without quantiles', counterfactualShiftSpec(richResults().counterfactual.map((c) => ({ ...c, score_shift_quantiles: null })))],
  ['proxies with hostile names, mixed statistics', proxyStrengthSpec([
    { attribute: HOSTILE, input: HOSTILE, statistic: 'cramers_v', value: 0.5 },
    { attribute: 'b', input: 'c', statistic: 'correlation_ratio', value: 0.2, ci: [0.1, 0.3] },
  ])],
  ['reproduction from the generic input', reproductionSpec([
    { figure: 'ratio', published: 2.1, reproduced: 2.05, tolerance: 0.1 },
    { figure: 'far below', published: 1, reproduced: -100, tolerance: 0.1 },
    { figure: 'exact and equal', published: 3, reproduced: 3, tolerance: 0 },
    { figure: HOSTILE, published: 0.1, reproduced: null, tolerance: 0.01 },
  ])],
];

/** richResults with uneven bin widths (density instead of share). */
function nonUniform() {
  const x = richResults();
  for (const g of x.groups) g.score_histogram = { edges: [0, 0.1, 0.5, 1], counts: [g.n / 2, g.n / 4, g.n / 4] };
  return x;
}

describe('chart spec conformance', () => {
  it.each(cases)('%s compiles without warnings, parses in vega and renders SVG', async (_, spec) => {
    const { vgSpec, warnings } = compileStrict(spec);
    expect(warnings).toEqual([]);
    expect(() => vega.parse(vgSpec)).not.toThrow();
    const runtime: string[] = [];
    const svg = await renderSvg(spec, { onWarning: (m) => runtime.push(m) });
    expect(runtime).toEqual([]);
    expect(svg).toMatch(/^<svg[^>]*role="img" aria-label="[^"]+"/);
    expect(spec.title).toBeTruthy();
    expect(spec.description).toBeTruthy();
  });

  it('inlines data and declares Vega-Lite v6', () => {
    for (const [, spec] of cases) {
      expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect(JSON.stringify(spec)).not.toMatch(/"url"\s*:/);
    }
  });
});

describe('buildChartSpecs', () => {
  it('lists one selection-rate chart per protected attribute, a forest plot, a heatmap and error rates when labelled', () => {
    expect(buildChartSpecs(r).map((c) => c.name)).toEqual([
      'selection-rate-nationality', 'selection-rate-disability', 'ratio-forest', 'intersection-heatmap',
      'error-rates-nationality', 'error-rates-disability',
    ]);
  });
  it('adds every optional chart whose data exists', () => {
    expect(buildChartSpecs(richResults()).map((c) => c.name)).toEqual([
      'selection-rate-nationality', 'selection-rate-disability', 'ratio-forest', 'intersection-heatmap',
      'error-rates-nationality', 'error-rates-disability',
      'score-distribution-nationality', 'score-distribution-disability',
      'selection-curve-nationality', 'selection-curve-disability',
      'calibration-nationality', 'calibration-disability',
      'counterfactual-shift', 'proxy-strength-nationality', 'proxy-strength-disability', 'published-vs-reproduced',
    ]);
  });
  it('skips error-rate charts without labels', () => {
    const x = fixtureResults();
    for (const g of x.groups) Object.assign(g, { tp: null, fp: null, tn: null, fn: null, labelled: 0 });
    expect(buildChartSpecs(x).map((c) => c.name)).not.toContain('error-rates-nationality');
  });
  it('omits the heatmap with a single protected attribute', () => {
    const one = fixtureResults();
    one.manifest.protected = ['nationality'];
    one.groups = one.groups.filter((g) => g.attribute === 'nationality');
    expect(buildChartSpecs(one).map((c) => c.name)).toEqual(['selection-rate-nationality', 'ratio-forest', 'error-rates-nationality']);
  });
});

describe('ratioForestSpec', () => {
  const data = (spec: TopLevelSpec) => (spec as { data: { values: Record<string, unknown>[] } }).data.values;
  it('excludes reference groups, uses a log scale and colours by verdict', () => {
    const spec = ratioForestSpec(r);
    const rows = data(spec);
    expect(rows).toHaveLength(8); // 2 + 1 + 5 non-reference groups
    expect(rows.map((row) => row['label'])).not.toContain('nationality: french');
    expect(rows.find((row) => row['label'] === 'nationality: non_eu')).toMatchObject({ verdict: 'fail' });
    expect(JSON.stringify(spec)).toContain('"type":"log"');
  });
  it('keeps a zero ratio with a null CI as a "not estimable" row', () => {
    const rows = data(ratioForestSpec(r, 'true_positive_rate_ratio'));
    expect(rows.find((row) => row['label'] === 'non_eu×disabled (n < 50)')).toMatchObject({
      value: null, lo: null, hi: null, value_text: '0.00', note: 'not estimable',
    });
  });
  it('reads a zero ratio with an interval as "0 (at most …)", drawn up to its upper limit', () => {
    const zero = structuredClone(r);
    const g = zero.groups.find((x) => x.attribute === 'nationality' && x.group === 'eu')!;
    g.metrics['selection_rate_ratio'] = { ...g.metrics['selection_rate_ratio']!, value: 0, ci: [0, 0.43] };
    const rows = data(ratioForestSpec(zero));
    expect(rows.find((row) => row['label'] === 'nationality: eu')).toMatchObject({ value: null, hi: 0.43, note: '0 (at most 0.43)' });
  });
});

describe('selectionRateSpec', () => {
  it('draws the tolerance band as bounds × the reference rate', () => {
    const band = JSON.stringify(selectionRateSpec(r, 'nationality'));
    // reference rate 3000/60000 = 0.05; bounds 0.8–1.25 → 0.04–0.0625
    expect(band).toContain('"lo":0.04');
    expect(band).toContain('"hi":0.0625');
    expect(band).toContain('french (reference)');
  });
});

describe('intersectionHeatmapSpec', () => {
  it('uses the first attribute for rows and combines the rest for columns', () => {
    const rows = (intersectionHeatmapSpec(threeAttributeResults()) as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(rows.find((row) => row['small'])).toMatchObject({ row: 'non_eu', col: 'disabled×low', small_text: 'n < 50' });
  });
  it('throws when there is no intersection', () => {
    const one = fixtureResults();
    one.groups = one.groups.filter((g) => g.attribute === 'nationality');
    expect(() => intersectionHeatmapSpec(one)).toThrow(/no intersection/);
  });
});

describe('new chart builders', () => {
  const data = (spec: TopLevelSpec) => (spec as { data: { values: Record<string, unknown>[] } }).data.values;
  const rich = richResults();

  it('error rates: one FPR and one FNR row per group with intervals', () => {
    const rows = data(errorRateSpec(r, 'nationality'));
    expect(rows).toHaveLength(6);
    const fpr = rows.find((row) => row['label'] === 'french (reference)' && row['metric'] === 'False positive rate')!;
    const m = r.groups.find((g) => g.group === 'french')!.metrics['false_positive_rate']!;
    expect(fpr).toMatchObject({ rate: m.value, lo: m.ci![0], hi: m.ci![1] });
  });

  it('score distribution: shares per bin sum to 1 per group and the last step is closed', () => {
    const rows = data(scoreDistributionSpec(rich, 'disability'));
    const byGroup = new Map<string, number>();
    for (const row of rows.filter((row) => row['score'] !== 1)) byGroup.set(String(row['group']), (byGroup.get(String(row['group'])) ?? 0) + Number(row['value']));
    for (const total of byGroup.values()) expect(total).toBeCloseTo(1, 9);
    expect(rows.filter((row) => row['score'] === 1)).toHaveLength(2);
  });

  it('selection curve starts at 100 % and falls', () => {
    const rows = data(selectionCurveSpec(rich, 'nationality')).filter((row) => row['group'] === 'non_eu');
    expect(rows[0]).toMatchObject({ threshold: 0, rate: 1 });
    for (let i = 1; i < rows.length; i++) expect(Number(rows[i]!['rate'])).toBeLessThanOrEqual(Number(rows[i - 1]!['rate']));
  });

  it('calibration: observed rate per bin from positives ÷ labelled', () => {
    const spec = calibrationSpec(rich, 'nationality') as { layer: { data: { values: Record<string, unknown>[] } }[] };
    const rows = spec.layer[1]!.data.values;
    const g = rich.groups.find((x) => x.group === 'french')!;
    const h = g.score_histogram!;
    const i = h.labelled!.findIndex((l) => l >= 20);
    expect(rows.find((row) => row['group'] === 'french (reference)')).toMatchObject({ observed: h.positives![i]! / h.labelled![i]! });
  });

  it('reproduction: deviation in tolerances, clipped at ±4, null when not reproduced', () => {
    const rows = data(reproductionSpec([
      { figure: 'a', published: 2.1, reproduced: 2.05, tolerance: 0.1 },
      { figure: 'b', published: 1, reproduced: 9, tolerance: 0.1 },
      { figure: 'c', published: 1, reproduced: null, tolerance: 0.1 },
      { figure: 'd', published: 1, reproduced: 1, tolerance: 0 },
    ]));
    expect(rows[0]!['deviation']).toBeCloseTo(-0.5, 9);
    expect(rows[0]).toMatchObject({ status: 'matches', clipped: 'within ±4' });
    expect(rows[1]).toMatchObject({ deviation: 4, clipped: 'above +4', status: 'outside tolerance' });
    expect(rows[2]).toMatchObject({ deviation: null, status: 'not reproduced' });
    expect(rows[3]).toMatchObject({ deviation: 0, status: 'matches' });
  });

  it('builders throw on missing data instead of drawing an empty chart', () => {
    expect(() => scoreDistributionSpec(r, 'nationality')).toThrow(/no score histogram/);
    expect(() => counterfactualShiftSpec([])).toThrow();
    expect(() => proxyStrengthSpec([])).toThrow();
    expect(() => reproductionSpec([])).toThrow();
  });
});
