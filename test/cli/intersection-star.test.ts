import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('"*" for intersections on the audit command line', () => {
  it('--intersections a*b and --reference a*b=x*y name the intersection as "×" does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'star-'));
    const rows = ['n,d,flagged,count', 'fr,no,1,50', 'fr,no,0,950', 'fr,yes,1,10', 'fr,yes,0,90', 'eu,no,1,20', 'eu,no,0,180', 'eu,yes,1,5', 'eu,yes,0,45'];
    writeFileSync(`${dir}/d.csv`, `${rows.join('\n')}\n`);
    const r = runCli(['audit', `${dir}/d.csv`, '--protected', 'n,d', '--flag', 'flagged', '--count', 'count', '--intersections', 'n*d', '--reference', 'n*d=fr*no', '--out', `${dir}/out`]);
    expect(r.stderr).toBe('');
    const results = JSON.parse(readFileSync(`${dir}/out/results.json`, 'utf8')) as { manifest: { references: Record<string, { group: string; origin: string }> } };
    expect(results.manifest.references['n×d']).toEqual({ group: 'fr×no', origin: 'cli' });
  });
});
