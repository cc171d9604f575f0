import { describe, expect, it } from 'vitest';
import { buildReport } from '../../reports/index.js';
import { escapeHtml, escapeMarkdown, escapeXml, writeJunit, writeMarkdown } from '../../reports/writers/index.js';
import { HOSTILE, hostileResults } from './helpers.js';

const { files } = await buildReport(hostileResults(), { formats: ['html', 'md', 'junit', 'svg'] });

describe('hostile labels render as text', () => {
  it('escapeHtml and escapeMarkdown neutralise markup', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;]]&gt;|x`y`\nz');
    expect(escapeMarkdown(HOSTILE)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;"\'&amp;\\]\\]&gt;\\|x\\`y\\` z');
    expect(escapeMarkdown('[x](javascript:1) @team')).toBe('\\[x\\](javascript:1) &#64;team');
  });

  it('in HTML, including inside every kind of chart', () => {
    const html = files.get('report.html') as string;
    expect(html).not.toContain('<script');
    expect(html).not.toContain(']]>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // group name, check id, source, title, warning, labels and command all went through escapeHtml
    expect(html.split(escapeHtml(HOSTILE)).length - 1).toBeGreaterThan(10);
    expect(html).toContain(`<h1>Audit ${escapeHtml(HOSTILE)}</h1>`);
    // the unit noun starts each summary sentence, escaped like the group name after it
    expect(html).toContain(`Tenants ${escapeHtml(HOSTILE)} with nationality ${escapeHtml(HOSTILE)} are flagged more often than the reference group french`);
    // every attribute value stays quoted: no stray quote closes one early
    for (const m of html.matchAll(/aria-label="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
    // the new charts carry hostile text too (proxy inputs, counterfactual levels, reproduced figures)
    for (const name of ['proxy-strength-nationality', 'counterfactual-shift', 'published-vs-reproduced', 'score-distribution-nationality']) {
      const svg = files.get(`${name}.svg`) as string;
      expect(svg, name).not.toMatch(/<script/i);
      expect(svg, name).toContain('&lt;script&gt;');
    }
  });

  it('in Markdown', () => {
    const md = writeMarkdown(hostileResults());
    expect(md).not.toContain('<script');
    expect(md).toContain(escapeMarkdown(HOSTILE));
    expect(md).toContain(`Tenants ${escapeMarkdown(HOSTILE)} with nationality ${escapeMarkdown(HOSTILE)} are flagged more often`);
    expect(md).not.toMatch(/[^\\]`/);
    // the label's newline was folded: no line starts with its tail
    expect(md).not.toMatch(/^z/m);
  });

  it('in JUnit XML: escaped in attributes and text, no CDATA, no raw markup', () => {
    const xml = files.get('junit.xml') as string;
    expect(xml).toBe(writeJunit(hostileResults()));
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('CDATA');
    expect(xml).toContain(escapeXml(HOSTILE));
    expect(xml).toContain(`message="Tenants ${escapeXml(HOSTILE)} with nationality ${escapeXml(HOSTILE)} are flagged more often`);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&apos;&amp;]]&gt;|x`y`&#10;z');
    // each attribute value is closed by the first quote after it: no quote in any value
    for (const m of xml.matchAll(/\s\w+="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
    // element structure is intact: every testcase opened is closed
    expect(xml.match(/<testcase\b/g)!.length).toBe(hostileResults().checks.length);
    expect(xml.match(/<\/testcase>|<testcase\b[^>]*\/>/g)!.length).toBe(hostileResults().checks.length);
  });
});
