import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKS, metricValue, packDir, shareOfFlagged } from '../../datasets/packs/index.js';
import { runBattery, reproducePack, resolveBattery } from '../../harness/pipeline/index.js';
import type { Results } from '../../harness/results/index.js';
import { fixedContext } from '../helpers.js';

/**
 * No figure of the real model is published, so the test asserts the mechanism: on the same
 * population (same spec, size and seed), nationality as a direct input multiplies the disparity the
 * proxies already produce. Measured at seed 20211025, 300,000 applicants, top 5 % flagged:
 *   selection-rate ratio vs dutch   direct: dual 7.21, non_dutch 27.02   proxies: dual 2.06, non_dutch 3.93
 *   FPR ratio vs dutch              direct: dual 7.35, non_dutch 28.51   proxies: dual 2.07, non_dutch 4.04
 *   non_dutch share of flagged      direct: 65.9 %                        proxies: 28.6 % (10.0 % of applicants)
 *   precision, all flagged          direct: 11.4 %                        proxies: 12.3 %
 */
describe('pack nl-childcare', () => {
  const pack = PACKS.find((p) => p.id === 'nl-childcare')!;
  const dir = packDir('nl-childcare');
  const opts = { workers: 1, context: fixedContext };
  const ratio = (r: Results, group: string, metric: string) => metricValue(r, 'nationality', group, metric)!;
  const precision = (r: Results) => {
    const gs = r.groups.filter((g) => g.attribute === 'nationality');
    return gs.reduce((s, g) => s + g.tp!, 0) / gs.reduce((s, g) => s + g.flagged, 0);
  };

  it('publishes no figure, and shows nationality as a direct input on top of the proxy disparity', async () => {
    const direct = await reproducePack(pack, dir, opts);
    const r = direct.reproduction!;
    expect(r.figures).toEqual([]);
    for (const c of [r.reproduced, r.inputs, r.informative]) expect(c).toEqual({ within: 0, total: 0 });
    const proxies = await runBattery(resolveBattery(join(dir, pack.runs.proxies!)), opts);

    // Same population in both runs: identical group sizes and ground truth.
    for (const g of direct.groups) {
      const twin = proxies.groups.find((p) => p.attribute === g.attribute && p.group === g.group)!;
      expect(twin.n).toBe(g.n);
      expect(twin.tp! + twin.fn!).toBe(g.tp! + g.fn!);
    }

    expect(ratio(direct, 'non_dutch', 'selection_rate_ratio')).toBeCloseTo(27.02, 1);
    expect(ratio(direct, 'dual', 'selection_rate_ratio')).toBeCloseTo(7.21, 1);
    expect(ratio(proxies, 'non_dutch', 'selection_rate_ratio')).toBeCloseTo(3.93, 1);
    expect(ratio(proxies, 'dual', 'selection_rate_ratio')).toBeCloseTo(2.06, 1);
    expect(ratio(direct, 'non_dutch', 'false_positive_rate_ratio')).toBeCloseTo(28.51, 1);
    expect(ratio(proxies, 'non_dutch', 'false_positive_rate_ratio')).toBeCloseTo(4.04, 1);
    expect(shareOfFlagged(direct, 'nationality', 'non_dutch')!).toBeCloseTo(0.659, 2);
    expect(shareOfFlagged(proxies, 'nationality', 'non_dutch')!).toBeCloseTo(0.286, 2);

    // The mechanism: the direct input multiplies the disparity, the proxies alone still leave one,
    // and the direct input buys no accuracy (nationality does not cause errors in this population).
    for (const group of ['dual', 'non_dutch']) {
      const d = ratio(direct, group, 'false_positive_rate_ratio');
      const p = ratio(proxies, group, 'false_positive_rate_ratio');
      expect(d).toBeGreaterThan(3 * p);
      expect(p).toBeGreaterThan(1.25);
    }
    expect(precision(direct)).toBeLessThan(precision(proxies));
  });
});
