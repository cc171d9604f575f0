import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardRange } from '../../harness/merge/index.js';
import { codeBytes, codesInCombinations, narrowCodes, widenCodes } from '../../harness/merge/shard-part.js';
import { runCli } from './run-cli.js';
import { spawnCli } from './spawn-cli.js';

const UNSET = { JOB_COMPLETION_INDEX: '', SLURM_ARRAY_TASK_ID: '', AWS_BATCH_JOB_ARRAY_INDEX: '' };

describe('parseShard', () => {
  it('reads I/N, counted from 0', () => {
    expect(parseShard('0/1', {})).toEqual({ index: 0, count: 1, source: '--shard' });
    expect(parseShard('3/4', {})).toEqual({ index: 3, count: 4, source: '--shard' });
  });
  it('takes auto/N from the first engine variable set', () => {
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 2, count: 4, source: 'JOB_COMPLETION_INDEX' });
    expect(parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '0' })).toEqual({ index: 0, count: 4, source: 'SLURM_ARRAY_TASK_ID' });
    expect(parseShard('auto/4', { AWS_BATCH_JOB_ARRAY_INDEX: '3' })).toEqual({ index: 3, count: 4, source: 'AWS_BATCH_JOB_ARRAY_INDEX' });
  });
  it.each([
    ['4/4', '--shard 4/4: I must be from 0 to 3 (shards are counted from 0), got 4'],
    ['1/0', '--shard 1/0: N must be a positive integer, got "0"'],
    ['-1/4', '--shard -1/4: I must be an integer from 0 to 3 or "auto", got "-1"'],
    ['2', '--shard 2: expected I/N (shard I of N, counted from 0) or auto/N'],
    ['auto/4', '--shard auto/4: none of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX is set; run it as a task of an array job, or give the index (--shard I/4)'],
  ])('refuses %s', (text, message) => {
    expect(() => parseShard(text, {})).toThrow(message);
  });
  it('names the variable when its index is bad', () => {
    expect(() => parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '4' })).toThrow('SLURM_ARRAY_TASK_ID=4: --shard auto/4 takes indices 0 to 3 (declare the array as --array=0-3)');
    expect(() => parseShard('auto/4', { JOB_COMPLETION_INDEX: 'x' })).toThrow('JOB_COMPLETION_INDEX=x: not a shard index (an integer from 0 to 3) for --shard auto/4');
  });
  it('cuts contiguous ranges covering every row once', () => {
    expect([0, 1, 2].map((i) => shardRange(10, i, 3))).toEqual([[0, 3], [3, 6], [6, 10]]);
  });
});

