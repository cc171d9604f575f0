import { describe, expect, it } from 'vitest';
import { buildReport } from '../../reports/index.js';
import { escapeHtml, escapeMarkdown, writeMarkdown } from '../../reports/writers/index.js';
import { HOSTILE, hostileResults } from './helpers.js';

describe('hostile labels render as text', () => {
  it('escapeHtml and escapeMarkdown neutralise markup', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;]]&gt;|x`y`\nz');
    expect(escapeMarkdown(HOSTILE)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;"\'&amp;\\]\\]&gt;\\|x\\`y\\` z');
    expect(escapeMarkdown('[x](javascript:1) @team')).toBe('\\[x\\](javascript:1) &#64;team');
  });

  it('in HTML, including inside the charts', async () => {
    const { files } = await buildReport(hostileResults());
    const html = files.get('report.html') as string;
    expect(html).not.toContain('<script');
    expect(html).not.toContain(']]>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // group name, check id, source, title, warning, labels and command all went through escapeHtml
    expect(html.split(escapeHtml(HOSTILE)).length - 1).toBeGreaterThan(10);
    expect(html).toContain(`<h1>Audit ${escapeHtml(HOSTILE)}</h1>`);
    // every attribute value stays quoted: no stray quote closes one early
    for (const m of html.matchAll(/aria-label="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
  });

  it('in Markdown', () => {
    const md = writeMarkdown(hostileResults());
    expect(md).not.toContain('<script');
    expect(md).toContain(escapeMarkdown(HOSTILE));
    expect(md).not.toMatch(/[^\\]`/);
    // the label's newline was folded: no line starts with its tail
    expect(md).not.toMatch(/^z/m);
  });
});
