import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBattery, runPopulation } from '../../harness/pipeline/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { fixedContext } from '../helpers.js';

/** A battery's `inputs` maps model inputs to population columns whose names differ. */
const dir = mkdtempSync(join(tmpdir(), 'disparate-inputs-'));
const model = JSON.parse(readFileSync('models/zoo/caf-like/model.json', 'utf8')) as { inputs: { name: string }[] };
for (const input of model.inputs) if (input.name === 'income') input.name = 'revenu';
writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
const battery = (extra: string, modelFile = 'model.json') => {
  const file = join(dir, `b${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `title: t
population: { spec: ${resolve('datasets/populations/caf-households.yaml')}, size: 3000 }
model: ${modelFile}
decision: { rule: top_fraction, fraction: 0.05 }
protected: [nationality]
proxies: false
${extra}`);
  return file;
};

describe('battery inputs map', () => {
  it('scores a model whose input is named differently from the population column', async () => {
    const mapped = await runPopulation(resolveBattery(battery('inputs: { revenu: income }\n')), { workers: 1, context: fixedContext });
    const original = await runPopulation(resolveBattery(battery('')), { workers: 1, context: fixedContext }).catch((e: unknown) => e);
    expect(original).toBeInstanceOf(DisparateError);
    expect((original as DisparateError).message).toMatch(/input "revenu" \(numeric\) missing from the population/);
    expect(mapped.groups.find((g) => g.group === 'non_eu')!.flagged).toBeGreaterThan(0);
    const same = await runPopulation(resolveBattery(battery('', resolve('models/zoo/caf-like/model.json'))), { workers: 1, context: fixedContext });
    expect(JSON.stringify(mapped.groups)).toBe(JSON.stringify(same.groups));
  });

  it('names the battery field when the mapped column does not exist', async () => {
    const error = await runPopulation(resolveBattery(battery('inputs: { revenu: salaire }\n')), { workers: 1, context: fixedContext }).catch((e: unknown) => e);
    expect((error as DisparateError).message).toMatch(/inputs\.revenu: column "salaire" not in the population/);
  });
});
