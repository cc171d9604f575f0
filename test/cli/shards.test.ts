import { readFileSync, mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, type CliOutcome } from './spawn-cli.js';

/**
 * Issue 16: a run split into N shards (separate processes, as a batch engine starts them), merged,
 * gives the single run's results.json byte for byte, for every decision rule kind. 20,000 CAF-like
 * households scored by a model of a few categorical inputs, so every ranked cut draws a lot.
 * Twins are decided by the one global cut (threshold, top_k, top_fraction); capacities per stratum
 * and second stages rank by other columns too, so they run without twins (as resolveBattery requires).
 * Only results.json is compared, so the single runs and the merges write it alone (--formats json: the
 * recorded command leaves --formats out, and the charts are not rendered); the single run and the
 * sharded runs are independent processes and run at the same time.
 */
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'disparate-shards-'));
const env = { SOURCE_DATE_EPOCH: '1767225600' };
const TWINS = 'counterfactual:\n  - { attribute: nationality, to: french, effect: both }\n';
const RULES: Record<string, { decision: string; extra?: string }> = {
  threshold: { decision: '{ rule: threshold, value: 0.12 }', extra: TWINS },
  top_k: { decision: '{ rule: top_k, k: 700 }', extra: TWINS },
  top_fraction: { decision: '{ rule: top_fraction, fraction: 0.05 }', extra: `${TWINS}bootstrap: { replicates: 100 }\n` },
  stratum_capacity: { decision: '{ rule: stratum_capacity, stratum: deprived_neighbourhood, capacities: { "no": 600, "yes": 250 } }' },
  second_stage: { decision: '{ rule: stratum_capacity, stratum: deprived_neighbourhood, capacities: { "no": 600, "yes": 250 }, second_stage: { pool: 2, uplift: [{ column: single_parent, factors: { "yes": 1.3 } }] } }' },
  top_fraction_second_stage: { decision: '{ rule: top_fraction, fraction: 0.04, second_stage: { pool: 1.5, uplift: [{ column: rsa, factors: { "yes": 1.2 } }] } }' },
};

/** Categorical inputs only: a few dozen distinct scores, so every ranked cut falls among tied rows and draws its lot. */
const coarse = join(dir, 'coarse-model.json');
writeFileSync(coarse, JSON.stringify({
  kind: 'logistic',
  name: 'coarse',
  intercept: -2.5,
  inputs: [
    { name: 'unemployed', type: 'categorical', levels: ['no', 'yes'], coefficients: { yes: 0.4 } },
    { name: 'rsa', type: 'categorical', levels: ['no', 'yes'], coefficients: { yes: 0.5 } },
    { name: 'deprived_neighbourhood', type: 'categorical', levels: ['no', 'yes'], coefficients: { yes: 0.3 } },
    { name: 'single_parent', type: 'categorical', levels: ['no', 'yes'], coefficients: { yes: 0.2 } },
    { name: 'income_band', type: 'categorical', levels: ['low', 'mid', 'high'], coefficients: { low: 0.6, high: -0.4 } },
  ],
}));

function battery(name: string): string {
  const { decision, extra } = RULES[name]!;
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `title: shards ${name}
seed: 20231204
population: { spec: ${resolve(root, 'datasets/populations/caf-households.yaml')}, size: 20000 }
model: ${coarse}
decision: ${decision}
label: fraud
protected: [nationality, disability]
reference: { nationality: french, disability: none }
checks:
  - { id: four-fifths, metric: selection_rate_ratio, attribute: all, bounds: [0.8, 1.25] }
${extra ?? ''}`);
  return file;
}

const cli = (args: string[], extraEnv: Record<string, string> = {}) => spawnCli(args, { cwd: dir, env: { ...env, ...extraEnv }, killAfterMs: 120_000 });

