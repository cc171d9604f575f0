import { describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { buildReport, loadVegaBundles } from '../../reports/index.js';
import { renderPng, renderSvg } from '../../reports/writers/index.js';
import { buildChartSpecs } from '../../reports/specs/index.js';
import { fixtureResults } from './fixture-results.js';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHARTS = ['selection-rate-nationality', 'selection-rate-disability', 'ratio-forest', 'intersection-heatmap', 'error-rates-nationality', 'error-rates-disability'];

describe('buildReport', () => {
  it('returns html, markdown, results.json, junit.xml and per chart .vl.json, .svg and .png', async () => {
    const results = fixtureResults();
    const { files } = await buildReport(results);
    expect([...files.keys()]).toEqual([
      'report.html', 'report.md', 'results.json', 'junit.xml',
      ...CHARTS.flatMap((c) => [`${c}.vl.json`, `${c}.svg`, `${c}.png`]),
    ]);
    const json = files.get('results.json') as string;
    expect(json.endsWith('}\n')).toBe(true);
    expect(Results.parse(JSON.parse(json))).toEqual(results);
    expect(JSON.parse(files.get('ratio-forest.vl.json') as string).$schema).toContain('vega-lite/v6');
    const svg = files.get('ratio-forest.svg') as string;
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect([...(files.get('ratio-forest.png') as Uint8Array).slice(0, 8)]).toEqual(PNG);
  });

  it('writes only the formats asked for (results.json always)', async () => {
    const { files } = await buildReport(fixtureResults(), { formats: ['junit', 'vl'] });
    expect([...files.keys()]).toEqual(['results.json', 'junit.xml', ...CHARTS.map((c) => `${c}.vl.json`)]);
  });

  it('is deterministic', async () => {
    const a = await buildReport(fixtureResults());
    const b = await buildReport(fixtureResults());
    for (const name of ['report.md', 'report.html', 'junit.xml', 'ratio-forest.svg']) expect(b.files.get(name)).toBe(a.files.get(name));
  });

  it('--interactive inlines vega, vega-lite and vega-embed with each chart spec, and no network reference', async () => {
    const bundles = loadVegaBundles();
    expect(bundles).toHaveLength(3);
    const { files } = await buildReport(fixtureResults(), { interactive: bundles, formats: ['html'] });
    const html = files.get('report.html') as string;
    expect(html.match(/<script type="application\/json" id="spec-c\d+">/g)).toHaveLength(CHARTS.length);
    expect(html).toContain('vegaEmbed(live');
    expect(html.match(/<\/script>/gi)!.length).toBe(CHARTS.length + 4);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html.length).toBeLessThan(2_000_000);
  });
});

describe('renderPng', () => {
  it('rasterises an SVG to PNG bytes', async () => {
    const png = renderPng(await renderSvg(buildChartSpecs(fixtureResults())[0]!.spec), 1);
    expect([...png.slice(0, 8)]).toEqual(PNG);
  });
});
