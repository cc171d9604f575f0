import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dictionary, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { writePopulation } from '../../datasets/io/index.js';
import { resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { toy } from '../synth/fixtures.js';

/**
 * Damaged files, one byte at a time: a small file is read once for every position and value changed,
 * by the built readers in a child process capped at 400 MB of heap. Every case must be read, or
 * refused with one line naming the file (or the option whose column it damaged); none may end in an internal error, an exhausted heap or a
 * hang (the child's time limit). Each defect this found (a list or a dictionary sized by one corrupt
 * count, offsets going backwards, a Parquet page of 2^31 values) took one changed byte.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-byte-flips-'));

interface Case {
  at: number;
  value: number;
  file: string;
  read?: true;
  error?: string;
  internal?: string;
}

function flips(kind: 'population' | 'decisions', file: string, positions: readonly number[], values: readonly number[]): Case[] {
  const r = spawnSync(process.execPath, ['--max-old-space-size=400', join(process.cwd(), 'test/hostile/byte-flips-child.mjs'), kind, file, dir, positions.join(','), values.join(',')], {
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 1 << 28,
  });
  expect(r.signal, `the child was stopped: a hang or a crash (${r.stderr.slice(-300)})`).toBeNull();
  expect(r.status, r.stderr.slice(-500)).toBe(0);
  return r.stdout.trim().split('\n').map((line) => JSON.parse(line) as Case);
}

function expectHandled(cases: readonly Case[]): void {
  for (const c of cases) {
    expect(c.internal, `byte ${c.at} set to ${c.value}`).toBeUndefined();
    if (c.error !== undefined) {
      // Named: the file, or the role option whose column a damaged name no longer matches ("--label: unknown column").
      expect(c.error.startsWith(`${c.file}: `) || /^--(protected|flag|label|score): unknown column /.test(c.error), c.error).toBe(true);
      expect(c.error).not.toMatch(/\n/);
    }
  }
  // Not a test that cannot fail: some changes are refused, and some (a byte inside a value) read.
  expect(cases.some((c) => c.error !== undefined)).toBe(true);
  expect(cases.some((c) => c.read)).toBe(true);
}

const all = (n: number) => Array.from({ length: n }, (_, i) => i);
const table = samplePopulation(resolvePopulation(toy), { seed: 5, n: 40 });

describe('one changed byte: read, or refused in one line naming the file', () => {
  it('a population file in Parquet, every byte', () => {
    const file = join(dir, 'population.parquet');
    writePopulation(table, file);
    const size = statSync(file).size;
    expectHandled(flips('population', file, all(size), [0x00, 0xff, 0x7f]));
  }, 300_000);

  it('a population file in Arrow IPC (dictionaries included), every byte', () => {
    const file = join(dir, 'population.arrows');
    writePopulation(table, file);
    const size = statSync(file).size;
    expectHandled(flips('population', file, all(size), [0xff]));
  }, 300_000);

  it('a decisions file in Arrow IPC with a dictionary-encoded group column: its schema, dictionary and first batch', () => {
    const n = 40;
    const data = { nat: Array.from({ length: n }, (_, i) => ['fr', 'nl', 'de'][i % 3]!), flag: Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0)), label: Int32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)), score: Float64Array.from({ length: n }, (_, i) => i / n) };
    const file = join(dir, 'decisions.arrows');
    writeFileSync(file, tableToIPC(tableFromArrays(data, { types: { nat: dictionary(utf8()) }, maxBatchRows: 16 }), { format: 'stream' })!);
    expectHandled([...flips('decisions', file, all(700), [0xff]), ...flips('decisions', file, all(300), [0x00])]);
  }, 300_000);
});
