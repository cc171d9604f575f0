import { describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { buildReport } from '../../reports/index.js';
import { markWithheld, redactCounts, redactResults } from '../../reports/shared/index.js';
import { auditResults, richResults } from './helpers.js';

/** The audit fixture plus a check on the small cell non_eu×disabled (n = 24, flagged 5). */
function withSmallCellCheck(r: Results): Results {
  const g = r.groups.find((x) => x.group === 'non_eu×disabled')!;
  const m = g.metrics['selection_rate_ratio']!;
  r.checks.push({
    ...r.checks[0]!, id: 'small-cell-check', attribute: g.attribute, group: g.group, reference: m.reference,
    value: m.value, ci: m.ci, verdict: 'inconclusive', small_cell: true,
  });
  r.summary.inconclusive += 1;
  return Results.parse(r);
}

const audit = withSmallCellCheck(auditResults(30));
const { files } = await buildReport(audit);
const html = files.get('report.html') as string;
const md = files.get('report.md') as string;
const junit = files.get('junit.xml') as string;

describe('small-cell suppression (privacy.min_cell) in real-data audits', () => {
  it('shows counts below k as "<k" and withholds the rates built on them in HTML and Markdown', () => {
    const row = /<tr[^>]*><th scope="row">non_eu×<wbr>disabled<\/th>(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(row).toContain('<td class="num">&lt;30</td><td class="num">&lt;30</td><td class="num">withheld</td>');
    expect(row).not.toMatch(/>24<|>5</);
    const mdRow = md.split('\n').find((l) => l.startsWith('| non\\_eu×disabled |'))!;
    expect(mdRow).toMatch(/^\| non\\_eu×disabled \| &lt;30 \| &lt;30 \| withheld \| withheld \|/);
    // a large group is untouched
    expect(html).toMatch(/<th scope="row">non_eu<\/th><td class="num">12,000<\/td><td class="num">1,260<\/td>/);
  });

  it('withholds value, interval and p-values of a check on a small cell, keeps its verdict, in all three formats', () => {
    const sentence = 'Households with nationality non_eu and disability disabled: the selection rate ratio against the reference group french×not_disabled is withheld because a count behind it is below 30 (privacy) (95 % CI withheld;';
    expect(html).toContain(sentence);
    expect(md).toContain(sentence.replace(/_/g, '\\_'));
    expect(junit).toContain(sentence);
    expect(junit).toMatch(/value: withheld&#10;|value: withheld\n/);
    expect(junit).toContain('<failure type="inconclusive"');
    expect(html).toContain('<tr class="small"><th scope="row">small-cell-check</th>');
    // no rates or counts behind the withheld comparison; a large group's sentence keeps them
    expect(html).not.toMatch(/disability disabled: the selection rate ratio[^<]*\d of \d/);
    expect(html).toContain('(10.5 % = 1,260 of 12,000, against 5.0 % = 3,000 of 60,000 for french; 95 % CI 1.97–2.24;');
  });

  it('redacts counts below k from warnings and from chart data', () => {
    expect(html).toContain('n&lt;30 &lt; min_cell 50');
    expect(html).not.toContain('n = 24');
    expect(redactCounts('a n=5, b n = 1,200 and n=29', 30)).toBe('a n<30, b n = 1,200 and n<30');
    const heat = JSON.parse(files.get('intersection-heatmap.vl.json') as string) as { data: { values: Record<string, unknown>[] } };
    expect(heat.data.values.find((v) => v['row'] === 'non_eu' && v['col'] === 'disabled')).toMatchObject({ rate: null, rate_text: 'withheld', n_text: '<30' });
    for (const name of [...files.keys()].filter((f) => f.endsWith('.vl.json'))) {
      expect(files.get(name) as string, name).not.toMatch(/"n":\s*24\b/);
    }
  });

  it('drops histogram bins below k from the score charts', () => {
    const view = redactResults(audit);
    const h = view.groups.find((g) => g.group === 'non_eu×disabled')!.score_histogram!;
    expect(h.counts.every((c) => Number.isNaN(c))).toBe(true);
    const big = view.groups.find((g) => g.group === 'french')!.score_histogram!;
    expect(big.counts.filter((c) => !Number.isNaN(c)).every((c) => c >= 30)).toBe(true);
  });

  it('results.json keeps every number and marks what the reports withheld', () => {
    const json = Results.parse(JSON.parse(files.get('results.json') as string));
    const small = json.groups.find((g) => g.group === 'non_eu×disabled')!;
    expect(small).toMatchObject({ n: 24, flagged: 5, suppressed: true });
    expect(small.metrics['selection_rate']).toMatchObject({ withheld: true, value: 5 / 24 });
    expect(json.checks.find((c) => c.id === 'small-cell-check')).toMatchObject({ withheld: true });
    expect(json.checks[0]!.withheld).toBeUndefined();
    expect(json.groups.find((g) => g.group === 'french')!.suppressed).toBeUndefined();
    expect(json.manifest.privacy).toEqual({ min_cell: 30, origin: 'cli' });
    expect(html).toContain('do not publish it');
  });

  it('synthetic runs show everything, even with privacy set', async () => {
    const run = withSmallCellCheck(richResults());
    run.manifest.privacy = { min_cell: 30, origin: 'battery' };
    expect(redactResults(run)).toBe(run);
    expect(markWithheld(run)).toBe(run);
    const out = (await buildReport(run, { formats: ['html'] })).files.get('report.html') as string;
    expect(out).toMatch(/<th scope="row">non_eu×<wbr>disabled<\/th><td class="num">24<\/td><td class="num">5<\/td>/);
    expect(out).toContain('not applied: synthetic run');
  });
});
