import { describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { buildReport } from '../../reports/index.js';
import { renderPng, renderSvg } from '../../reports/writers/index.js';
import { buildChartSpecs } from '../../reports/specs/index.js';
import { fixtureResults } from './fixture-results.js';

describe('buildReport', () => {
  it('returns html, markdown, results.json and one .vl.json per chart', async () => {
    const results = fixtureResults();
    const { files } = await buildReport(results);
    expect([...files.keys()]).toEqual([
      'report.html', 'report.md', 'results.json',
      'selection-rate-nationality.vl.json', 'selection-rate-disability.vl.json', 'ratio-forest.vl.json', 'intersection-heatmap.vl.json',
    ]);
    const json = files.get('results.json') as string;
    expect(json.endsWith('}\n')).toBe(true);
    expect(Results.parse(JSON.parse(json))).toEqual(results);
    expect(JSON.parse(files.get('ratio-forest.vl.json') as string).$schema).toContain('vega-lite/v6');
  });

  it('is deterministic', async () => {
    const a = await buildReport(fixtureResults());
    const b = await buildReport(fixtureResults());
    expect(b.files.get('report.md')).toBe(a.files.get('report.md'));
    expect(b.files.get('report.html')).toBe(a.files.get('report.html'));
  });
});

describe('renderPng', () => {
  it('rasterises an SVG to PNG bytes', async () => {
    const png = renderPng(await renderSvg(buildChartSpecs(fixtureResults())[0]!.spec), 1);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
