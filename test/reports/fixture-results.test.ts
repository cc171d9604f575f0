import { describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { fixtureResults } from './fixture-results.js';

describe('fixtureResults', () => {
  it('is valid results.json and covers every case the reports must handle', () => {
    const r = Results.parse(fixtureResults());
    expect(r.checks.map((c) => c.verdict)).toEqual(['fail', 'inconclusive', 'pass', 'pass']);
    expect(r.summary).toEqual({ verdict: 'fail', pass: 2, fail: 1, inconclusive: 1 });
    const nonEu = r.groups.find((g) => g.attribute === 'nationality' && g.group === 'non_eu')!;
    // 1260/12000 ÷ 3000/60000 = 0.105 / 0.05
    expect(nonEu.metrics['selection_rate_ratio']!.value).toBeCloseTo(2.1, 12);
    const small = r.groups.find((g) => g.small_cell)!;
    expect(small.group).toBe('non_eu×disabled');
    expect(small.metrics['true_positive_rate_ratio']).toMatchObject({ value: 0, ci: null });
    expect(r.groups.filter((g) => g.is_reference).map((g) => g.group)).toEqual(['french', 'not_disabled', 'french×not_disabled']);
  });
});
