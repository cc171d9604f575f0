import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

/**
 * A reference group flagged 10 times in 2,000 (0.5 %, under the 1 % threshold) against a group
 * flagged 200 times in 1,000. By hand: 19.5 points more; the low band is 1,000 / 3,000 = 33 % of the
 * rows but 200 / 210 = 95 % of the flagged, 2.86 times its share; against everyone else (10 of 2,000)
 * its rate is 40 times as high, Katz se √(1/200 − 1/1000 + 1/10 − 1/2000) = 0.3217, 95 % interval
 * 21.29–75.16, mapped by 3·RR / (RR + 2): 2.74–2.92.
 */
let md = '';
let html = '';
let results: { groups: { group: string; metrics: Record<string, { value: number | null; ci: [number, number] | null; method: string; reference: string | null }> }[] };

describe('a reference group flagged too rarely for its ratios to be read alone', () => {
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'unstable-'));
    writeFileSync(`${dir}/d.csv`, 'band,flagged,count\nmid,1,10\nmid,0,1990\nlow,1,200\nlow,0,800\n');
    const r = runCli(['audit', `${dir}/d.csv`, '--protected', 'band', '--flag', 'flagged', '--count', 'count', '--reference', 'band=mid', '--out', `${dir}/out`]);
    expect(r.status, r.stderr).toBe(1);
    md = readFileSync(`${dir}/out/report.md`, 'utf8');
    html = readFileSync(`${dir}/out/report.html`, 'utf8');
    results = JSON.parse(readFileSync(`${dir}/out/results.json`, 'utf8')) as typeof results;
  });

  it('warns on the front page and leads with the difference and the over-representation, the ratio last', () => {
    const front = md.slice(md.indexOf('## What the audit found'), md.indexOf('## What this audit cannot tell you'));
    expect(front).toContain(
      '> Unstable reference: by band, the reference group (mid) is flagged for only 10 of 2,000 (0.50 %). ' +
        'Ratios against so small a rate are huge and swing with a handful of cases: read the difference in percentage points and the over-representation instead.',
    );
    expect(front).toContain(
      '1. **✗ fail** 200 of every 1,000 low people are flagged, against 5.0 of every 1,000 mid people: 19.5 percentage points more (95 % CI +17.0 to +22.1). ' +
        'They are 33\u00a0% of all people but 95\u00a0% of those flagged (2.9 times their share, 95 % CI 2.7–2.9). ' +
        'The ratio, 40 times as often, rests on only 10 flagged mid people: do not quote it alone.',
    );
    expect(html).toContain('<p class="unstable-note" role="note">Unstable reference: by band');
    // the detailed sentence of the check carries the same caveat after its ratio
    expect(md).toMatch(/40\.00 times as often \(.*\): fail\. The reference group's rate rests on 10 cases: the ratio is unstable; read the difference in points\./);
    expect(html).toMatch(/<li class="finding unstable">.*19\.5 percentage points more/);
  });

  it('results.json carries the over-representation with its interval and method', () => {
    const low = results.groups.find((g) => g.group === 'low')!.metrics;
    expect(low['flagged_share']!.value).toBeCloseTo(200 / 210, 12);
    expect(low['population_share']!.value).toBeCloseTo(1 / 3, 12);
    expect(low['flagged_share_ratio']!.value).toBeCloseTo(200 / 210 * 3, 12);
    expect(low['flagged_share_ratio']!.ci![0]).toBeCloseTo(2.742, 3);
    expect(low['flagged_share_ratio']!.ci![1]).toBeCloseTo(2.922, 3);
    expect(low['flagged_share_ratio']).toMatchObject({ method: 'katz-log-vs-rest', reference: 'all' });
    expect(low['flagged_share_difference']!.value).toBeCloseTo(200 / 210 - 1 / 3, 12);
  });
});
