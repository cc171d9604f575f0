import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBattery, runPopulation } from '../../harness/pipeline/index.js';
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
const flips = (r: Awaited<ReturnType<typeof runPopulation>>) => r.counterfactual.map((c) => `${c.from}→${c.to}: ${c.n} ${c.flagged_original} ${c.flagged_twin} ${c.flips_up} ${c.flips_down}`);

describe('twins and the decision rule', () => {
  it('top_k decides twins exactly as the equivalent top_fraction (k = fraction × n)', async () => {
    const byK = await runPopulation(resolveBattery(battery('{ rule: top_k, k: 1000 }')), { workers: 1, context: fixedContext });
    const byFraction = await runPopulation(resolveBattery(battery('{ rule: top_fraction, fraction: 0.05 }')), { workers: 1, context: fixedContext });
    expect(flips(byK)).toEqual(flips(byFraction));
    const nonEu = byK.counterfactual.find((c) => c.from === 'non_eu')!;
    expect(nonEu.flagged_original).toBeGreaterThan(0);
    expect(nonEu.flips_down).toBeGreaterThan(0); // the proxies move: non-EU households made French are flagged less
  });

  it('with rows tied at the cut, flags the originals exactly as the main analysis (same cut, same lot), on 1 or 2 workers', async () => {
    // DUO's scorecard gives discrete scores: at 20,000 rows, 123 tie at 104.5 for the last 112 of 250 places.
    const file = join(dir, 'duo-ties.yaml');
    writeFileSync(file, `title: t
seed: 5
population: { spec: ${resolve('datasets/packs/duo-2014/population.yaml')}, size: 20000 }
model: ${resolve('models/zoo/duo/model.json')}
decision: { rule: top_k, k: 250 }
protected: [origin_group]
reference: { origin_group: nl }
proxies: false
sweep: false
counterfactual: [{ attribute: origin_group, to: nl, effect: direct }, { attribute: origin_group, to: non_europe, effect: direct }]
`);
    const one = await runPopulation(resolveBattery(file), { workers: 1, context: fixedContext });
    const two = await runPopulation(resolveBattery(file), { workers: 2, chunkSize: 3_000, context: fixedContext });
    expect(JSON.stringify(two.counterfactual)).toBe(JSON.stringify(one.counterfactual));
    const flagged = new Map(one.groups.map((g) => [g.group, g.flagged]));
    expect([...flagged.values()].reduce((a, b) => a + b, 0)).toBe(250);
    expect(one.counterfactual).toHaveLength(4);
    for (const c of one.counterfactual) {
      expect(c.flagged_original, `${c.from}→${c.to}`).toBe(flagged.get(c.from));
      // The model does not read origin, so a direct twin is its original: flagged exactly when it is.
      expect([c.flagged_twin, c.flips_up, c.flips_down], `${c.from}→${c.to}`).toEqual([c.flagged_original, 0, 0]);
    }
    expect(one.warnings.filter((w) => w.code === 'ties-at-cut').map((w) => w.message)).toEqual([
      "top_k: 123 rows tie at score 104.5 for the last 112 of 250 places (138 scored higher); a seeded lot on row identity flagged 112 of them and left 11 unflagged (each tied row's chance 112/123; which rows, and so the groups' counts, follow the run's seed, not the order of the rows)",
    ]);
  });

  it('refuses per-stratum capacities and second stages before scoring, naming the field', () => {
    expect(() => resolveBattery(battery('{ rule: stratum_capacity, stratum: region, capacities: { north: 10 } }'))).toThrow(/decision\.rule: counterfactual twins need one cut-off/);
    expect(() => resolveBattery(battery('{ rule: top_k, k: 100, second_stage: { uplift: [{ column: region, factors: { north: 2 } }] } }'))).toThrow(
      /decision\.second_stage: counterfactual twins are decided by score alone/,
    );
  });
});