describe('run --shard and merge of parts: bad input exits 2 with one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-shard-input-'));
  const file = join(dir, 'b.yaml');
  const text = `title: shard input
seed: 1
population: { spec: ${resolve('datasets/populations/caf-households.yaml')}, size: 3000 }
model: ${resolve('models/zoo/caf-like/model.json')}
decision: { rule: top_k, k: 100 }
protected: [nationality]
reference: { nationality: french }
proxies: false
`;
  beforeAll(async () => {
    writeFileSync(file, text);
    expect((await Promise.all([0, 1].map((i) => spawnCli(['run', file, '--shard', `${i}/2`, '--out', join(dir, 'parts'), '--workers', '1'], { cwd: dir })))).map((r) => r.status)).toEqual([0, 0]);
  });

  it('a bad --shard', () => {
    const r = runCli(['run', file, '--shard', '2/2'], { cwd: dir });
    expect([r.status, r.stderr.trim()]).toEqual([2, 'disparate: --shard 2/2: I must be from 0 to 1 (shards are counted from 0), got 2']);
  });
  it('more shards than rows', () => {
    const r = runCli(['run', file, '--shard', '0/4000'], { cwd: dir });
    expect([r.status, r.stderr.trim()]).toEqual([2, 'disparate: --shard 0/4000: more shards than the 3000 rows of the population']);
  });
  it('auto/N with no engine variable', () => {
    const r = runCli(['run', file, '--shard', 'auto/2'], { cwd: dir, env: UNSET });
    expect([r.status, r.stderr.trim()]).toEqual([2, 'disparate: --shard auto/2: none of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX is set; run it as a task of an array job, or give the index (--shard I/2)']);
  });
  it('twins whose target only the whole population knows', () => {
    const twins = join(dir, 'twins.yaml');
    writeFileSync(twins, `${text.replace('reference: { nationality: french }\n', '')}counterfactual:\n  - { attribute: nationality, effect: direct }\n`);
    const r = runCli(['run', twins, '--shard', '0/2'], { cwd: dir });
    expect([r.status, r.stderr.trim()]).toEqual([2, `disparate: ${twins}: counterfactual.0.to: required with --shard (the default, the largest group of "nationality", is known only once every shard is scored); name it, or set reference.nationality`]);
  });
  it('a missing shard', () => {
    const part = join(dir, 'parts', 'shard-0-of-2.part');
    const r = runCli(['merge', part], { cwd: dir });
    expect([r.status, r.stderr.trim()]).toEqual([2, `disparate: merge: shard 1/2 of ${file} missing (given ${part})`]);
  });
  it('a part beside a results.json', () => {
    writeFileSync(join(dir, 'results.json'), '{}');
    const r = runCli(['merge', join(dir, 'parts', 'shard-0-of-2.part'), 'results.json'], { cwd: dir });
    expect([r.status, r.stderr.trim()]).toEqual([2, 'disparate: merge results.json: not a part file of disparate run --shard; part files merge only with the other parts of their run']);
  });
  it('a truncated part', () => {
    const bytes = readFileSync(join(dir, 'parts', 'shard-1-of-2.part'));
    writeFileSync(join(dir, 'cut.part'), bytes.subarray(0, bytes.length - 100));
    const r = runCli(['merge', join(dir, 'parts', 'shard-0-of-2.part'), 'cut.part'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^disparate: cut\.part: truncated: \d+ bytes, the header announces \d+ \(rows 1500–2999\)$/);
  });
  it('a part of an earlier layout', () => {
    const bytes = readFileSync(join(dir, 'parts', 'shard-1-of-2.part'));
    const old = Buffer.from(bytes.toString('latin1').replace('"version":3', '"version":2'), 'latin1');
    writeFileSync(join(dir, 'old.part'), old);
    const r = runCli(['merge', join(dir, 'parts', 'shard-0-of-2.part'), 'old.part'], { cwd: dir });
    expect([r.status, r.stderr.trim()]).toEqual([2, 'disparate: old.part: version: 2 is not a part version this disparate reads (3); run the shards again with this version']);
  });
  it('a shard of a decisions file beside a shard of a synthetic run', () => {
    writeFileSync(join(dir, 'decisions.csv'), 'g,flag\na,1\nb,0\na,0\n');
    const audit = join(dir, 'audit.yaml');
    writeFileSync(audit, 'title: audit\ndata: { file: decisions.csv, flag: flag }\nprotected: [g]\n');
    expect(runCli(['run', audit, '--shard', '1/2', '--out', join(dir, 'audit-parts')], { cwd: dir }).status).toBe(0);
    const r = runCli(['merge', join(dir, 'parts', 'shard-0-of-2.part'), join(dir, 'audit-parts', 'shard-1-of-2.part')], { cwd: dir });
    expect([r.status, r.stderr.trim()]).toEqual([2, `disparate: ${join(dir, 'audit-parts', 'shard-1-of-2.part')}: a shard of an audit of a decisions file; ${join(dir, 'parts', 'shard-0-of-2.part')} is a shard of a synthetic run: the parts are not shards of one run`]);
  });
  it('a battery changed since the shards ran', () => {
    appendFileSync(file, '# edited\n');
    const r = runCli(['merge', join(dir, 'parts', 'shard-0-of-2.part'), join(dir, 'parts', 'shard-1-of-2.part')], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^disparate: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: changed since the shards ran \\(sha256 sha256:[0-9a-f]{64}, the parts say sha256:[0-9a-f]{64}\\)$`));
  });
});

/**
 * Shards of a battery auditing a decisions file: each part holds the cells of its rows, binned on the
 * whole file's scores; the merge adds them and audits them without the file. Only results.json is
 * compared, so the single run and the merge write it alone (--formats json, left out of the recorded
 * command); the single run and the shards run at the same time.
 */
describe('run --shard of a decisions file: parts of cells, merged = the single run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-shard-cells-'));
  const lines = ['g,h,flag,score,keep'];
  // Group "z" only in the last rows, so the first shards never see it; scores spread so that each
  // shard's own range would bin differently from the file's.
  for (let i = 0; i < 60; i++) lines.push([i >= 55 ? 'z' : i % 3 === 0 ? 'a' : 'b', i % 2 ? 'x' : 'y', i % 4 === 0 ? 1 : 0, (i * 7) % 100 + (i < 10 ? 400 : 0), i % 5 === 4 ? 0 : 1].join(','));
  const longLines = ['attribute,group,flag'];
  for (let i = 0; i < 40; i++) longLines.push([i % 2 ? 'g' : 'h', i >= 36 ? 'late' : i % 3 ? 'p' : 'q', i % 3 === 0 ? 1 : 0].join(','));
  // A fixed clock (SOURCE_DATE_EPOCH), so that the single run and the merge record the same times.
  const CLOCK = { SOURCE_DATE_EPOCH: '1767225600' };
  const wide = join(dir, 'wide.yaml');
  const long = join(dir, 'long.yaml');
  beforeAll(() => {
    writeFileSync(join(dir, 'decisions.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'long.csv'), `${longLines.join('\n')}\n`);
    writeFileSync(wide, 'title: wide\ndata: { file: decisions.csv, flag: flag, score: score, where: keep = 1 }\nprotected: [g, h]\nreference: { g: a, h: x }\n');
    writeFileSync(long, 'title: long\ndata: { file: long.csv, flag: flag, long: { attribute: attribute, group: group } }\nprotected: [g, h]\nreference: { g: p, h: p }\n');
  });

  it.each([
    ['wide format, --where, scores', 'wide', 3],
    ['long format', 'long', 4],
  ])('%s: N parts merged give the single run\'s results.json', async (_, name, n) => {
    const battery = join(dir, `${name}.yaml`);
    const [single, ...shards] = await Promise.all([
      spawnCli(['run', battery, '--out', join(dir, `${name}-single`), '--formats', 'json'], { cwd: dir, env: CLOCK }),
      ...Array.from({ length: n }, (_, i) => spawnCli(['run', battery, '--shard', `${i}/${n}`, '--out', join(dir, `${name}-parts`)], { cwd: dir, env: CLOCK })),
    ]);
    expect(single.status).toBeLessThan(2);
    expect(shards.map((s) => s.status)).toEqual(Array(n).fill(0));
    const parts = shards.map((_, i) => join(dir, `${name}-parts`, `shard-${i}-of-${n}.part`));
    const first = readFileSync(parts[0]!);
    const header = JSON.parse(first.subarray(0, first.indexOf(10)).toString('utf8')) as { kind: string; size: number; shard: { start: number; end: number } };
    expect([header.kind, header.size, header.shard.start]).toEqual(['decisions', name === 'wide' ? 60 : 40, 0]);
    const merged = runCli(['merge', ...parts, '--out', join(dir, `${name}-merged`), '--formats', 'json'], { cwd: dir, env: CLOCK });
    expect(merged.status).toBe(single.status);
    const expected = readFileSync(join(dir, `${name}-single`, 'results.json'), 'utf8');
    expect(JSON.parse(expected).groups.map((g: { group: string }) => g.group)).toContain(name === 'wide' ? 'z' : 'late');
    expect(readFileSync(join(dir, `${name}-merged`, 'results.json'), 'utf8')).toBe(expected);
  });

  it('a decisions part of an earlier layout', async () => {
    expect((await Promise.all([0, 1].map((i) => spawnCli(['run', wide, '--shard', `${i}/2`, '--out', join(dir, 'two')], { cwd: dir, env: CLOCK })))).map((r) => r.status)).toEqual([0, 0]);
    const bytes = readFileSync(join(dir, 'two', 'shard-1-of-2.part'));
    writeFileSync(join(dir, 'old.part'), Buffer.from(bytes.toString('latin1').replace('"version":3', '"version":2'), 'latin1'));
    const r = runCli(['merge', join(dir, 'two', 'shard-0-of-2.part'), 'old.part'], { cwd: dir, env: CLOCK });
    expect([r.status, r.stderr.trim()]).toEqual([2, 'disparate: old.part: version: 2 is not a part version this disparate reads (3); run the shards again with this version']);
  });
  it('a truncated decisions part', () => {
    const bytes = readFileSync(join(dir, 'two', 'shard-1-of-2.part'));
    writeFileSync(join(dir, 'cut.part'), bytes.subarray(0, bytes.length - 10));
    const r = runCli(['merge', join(dir, 'two', 'shard-0-of-2.part'), 'cut.part'], { cwd: dir, env: CLOCK });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^disparate: cut\.part: truncated: \d+ bytes, the header announces \d+ \(rows 30–59\)$/);
  });
  it('a decisions part whose cells are damaged', () => {
    const bytes = readFileSync(join(dir, 'two', 'shard-1-of-2.part'));
    const eol = bytes.indexOf(10);
    const damaged = Buffer.from(bytes);
    damaged[eol + 1] = 0x21;
    writeFileSync(join(dir, 'damaged.part'), damaged);
    const r = runCli(['merge', join(dir, 'two', 'shard-0-of-2.part'), 'damaged.part'], { cwd: dir, env: CLOCK });
    expect([r.status, r.stderr.trim()]).toEqual([2, 'disparate: damaged.part: cells: not the cells a shard writes (one line of JSON with "columns" and "data"); the part is damaged']);
  });
  it('more shards than the file has rows', () => {
    const r = runCli(['run', long, '--shard', '0/41'], { cwd: dir, env: CLOCK });
    expect([r.status, r.stderr.trim()]).toEqual([2, `disparate: --shard 0/41: more shards than the 40 rows of ${join(dir, 'long.csv')}`]);
  });
});

describe('part codes in the narrowest width', () => {
  it('one byte up to 254 levels, two up to 65,534, else four', () => {
    expect([1, 18, 254, 255, 65534, 65535].map(codeBytes)).toEqual([1, 1, 1, 2, 2, 4]);
  });
  it('store code + 1 (a missing value, −1, as 0) and read back the same codes', () => {
    const codes = Int32Array.of(-1, 0, 7, 253);
    const stored = narrowCodes(codes, 1);
    expect([...stored]).toEqual([0, 1, 8, 254]);
    expect([...widenCodes(stored, new Int32Array(4))]).toEqual([-1, 0, 7, 253]);
    expect([...widenCodes(narrowCodes(Int32Array.of(-1, 40000), 2), new Int32Array(2))]).toEqual([-1, 40000]);
  });
  it('read an attribute\'s group off the combination index (first attribute slowest)', () => {
    const levels = [['a', 'b'], ['x', 'y', 'z']];
    const combinations = Int32Array.from({ length: 6 }, (_, i) => i);
    expect([...codesInCombinations(combinations, levels, 0, new Int32Array(6))]).toEqual([0, 0, 0, 1, 1, 1]);
    expect([...codesInCombinations(combinations, levels, 1, new Int32Array(6))]).toEqual([0, 1, 2, 0, 1, 2]);
  });
});
