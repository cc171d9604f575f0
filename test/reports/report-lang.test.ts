import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../harness/results/index.js';
import { buildReport } from '../../reports/index.js';
import { terminalSummary } from '../../reports/shared/index.js';
import { comparisonFixture } from '../compare/comparison-fixture.js';
import { englishLeft, readableHtml, readableMarkdown, recordedStrings, withoutRecorded } from './english-words.js';
import { auditResults, richResults } from './helpers.js';

/**
 * Whole French and Dutch reports of fixtures that between them reach every detail section (group
 * and verdict tables, counterfactual twins, proxies, a pack reproduction, a comparison with a
 * deployed model, privacy suppression) and every chart: no English word of the frame is left
 * outside what the results record as written, and no chart raises a Vega warning.
 */
const FIXTURES: [string, () => Results][] = [
  ['rich', () => richResults()],
  ['audit with privacy', () => auditResults()],
  ['comparison', () => ({ ...richResults(), comparison: comparisonFixture() })],
];

type Rendered = { html: string; md: string; warnings: string[]; results: Results; terminal: string };
const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  for (const [name, make] of FIXTURES) {
    for (const lang of ['fr', 'nl'] as const) {
      const results = make();
      const warnings: string[] = [];
      const { files } = await buildReport(results, { formats: ['html', 'md'], lang, onWarning: (w) => warnings.push(w) });
      rendered.set(`${name} ${lang}`, {
        html: String(files.get('report.html')), md: String(files.get('report.md')), warnings, results, terminal: terminalSummary(results, 'out/report.html', lang),
      });
    }
  }
}, 120_000);

describe('a report in French or Dutch', () => {
  for (const [name] of FIXTURES) {
    for (const lang of ['fr', 'nl'] as const) {
      it(`${name}, ${lang}: report.html, report.md and the terminal hold no English word of the frame`, () => {
        const r = rendered.get(`${name} ${lang}`)!;
        const recorded = recordedStrings(r.results);
        expect(englishLeft(readableHtml(r.html), recorded)).toEqual([]);
        expect(englishLeft(readableMarkdown(r.md), recorded)).toEqual([]);
        expect(englishLeft(r.terminal, recorded)).toEqual([]);
        expect(r.warnings).toEqual([]);
        // a number put in the language's format twice reads wrong ("12,4 %" → "12.4%" in Dutch, "99,5" → "99 5" in French)
        const text = withoutRecorded(`${readableHtml(r.html)}\n${readableMarkdown(r.md)}`, recorded);
        if (lang === 'fr') expect(text).not.toMatch(/\d\u202f\d{1,2}(?!\d)/);
        else expect(text).not.toMatch(/\d\.\d+ ?%/);
      });
    }
  }

  it('can fail: the English report of the same fixture is full of English words', async () => {
    const results = richResults();
    const { files } = await buildReport(results, { formats: ['md'] });
    expect(englishLeft(readableMarkdown(String(files.get('report.md'))), recordedStrings(results)).length).toBeGreaterThan(50);
  });

  it('fr: numbers in French format in tables, sentences and charts', () => {
    const { html, md } = rendered.get('rich fr')!;
    // the fixture's 87,000 rows, its group of 10,000 and its 95 % intervals
    expect(md).toContain('87\u202f000');
    expect(md).toContain('600 sur 10\u202f000');
    expect(md).not.toMatch(/\b(87|10),000\b/);
    expect(md).toMatch(/\d,\d\u00a0%/);
    expect(md).toContain('IC à 95\u00a0%');
    expect(md).toMatch(/[+\u2212]\d+,\d\u00a0pt/);
    // Vega formats the axes with the French locale: a decimal comma before the percent sign
    expect(html).toMatch(/>\d+(,\d+)?\u00a0%<\/text>/);
    expect(html).not.toMatch(/>\d+\.\d+%<\/text>/);
  });

  it('nl: numbers in Dutch format, the interval as a %-betrouwbaarheidsinterval', () => {
    const { html, md } = rendered.get('rich nl')!;
    expect(md).toContain('87.000');
    expect(md).toContain('600 van de 10.000');
    expect(md).not.toMatch(/\b(87|10),000\b/);
    expect(md).toContain('95%-betrouwbaarheidsinterval');
    expect(md).toMatch(/\d,\d%/);
    expect(md).toMatch(/[+\u2212]\d+,\d%-punt/);
    expect(html).toMatch(/>\d+(,\d+)?%<\/text>/);
  });

  it('fr: warnings explained by code, the recorded messages folded beneath and marked as English', () => {
    const { html } = rendered.get('rich fr')!;
    expect(html).toContain('<details lang="en"><summary lang="fr">Messages d’origine');
  });
});
