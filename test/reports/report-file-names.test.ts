import { describe, expect, it } from 'vitest';
import { buildChartSpecs, isReportFileName } from '../../reports/index.js';
import { comparisonFixture } from '../compare/comparison-fixture.js';
import { hostileResults, richResults, threeAttributeResults } from './helpers.js';

/**
 * The output folder removes stale report files by name: every file a report can have must be
 * recognised (a new chart kind left out would leave its stale files behind), and nothing else.
 */
describe('isReportFileName', () => {
  const compared = () => ({ ...richResults(), comparison: comparisonFixture() });
  it.each([['rich', richResults], ['three attributes', threeAttributeResults], ['hostile labels', hostileResults], ['compare', compared]])('names every chart file of the %s fixture', (_, results) => {
    const charts = buildChartSpecs(results()).map((c) => c.name);
    expect(charts.length).toBeGreaterThan(3);
    for (const name of charts) for (const ext of ['.vl.json', '.svg', '.png']) expect(isReportFileName(`${name}${ext}`), `${name}${ext}`).toBe(true);
  });

  it('names the fixed files and refuses anything else', () => {
    for (const name of ['results.json', 'report.html', 'report.md', 'junit.xml', 'ratio-forest-2.svg', 'selection-rate-x.png']) expect(isReportFileName(name), name).toBe(true);
    for (const name of ['notes.txt', 'results.json.bak', 'selection-rate.svg', 'ratio-forest.txt', '.results.json', 'Report.html', 'selection-rate-../x.svg', 'drafts']) expect(isReportFileName(name), name).toBe(false);
  });
});
