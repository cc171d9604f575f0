import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { runCli } from './run-cli.js';
import { spawnCli } from './spawn-cli.js';

/**
 * `disparate compare` end to end on the default population (caf-households, 20,000 rows): the
 * CAF-like model (deployed) against the same model without its proxy inputs (candidate), both
 * flagging their top 5 %. Paired results are produced for every group and check; the same
 * comparison with the models swapped turns every "better" into "worse" (the change changes sign, the
 * sum does not) and exits 1 under fail_when: worse, 0 under never; results.json is byte-identical
 * with 1 and 2 workers. (Proxy detection and the threshold sweep are switched off: they do not enter
 * the comparison.) The four runs are independent and run at the same time; results.json and the
 * terminal summary are what is read, so they write results.json alone (--formats json, left out of the
 * recorded command).
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-compare-'));
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const deployed = resolve('models/zoo/caf-like/model.json');
const candidate = resolve('models/zoo/caf-like-no-proxies/model.json');

function battery(name: string, models: string, extra = ''): string {
  const text = readFileSync('batteries/compare-caf.yaml', 'utf8')
    .replace('../datasets/populations/caf-households.yaml', resolve('datasets/populations/caf-households.yaml'))
    .replace(/models:\n(  .*\n)+/, `${models}\n`)
    .replace('compare: { fail_when: worse }\n', `${extra}proxies: false\nsweep: false\n`);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const read = (out: string) => Results.parse(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')));

describe('disparate compare on the default population', () => {
  const runs: Record<string, { status: number | null; stderr: string; stdout: string; out: string }> = {};
  beforeAll(async () => {
    const forward = battery('forward.yaml', `models: { deployed: ${deployed}, candidate: ${candidate} }`, 'compare: { fail_when: worse }\n');
    const swapped = battery('swapped.yaml', `models: { deployed: ${candidate}, candidate: ${deployed} }`, '');
    const never = battery('never.yaml', `models: { deployed: ${candidate}, candidate: ${deployed} }`, 'compare: { fail_when: never }\n');
    await Promise.all(
      ([['w1', forward, '1'], ['w2', forward, '2'], ['swapped', swapped, '1'], ['never', never, '1']] as const).map(async ([key, file, workers]) => {
        const out = join(dir, `out-${key}`);
        runs[key] = { ...(await spawnCli(['compare', file, '--size', '20000', '--workers', workers, '--out', out, '--formats', 'json'], { env: EPOCH, killAfterMs: 120_000 })), out };
      }),
    );
  }, 120_000);

  it('produces paired results for every group and check row, with the deployed model summarised', () => {
    expect(runs['w1']!.stderr).toBe('');
    const r = read(runs['w1']!.out);
    const c = r.comparison!;
    expect(r.manifest.mode).toBe('compare');
    expect(r.manifest.model!.name).toBe('caf-like-no-proxies');
    expect(c.deployed.name).toBe('caf-like');
    expect(c.groups).toHaveLength(r.groups.length);
    expect(c.checks).toHaveLength(r.checks.length);
    for (const g of c.groups) {
      expect(g.deployed_flagged).toBe(g.flagged_by_both + g.deployed_only);
      expect(g.candidate_flagged).toBe(g.flagged_by_both + g.candidate_only);
      expect(g.selection_rate_change.value).toBeCloseTo((g.candidate_only - g.deployed_only) / g.n, 12);
      expect(g.selection_rate_change.method).toBe('tango-score-paired');
    }
    // Both models flag the top 5 %: 1,000 of 20,000 households each.
    const total = c.groups.filter((g) => g.attribute === 'nationality').reduce((s, g) => s + g.deployed_flagged, 0);
    expect(total).toBe(1000);
    // The deployed ratio of each row is the deployed run's own check value.
    expect(c.checks.every((x) => x.verdict !== 'not compared')).toBe(true);
    expect(c.rule).toMatchObject({ method: 'bonferroni', family_size: c.checks.length, intervals_per_row: 2 });
    expect(c.rule.level).toBeCloseTo(1 - 0.05 / (2 * c.checks.length), 12);
    expect(c.tally.better + c.tally.worse + c.tally.no_change).toBe(c.checks.length);
    // Disabled households lose the AAH-while-working input: flagged less often under the candidate.
    const disabled = c.groups.find((g) => g.attribute === 'disability' && g.group === 'disabled')!;
    expect(disabled.selection_rate_change.ci![1]).toBeLessThan(0);
    expect(disabled.mcnemar_p_value!).toBeLessThan(0.05);
    expect(c.verdict).not.toBe('worse');
    expect(runs['w1']!.status).toBe(0);
    expect(runs['w1']!.stdout).toMatch(/^comparison: (BETTER|NO ESTABLISHED CHANGE) \(0 worse, \d+ better, \d+ no established change; fail_when worse\)$/m);
  });

  it('results.json is byte-identical with 1 and 2 workers', () => {
    expect(runs['w2']!.status).toBe(runs['w1']!.status);
    expect(readFileSync(join(runs['w2']!.out, 'results.json'), 'utf8')).toBe(readFileSync(join(runs['w1']!.out, 'results.json'), 'utf8'));
  });

  it('swapping the models turns each better into worse and exits 1 (fail_when worse, the default); never exits 0', () => {
    const forward = read(runs['w1']!.out).comparison!;
    const swapped = read(runs['swapped']!.out).comparison!;
    expect(swapped.fail_when_origin).toBe('default');
    expect(swapped.tally.worse).toBe(forward.tally.better);
    expect(swapped.tally.better).toBe(forward.tally.worse);
    forward.checks.forEach((x, i) => {
      const y = swapped.checks[i]!;
      if (x.change.value === null) expect(y.change.value).toBeNull();
      else expect(-y.change.value!).toBeCloseTo(x.change.value, 12);
      expect(y.verdict).toBe(x.verdict === 'better' ? 'worse' : x.verdict === 'worse' ? 'better' : x.verdict);
    });
    expect(forward.tally.better).toBeGreaterThan(0);
    expect(runs['swapped']!.status).toBe(1);
    expect(runs['swapped']!.stdout).toMatch(/^  worse: selection-four-fifths disability=disabled$/m);
    expect(runs['never']!.status).toBe(0);
    expect(read(runs['never']!.out).comparison!.fail_when).toBe('never');
  });

  it('two results.json files are refused, saying why paired figures need the battery form (exit 2, one line)', () => {
    const a = join(runs['w1']!.out, 'results.json');
    const r = runCli(['compare', a, join(runs['w2']!.out, 'results.json')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(
      /results\.json: paired changes need, in each group, the applicants flagged by one model and not by the other, which a results\.json does not record \(it holds counts per group\); name both models in a battery, models: \{ deployed: <file>, candidate: <file> \}, and run disparate compare <battery>$/,
    );
    expect(runCli(['compare', a, join(dir, 'absent.json')]).stderr.trim()).toMatch(/absent\.json: file not found$/);
  });
});

describe('compare: bad input exits 2 with one line naming the file and the field', () => {
  function expectBadInput(r: ReturnType<typeof runCli>, pattern: RegExp) {
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(pattern);
    expect(r.stdout).toBe('');
  }

  it('a battery with model: only', () => {
    const file = join(dir, 'one.yaml');
    writeFileSync(file, readFileSync('batteries/default.yaml', 'utf8').replace('../datasets', resolve('datasets')).replace('../models', resolve('models')));
    expectBadInput(runCli(['compare', file, '--size', '1000']), /one\.yaml: models: disparate compare needs models: \{ deployed: <model file>, candidate: <model file> \} instead of model:/);
  });

  it('a battery with both model and models', () => {
    const file = battery('both.yaml', `model: ${deployed}\nmodels: { deployed: ${deployed}, candidate: ${candidate} }`);
    expectBadInput(runCli(['compare', file]), /both\.yaml: models: give exactly one of model \(disparate run\) or models/);
  });

  it('disparate run on a battery with models:', () => {
    const file = battery('run.yaml', `models: { deployed: ${deployed}, candidate: ${candidate} }`);
    expectBadInput(runCli(['run', file, '--size', '1000', '--out', join(dir, 'out-run')]), /run\.yaml: models: a battery naming a deployed and a candidate model is run by `disparate compare`/);
  });

  it('a battery auditing a decisions file with models:', () => {
    const file = join(dir, 'data.yaml');
    writeFileSync(file, `title: t\ndata: { file: decisions.csv, flag: flagged }\nmodels: { deployed: ${deployed}, candidate: ${candidate} }\nprotected: [nationality]\n`);
    expectBadInput(runCli(['compare', file]), /data\.yaml: models: two models are compared on a population they both score; a data file holds the decisions of one model$/);
  });

  it('a models block missing its candidate', () => {
    const file = battery('half.yaml', `models: { deployed: ${deployed} }`);
    expectBadInput(runCli(['compare', file]), /half\.yaml: models\.candidate: /);
  });

});
