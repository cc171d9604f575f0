import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBattery, runPopulation } from '../../harness/pipeline/index.js';
import { writePopulation } from '../../datasets/io/index.js';
import { loadPopulationSpec, samplePopulation } from '../../datasets/synth/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { fixedContext } from '../helpers.js';

/** A battery may score a real population file instead of a spec: same rows, same findings. */
const dir = mkdtempSync(join(tmpdir(), 'disparate-real-'));
const spec = resolve('datasets/populations/caf-households.yaml');
writePopulation(samplePopulation(loadPopulationSpec(spec), { seed: 9, n: 20_000 }), join(dir, 'households.parquet'));
const battery = (population: string, extra = 'proxies: false\n') => {
  const file = join(dir, `b${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `title: t
seed: 9
population: ${population}
model: ${resolve('models/zoo/caf-like/model.json')}
decision: { rule: top_fraction, fraction: 0.05 }
label: fraud
protected: [nationality, disability]
${extra}`);
  return file;
};
const counts = (r: Awaited<ReturnType<typeof runPopulation>>) =>
  r.groups.map((g) => `${g.attribute}=${g.group}: ${g.n} ${g.flagged} ${g.tp} ${g.fp}`).sort();

describe('population.file', () => {
  it('gives the same groups as the spec it was generated from, on 1 or 2 workers', async () => {
    const synthetic = await runPopulation(resolveBattery(battery(`{ spec: ${spec}, size: 20000 }`)), { workers: 1, context: fixedContext });
    const real = await runPopulation(resolveBattery(battery('{ file: households.parquet }')), { workers: 2, context: fixedContext });
    expect(counts(real)).toEqual(counts(synthetic));
    expect(real.manifest.population?.file).toMatch(/households\.parquet$/);
    expect(real.manifest.labels).toMatch(/provenance is not declared/);
    expect(real.manifest.unit).toBeUndefined(); // a file has no spec to name its rows; the battery may
    expect(synthetic.manifest.unit).toBe('households');
  });

  it('measures proxies on the file: the Cramér\'s V of each input agrees with the spec\'s own to 0.03', async () => {
    const synthetic = await runPopulation(resolveBattery(battery(`{ spec: ${spec}, size: 20000 }`, '')), { workers: 1, context: fixedContext });
    const real = await runPopulation(resolveBattery(battery('{ file: households.parquet }', '')), { workers: 1, context: fixedContext });
    const v = (r: typeof real) => new Map((r.proxies ?? []).filter((p) => p.statistic === 'cramers_v').map((p) => [`${p.attribute}/${p.input}`, p]));
    const [a, b] = [v(synthetic), v(real)];
    expect(b.size).toBeGreaterThan(3);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [key, p] of b) {
      const q = a.get(key)!;
      expect(p.value, key).not.toBeNull();
      // Same rows, so the same table up to the bins fixed from each run's own sample.
      expect(Math.abs(p.value! - q.value!), key).toBeLessThan(0.03);
    }
    const joint = real.proxies!.find((p) => p.input === 'all inputs')!;
    expect(joint.method).toMatch(/fitted on 4000 rows spread evenly over the file, AUC on 4000 other rows/);
    expect(synthetic.proxies!.find((p) => p.input === 'all inputs')!.method).toMatch(/fitted on rows 0–3999, AUC on rows 4000–7999/);
  });

  it('refuses a blank protected value and a label other than 0/1, naming file, column and row', async () => {
    const csv = join(dir, 'blank.csv');
    const table = samplePopulation(loadPopulationSpec(spec), { seed: 9, n: 50 });
    writePopulation(table, csv);
    const lines = readFileSync(csv, 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const cut = (line: number, column: string, value: string) => {
      const copy = [...lines];
      const cells = copy[line]!.split(',');
      cells[header.indexOf(column)] = value;
      copy[line] = cells.join(',');
      return copy.join('\n');
    };
    writeFileSync(csv, cut(7, 'disability', ''));
    let error = await runPopulation(resolveBattery(battery(`{ file: ${csv} }`)), { workers: 1, context: fixedContext }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DisparateError);
    expect((error as Error).message).toMatch(/blank\.csv: protected column "disability" is empty at row 7/);
    writeFileSync(csv, cut(3, 'fraud', '2'));
    error = await runPopulation(resolveBattery(battery(`{ file: ${csv} }`)), { workers: 1, context: fixedContext }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/blank\.csv: label column "fraud" must be 0, 1 or empty, found 2 at row 3/);
  });

  it('refuses twins, and a size larger than the file, naming the field', async () => {
    expect(() => resolveBattery(battery('{ file: households.parquet }', 'proxies: false\ncounterfactual: [{ attribute: nationality }]\n'))).toThrow(/counterfactual: twins need a population spec/);
    const error = await runPopulation(resolveBattery(battery('{ file: households.parquet, size: 50000 }')), { workers: 1, context: fixedContext }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DisparateError);
    expect((error as Error).message).toMatch(/population\.size: 50000 rows asked/);
  });
});
