import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import {
  buildChartSpecs, intersectionHeatmapSpec, ratioForestSpec, selectionRateSpec,
} from '../../reports/specs/index.js';
import { renderSvg } from '../../reports/writers/index.js';
import { fixtureResults } from './fixture-results.js';
import { hostileResults, threeAttributeResults } from './helpers.js';

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
];

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
  it('lists one selection-rate chart per protected attribute, a forest plot and a heatmap', () => {
    expect(buildChartSpecs(r).map((c) => c.name)).toEqual([
      'selection-rate-nationality', 'selection-rate-disability', 'ratio-forest', 'intersection-heatmap',
    ]);
  });
  it('omits the heatmap with a single protected attribute', () => {
    const one = fixtureResults();
    one.manifest.protected = ['nationality'];
    one.groups = one.groups.filter((g) => g.attribute === 'nationality');
    expect(buildChartSpecs(one).map((c) => c.name)).toEqual(['selection-rate-nationality', 'ratio-forest']);
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
      value: null, lo: null, hi: null, value_text: '0.00',
    });
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
