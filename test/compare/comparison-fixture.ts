import type { Comparison } from '../../harness/results/index.js';

/** A comparison section with hand-set numbers: a moved group, an unmoved one, a group without interval, and any names. */
export function comparisonFixture(name = 'nationality', groupNames: readonly string[] = ['french', 'non_eu', 'eu']): Comparison {
  const group = (g: string, n: number, both: number, up: number, down: number, ci: [number, number] | null): Comparison['groups'][number] => ({
    attribute: name,
    group: g,
    n,
    deployed_flagged: both + down,
    candidate_flagged: both + up,
    flagged_by_both: both,
    candidate_only: up,
    deployed_only: down,
    deployed_rate: n ? (both + down) / n : null,
    candidate_rate: n ? (both + up) / n : null,
    selection_rate_change: { value: n ? (up - down) / n : null, ci, level: 0.95, method: 'tango-score-paired', reference: null, numerator: up - down, denominator: n },
    mcnemar_p_value: up + down ? 0.5 : n ? 1 : null,
  });
  const check = (g: string, verdict: Comparison['checks'][number]['verdict'], change: number | null, ci: [number, number] | null): Comparison['checks'][number] => ({
    id: 'selection-four-fifths',
    metric: 'selection_rate_ratio',
    attribute: name,
    group: g,
    reference: groupNames[0]!,
    bounds: [0.8, 1.25],
    deployed: { value: 3.05, ci: [2.5, 3.7], verdict: 'fail' },
    candidate: { value: 2.22, ci: [1.8, 2.7], verdict: 'fail' },
    scale: verdict === 'not compared' ? null : 'log-ratio',
    change: { value: change, ci },
    sum: { value: 1.9, ci: [1.4, 2.4] },
    method: verdict === 'not compared' ? null : 'delta-log-paired',
    verdict,
    claim: verdict === 'better' || verdict === 'worse' ? verdict : null,
    p_value: verdict === 'not compared' ? null : 0.001,
    adjusted_p_value: verdict === 'not compared' ? null : 0.004,
  });
  const model = (m: string) => ({ file: `/models/${m}.json`, hash: 'sha256:00', kind: 'logistic', name: m, summary: { verdict: 'fail' as const, pass: 0, fail: 2, inconclusive: 0 } });
  return {
    deployed: model('caf-like'),
    candidate: model('caf-like-no-proxies'),
    rule: { method: 'bonferroni', requested: 'bonferroni', alpha: 0.05, family_size: 2, intervals_per_row: 2, level: 0.9875 },
    fail_when: 'worse',
    fail_when_origin: 'default',
    verdict: 'better',
    tally: { better: 1, worse: 0, no_change: 0, not_compared: 1 },
    groups: [
      group(groupNames[0]!, 17370, 535, 232, 197, [-0.0003, 0.0044]),
      group(groupNames[1]!, 1634, 145, 38, 68, [-0.0311, -0.0061]),
      group(groupNames[2]!, 0, 0, 0, 0, null),
    ],
    checks: [check(groupNames[1]!, 'better', -0.318, [-0.517, -0.119]), check(groupNames[2]!, 'not compared', null, null)],
  };
}
