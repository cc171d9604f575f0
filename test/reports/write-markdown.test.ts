import { buildCounterfactualTable, buildReproductionTables, buildSelectiveLabelsTable, buildSuppressedTable, buildWorstGroupsTable } from '../../reports/shared/index.js';
import { describe, expect, it } from 'vitest';
import { writeMarkdown } from '../../reports/writers/index.js';
import { fixtureResults } from './fixture-results.js';
import { hostileResults } from './helpers.js';

/** Cells of a Markdown table row, splitting on unescaped pipes only. */
const cells = (line: string): string[] => line.trim().slice(1, -1).split(/(?<!\\)\|/);

function tables(md: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) (current ??= (out.push([]), out[out.length - 1]!)).push(line);
    else current = null;
  }
  return out;
}

describe('writeMarkdown', () => {
  it.each([
    ['fixture', fixtureResults()],
    ['hostile labels', hostileResults()],
  ])('every table row has as many cells as its header (%s)', (_, results) => {
    const md = writeMarkdown(results);
    const found = tables(md);
    // verdicts, tolerances, 3 group tables, provenance, and each optional table whose data exists
    const optional = [buildCounterfactualTable, buildSelectiveLabelsTable, buildWorstGroupsTable, buildSuppressedTable].filter((b) => b(results) !== null);
    expect(found.length).toBe(6 + buildReproductionTables(results).length + optional.length);
    for (const t of found) {
      const width = cells(t[0]!).length;
      for (const row of t) expect(cells(row)).toHaveLength(width);
    }
  });

  it('has title, verdict line, warnings, methods and provenance', () => {
    const md = writeMarkdown(fixtureResults());
    expect(md.split('\n')[0]).toBe('# CAF-style risk score 2023: nationality and disability');
    expect(md).toContain('**Verdict: ✗ fail** — The audit fails: 1 of 4 checks shows a disparity by nationality beyond the tolerance; 1 is inconclusive and 2 pass.');
    expect(md).toContain('1. **✗ fail** 11 of every 100 non\\_eu households are flagged, against 5.0 of every 100 french households — 2.1 times as often (95 % CI 2.0–2.2), 5.5 points more. They are 14\u00a0% of all households and 24\u00a0% of those flagged.');
    // the front page comes first, in the HTML's order
    const order = ['## What the audit found', '## What this audit cannot tell you', '## Every check in words', '## Verdicts', '## Warnings', '## Methods', '## Provenance'].map((h) => md.indexOf(h));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(md).toContain('2.10 times as often (10.5 % = 1,260 of 12,000, against 5.0 % = 3,000 of 60,000 for french; 95 % CI 1.97–2.24; tolerance 0.80–1.25 per the battery');
    for (const h of ['## Verdicts', '## Groups: nationality', '## Warnings', '## Methods', '## Provenance']) expect(md).toContain(h);
    expect(md).toContain('small cell (n &lt; 50)');
  });
});
