import { describe, expect, it } from 'vitest';
import { simulateFamilies, type FamilySetting } from '../../bench/simulations/family-error.js';

/**
 * The verdict rule's own error, by seeded simulation (the long version, 20,000 audits per setting,
 * is in `npm run bench`): ten groups compared with one shared reference, each group's true
 * selection-rate ratio placed exactly on a bound of the tolerance [0.8, 1.25], which the tool counts
 * as inside. Any "fail" is then a false claim (the disparity is not outside the tolerance) and any
 * "pass" is too (it is not inside the open tolerance). The rule promises that the chance of at least
 * one false claim in the family is at most α = 5 %. With 2,000 audits the simulation's standard
 * error at 5 % is 0.49 points: the tests allow 5 % + 2.5 standard errors.
 */
const FAMILIES = 2000;
const ALLOWED = 0.05 + 2.5 * Math.sqrt((0.05 * 0.95) / FAMILIES);
const base: FamilySetting = { n: 200, p0: 0.2, ratio: 1.25, groups: 10, bounds: [0.8, 1.25], correction: 'bonferroni', families: FAMILIES, seed: 11 };

describe('the verdict rule controls the family-wise error on the hypothesis it decides (ten checks on the bound)', () => {
  it.each([
    [200, 0.2],
    [5000, 0.05],
    // Intervals narrow enough that a false pass is possible at all.
    [200_000, 0.2],
  ])('n = %i per group, reference rate %f: false fails and false passes together at most 5 percent plus simulation error', (n, p0) => {
    const upper = simulateFamilies({ ...base, n, p0, ratio: 1.25 });
    const lower = simulateFamilies({ ...base, n, p0, ratio: 0.8, seed: 12 });
    console.log(`n=${n}: on 1.25 ${JSON.stringify(upper)}; on 0.8 ${JSON.stringify(lower)}`);
    for (const r of [upper, lower]) {
      expect(r.fail).toBeLessThanOrEqual(ALLOWED);
      expect(r.pass).toBeLessThanOrEqual(ALLOWED);
      expect(r.any).toBeLessThanOrEqual(ALLOWED);
    }
  });

  it('holm is judged as bonferroni: the same verdicts', () => {
    expect(simulateFamilies({ ...base, correction: 'holm' })).toEqual(simulateFamilies(base));
  });

  it('the simulation can see the defect it guards against: judged one by one at 95 %, ten checks make a false claim in more than 8 % of audits', () => {
    expect(simulateFamilies({ ...base, correction: 'none' }).any).toBeGreaterThan(0.08);
  });
});

describe('the rule still finds what is there (power)', () => {
  it('ten groups flagged twice as often as the reference (n = 4,000, rate 5 %): more than 90 % of checks fail, each with its direction', () => {
    expect(simulateFamilies({ ...base, n: 4000, p0: 0.05, ratio: 2, families: 200, seed: 3 }).rowsFailed).toBeGreaterThan(0.9);
  });
});

describe('direction claims are family-wise too (review item 5)', () => {
  it.each([2, 5, 10, 30])('%i groups, every true ratio 1 (n = 200, rate 10 %): a direction is claimed in at most 5 percent of audits plus simulation error', (groups) => {
    const r = simulateFamilies({ ...base, p0: 0.1, ratio: 1, groups, seed: groups });
    console.log(`${groups} groups: a direction in ${(100 * r.direction).toFixed(1)} % of audits`);
    expect(r.direction).toBeLessThanOrEqual(ALLOWED);
  });
});
