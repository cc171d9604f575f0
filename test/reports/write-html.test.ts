import { describe, expect, it } from 'vitest';
import { buildReport } from '../../reports/index.js';
import { escapeHtml } from '../../reports/writers/index.js';
import { fixtureResults } from './fixture-results.js';

const { files } = await buildReport(fixtureResults());
const html = files.get('report.html') as string;

describe('writeHtml', () => {
  it('is self-contained: no scripts, no network references', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html.length).toBeLessThan(2_000_000);
  });

  it('has one h1, numbered h2 sections in order and print styles', () => {
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    const h2 = [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'What the audit found', 'What this audit cannot tell you', 'Contents',
      '1. Every check in words', '2. Verdicts', '3. Charts', '4. Group metrics', '5. Warnings', '6. Methods', '7. Provenance',
    ]);
    expect(html).toContain('@media print');
    expect(html).toContain('<html lang="en">');
  });

  it('contains every chart as an inline SVG in an accessible figure', () => {
    const figures = [...html.matchAll(/<figure[^>]*>\s*<div class="chart" role="img" aria-label="[^"]+"><svg[\s\S]*?<\/svg><\/div>\s*<figcaption>/g)];
    expect(figures).toHaveLength(6);
    for (const name of ['selection-rate-nationality', 'selection-rate-disability', 'ratio-forest', 'intersection-heatmap', 'error-rates-nationality', 'error-rates-disability']) {
      expect(html).toContain(`id="chart-${name}"`);
    }
    // ids are scoped per chart so inline SVGs cannot clash
    expect(html).toContain('id="c3-0"');
    expect(html).toContain('url(#c3-0)');
    expect(html).not.toMatch(/url\(#gradient/);
  });

  it('summarises each failing or inconclusive check with reference, interval and tolerance', () => {
    expect(html).toContain(
      escapeHtml(
        'Households with nationality non_eu are flagged more often than the reference group french: 2.10 times as often ' +
          '(10.5 % = 1,260 of 12,000, against 5.0 % = 3,000 of 60,000 for french; 95 % CI 1.97–2.24; tolerance 0.80–1.25 per the battery, source: EEOC Uniform Guidelines',
      ),
    );
    expect(html).toContain('1.20 times as often (6.0 % = 900 of 15,000, against 5.0 % = 3,000 of 60,000 for french; 95 % CI 1.12–1.29; tolerance 0.80–1.25 per the battery');
    expect(html).toContain('<span class="badge v-fail">✗ fail</span>');
    expect(html).toContain('<span class="badge v-inconclusive">? inconclusive</span>');
  });

  it('flags small cells in words and names the interval methods and provenance', () => {
    expect(html).toContain('small cell (n &lt; 50)');
    for (const s of ['the Wilson score interval (Wilson 1927)', 'the Katz log interval (Katz et al. 1978)', 'the Newcombe hybrid score interval (Newcombe 1998)', 'Verdicts: a check fails only when its interval lies wholly outside the tolerance', 'synthetic: ground truth', 'fewer than 50 households']) {
      expect(html).toContain(s);
    }
    for (const s of ['sha256:3f1c0e5a', 'sha256:9b2d7710', 'philox4x32-10', '87,000', 'disparate 0.1.0']) expect(html).toContain(s);
  });
});
