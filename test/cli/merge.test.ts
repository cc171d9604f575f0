import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { runCli } from './run-cli.js';
import { spawnCli } from './spawn-cli.js';

/**
 * `disparate merge` end to end: audits of the parts of a file merged into the audit of the whole; refusals exit 2.
 * The inputs of a merge are read from results.json alone, so the audits and runs that make them write nothing
 * else (--formats json, no charts rendered) and run at the same time; the merges render their reports.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-merge-cli-'));
const SOURCE = 'test/fixtures/peer-crosscheck/population_20000.csv';
const COLUMNS = ['--protected', 'nationality,disability,income_band', '--flag', 'flagged', '--label', 'label', '--score', 'score', '--reference', 'nationality=national'];
const [header, ...rows] = readFileSync(SOURCE, 'utf8').trimEnd().split('\n');

/** Audits a file with the CLI into its own folder (results.json alone); returns the results.json path. */
async function audit(name: string, file: string, columns = COLUMNS): Promise<string> {
  const out = join(dir, name);
  const r = await spawnCli(['audit', file, ...columns, '--out', out, '--formats', 'json'], { killAfterMs: 120_000 });
  expect(r.stderr).toBe('');
  return join(out, 'results.json');
}

function part(name: string, keep: (i: number) => boolean): string {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, `${[header, ...rows.filter((_, i) => keep(i))].join('\n')}\n`);
  return file;
}

const read = (file: string) => Results.parse(JSON.parse(readFileSync(file, 'utf8')));

/** Exit 2, exactly one line on stderr, matching every pattern, nothing on stdout. */
function expectRefused(r: ReturnType<typeof runCli>, ...patterns: RegExp[]) {
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const p of patterns) expect(lines[0]).toMatch(p);
  expect(r.stdout).toBe('');
}

