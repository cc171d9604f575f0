import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBattery, runBattery } from '../../harness/battery/index.js';
import { fixedContext } from '../helpers.js';

/** Which decision rules twins can be decided by: one score cut-off from the original population. */
const dir = mkdtempSync(join(tmpdir(), 'disparate-twin-rules-'));
const battery = (decision: string) => {
  const file = join(dir, `b${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `title: t
seed: 4
population: { spec: ${resolve('datasets/populations/caf-households.yaml')}, size: 20000 }
model: ${resolve('models/zoo/caf-like/model.json')}
decision: ${decision}
protected: [nationality]
reference: { nationality: french }
proxies: false
counterfactual: [{ attribute: nationality, to: french, effect: total }]
`);
  return file;
};
const flips = (r: Awaited<ReturnType<typeof runBattery>>) => r.counterfactual.map((c) => `${c.from}→${c.to}: ${c.n} ${c.flagged_original} ${c.flagged_twin} ${c.flips_up} ${c.flips_down}`);

describe('twins and the decision rule', () => {
  it('top_k decides twins exactly as the equivalent top_fraction (k = fraction × n)', async () => {
    const byK = await runBattery(resolveBattery(battery('{ rule: top_k, k: 1000 }')), { workers: 1, context: fixedContext });
    const byFraction = await runBattery(resolveBattery(battery('{ rule: top_fraction, fraction: 0.05 }')), { workers: 1, context: fixedContext });
    expect(flips(byK)).toEqual(flips(byFraction));
    const nonEu = byK.counterfactual.find((c) => c.from === 'non_eu')!;
    expect(nonEu.flagged_original).toBeGreaterThan(0);
    expect(nonEu.flips_down).toBeGreaterThan(0); // the proxies move: non-EU households made French are flagged less
  });

  it('refuses per-stratum capacities and second stages before scoring, naming the field', () => {
    expect(() => resolveBattery(battery('{ rule: stratum_capacity, stratum: region, capacities: { north: 10 } }'))).toThrow(/decision\.rule: counterfactual twins need one cut-off/);
    expect(() => resolveBattery(battery('{ rule: top_k, k: 100, second_stage: { uplift: [{ column: region, factors: { north: 2 } }] } }'))).toThrow(
      /decision\.second_stage: counterfactual twins are decided by score alone/,
    );
  });
});
