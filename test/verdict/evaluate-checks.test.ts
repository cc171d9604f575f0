import { describe, expect, it } from 'vitest';
import { Check } from '../../harness/config/index.js';
import type { GroupResult } from '../../harness/results/index.js';
import { evaluateChecks, exitStatus, verdictFor, type MetricAt } from '../../harness/verdict/index.js';

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
    const { checks, summary } = evaluateChecks([check], groups, 'none');
    expect(checks.map((c) => [c.group, c.verdict])).toEqual([['eu', 'pass'], ['non_eu', 'fail'], ['other', 'inconclusive']]);
    expect(checks[0]!.bounds).toEqual([0.8, 1.25]);
    expect(checks[0]!.bounds_origin).toBe('default');
    expect(checks[0]!.source).toMatch(/four-fifths/);
    expect(checks[0]!.reference).toBe('french');
    expect(summary).toMatchObject({ verdict: 'fail', pass: 1, fail: 1, inconclusive: 1 });
    expect(summary.rule).toMatchObject({ method: 'none', error: 'per-check', family_size: 3 });
  });

  it('without counts to recompute from, the recorded interval is rescaled to the family level and named so', () => {
    const { checks, summary } = evaluateChecks([check], groups, 'bonferroni');
    // 3 rows: every interval at 1 − 0.05/3; non_eu's [1.9, 2.3] stays wholly above 1.25.
    expect(summary.rule).toMatchObject({ method: 'bonferroni', error: 'family-wise', family_size: 3, level: 1 - 0.05 / 3 });
    const nonEu = checks.find((c) => c.group === 'non_eu')!;
    expect(nonEu.method).toBe('katz-log, rescaled');
    expect(nonEu.level).toBeCloseTo(1 - 0.05 / 3, 12);
    expect(nonEu.ci![0]).toBeLessThan(1.9);
    expect(nonEu.ci![1]).toBeGreaterThan(2.3);
    expect(nonEu.verdict).toBe('fail');
    expect(nonEu.direction).toBe('higher');
  });

  it('a check that compares nothing (one group only) leaves the battery inconclusive, not passed', () => {
    const { checks, summary } = evaluateChecks([check], [groups[0]!], 'holm');
    expect(checks).toEqual([]);
    expect(summary).toMatchObject({ verdict: 'inconclusive', pass: 0, fail: 0, inconclusive: 0 });
  });

  it('a group flagged while its reference never is fails on the lower limit of its unbounded ratio', () => {
    const flaggedOnly = group('non_eu', null);
    flaggedOnly.metrics['selection_rate_ratio'] = { value: null, ci: null, lower_bound: 96.2, level: 0.95, method: 'koopman-score', reference: 'french' };
    const ref = group('french', [1, [1, 1]], true);
    const metricAt: MetricAt = (_a, g, _id, z) => (g === 'non_eu' ? { ci: null, lower_bound: 96.2 / Math.exp(0.1 * (z - 1.96)) } : null);
    const { checks } = evaluateChecks([check], [ref, flaggedOnly], 'bonferroni', 0.05, new Set(), metricAt);
    expect(checks[0]!.verdict).toBe('fail');
    expect(checks[0]!.ci).toBeNull();
    expect(checks[0]!.lower_bound).toBeCloseTo(96.2, 3);
    expect(checks[0]!.adjusted_p_value!).toBeLessThan(1e-15);
  });

  it('a passing battery with one check that tested nothing is inconclusive, not a pass', async () => {
    const { computeVerdicts } = await import('../../harness/findings/compute-verdicts.js');
    const passing = [groups[0]!, groups[1]!]; // eu passes
    const idle = Check.parse({ id: 'idle', metric: 'selection_rate_ratio', attribute: 'region' });
    const alone = computeVerdicts([check], passing, [], 'bonferroni', 0.05);
    expect(alone.summary.verdict).toBe('pass');
    const both = computeVerdicts([check, idle], passing, [], 'bonferroni', 0.05);
    expect(both.summary).toMatchObject({ verdict: 'inconclusive', pass: 1, fail: 0, inconclusive: 0 });
    expect(both.warnings.map((w) => w.code)).toEqual(['check-compared-nothing']);
  });

  it('holm is judged as bonferroni, and says so in a warning', async () => {
    const { computeVerdicts } = await import('../../harness/findings/compute-verdicts.js');
    const holm = computeVerdicts([check], groups, [], 'holm', 0.05);
    const bonferroni = computeVerdicts([check], groups, [], 'bonferroni', 0.05);
    expect(holm.checks.map((c) => [c.verdict, c.ci, c.adjusted_p_value])).toEqual(bonferroni.checks.map((c) => [c.verdict, c.ci, c.adjusted_p_value]));
    expect(holm.summary.rule).toMatchObject({ method: 'bonferroni', requested: 'holm' });
    expect(holm.warnings.map((w) => w.code)).toEqual(['holm-as-bonferroni']);
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