/** N shards at once (separate processes), then the merge of their parts. */
async function sharded(file: string, name: string, n: number): Promise<{ shards: CliOutcome[]; merge: CliOutcome; out: string }> {
  const parts = join(dir, `${name}-parts-${n}`);
  const shards = await Promise.all(Array.from({ length: n }, (_, i) => cli(['run', file, '--shard', `${i}/${n}`, '--out', parts, '--workers', '1'])));
  const out = join(dir, `${name}-merged-${n}`);
  const merge = await cli(['merge', ...readdirSync(parts).sort().map((f) => join(parts, f)), '--out', out, '--formats', 'json']);
  return { shards, merge, out };
}

describe.each(Object.keys(RULES))('%s: N shards merged = the single run', (name) => {
  let single: CliOutcome;
  let expected: string;
  const runs = new Map<number, Awaited<ReturnType<typeof sharded>>>();
  beforeAll(async () => {
    const file = battery(name);
    const [one, ...split] = await Promise.all([cli(['run', file, '--out', join(dir, `${name}-single`), '--workers', '1', '--formats', 'json']), ...[1, 3, 4].map((n) => sharded(file, name, n))]);
    single = one;
    expected = readFileSync(join(dir, `${name}-single`, 'results.json'), 'utf8');
    [1, 3, 4].forEach((n, i) => runs.set(n, split[i]!));
  }, 240_000);

  it.each([1, 3, 4])('N = %i: byte-identical results.json, same exit status', (n) => {
    const { shards, merge, out } = runs.get(n)!;
    expect(shards.map((s) => s.status)).toEqual(Array(n).fill(0));
    expect(merge.status).toBe(single.status);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(expected);
  });

  it('the single run decided something worth comparing', () => {
    const results = JSON.parse(expected) as { groups: { attribute: string; flagged: number }[]; counterfactual: unknown[]; warnings: { code: string }[]; manifest: { command: string } };
    const flagged = results.groups.filter((g) => g.attribute === 'nationality').reduce((s, g) => s + g.flagged, 0);
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(20000);
    expect(results.counterfactual.length > 0).toBe(RULES[name]!.extra?.includes('counterfactual') === true);
    // Every ranked cut falls among tied scores: the lot is drawn over rows of several shards.
    expect(results.warnings.some((w) => w.code === 'ties-at-cut')).toBe(name !== 'threshold');
    expect(results.manifest.command).toBe(`disparate run ${join(dir, `${name}.yaml`)}`);
  });
});

describe('a population file (tickets on row contents), stratum capacity with a second stage, in 3 shards', () => {
  let single: CliOutcome;
  let merged: { shards: CliOutcome[]; merge: CliOutcome; out: string };
  beforeAll(async () => {
    expect((await cli(['generate', resolve(root, 'datasets/populations/caf-households.yaml'), '--size', '6000', '--seed', '3', '--out', join(dir, 'population.csv')])).status).toBe(0);
    const file = join(dir, 'file.yaml');
    writeFileSync(file, `title: shards of a file
seed: 5
population: { file: population.csv }
model: ${resolve(root, 'models/zoo/caf-like/model.json')}
decision: { rule: stratum_capacity, stratum: deprived_neighbourhood, capacities: { "no": 200, "yes": 80 }, second_stage: { pool: 2, uplift: [{ column: single_parent, factors: { "yes": 1.3 } }] } }
label: fraud
protected: [nationality, disability]
`);
    [single, merged] = await Promise.all([cli(['run', file, '--out', join(dir, 'file-single'), '--workers', '1', '--formats', 'json']), sharded(file, 'file', 3)]);
  }, 120_000);

  it('merges to the single run, byte for byte', () => {
    expect(merged.shards.map((s) => s.status)).toEqual([0, 0, 0]);
    expect(merged.merge.status).toBe(single.status);
    expect(readFileSync(join(merged.out, 'results.json'), 'utf8')).toBe(readFileSync(join(dir, 'file-single', 'results.json'), 'utf8'));
  });
});

