import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import type { runCli } from './run-cli.js';
import { spawnCli } from './spawn-cli.js';

/** What `npm start` does: the default battery end to end through the built CLI. */
let outA: string;
let outB: string;
let first: ReturnType<typeof runCli>;
let second: ReturnType<typeof runCli>;
/**
 * The first run is `npm start`'s, its whole report folder; the second, run at the same time, is compared
 * with it by results.json alone, so it writes only that (--formats json, which the results do not record).
 */
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-default-'));
  outA = join(dir, 'a');
  outB = join(dir, 'b');
  [first, second] = await Promise.all([
    spawnCli(['run', 'batteries/default.yaml', '--out', outA], { killAfterMs: 300_000 }),
    spawnCli(['run', 'batteries/default.yaml', '--out', outB, '--formats', 'json'], { killAfterMs: 300_000 }),
  ]);
}, 600_000);

function withoutTimestamps(dir: string) {
  const results = JSON.parse(readFileSync(`${dir}/results.json`, 'utf8')) as Results;
  const { started, finished, command, ...manifest } = results.manifest;
  expect(started).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(finished >= started).toBe(true);
  expect(command).toContain('batteries/default.yaml');
  return JSON.stringify({ ...results, manifest });
}

describe('default battery', () => {
  it('exits 1, as the README says (its checks fail), and writes the report folder', () => {
    expect(first.stderr).toBe('');
    const results = Results.parse(JSON.parse(readFileSync(`${outA}/results.json`, 'utf8')));
    expect(results.summary.verdict).toBe('fail');
    expect(first.status).toBe(1);
    for (const f of ['report.html', 'report.md', 'results.json', 'ratio-forest.vl.json', 'selection-rate-nationality.vl.json', 'intersection-heatmap.vl.json']) {
      expect(existsSync(`${outA}/${f}`), f).toBe(true);
    }
    expect(first.stdout).toMatch(/verdict: (PASS|FAIL|INCONCLUSIVE)/);
  });

  it('records provenance: tool version, hashes, seed, RNG and rows', () => {
    const { manifest } = Results.parse(JSON.parse(readFileSync(`${outA}/results.json`, 'utf8')));
    expect(manifest.tool_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.unit).toBe('households'); // from the population spec
    expect(manifest.battery_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest.model?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest.population?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest.seed).toBe(20231204);
    expect(manifest.rng).toBe('philox4x32-10');
    expect(manifest.rows).toBe(200000);
  });

  it('nationality is not a model input, yet the report measures nationality', () => {
    const model = JSON.parse(readFileSync('models/zoo/caf-like-calibrated/model.json', 'utf8')) as { inputs: { name: string }[] };
    expect(model.inputs.map((i) => i.name)).not.toContain('nationality');
    const { groups } = Results.parse(JSON.parse(readFileSync(`${outA}/results.json`, 'utf8')));
    expect(groups.filter((g) => g.attribute === 'nationality').map((g) => g.group).sort()).toEqual(['eu', 'french', 'non_eu']);
  });

  it('two runs give identical results.json apart from the manifest timestamps', () => {
    expect(second.status).toBe(first.status);
    expect(withoutTimestamps(outB)).toBe(withoutTimestamps(outA));
  });

  it('keeps the published signs of the CAF score (La Quadrature du Net, Nov 2023)', () => {
    type Input = { name: string; type: 'numeric'; coefficient: number } | { name: string; type: 'categorical'; coefficients: Record<string, number> };
    const { inputs } = JSON.parse(readFileSync('models/zoo/caf-like-calibrated/model.json', 'utf8')) as { inputs: Input[] };
    const sign = (name: string) => {
      const i = inputs.find((x) => x.name === name)!;
      return Math.sign(i.type === 'numeric' ? i.coefficient : i.coefficients['yes']!);
    };
    expect(sign('income')).toBe(-1);
    expect(sign('student')).toBe(-1);
    for (const up of ['unemployed', 'rsa', 'deprived_neighbourhood', 'rent_share', 'aah_working', 'single_parent', 'child_over_12', 'separated_widowed', 'apprentice']) expect(sign(up), up).toBe(1);
  });

  it('tells the calibrated story: single parents 16 % of households and 36 % of the flagged, low income two thirds', () => {
    const r = Results.parse(JSON.parse(readFileSync(`${outA}/results.json`, 'utf8')));
    const g = (attribute: string, group: string) => r.groups.find((x) => x.attribute === attribute && x.group === group)!;
    expect(r.overall).toMatchObject({ n: 200000, flagged: 10000 });
    // Le Monde (Dec 2023): 16 % of households, 36 % of home controls
    expect([g('single_parent', 'yes').n, g('single_parent', 'yes').flagged]).toEqual([32306, 3626]);
    expect(g('single_parent', 'yes').metrics['flagged_share']!.value).toBe(0.3626);
    // the assumed target: about two thirds of the flagged are low-income, from 28 % of households
    expect([g('income_band', 'low').n, g('income_band', 'low').flagged]).toEqual([56284, 6661]);
    expect([g('income_band', 'high').n, g('income_band', 'high').flagged]).toEqual([36566, 156]);
    // through proxies only: non-EU households against all other households
    const nonEu = g('nationality', 'non_eu');
    expect([nonEu.n, nonEu.flagged]).toEqual([16023, 1778]);
    expect(nonEu.rest).toMatchObject({ n: 183977, flagged: 8222 });
    const ratio = nonEu.metrics['selection_rate_ratio']!;
    expect(ratio.reference).toBe('(rest)');
    expect(ratio.value).toBeCloseTo((1778 / 16023) / (8222 / 183977), 12);
    expect(ratio.ci![0]).toBeCloseTo(2.3651, 4);
    expect(ratio.ci![1]).toBeCloseTo(2.6068, 4);
    // no ratio in the hundreds anywhere: the largest, low against high income, is about 28
    const ratios = r.groups.flatMap((x) => (x.metrics['selection_rate_ratio']?.value ?? null) ?? []);
    expect(Math.max(...ratios)).toBeLessThan(30);
    // the threshold sweep at 5 % is the decision itself: the same comparison with everyone else
    const curve = r.selection_curves!.curves.find((c) => c.attribute === 'nationality' && c.group === 'non_eu')!;
    const at5 = curve.points.find((p) => Math.abs(p.fraction - 0.05) < 1e-12)!;
    expect(at5.selected).toBe(1778);
    expect(at5.selection_rate_ratio.value).toBe(ratio.value);
    expect(at5.selection_rate_ratio.ci).toEqual(ratio.ci);
    const check = r.checks.find((c) => c.id === 'selection-four-fifths' && c.group === 'non_eu')!;
    expect(check).toMatchObject({ verdict: 'fail', reference: '(rest)', direction: 'higher' });
    expect(r.manifest.references).toMatchObject({ nationality: { group: '(rest)', origin: 'battery' }, income_band: { group: 'high', origin: 'battery' } });
  });

  it('records the battery\'s description in results.json and puts it on the front page', () => {
    const r = Results.parse(JSON.parse(readFileSync(`${outA}/results.json`, 'utf8')));
    expect(r.manifest.description).toMatch(/^Does a CAF-like risk score, which never sees nationality, flag non-EU, disabled, low-income and single-parent households more often than all other households/);
    const md = readFileSync(`${outA}/report.md`, 'utf8');
    expect(md.slice(0, md.indexOf('## What the audit found'))).toContain(`**The question:** ${r.manifest.description}`);
  });

  it('warns that the high-income reference is unstable and leads its finding with the difference and the over-representation', () => {
    const md = readFileSync(`${outA}/report.md`, 'utf8');
    const front = md.slice(md.indexOf('## What the audit found'), md.indexOf('## What this audit cannot tell you'));
    expect(front).toContain('> Unstable reference: by income, the reference group (high-income) is flagged for only 156 of 36,566 (0.43 %).');
    expect(front).toContain(
      '118 of every 1,000 low-income households are flagged, against 4.3 of every 1,000 high-income households: 11.4 percentage points more (99.9 % CI +10.9 to +11.9). ' +
        'They are 28\u00a0% of all households but 67\u00a0% of those flagged (2.4 times their share, 99.9 % CI 2.3–2.4). ' +
        'The ratio, 28 times as often, rests on only 156 flagged high-income households: do not quote it alone.',
    );
    // the other findings compare with everyone else, in words
    expect(front).toContain('11 of every 100 non-EU households are flagged, against 4.5 of every 100 other households — 2.5 times as often (99.9 % CI 2.3–2.7), 6.6 points more.');
    expect(front).toContain('11 of every 100 single-parent households are flagged, against 3.8 of every 100 other households — 3.0 times as often (99.9 % CI 2.8–3.2), 7.4 points more. They are 16\u00a0% of all households and 36\u00a0% of those flagged.');
  });
});
