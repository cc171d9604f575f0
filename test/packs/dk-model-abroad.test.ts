import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKS, metricValue, packDir } from '../../datasets/packs/index.js';
import { runBattery, reproducePack, resolveBattery } from '../../harness/pipeline/index.js';
import type { Results } from '../../harness/results/index.js';
import { fixedContext } from '../helpers.js';

/**
 * Measured at seed 20241112, 400,000 recipients, top 3 % of scores opened as cases:
 *   precision (all opened cases)        10.3 %  (published: about 10 %)
 *   citizenship   FPR      FDR      FP per group member
 *   danish        1.02 %   82.8 %   1.02 %
 *   eu_eea       15.2 %    92.5 %  14.9 %
 *   non_eu       28.3 %    94.6 %  27.7 %
 * The same model without citizenship (contrast run): precision 10.8 %; FPR ratio non_eu / danish
 * 7.90 instead of 27.59, still far from parity through foreign affiliation.
 */
describe('pack dk-model-abroad', () => {
  const pack = PACKS.find((p) => p.id === 'dk-model-abroad')!;

  it('reads back the published precision it was calibrated to (no reproduction) and measures the false-positive burden per group', async () => {
    const results = await reproducePack(pack, packDir('dk-model-abroad'), { workers: 1, context: fixedContext });
    const r = results.reproduction!;
    expect(r.reproduced).toEqual({ within: 0, total: 0 });
    expect(r.inputs).toEqual({ within: 1, total: 1 });
    expect(r.informative).toEqual({ within: 0, total: 0 });
    const precision = r.figures[0]!;
    expect(precision.id).toBe('precision_cases_opened');
    expect(precision.class).toBe('input');
    expect(precision.published).toBe(0.1);
    expect(precision.reproduced).toBeCloseTo(0.1028, 3);
    expect(precision.source).toMatch(/Amnesty International, Coded Injustice/);

    const m = (group: string, metric: string) => metricValue(results, 'citizenship', group, metric)!;
    expect(m('danish', 'false_positive_rate')).toBeCloseTo(0.0102, 3);
    expect(m('eu_eea', 'false_positive_rate')).toBeCloseTo(0.1523, 3);
    expect(m('non_eu', 'false_positive_rate')).toBeCloseTo(0.2826, 3);
    expect(m('danish', 'false_discovery_rate')).toBeCloseTo(0.828, 2);
    expect(m('non_eu', 'false_discovery_rate')).toBeCloseTo(0.946, 2);
    expect(m('non_eu', 'false_positives_per_group_size')).toBeCloseTo(0.2767, 3);
    // The burden: a non-EU citizen is wrongly investigated more than 20 times as often as a Danish one.
    expect(m('non_eu', 'false_positive_rate_ratio')).toBeGreaterThan(20);
    expect(m('non_eu', 'false_positives_per_group_size_ratio')).toBeGreaterThan(20);
  });

  it('measures what the citizenship input adds, against the same model without it', async () => {
    const dir = packDir('dk-model-abroad');
    const opts = { workers: 1, context: fixedContext };
    const withIt = await runBattery(resolveBattery(join(dir, pack.runs.main!)), opts);
    const without = await runBattery(resolveBattery(join(dir, pack.runs.no_citizenship!)), opts);
    const fprRatio = (r: Results, group: string) => metricValue(r, 'citizenship', group, 'false_positive_rate_ratio')!;
    expect(fprRatio(withIt, 'non_eu')).toBeCloseTo(27.6, 1);
    expect(fprRatio(without, 'non_eu')).toBeCloseTo(7.9, 1);
    for (const group of ['eu_eea', 'non_eu']) {
      expect(fprRatio(withIt, group)).toBeGreaterThan(1.8 * fprRatio(without, group));
      expect(fprRatio(without, group)).toBeGreaterThan(1.25);
    }
  });
});