describe('a part does not depend on worker threads or chunk size', () => {
  it('shard 1/3 of top_k with twins: --workers 2 --chunk-size 3000 writes the same bytes as --workers 1', async () => {
    const file = battery('top_k');
    const [a, b] = await Promise.all([
      cli(['run', file, '--shard', '1/3', '--out', join(dir, 'threads-1'), '--workers', '1']),
      cli(['run', file, '--shard', '1/3', '--out', join(dir, 'threads-2'), '--workers', '2', '--chunk-size', '3000']),
    ]);
    expect([a.status, b.status]).toEqual([0, 0]);
    expect(b.stderr.trim()).toBe(`shard 1/3 (--shard): rows 6666–13332 of 20000 → ${join(dir, 'threads-2', 'shard-1-of-3.part')}`);
    expect(readFileSync(join(dir, 'threads-2', 'shard-1-of-3.part')).equals(readFileSync(join(dir, 'threads-1', 'shard-1-of-3.part')))).toBe(true);
  }, 120_000);
});

/**
 * A battery auditing recorded decisions with selective labels (the Sweden method): a random-audit
 * sample, model-selected cases investigated with a known probability, scores in steps of 0.02 so the
 * selection curves' cuts fall among tied rows and draw their lot from row contents. Split into
 * N shards of the file's rows and merged, it gives the single run's results.json byte for byte.
 */
describe('selective labels (a decisions file): N shards merged = the single run', () => {
  let single: CliOutcome;
  let expected: string;
  const runs = new Map<number, Awaited<ReturnType<typeof sharded>>>();
  beforeAll(async () => {
    // A deterministic linear congruential generator, so the file is the same at every test run.
    let state = 12345;
    const uniform = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
    const rows = ['nationality,disability,sample,flagged,error,score,pi'];
    for (let i = 0; i < 3000; i++) {
      const nationality = ['a', 'b', 'c'][Math.floor(uniform() * 3)]!;
      const disability = uniform() < 0.2 ? 'disabled' : 'none';
      const score = Math.round((uniform() * 0.7 + (nationality === 'c' ? 0.2 : 0) + (disability === 'disabled' ? 0.1 : 0)) * 50) / 50;
      const flagged = score >= 0.7 ? 1 : 0;
      const random = uniform() < 0.1;
      const error = random || flagged ? (uniform() < score * 0.5 ? 1 : 0) : '';
      rows.push([nationality, disability, random ? 'random' : flagged ? 'model' : 'none', flagged, error, score, flagged ? 0.8 : 1].join(','));
    }
    writeFileSync(join(dir, 'decisions.csv'), `${rows.join('\n')}\n`);
    const file = join(dir, 'selective.yaml');
    writeFileSync(file, `title: shards of selective labels
seed: 7
data:
  file: decisions.csv
  flag: flagged
  label: error
  score: score
  label_source: sample=random
  population_size: 50000
  selection_probability: pi
protected: [nationality, disability]
reference: { nationality: a, disability: none }
bootstrap: { replicates: 200 }
`);
    const [one, ...split] = await Promise.all([cli(['run', file, '--out', join(dir, 'selective-single'), '--formats', 'json']), ...[1, 3, 4].map((n) => sharded(file, 'selective', n))]);
    single = one;
    expected = readFileSync(join(dir, 'selective-single', 'results.json'), 'utf8');
    [1, 3, 4].forEach((n, i) => runs.set(n, split[i]!));
  }, 240_000);

  it.each([1, 3, 4])('N = %i: byte-identical results.json, same exit status', (n) => {
    const { shards, merge, out } = runs.get(n)!;
    expect(shards.map((s) => s.status)).toEqual(Array(n).fill(0));
    expect(merge.status).toBe(single.status);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(expected);
  });

  it('the single run estimated population figures from both samples, and drew selection curves', () => {
    const results = JSON.parse(expected) as { selective_labels?: { groups: unknown[] }; selection_curves?: unknown; warnings: { code: string }[]; manifest: { mode: string } };
    expect(results.manifest.mode).toBe('audit');
    expect(results.selective_labels?.groups.length).toBe(5);
    expect(results.selection_curves).toBeDefined();
    expect(results.warnings.map((w) => w.code)).toContain('selective-labels-overlap');
  });
});
