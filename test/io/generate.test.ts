import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPopulation } from '../../datasets/io/index.js';
import { loadPopulationSpec, samplePopulation } from '../../datasets/synth/index.js';
import { cellValue } from '../../datasets/table/index.js';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-generate-'));
const SPEC = 'datasets/populations/caf-households.yaml';

describe('disparate generate', () => {
  it('writes the same CSV whatever the chunk size, equal to samplePopulation', () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const r1 = runCli(['generate', SPEC, '--size', '5000', '--seed', '3', '--out', a]);
    expect(r1.stderr).toBe('');
    expect(r1.status).toBe(0);
    expect(r1.stdout).toMatch(/wrote 5000 rows of caf-households \(seed 3\)/);
    expect(runCli(['generate', SPEC, '--size', '5000', '--seed', '3', '--out', b, '--chunk-size', '777']).status).toBe(0);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    const expected = samplePopulation(loadPopulationSpec(SPEC), { seed: 3, n: 5000 });
    const back = readPopulation(a);
    expect(back.n).toBe(5000);
    for (const name of ['nationality', 'income', 'fraud']) {
      for (const i of [0, 1234, 4999]) expect(cellValue(back.columns.get(name)!, i)).toBe(cellValue(expected.columns.get(name)!, i));
    }
  });

  it('writes Arrow in chunks; the DUO table reproduces exactly across chunks', () => {
    const out = join(dir, 'duo.arrow');
    const r = runCli(['generate', 'datasets/populations/duo-2014.yaml', '--size', '248860', '--seed', '1', '--out', out, '--chunk-size', '50000']);
    expect(r.status).toBe(0);
    const t = readPopulation(out);
    expect(t.n).toBe(248_860);
    const origin = t.columns.get('origin');
    if (origin?.kind !== 'categorical') throw new Error('origin');
    let dutch = 0;
    const nl = origin.levels.indexOf('nl');
    for (const c of origin.codes) if (c === nl) dutch++;
    expect(dutch).toBe(178_280); // Dutch origin: the CBS total
  });

  it('exits 2 with a one-line message on bad input', () => {
    const bad = runCli(['generate', SPEC, '--size', '-1', '--seed', '3', '--out', join(dir, 'x.csv')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('disparate: --size -1: must be an integer ≥ 0\n');
    const fmt = runCli(['generate', SPEC, '--size', '10', '--seed', '3', '--out', join(dir, 'x.xlsx')]);
    expect(fmt.status).toBe(2);
    expect(fmt.stderr).toMatch(/unknown output format "\.xlsx"/);
    const missing = runCli(['generate', 'nope.yaml', '--size', '10', '--seed', '3', '--out', join(dir, 'x.csv')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('disparate: nope.yaml: file not found\n');
  });
});
