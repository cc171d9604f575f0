import { describe, expect, it } from 'vitest';
import { buildComparisonChecksTable, buildComparisonGroupsTable } from '../../reports/shared/index.js';
import { buildChartSpecs } from '../../reports/specs/index.js';
import { writeHtml, writeMarkdown } from '../../reports/writers/index.js';
import { richResults } from '../reports/helpers.js';
import { comparisonFixture } from './comparison-fixture.js';

describe('the comparison in the report', () => {
  const results = { ...richResults(), comparison: comparisonFixture() };

  it('check table: both models\' disparities, the change as a ratio of ratios with its interval, the verdict', () => {
    const t = buildComparisonChecksTable(results)!;
    expect(t.caption).toBe('Candidate caf-like-no-proxies against deployed caf-like: better (0 worse, 1 better, 0 no established change, 1 not compared); changes at 98.75 % (bonferroni, 2 rows, two intervals each)');
    // exp(−0.318) = 0.728, exp(−0.517) = 0.596, exp(−0.119) = 0.888.
    expect(t.rows[0]!.cells).toEqual([
      'selection-four-fifths (selection rate ratio)',
      'nationality = non_eu vs french',
      '3.05 (2.50–3.70) fail',
      '2.22 (1.80–2.70) fail',
      '×0.73 (×0.60 to ×0.89)',
      'better',
      '0.004',
    ]);
    expect(t.rows[0]!.verdict).toBe('pass');
    expect(t.rows[1]!.cells[4]).toBe('not compared');
    expect(t.rows[1]!.verdict).toBeUndefined();
  });

  it('group table: who was flagged by one model only, the two rates and the paired change', () => {
    const t = buildComparisonGroupsTable(results)!;
    // non_eu: 145 + 68 = 213 → 145 + 38 = 183 of 1,634; (38 − 68)/1,634 = −1.84 pp.
    expect(t.rows[1]!.cells).toEqual(['nationality = non_eu', '1,634', '213 → 183', '38 / 68', '13.0 % → 11.2 %', '−1.8 pp (−3.1 pp to −0.61 pp)', '0.500']);
    expect(t.rows[2]!.cells[5]).toBe('n/a (no CI)');
  });

  it('HTML and Markdown carry both tables; the chart comes first', () => {
    expect(writeMarkdown(results)).toContain('## Comparison with the deployed model: checks');
    expect(writeMarkdown(results)).toContain('## Comparison with the deployed model: groups');
    expect(writeHtml(results, [])).toContain('<h3>Comparison with the deployed model: checks</h3>');
    expect(buildChartSpecs(results)[0]!.name).toBe('comparison-selection-change');
    expect(buildChartSpecs(richResults()).some((c) => c.name.startsWith('comparison'))).toBe(false);
  });
});
