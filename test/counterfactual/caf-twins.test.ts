import { describe, expect, it } from 'vitest';
import {
  accumulateCounterfactual,
  computeCounterfactualResults,
  createCounterfactualAccumulator,
  fromCodes,
  mergeCounterfactual,
  type CounterfactualAccumulator,
} from '../../harness/counterfactual/index.js';
import { loadPopulationSpec, resolvePopulation, samplePopulation, sampleTwins, type TwinEffect } from '../../datasets/synth/index.js';
import { loadModel } from '../../models/adapters/index.js';

/**
 * The pipeline the battery runner follows for twins, chunk by chunk:
 *   samplePopulation ─► score ─► threshold        (original)
 *   sampleTwins(original) ─► score ─► threshold    (twin, same threshold)
 *   accumulateCounterfactual ─► merge ─► computeCounterfactualResults
 */
describe('counterfactual twins of caf-households through the caf-like model', () => {
  const resolved = resolvePopulation(loadPopulationSpec('datasets/populations/caf-households.yaml'));
  const model = loadModel('models/zoo/caf-like/model.json');
  const levels = ['french', 'eu', 'non_eu'];
  const threshold = 0.12;

  function run(effect: TwinEffect, chunk: number, n: number): CounterfactualAccumulator {
    const total = createCounterfactualAccumulator({ attribute: 'nationality', levels, to: 'french', effect });
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start);
      const original = samplePopulation(resolved, { seed: 12, n: m, start });
      const twin = sampleTwins(resolved, { seed: 12, n: m, start, attribute: 'nationality', value: 'french', effect, original });
      const originalScores = model.bind(original)(0, m);
      const twinScores = model.bind(twin)(0, m);
      const part = createCounterfactualAccumulator(total.design);
      accumulateCounterfactual(part, {
        n: m,
        from: fromCodes(original, 'nationality'),
        originalScores,
        twinScores,
        originalFlagged: Uint8Array.from(originalScores, (s) => (s >= threshold ? 1 : 0)),
        twinFlagged: Uint8Array.from(twinScores, (s) => (s >= threshold ? 1 : 0)),
      });
      mergeCounterfactual(total, part);
    }
    return total;
  }

  it('direct effect is nil (nationality is not a model input); the total effect shows the proxies', () => {
    const direct = computeCounterfactualResults([run('direct', 20_000, 40_000)], { alpha: 0.05 });
    const total = computeCounterfactualResults([run('total', 20_000, 40_000)], { alpha: 0.05 });
    const nonEuDirect = direct.find((r) => r.from === 'non_eu')!;
    const nonEuTotal = total.find((r) => r.from === 'non_eu')!;
    expect(nonEuDirect.flip_rate.value).toBe(0);
    expect(nonEuDirect.mean_score_shift.value).toBe(0);
    expect(nonEuDirect.zero_shift_share).toBe(1);
    // Made French, non-EU households lose the proxies (unemployment, low income, deprived area): fewer flags.
    expect(nonEuTotal.flips_down).toBeGreaterThan(nonEuTotal.flips_up);
    expect(nonEuTotal.selection_rate_difference.ci![1]).toBeLessThan(0);
    expect(nonEuTotal.mean_score_shift.value!).toBeLessThan(0);
    expect(nonEuTotal.mcnemar_p_value!).toBeLessThan(0.001);
  });

  it('results are byte-identical whatever the chunk size', () => {
    const a = computeCounterfactualResults([run('total', 65_536, 30_000)], { alpha: 0.05 });
    const b = computeCounterfactualResults([run('total', 7_001, 30_000)], { alpha: 0.05 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
