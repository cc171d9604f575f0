import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKS, packDir } from '../../datasets/packs/index.js';
import { scoreArchetypes } from '../../datasets/packs/rotterdam/archetypes.js';
import { allSetTo } from '../../datasets/packs/rotterdam/pack.js';
import { duplicateByValues, loadPopulationSpec, samplePopulation } from '../../datasets/synth/index.js';
import { runBattery, reproducePack, resolveBattery } from '../../harness/pipeline/index.js';
import { loadModel } from '../../models/adapters/index.js';
import { fixedContext } from '../helpers.js';

const dir = packDir('rotterdam');

describe('pack rotterdam', () => {
  const pack = PACKS.find((p) => p.id === 'rotterdam')!;

  it('reproduces no published figure: reads back the surrogate and the calibrated shares it was built from, and compares the gender experiment', async () => {
    const results = await reproducePack(pack, dir, { workers: 1, context: fixedContext });
    const r = results.reproduction!;
    const byId = Object.fromEntries(r.figures.map((f) => [f.id, f]));
    // Inputs (build checks): the surrogate's coefficients read back as direct-twin shifts (exact), the population's means.
    expect(r.reproduced).toEqual({ within: 0, total: 0 });
    expect(r.inputs).toEqual({ within: 8, total: 8 });
    expect(r.informative).toEqual({ within: 0, total: 9 });
    expect(r.figures.filter((f) => f.class === 'input').map((f) => f.id)).toEqual(
      ['twin_shift_woman', 'twin_shift_children', 'twin_shift_cost_sharer', 'twin_shift_age_per_year', 'twin_shift_language', 'share_women', 'share_children', 'share_cost_sharers'],
    );
    for (const id of ['twin_shift_woman', 'twin_shift_children', 'twin_shift_cost_sharer', 'twin_shift_age_per_year', 'twin_shift_language']) {
      expect(byId[id]!.exact).toBe(true);
      expect(Math.abs(byId[id]!.reproduced! - byId[id]!.published)).toBeLessThan(1e-7);
    }
    expect(byId.share_women!.reproduced).toBeCloseTo(0.4196, 3);
    // Informative: the published gender experiment on the real gbm, against the surrogate (README.md).
    const informative = r.figures.filter((f) => f.class === 'informative');
    expect(informative).toHaveLength(9);
    const measured: Record<string, number> = {
      all_man_mean_score: 0.4748,
      all_woman_mean_score: 0.509,
      gender_gap_mean_score: 0.0342,
      all_man_share_top_decile: 0.015,
      all_woman_share_top_decile: 0.0325,
      share_above_top_decile: 0.0222,
      woman_man_ratio_top_decile: 2.166,
      all_man_share_top_10pct: 0.0764,
      all_woman_share_top_10pct: 0.1328,
    };
    for (const [id, value] of Object.entries(measured)) expect(byId[id]!.reproduced).toBeCloseTo(value, 3);
    // The surrogate does not match the real model on the gender experiment: that is the point of the comparison.
    for (const id of ['all_man_mean_score', 'all_woman_mean_score', 'gender_gap_mean_score', 'all_man_share_top_decile', 'all_woman_share_top_decile']) expect(byId[id]!.within).toBe(false);
    for (const f of r.figures) expect(f.source).toMatch(/Lighthouse Reports and WIRED/);
  }, 60_000);

  it('direct twins give exactly Lighthouse\'s counterfactual duplication (every row copied once per value)', async () => {
    const n = 3000;
    const resolved = resolveBattery(join(dir, 'battery.yaml'));
    const results = await runBattery(resolved, { workers: 1, size: n, context: fixedContext });
    // Duplication by hand: sample the same rows, copy them once per gender, score every copy.
    const table = samplePopulation(loadPopulationSpec(join(dir, '..', '..', 'populations', 'rotterdam-recipients.yaml')), { seed: resolved.battery.seed, n, size: n });
    const dup = duplicateByValues(table, 'gender', ['man', 'woman']);
    const scores = loadModel(join(dir, 'model.json')).bind(dup.table)(0, dup.table.n);
    for (const [v, to] of ['man', 'woman'].entries()) {
      let sum = 0;
      let above = 0;
      for (let i = v * n; i < (v + 1) * n; i++) {
        sum += scores[i]!;
        if (scores[i]! >= 0.6970136) above++;
      }
      const twins = allSetTo(results, 'gender', to)!;
      expect(twins.n).toBe(n);
      expect(twins.meanScore).toBeCloseTo(sum / n, 6);
      expect(twins.shareFlagged).toBe(above / n);
    }
  }, 60_000);

  it('scores the named archetypes as man and as woman', () => {
    const a = scoreArchetypes(dir);
    expect(a.map((x) => x.name)).toHaveLength(4);
    for (const x of a) expect(x.woman - x.man).toBeCloseTo(0.0342201, 6);
    expect(a[0]!.man).toBeCloseTo(0.5329, 4);
    expect(a[1]!.man).toBeCloseTo(0.6168, 4);
    expect(a[2]!.man).toBeCloseTo(0.6136, 4);
    expect(a[3]!.man).toBeCloseTo(0.415, 4);
  });
});
