import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * README "Beyond one machine": its job commands, taken from the README itself, run locally as four
 * processes each (the engine's index variable set as the engine sets it), then its merge step; each
 * merged results.json must be the single run's, byte for byte.
 */
const root = process.cwd();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Beyond one machine'), readme.indexOf('### Planning the size of an audit'));
const cli = `${process.execPath} ${join(root, 'dist/harness/cli/main.js')}`;
const local = (command: string) => command.replaceAll('npx disparate', cli);
const sh = promisify(execFile);
const base = mkdtempSync(join(tmpdir(), 'disparate-shard-jobs-'));
const env = { ...process.env, SOURCE_DATE_EPOCH: '1767225600', TZ: 'UTC', LANG: 'C', LC_ALL: 'C', JOB_COMPLETION_INDEX: '', SLURM_ARRAY_TASK_ID: '', AWS_BATCH_JOB_ARRAY_INDEX: '' };

/** A folder holding the same battery.yaml (so every run records `disparate run battery.yaml`). */
function folder(name: string): string {
  const dir = join(base, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'battery.yaml'), `title: shard jobs
seed: 7
population: { spec: ${resolve(root, 'datasets/populations/caf-households.yaml')}, size: 20000 }
model: ${resolve(root, 'models/zoo/caf-like/model.json')}
decision: { rule: top_fraction, fraction: 0.05 }
label: fraud
protected: [nationality, disability]
reference: { nationality: french, disability: none }
counterfactual:
  - { attribute: nationality, to: french, effect: total }
`);
  return dir;
}

const run = (dir: string, command: string, extra: Record<string, string> = {}) => sh('sh', ['-c', command], { cwd: dir, env: { ...env, ...extra }, timeout: 180_000 });

function line(pattern: RegExp): string {
  const found = section.split('\n').map((l) => l.trim()).find((l) => pattern.test(l));
  if (!found) throw new Error(`README "Beyond one machine" has no line matching ${pattern}`);
  return found.trim();
}

/** The Indexed Job's container command, from the manifest's `command: [...]` list. */
function manifestCommand(): string {
  return line(/^command: \[npx, disparate, run/).replace(/^command: \[/, '').replace(/\]$/, '').split(', ').join(' ');
}

let expected: string;
beforeAll(async () => {
  const dir = folder('single');
  // only its results.json is compared: --formats json (left out of the recorded command) skips the charts
  await run(dir, `${cli} run battery.yaml --out single --workers 1 --formats json`).catch((e: { code?: number }) => expect(e.code).toBe(1));
  expected = readFileSync(join(dir, 'single', 'results.json'), 'utf8');
}, 120_000);

describe('README job commands, run locally as 4 processes', () => {
  it('xargs line, then its merge', async () => {
    const dir = folder('xargs');
    await run(dir, local(line(/^seq 0 3 \| xargs/))).catch((e: { code?: number }) => expect(e.code).toBe(1));
    expect(readFileSync(join(dir, 'report', 'results.json'), 'utf8')).toBe(expected);
  }, 180_000);

  it.each([
    ['Kubernetes Indexed Job', 'JOB_COMPLETION_INDEX'],
    ['AWS Batch array job', 'AWS_BATCH_JOB_ARRAY_INDEX'],
  ])('%s (%s), then the merge', async (_, variable) => {
    const dir = folder(variable);
    const shard = local(manifestCommand()).replace('/parts', 'parts');
    await Promise.all([0, 1, 2, 3].map((i) => run(dir, `${shard} --workers 1`, { [variable]: String(i) })));
    const merge = local(line(/"command":\["sh","-c","npx disparate merge/).match(/"sh","-c","([^"]+)"/)![1]!).replaceAll('/parts', 'parts');
    await run(dir, merge).catch((e: { code?: number }) => expect(e.code).toBe(1));
    expect(readFileSync(join(dir, 'parts', 'report', 'results.json'), 'utf8')).toBe(expected);
  }, 180_000);

  it('Slurm array script (SLURM_ARRAY_TASK_ID 0..3), then the dependent merge', async () => {
    const dir = folder('slurm');
    const task = local(line(/--shard auto\/4 --out parts --workers "\$SLURM_CPUS_PER_TASK"/));
    expect(line(/^#SBATCH --array=/)).toMatch(/^#SBATCH --array=0-3\b/);
    await Promise.all([0, 1, 2, 3].map((i) => run(dir, task, { SLURM_ARRAY_TASK_ID: String(i), SLURM_CPUS_PER_TASK: '1' })));
    const merge = local(line(/^sbatch --dependency/).match(/--wrap '([^']+)'/)![1]!);
    await run(dir, merge).catch((e: { code?: number }) => expect(e.code).toBe(1));
    expect(readFileSync(join(dir, 'report', 'results.json'), 'utf8')).toBe(expected);
  }, 180_000);
});
