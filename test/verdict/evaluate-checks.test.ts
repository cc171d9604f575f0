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

function group(name: string, ratio: [number, [number, number]] | null, isRef = false): GroupResult {
  return {
    attribute: 'nationality', group: name, is_reference: isRef, n: 1000, flagged: 100,
    tp: null, fp: null, tn: null, fn: null, labelled: 0, small_cell: false, mean_score: null,
    metrics: {
      selection_rate: { value: 0.1, ci: [0.08, 0.12], level: 0.95, method: 'wilson', reference: null, numerator: 100, denominator: 1000 },
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
