import { describe, expect, it } from 'vitest';
import { Check } from '../../harness/config/index.js';
import type { GroupResult } from '../../harness/results/index.js';
import { evaluateChecks, exitStatus, verdictFor } from '../../harness/verdict/index.js';

describe('verdictFor', () => {
  const bounds = [0.8, 1.25] as const;
  it.each([
    [[0.9, 1.1], 'pass'],
    [[0.8, 1.25], 'pass'],
    [[1.3, 2.0], 'fail'],
    [[0.5, 0.79], 'fail'],
    [[1.1, 1.4], 'inconclusive'],
    [[0.7, 0.9], 'inconclusive'],
    [[0.5, 2.0], 'inconclusive'],
  ] as const)('interval %j → %s', (ci, verdict) => {
    expect(verdictFor(ci, bounds)).toBe(verdict);
  });
  it('an undefined interval is inconclusive', () => {
    expect(verdictFor(null, bounds)).toBe('inconclusive');
  });
});

/** A group of 1,000 with 100 × ratio flagged, against a reference with 100 flagged: counts that agree with the ratio. */
function group(name: string, ratio: [number, [number, number]] | null, isRef = false, n = 1000): GroupResult {
  const flagged = Math.round((100 * (ratio?.[0] ?? 1) * n) / 1000);
  return {
    attribute: 'nationality', group: name, is_reference: isRef, n, flagged,
    tp: null, fp: null, tn: null, fn: null, labelled: 0, small_cell: false, mean_score: null,
    metrics: {
      selection_rate: { value: flagged / n, ci: [0.08, 0.12], level: 0.95, method: 'wilson', reference: null, numerator: flagged, denominator: n },
      selection_rate_ratio: ratio
        ? { value: ratio[0], ci: ratio[1], level: 0.95, method: 'katz-log', reference: 'french' }
        : { value: null, ci: null, level: 0.95, method: 'katz-log', reference: 'french' },
    },
  };
}

describe('evaluateChecks', () => {
  const groups = [group('french', [1, [1, 1]], true), group('eu', [1.02, [0.9, 1.15]]), group('non_eu', [2.1, [1.9, 2.3]]), group('other', [1.2, [1.0, 1.45]])];
  const check = Check.parse({ id: 'four-fifths', metric: 'selection_rate_ratio', attribute: 'nationality' });

  it('gives pass, fail and inconclusive per non-reference group with default bounds recorded as such', () => {
    const { checks, summary } = evaluateChecks([check], groups, 'holm');
    expect(checks.map((c) => [c.group, c.verdict])).toEqual([['eu', 'pass'], ['non_eu', 'fail'], ['other', 'inconclusive']]);
    expect(checks[0]!.bounds).toEqual([0.8, 1.25]);
    expect(checks[0]!.bounds_origin).toBe('default');
    expect(checks[0]!.source).toMatch(/four-fifths/);
    expect(checks[0]!.reference).toBe('french');
    expect(summary).toEqual({ verdict: 'fail', pass: 1, fail: 1, inconclusive: 1 });
  });

  it('a disparity that does not survive the correction is inconclusive, never a fail beside an adjusted p ≥ alpha', () => {
    // 20 flagged of 100 against 100 of 1,000: ratio 2, interval wholly above 1.25, p ≈ 0.002 alone.
    const small = group('small', [2, [1.3, 3.0]], false, 100);
    const alone = evaluateChecks([check], [groups[0]!, small], 'holm');
    expect(alone.checks[0]!.verdict).toBe('fail');
    expect(alone.checks[0]!.adjusted_p_value!).toBeLessThan(0.05);
    // Among 40 other tested comparisons (all null effects), Holm multiplies the smallest p by 41.
    const others = Array.from({ length: 40 }, (_, i) => group(`g${i}`, [1, [0.9, 1.1]]));
    const many = evaluateChecks([check], [groups[0]!, small, ...others], 'holm');
    const row = many.checks.find((c) => c.group === 'small')!;
    expect(row.p_value).toBe(alone.checks[0]!.p_value);
    expect(row.adjusted_p_value!).toBeGreaterThanOrEqual(0.05);
    expect(row.verdict).toBe('inconclusive');
    // Without a correction the same family keeps the fail.
    expect(evaluateChecks([check], [groups[0]!, small, ...others], 'none').checks.find((c) => c.group === 'small')!.verdict).toBe('fail');
  });

  it('a check that compares nothing (one group only) leaves the battery inconclusive, not passed', () => {
    const { checks, summary } = evaluateChecks([check], [groups[0]!], 'holm');
    expect(checks).toEqual([]);
    expect(summary).toEqual({ verdict: 'inconclusive', pass: 0, fail: 0, inconclusive: 0 });
  });

  it('a group flagged while its reference never is fails on the lower limit of its unbounded ratio', () => {
    const flaggedOnly = group('non_eu', null);
    flaggedOnly.metrics['selection_rate_ratio'] = { value: null, ci: null, lower_bound: 96.2, level: 0.95, method: 'koopman-score', reference: 'french' };
    flaggedOnly.metrics['selection_rate'] = { value: 0.5, ci: [0.43, 0.57], level: 0.95, method: 'wilson', reference: null, numerator: 100, denominator: 200 };
    const ref = group('french', [1, [1, 1]], true);
    ref.metrics['selection_rate'] = { value: 0, ci: [0, 0.004], level: 0.95, method: 'clopper-pearson', reference: null, numerator: 0, denominator: 1000 };
    const { checks } = evaluateChecks([check], [ref, flaggedOnly], 'holm');
    expect(checks[0]!.verdict).toBe('fail');
    expect(checks[0]!.lower_bound).toBe(96.2);
    expect(checks[0]!.adjusted_p_value!).toBeLessThan(0.001);
  });

  it('a passing battery with one check that tested nothing is inconclusive, not a pass', async () => {
    const { computeVerdicts } = await import('../../harness/battery/compute-verdicts.js');
    const passing = [groups[0]!, groups[1]!]; // eu passes
    const idle = Check.parse({ id: 'idle', metric: 'selection_rate_ratio', attribute: 'region' });
    const alone = computeVerdicts([check], passing, [], 'holm', 0.05);
    expect(alone.summary.verdict).toBe('pass');
    const both = computeVerdicts([check, idle], passing, [], 'holm', 0.05);
    expect(both.summary).toEqual({ verdict: 'inconclusive', pass: 1, fail: 0, inconclusive: 0 });
    expect(both.warnings.map((w) => w.code)).toEqual(['check-compared-nothing']);
  });

  it('records battery bounds and their source', () => {
    const own = Check.parse({ id: 'strict', metric: 'selection_rate_ratio', attribute: 'nationality', bounds: [0.9, 1.1], source: 'agency policy 2024' });
    const { checks } = evaluateChecks([own], groups, 'none');
    expect(checks[0]!.bounds_origin).toBe('battery');
    expect(checks[0]!.source).toBe('agency policy 2024');
    expect(checks[0]!.verdict).toBe('inconclusive');
  });

  it('maps summaries to exit codes', () => {
    expect(exitStatus({ verdict: 'pass', pass: 1, fail: 0, inconclusive: 0 }, 'fail')).toBe(0);
    expect(exitStatus({ verdict: 'fail', pass: 0, fail: 1, inconclusive: 0 }, 'pass')).toBe(1);
    expect(exitStatus({ verdict: 'inconclusive', pass: 0, fail: 0, inconclusive: 1 }, 'fail')).toBe(1);
    expect(exitStatus({ verdict: 'inconclusive', pass: 0, fail: 0, inconclusive: 1 }, 'pass')).toBe(0);
  });
});
