import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { spawnCli } from './spawn-cli.js';

/**
 * The intersection's reference group is settable (`--reference "race*sex=Caucasian*Female"`, or "×"; a
 * battery's `reference:`), on a file laid out like ProPublica's COMPAS two-year file
 * (datasets/examples/compas-shaped.csv). Without it the reference is the largest cell, African-American×Male,
 * so every race×sex sentence would compare with Black men; with it, every race×sex comparison — check rows,
 * group metrics and the report's sentences — is against Caucasian×Female.
 */
const data = resolve('datasets/examples/compas-shaped.csv');
const common = ['--protected', 'race,sex', '--flag', 'score_text=High', '--label', 'two_year_recid', '--score', 'decile_score'];

interface Results {
  manifest: { references: Record<string, { group: string; origin: string }> };
  groups: { attribute: string; group: string; metrics: Record<string, { reference?: string | null }> }[];
  checks: { attribute: string; group: string; reference: string | null }[];
}
const read = (out: string) => JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;

/** The reference every race×sex comparison names: one value, or the test fails listing them all. */
function intersectionReferences(r: Results): string[] {
  const refs = new Set<string>();
  for (const c of r.checks) if (c.attribute === 'race×sex') refs.add(String(c.reference));
  for (const g of r.groups) {
    if (g.attribute !== 'race×sex') continue;
    for (const [id, m] of Object.entries(g.metrics)) if (/_(ratio|difference)$|_distance$/.test(id) && m.reference && m.reference !== 'all') refs.add(m.reference);
  }
  return [...refs].sort();
}

describe('--reference on an intersection (COMPAS-shaped file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intersection-reference-'));
  const outs: Record<string, ReturnType<typeof runCli> & { out: string }> = {};
  // The four runs are independent and run at the same time; results.json and report.md are what is read,
  // so they write those alone (--formats md; results.json is always written, and does not record --formats).
  beforeAll(async () => {
    const audit = async (name: string, extra: string[]) => {
      const out = join(dir, name);
      outs[name] = { ...(await spawnCli(['audit', data, ...common, ...extra, '--out', out, '--formats', 'md'])), out };
    };
    writeFileSync(
      join(dir, 'battery.yaml'),
      `title: COMPAS-shaped\ndata: { file: ${data}, flag: score_text=High, label: two_year_recid, score: decile_score }\nprotected: [race, sex]\nreference: { "race*sex": "Caucasian*Female" }\nchecks: [{ id: four-fifths, metric: selection_rate_ratio }]\n`,
    );
    const out = join(dir, 'battery');
    await Promise.all([
      audit('default', []),
      audit('star', ['--reference', 'race*sex=Caucasian*Female']),
      audit('times', ['--reference', 'race×sex=Caucasian×Female']),
      spawnCli(['run', join(dir, 'battery.yaml'), '--out', out, '--formats', 'md']).then((r) => (outs['battery'] = { ...r, out })),
    ]);
  });

  it('by default the intersection compares with its largest cell, African-American×Male', () => {
    expect(outs['default']!.status, outs['default']!.stderr).toBe(1);
    const r = read(outs['default']!.out);
    expect(r.manifest.references['race×sex']).toEqual({ group: 'African-American×Male', origin: 'default' });
    expect(intersectionReferences(r)).toEqual(['African-American×Male']);
  });

  for (const name of ['star', 'times', 'battery']) {
    it(`${name}: every race×sex comparison is against Caucasian×Female`, () => {
      const o = outs[name]!;
      expect(o.status, o.stderr).toBe(1);
      expect(o.stderr).toBe('');
      const r = read(o.out);
      expect(r.manifest.references['race×sex']).toEqual({ group: 'Caucasian×Female', origin: name === 'battery' ? 'battery' : 'cli' });
      // The attributes alone keep their own (default) references.
      expect(r.manifest.references['race']).toEqual({ group: 'African-American', origin: 'default' });
      expect(r.manifest.references['sex']).toEqual({ group: 'Male', origin: 'default' });
      expect(intersectionReferences(r)).toEqual(['Caucasian×Female']);
      const cells = r.checks.filter((c) => c.attribute === 'race×sex').map((c) => c.group);
      expect(cells).toContain('African-American×Male');
      expect(cells).not.toContain('Caucasian×Female');
      // The report's sentences about race×sex name the chosen cell as the one compared with.
      const md = readFileSync(join(o.out, 'report.md'), 'utf8');
      expect(md).toContain('against 2.8 of every 100 Caucasian×Female people');
      expect(md).toMatch(/race×sex[^\n]*reference group Caucasian×Female/);
      expect(md).not.toMatch(/reference group African-American×Male|of every 100 African-American×Male people:|against [^\n]* African-American×Male people/);
    });
  }

  it('"*" and "×" give the same results', () => {
    const strip = (r: Results) => JSON.stringify({ ...r, manifest: { ...r.manifest, command: null, started: null, finished: null } });
    expect(strip(read(outs['times']!.out))).toBe(strip(read(outs['star']!.out)));
  });

  it('a reference cell that does not exist exits 2 naming it and the cells that do', () => {
    const r = runCli(['audit', data, ...common, '--reference', 'race*sex=Caucasian*Nonbinary', '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^.*--reference race\*sex=Caucasian\*Nonbinary: reference group "Caucasian×Nonbinary" of "race×sex" does not exist \(groups: .*Caucasian×Female.*\)$/);
  });
});
