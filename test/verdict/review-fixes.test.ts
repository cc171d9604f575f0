import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../harness/results/index.js';
import { judgeFamily, rescaledInterval, type CheckCandidate } from '../../harness/verdict/index.js';

/** A ratio row whose interval is log-Wald around `value` with standard error `se` on the log scale. */
function wald(value: number, se: number, group: string): CheckCandidate {
  const row: CheckResult = {
    id: 'ff', metric: 'selection_rate_ratio', attribute: 'a', group, reference: 'ref', value, ci: null, level: 0.95, method: 'katz-log',
    bounds: [0.8, 1.25], bounds_origin: 'battery', source: null, verdict: 'inconclusive', p_value: null, adjusted_p_value: null, correction: 'none', small_cell: false,
  };
  return { row, parity: 1, intervalAt: (z) => ({ lo: value * Math.exp(-z * se), hi: value * Math.exp(z * se) }) };
}

describe('directions under Benjamini–Hochberg', () => {
  it('an inconclusive row states no direction, even when its interval at 1 − Rα/m excludes parity', () => {
    // Three clear fails and one row at 1.15 (se 0.062 on the log scale): R = 3, intervals at 96.25 %.
    const { checks, summary } = judgeFamily([wald(3, 0.05, 'g1'), wald(3, 0.05, 'g2'), wald(3, 0.05, 'g3'), wald(1.15, 0.062, 'g4')], 'benjamini-hochberg', 0.05);
    expect(summary.rule!.level).toBeCloseTo(1 - (3 * 0.05) / 4, 12);
    const g4 = checks.find((c) => c.group === 'g4')!;
    expect(g4.ci![0]).toBeGreaterThan(1);
    expect(g4.verdict).toBe('inconclusive');
    expect(g4.direction).toBeNull();
    expect(checks.filter((c) => c.verdict === 'fail').every((c) => c.direction === 'higher')).toBe(true);
  });
});

describe('intervals rescaled from a results file', () => {
  it('an unbounded ratio keeps its lower limit at the recorded level and looser ones, not at stricter ones', () => {
    const at = rescaledInterval(null, 0.95, 'ratio', 134.5);
    expect(at(1.95)).toEqual({ lo: 134.5, hi: Infinity });
    expect(at(1)).toEqual({ lo: 134.5, hi: Infinity });
    expect(at(3.3)).toBeNull();
  });

  it('a rate stays in [0, 1] and a ratio with a lower limit of 0 stays at or above 0', () => {
    const rate = rescaledInterval([0.001, 0.03], 0.95, 'rate')(3.3)!;
    expect(rate.lo).toBe(0);
    expect(rate.hi).toBeLessThanOrEqual(1);
    const ratio = rescaledInterval([0, 0.43], 0.95, 'ratio')(3.3)!;
    expect(ratio.lo).toBe(0);
  });
});
