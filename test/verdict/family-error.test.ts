import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../harness/results/index.js';
import { ratioInterval, sampleBinomial, uniformStream, type Correction } from '../../harness/stats/index.js';
import { streamId } from '../../harness/stats/rng/index.js';
import { judgeFamily, type CheckCandidate } from '../../harness/verdict/index.js';

/**
 * The verdict rule's own error, by seeded simulation: ten groups compared with one shared reference
 * (the shape of a real battery), each group's true selection-rate ratio placed exactly on the upper
 * bound 1.25, which the tool counts as inside. Any "fail" is then a false claim (the disparity is
 * not outside the tolerance) and any "pass" is too (it is not inside the open tolerance either).
 * The rule promises that the chance of at least one false claim in the family is at most α = 5 %.
 * With 2,000 families the simulation's standard error at 5 % is 0.49 points: the test allows
 * 5 % + 2.5 standard errors.
 */
const FAMILIES = 2000;
const GROUPS = 10;
const BOUNDS: [number, number] = [0.8, 1.25];
const ALLOWED = 0.05 + 2.5 * Math.sqrt((0.05 * 0.95) / FAMILIES);

function candidate(x1: number, n1: number, x0: number, n0: number, group: number): CheckCandidate {
  const value = x0 > 0 ? x1 / n1 / (x0 / n0) : null;
  const row: CheckResult = {
    id: 'four-fifths', metric: 'selection_rate_ratio', attribute: 'a', group: `g${group}`, reference: 'ref',
    value, ci: null, level: 0.95, method: 'katz-log', bounds: BOUNDS, bounds_origin: 'battery', source: null,
    verdict: 'inconclusive', p_value: null, adjusted_p_value: null, correction: 'none', small_cell: false,
  };
  return {
    row,
    parity: 1,
    intervalAt: (z) => {
      const ci = ratioInterval(x1, n1, x0, n0, z);
      return ci ? { lo: ci.lo, hi: ci.hi } : null;
    },
  };
}

/** Share of families with at least one fail, and with at least one pass, when every true ratio is `ratio`. */
function falseClaims(n: number, p0: number, ratio: number, correction: Correction, seed: number) {
  let anyFail = 0;
  let anyPass = 0;
  let anyClaim = 0;
  const stream = streamId('family-error');
  for (let f = 0; f < FAMILIES; f++) {
    const next = uniformStream(seed, stream, f);
    const x0 = sampleBinomial(n, p0, next);
    const rows = Array.from({ length: GROUPS }, (_, g) => candidate(sampleBinomial(n, p0 * ratio, next), n, x0, n, g));
    const { checks } = judgeFamily(rows, correction, 0.05);
    const fail = checks.some((c) => c.verdict === 'fail');
    const pass = checks.some((c) => c.verdict === 'pass');
    anyFail += fail ? 1 : 0;
    anyPass += pass ? 1 : 0;
    anyClaim += fail || pass ? 1 : 0;
  }
  return { fail: anyFail / FAMILIES, pass: anyPass / FAMILIES, any: anyClaim / FAMILIES };
}

describe('the verdict rule controls the family-wise error on the hypothesis it decides (ten checks on the bound)', () => {
  it.each([
    [200, 0.2],
    [5000, 0.05],
    // Intervals narrow enough that a false pass is possible at all.
    [200_000, 0.2],
  ])('n = %i per group, reference rate %f, true ratio 1.25: false fails and false passes together at most 5 percent plus simulation error', (n, p0) => {
    const upper = falseClaims(n, p0, BOUNDS[1], 'bonferroni', 11);
    const lower = falseClaims(n, p0, BOUNDS[0], 'bonferroni', 12);
    console.log(`n=${n}: on 1.25 ${JSON.stringify(upper)}; on 0.8 ${JSON.stringify(lower)}`);
    for (const r of [upper, lower]) {
      expect(r.fail).toBeLessThanOrEqual(ALLOWED);
      expect(r.pass).toBeLessThanOrEqual(ALLOWED);
      expect(r.any).toBeLessThanOrEqual(ALLOWED);
    }
  });

  it('holm is judged as bonferroni: the same verdicts', () => {
    expect(falseClaims(200, 0.2, 1.25, 'holm', 11)).toEqual(falseClaims(200, 0.2, 1.25, 'bonferroni', 11));
  });

  it('the simulation can see the defect it guards against: judged one by one at 95 %, ten checks make a false claim in more than 8 % of families', () => {
    const none = falseClaims(200, 0.2, 1.25, 'none', 11);
    expect(none.any).toBeGreaterThan(0.08);
  });
});

describe('the rule still finds what is there (power)', () => {
  it('ten groups flagged twice as often as the reference (n = 2,000, rate 5 %): more than 90 % of checks fail, each with its direction', () => {
    const stream = streamId('family-power');
    let failed = 0;
    for (let f = 0; f < 200; f++) {
      const next = uniformStream(3, stream, f);
      const x0 = sampleBinomial(2000, 0.05, next);
      const rows = Array.from({ length: GROUPS }, (_, g) => candidate(sampleBinomial(2000, 0.1, next), 2000, x0, 2000, g));
      failed += judgeFamily(rows, 'bonferroni', 0.05).checks.filter((c) => c.verdict === 'fail' && c.direction === 'higher').length;
    }
    expect(failed / (200 * GROUPS)).toBeGreaterThan(0.9);
  });
});

describe('direction claims are family-wise too (review item 5)', () => {
  it.each([2, 5, 10, 30])('%i groups, every true ratio 1 (n = 200, rate 10 %): a direction is claimed in at most 5 percent of audits plus simulation error', (groups) => {
    const stream = streamId('family-direction');
    let claimed = 0;
    for (let f = 0; f < FAMILIES; f++) {
      const next = uniformStream(groups, stream, f);
      const x0 = sampleBinomial(200, 0.1, next);
      const rows = Array.from({ length: groups }, (_, g) => candidate(sampleBinomial(200, 0.1, next), 200, x0, 200, g));
      if (judgeFamily(rows, 'bonferroni', 0.05).checks.some((c) => c.direction !== null)) claimed++;
    }
    console.log(`${groups} groups: a direction in ${((100 * claimed) / FAMILIES).toFixed(1)} % of audits`);
    expect(claimed / FAMILIES).toBeLessThanOrEqual(ALLOWED);
  });
});