describe('disparate merge', () => {
  let first: string;
  let second: string;
  let whole: Results;
  beforeAll(async () => {
    const files = await Promise.all([audit('first', part('first', (i) => i < 8000)), audit('second', part('second', (i) => i >= 8000)), audit('whole', SOURCE)]);
    [first, second] = files;
    whole = read(files[2]);
  });

  it('merges audited halves into the whole-file audit: counts, verdicts and exit status; the dropped metrics are named', () => {
    const out = join(dir, 'merged');
    const r = runCli(['merge', first, second, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(whole.summary.verdict === 'pass' ? 0 : 1);
    const merged = Results.parse(JSON.parse(r.stdout));
    expect(merged.manifest.command).toBe(`disparate merge ${first} ${second}`);
    expect(merged.manifest.rows).toBe(20000);
    expect(merged.manifest.merged_from!.map((f) => [f.file, f.rows])).toEqual([[first, 8000], [second, 12000]]);
    expect(merged.groups.map((g) => [g.attribute, g.group, g.n, g.flagged, g.tp, g.fp, g.tn, g.fn])).toEqual(whole.groups.map((g) => [g.attribute, g.group, g.n, g.flagged, g.tp, g.fp, g.tn, g.fn]));
    expect(merged.checks.map((c) => [c.id, c.group, c.verdict])).toEqual(whole.checks.map((c) => [c.id, c.group, c.verdict]));
    expect(merged.summary).toEqual(whole.summary);
    const dropped = merged.warnings.filter((w) => w.code === 'merge-dropped').map((w) => w.message.split(':')[0]);
    expect(dropped).toEqual(expect.arrayContaining(['ks_distance', 'wasserstein_distance', 'auc', 'observed_expected_ratio', 'top_decile_overrepresentation', 'selection_curves']));
    for (const f of ['report.html', 'report.md', 'results.json', 'junit.xml']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/Merged from/);
  });

  it('refuses inputs with different protected attributes: exit 2, one line naming the file and the field', async () => {
    const other = await audit('other', part('other', (i) => i >= 8000), ['--protected', 'nationality,disability', '--flag', 'flagged']);
    expectRefused(runCli(['merge', first, other, '--out', join(dir, 'refused')]), new RegExp(`^disparate: ${other.replace(/[.\\/]/g, '\\$&')}: manifest\\.protected: `));
  });

  it('refuses the same input twice (its rows would count twice), and a single input', () => {
    expectRefused(runCli(['merge', first, first, '--out', join(dir, 'twice')]), /first\/results\.json: manifest\.data\.hash: the same run as .*first\/results\.json/);
    expectRefused(runCli(['merge', first, '--out', join(dir, 'single')]), /at least two results\.json files/);
  });

  it('refuses parts audited with different intersections, and synthetic runs sharing a seed (their first rows coincide)', async () => {
    // two sizes of one seed: the smaller run's rows are the first rows of the larger; a few thousand rows show it as well as more
    const [none, ...runs] = await Promise.all([
      audit('none', part('none', (i) => i >= 8000), [...COLUMNS, '--intersections', 'none']),
      ...[2000, 4000].map(async (size) => {
        const out = join(dir, `seed-${size}`);
        await spawnCli(['run', 'batteries/default.yaml', '--size', String(size), '--seed', '7', '--workers', '1', '--out', out, '--formats', 'json'], { killAfterMs: 120_000 });
        return join(out, 'results.json');
      }),
    ]);
    expectRefused(runCli(['merge', first, none!, '--out', join(dir, 'x')]), /none\/results\.json: manifest\.intersections: differs between the inputs \("full" in .*, "none" in .*\)/);
    expectRefused(runCli(['merge', ...runs, '--out', join(dir, 'same-seed')]), /seed-4000\/results\.json: manifest\.seed: the same run as .*seed-2000\/results\.json/);
  });

  it('refuses a file that is not results.json version 1, naming the field', () => {
    const bad = join(dir, 'v2.json');
    writeFileSync(bad, JSON.stringify({ ...read(first), schemaVersion: 2 }));
    expectRefused(runCli(['merge', first, bad, '--out', join(dir, 'v2')]), /v2\.json: schemaVersion: expected 1, found 2/);
  });

  it('merges two synthetic runs of the default battery (different seeds): twins summed, recomputed from the sums', async () => {
    const runs = await Promise.all(
      [1, 2].map(async (seed) => {
        const out = join(dir, `run-${seed}`);
        const r = await spawnCli(['run', 'batteries/default.yaml', '--size', '20000', '--seed', String(seed), '--workers', '1', '--out', out, '--formats', 'json'], { killAfterMs: 120_000 });
        expect(r.stderr).toBe('');
        return join(out, 'results.json');
      }),
    );
    const out = join(dir, 'merged-runs');
    const r = runCli(['merge', ...runs, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Merged: CAF-like household risk score/);
    const merged = read(join(out, 'results.json'));
    const [a, b] = runs.map(read) as [Results, Results];
    expect(r.status).toBe(merged.summary.verdict === 'pass' ? 0 : 1);
    expect(merged.manifest.rows).toBe(40000);
    expect(merged.manifest.seed).toBeNull();
    expect(merged.counterfactual).toHaveLength(a.counterfactual.length);
    for (const c of merged.counterfactual) {
      const parts = [a, b].map((x) => x.counterfactual.find((y) => y.attribute === c.attribute && y.from === c.from && y.to === c.to && y.effect === c.effect)!);
      for (const field of ['n', 'flagged_original', 'flagged_twin', 'flips_up', 'flips_down'] as const) expect(c[field], field).toBe(parts[0]![field] + parts[1]![field]);
      expect(c.flip_rate.value).toBe(c.n > 0 ? (c.flips_up + c.flips_down) / c.n : null);
      expect(c.selection_rate_difference.method).toBe('tango-score-paired');
      const sum = parts[0]!.mean_score_shift.numerator! + parts[1]!.mean_score_shift.numerator!;
      expect(c.mean_score_shift.value).toBeCloseTo(sum / c.n, 12);
      expect(c.score_shift_quantiles).toBeNull();
    }
    const codes = merged.warnings.map((w) => w.code);
    expect(codes).toContain('merge-ranked-decision');
    expect(merged.warnings.filter((w) => w.code === 'merge-dropped').map((w) => w.message.split(':')[0])).toEqual(
      expect.arrayContaining(['proxies', 'counterfactual score_shift_quantiles', 'counterfactual mean_rank_shift', 'counterfactual rank_shift_quantiles']),
    );
  });
});
