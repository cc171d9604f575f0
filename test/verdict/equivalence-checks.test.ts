import { describe, expect, it } from 'vitest';
import { Check } from '../../harness/config/index.js';
import type { GroupResult } from '../../harness/results/index.js';
import { ratioEquivalencePValue } from '../../harness/stats/index.js';
import { evaluateChecks } from '../../harness/verdict/index.js';

function group(name: string, x: number, n: number, isRef = false): GroupResult {
  const ref = { x: 500, n: 5000 };
  const value = x / n / (ref.x / ref.n);
  return {
    attribute: 'nationality', group: name, is_reference: isRef, n, flagged: x,
    tp: null, fp: null, tn: null, fn: null, labelled: 0, small_cell: false, mean_score: null,
    metrics: {
      selection_rate: { value: x / n, ci: null, level: 0.95, method: 'wilson', reference: null, numerator: x, denominator: n },
      selection_rate_ratio: { value, ci: [value * 0.9, value * 1.1], level: 0.95, method: 'katz-log', reference: 'fr' },
    },
  };
}

describe('checks: disparity and equivalence tests, with the correction the battery chooses', () => {
  const groups = [group('fr', 500, 5000, true), group('eu', 480, 5000), group('small', 4, 30)];

  it('an equivalence check passes only when TOST shows equivalence after the correction', () => {
    const check = Check.parse({ id: 'eq', metric: 'selection_rate_ratio', test: 'equivalence' });
    const { checks } = evaluateChecks([check], groups, 'holm', 0.05);
    const eu = checks.find((c) => c.group === 'eu')!;
    expect(eu.test).toBe('equivalence');
    expect(eu.p_method).toBe('tost-log-ratio');
    expect(eu.p_value).toBeCloseTo(ratioEquivalencePValue(480, 5000, 500, 5000, 0.8, 1.25)!, 12);
    expect(eu.verdict).toBe('pass');
    // 4/30 vs 500/5000: far too few rows to show equivalence
    expect(checks.find((c) => c.group === 'small')!.verdict).toBe('inconclusive');
  });

  it('a disparity check names its test: Fisher exact for a small table, Wald log ratio otherwise', () => {
    const check = Check.parse({ id: 'ff', metric: 'selection_rate_ratio' });
    const { checks } = evaluateChecks([check], groups, 'benjamini-hochberg', 0.05);
    expect(checks.find((c) => c.group === 'eu')!.p_method).toBe('wald-log-ratio');
    expect(checks.find((c) => c.group === 'small')!.p_method).toBe('fisher-exact');
    expect(checks.every((c) => c.correction === 'benjamini-hochberg')).toBe(true);
  });
});
