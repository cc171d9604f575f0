import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  binomialMass,
  checkRateLimits,
  checkRatioLimits,
  estimatePowerBound,
  ratioLimits,
  ratioLimitSides,
  ratioVerdict,
  sampleBinomial,
  uniformStream,
  verdictPower,
  verdictPowerRuns,
  verdictSampleSize,
  type VerdictRuns,
  zCritical,
  type RatioBounds,
  type VerdictPowerInput,
  type VerdictSampleSizeInput,
  type VerdictTarget,
} from '../../harness/stats/index.js';
import { streamId } from '../../harness/stats/rng/index.js';

const FOUR_FIFTHS: RatioBounds = { lower: 0.8, upper: 1.25 };

/** Plan sizes computed with scipy, every pair of counts judged (test/fixtures/plan-sizes/generate.py). */
interface ReferencePlan {
  readonly name: string;
  readonly plan: { total: number; group: number; reference: number; power: number; powerOneRowFewer: number; windowMinPower: number; windowTo: number };
}
const REFERENCE = JSON.parse(readFileSync(new URL('../fixtures/plan-sizes/reference.json', import.meta.url), 'utf8')) as { settings: ReferencePlan[] };
const reference = (name: string) => REFERENCE.settings.find((r) => r.name === name)!.plan;

/** Rows of the group and of the reference group at N rows, as plan splits them. */
function groupSizes(n: number, share: number): { n1: number; n0: number } {
  const n1 = Math.round(share * n);
  return { n1, n0: Math.min(Math.round((1 - share) * n), n - n1) };
}

/** Whether an interval lies where the target wants it (an unbounded upper limit lies above every bound). */
function lies(ci: { lo: number; hi: number } | null, bounds: RatioBounds, target: VerdictTarget): boolean {
  if (ci === null) return false;
  return target === 'above' ? ci.lo > bounds.upper : target === 'below' ? ci.hi < bounds.lower : ci.lo >= bounds.lower && ci.hi <= bounds.upper;
}

/** The check's verdict on one table: its own interval (exact-based MOVER, unbounded above when x0 = 0) against the target. */
function checkHits(x1: number, n1: number, x0: number, n0: number, z: number, bounds: RatioBounds, target: VerdictTarget): boolean {
  return lies(ratioLimits(x1, n1, x0, n0, z, true), bounds, target);
}

/** The double sum over every (x1, x0) in the probability ranges, each table judged by the rule with the check's interval. */
function bruteForcePower(input: VerdictPowerInput): number {
  const m1 = binomialMass(input.n1, input.p1);
  const m0 = binomialMass(input.n0, input.p0);
  let total = 0;
  for (let i = 0; i < m1.pmf.length; i++) {
    for (let j = 0; j < m0.pmf.length; j++) {
      const x1 = m1.from + i;
      const x0 = m0.from + j;
      const ci = ratioLimits(x1, input.n1, x0, input.n0, input.z, true);
      // the verdict rule on the same interval: fail wholly outside, pass wholly inside
      const judged = (t: VerdictTarget) => lies(ci, input.bounds, t);
      if ((i + j) % 11 === 0) expect(ratioVerdict(x1, input.n1, x0, input.n0, input.z, input.bounds)).toBe(judged('above') || judged('below') ? 'fail' : judged('inside') ? 'pass' : 'inconclusive');
      if (judged(input.target)) total += m1.pmf[i]! * m0.pmf[j]!;
    }
  }
  return total;
}

describe('binomialMass', () => {
  it('holds all but a negligible tail and matches the pmf', () => {
    // Binomial(10, 0.5): P(5) = 252/1024
    const b = binomialMass(10, 0.5);
    expect(b.pmf[5 - b.from]).toBeCloseTo(252 / 1024, 14);
    for (const [n, p] of [[20, 0.02], [3562, 0.075], [1_000_000, 0.001], [50, 0.99]] as const) {
      const m = binomialMass(n, p);
      expect(Math.abs(m.cumulative[m.pmf.length]! - 1)).toBeLessThan(1e-12);
    }
  });
});

describe('verdictPower: exact, with the check\'s interval, by a walk over the counts', () => {
  const cases: [string, VerdictPowerInput][] = [
    ['small counts', { n1: 224, n0: 4254, p1: 0.04, p0: 0.01, z: zCritical(0.05), bounds: FOUR_FIFTHS, target: 'above' }],
    ['small reference', { n1: 300, n0: 60, p1: 0.3, p0: 0.1, z: zCritical(0.05), bounds: FOUR_FIFTHS, target: 'above' }],
    ['fail above', { n1: 800, n0: 3000, p1: 0.12, p0: 0.08, z: zCritical(0.05), bounds: FOUR_FIFTHS, target: 'above' }],
    ['fail below, 12 rows in the family', { n1: 600, n0: 2400, p1: 0.05, p0: 0.1, z: zCritical(0.05 / 12), bounds: FOUR_FIFTHS, target: 'below' }],
    ['pass, inside', { n1: 600, n0: 1400, p1: 0.1, p0: 0.1, z: zCritical(0.05), bounds: FOUR_FIFTHS, target: 'inside' }],
    ['pass with small counts', { n1: 120, n0: 200, p1: 0.5, p0: 0.5, z: zCritical(0.05), bounds: { lower: 0.5, upper: 2 }, target: 'inside' }],
    ['a very large family (z ≈ 5.3)', { n1: 1000, n0: 1000, p1: 0.2, p0: 0.05, z: zCritical(0.05 / 200_000), bounds: FOUR_FIFTHS, target: 'above' }],
    ['rates near 1', { n1: 400, n0: 400, p1: 0.99, p0: 0.7, z: zCritical(0.05), bounds: { lower: 0.9, upper: 1.1 }, target: 'above' }],
    ['a reference count of 0 likely (unbounded upper limits)', { n1: 40, n0: 30, p1: 0.6, p0: 0.02, z: zCritical(0.05), bounds: FOUR_FIFTHS, target: 'above' }],
  ];
  it.each(cases)('agrees with the brute-force double sum: %s', (_, input) => {
    const power = verdictPower(input);
    expect(Math.abs(power - bruteForcePower(input))).toBeLessThan(1e-12);
    // the estimate's own chance of lying on the verdict's side bounds it
    expect(estimatePowerBound(input)).toBeGreaterThanOrEqual(power - 1e-12);
  });

  it('agrees with the scipy computation at the README example\'s size and one row fewer', () => {
    const ref = reference('readme');
    const z = zCritical(0.05);
    const at = (n: number) => verdictPower({ ...groupSizes(n, 0.1), p1: 0.075, p0: 0.05, z, bounds: FOUR_FIFTHS, target: 'above' });
    expect(Math.abs(at(ref.total) - ref.power)).toBeLessThan(1e-10);
    expect(Math.abs(at(ref.total - 1) - ref.powerOneRowFewer)).toBeLessThan(1e-10);
  });

  it.each(['above', 'below', 'inside'] as const)('the runs found at one size, passed to the next, give the same power as a fresh search (%s)', (target) => {
    const z = zCritical(0.05 / 3);
    const [p1, p0] = target === 'above' ? [0.15, 0.1] : target === 'below' ? [0.06, 0.1] : [0.1, 0.1];
    const rates = checkRateLimits(z);
    let last: VerdictRuns | undefined;
    // one row more at each step, to one group or the other, then back down
    const steps = [...Array.from({ length: 40 }, (_, k) => 3000 + k), ...Array.from({ length: 20 }, (_, k) => 3038 - k)];
    for (const n of steps) {
      const input: VerdictPowerInput = { ...groupSizes(n, 0.3), p1, p0, z, bounds: FOUR_FIFTHS, target };
      const found = verdictPowerRuns({ ...input, rates }, last);
      expect(found.power).toBe(verdictPower(input));
      last = found.runs;
    }
  });

  it.each([1, 10, 200_000, 1e9])('the side of a bound a limit lies on, settled by a binomial tail, is the side of the computed limit (%i rows in the family)', (m) => {
    const z = zCritical(0.05 / m);
    const rates = checkRateLimits(z);
    const wrong: string[] = [];
    for (const [n1, n0] of [[40, 300], [300, 40], [200, 3000], [25, 25]] as const) {
      const sides = ratioLimitSides(n1, n0, rates);
      for (let x1 = 0; x1 <= n1; x1 += Math.max(1, Math.floor(n1 / 25))) {
        for (let x0 = 0; x0 <= n0; x0 += Math.max(1, Math.floor(n0 / 150))) {
          const ci = ratioLimits(x1, n1, x0, n0, z, true)!;
          // bounds near the limits themselves as well as the usual ones
          for (const c of [0.5, 0.8, 1.25, 2, ci.lo * (1 + 1e-9), ci.lo * (1 - 1e-9), ci.hi * (1 + 1e-9), ci.hi * (1 - 1e-9)]) {
            if (!(c > 0 && Number.isFinite(c))) continue;
            for (const orEqual of [false, true]) {
              if (sides.lowerBeyond(x1, x0, c, orEqual) !== (orEqual ? ci.lo >= c : ci.lo > c)) wrong.push(`lower ${x1}/${n1} vs ${x0}/${n0}, c ${c}`);
              if (sides.upperBeyond(x1, x0, c, orEqual) !== (orEqual ? ci.hi >= c : ci.hi > c)) wrong.push(`upper ${x1}/${n1} vs ${x0}/${n0}, c ${c}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([10, 200_000])('the check\'s limits fall as x0 rises and rise with x1, at every count (what the walk relies on), %i rows in the family', (m) => {
    const z = zCritical(0.05 / m);
    const rates = checkRateLimits(z);
    for (const [n1, n0] of [[40, 300], [200, 1000], [1000, 200], [30, 30], [7, 500]] as const) {
      const limits = checkRatioLimits(n1, n0, rates);
      const wrong: string[] = [];
      for (let x1 = 0; x1 <= n1; x1 += Math.max(1, Math.floor(n1 / 60))) {
        for (let x0 = 0; x0 <= n0; x0++) {
          const [lo, hi] = [limits.lo(x1, x0), limits.hi(x1, x0)];
          // the same numbers as the check's interval (every 7th table compared)
          if (x0 % 7 === 0 || x0 === n0) {
            const ci = ratioLimits(x1, n1, x0, n0, z, true)!;
            if (ci.lo !== lo || ci.hi !== hi) wrong.push(`${x1}/${n1} vs ${x0}/${n0}: not the check's interval`);
          }
          if (x0 < n0 && !(limits.lo(x1, x0 + 1) <= lo && limits.hi(x1, x0 + 1) <= hi)) wrong.push(`${x1}/${n1} vs ${x0 + 1}/${n0}: a limit rose with x0`);
          if (x1 < n1 && !(limits.lo(x1 + 1, x0) >= lo && limits.hi(x1 + 1, x0) >= hi)) wrong.push(`${x1 + 1}/${n1} vs ${x0}/${n0}: a limit fell with x1`);
        }
      }
      expect(wrong).toEqual([]);
    }
  });
});

/** Simulated share of verdicts at plan's sizes: binomial counts, the check's interval, the rule. */
function simulate(plan: ReturnType<typeof verdictSampleSize>, z: number, bounds: RatioBounds, replicates: number, seed: number): number {
  const next = uniformStream(seed, streamId('plan-simulation'), 0);
  let hits = 0;
  for (let r = 0; r < replicates; r++) {
    const x1 = sampleBinomial(plan.group, plan.p1, next);
    const x0 = sampleBinomial(plan.reference, plan.p0, next);
    if (checkHits(x1, plan.group, x0, plan.reference, z, bounds, plan.target)) hits++;
  }
  return hits / replicates;
}

describe('verdictSampleSize (disparate plan)', () => {
  const settings: [string, VerdictSampleSizeInput][] = [
    ['the README example: ratio 1.5, share 0.1, base rate 0.05', { ratio: 1.5, baseRate: 0.05, share: 0.1, alpha: 0.05, power: 0.8, bounds: FOUR_FIFTHS }],
    ['small counts: ratio 4, share 0.05, base rate 0.01 (≈ 9 flagged in the group)', { ratio: 4, baseRate: 0.01, share: 0.05, alpha: 0.05, power: 0.8, bounds: FOUR_FIFTHS }],
    ['12 rows in the family, ratio 0.5 (fail below)', { ratio: 0.5, baseRate: 0.1, share: 0.2, alpha: 0.05, tests: 12, power: 0.8, bounds: FOUR_FIFTHS }],
    ['a pass: ratio 1, share 0.3, power 0.9', { ratio: 1, baseRate: 0.1, share: 0.3, alpha: 0.05, power: 0.9, bounds: FOUR_FIFTHS }],
  ];
  const plans = settings.map(([, input]) => verdictSampleSize(input));

  it.each(settings.map((s, i) => [s[0], i] as const))('simulated power at plan\'s N is the requested power ± 3 points: %s', (_, i) => {
    const input = settings[i]![1];
    const plan = plans[i]!;
    expect(plan.achievedPower).toBeGreaterThanOrEqual(input.power);
    expect(plan.windowMinPower).toBeGreaterThanOrEqual(input.power);
    const simulated = simulate(plan, plan.z, input.bounds, 5000, 20261206 + i);
    expect(Math.abs(simulated - input.power)).toBeLessThanOrEqual(0.03);
    // and the exact figure within 4 simulation standard errors
    expect(Math.abs(simulated - plan.achievedPower)).toBeLessThan(4 * Math.sqrt((plan.achievedPower * (1 - plan.achievedPower)) / 5000));
  });

  it.each(settings.map((s, i) => [s[0], i] as const))('the size, its power and the window\'s lowest power are those computed with scipy: %s', (_, i) => {
    const ref = reference(['readme', 'small-counts', 'below-12-tests', 'pass'][i]!);
    const plan = plans[i]!;
    expect(plan.total).toBe(ref.total);
    expect(plan.group).toBe(ref.group);
    expect(plan.reference).toBe(ref.reference);
    expect(plan.window.to).toBe(ref.windowTo);
    expect(Math.abs(plan.achievedPower - ref.power)).toBeLessThan(1e-10);
    expect(Math.abs(plan.windowMinPower - ref.windowMinPower)).toBeLessThan(1e-10);
    // one row fewer falls short
    expect(ref.powerOneRowFewer).toBeLessThan(settings[i]![1].power);
  });

  it('the README example: one row fewer falls short, and the level is the family\'s', () => {
    const plan = plans[0]!;
    const before = verdictPower({ ...groupSizes(plan.total - 1, 0.1), p1: plan.p1, p0: plan.p0, z: plan.z, bounds: FOUR_FIFTHS, target: 'above' });
    expect(before).toBeLessThan(0.8);
    expect(plan.z).toBe(zCritical(0.05));
  });

  it('the small-count setting needs far more rows than the normal approximation says', () => {
    const plan = plans[1]!;
    expect(plan.normalTotal).toBe(3390);
    expect(plan.total).toBeGreaterThan(1.5 * plan.normalTotal);
  });

  it('picks the goal from the ratio and refuses an impossible one', () => {
    expect(plans[0]!.goal).toBe('fail');
    expect(plans[2]!.target).toBe('below');
    expect(plans[3]!.goal).toBe('pass');
    const base = { baseRate: 0.05, share: 0.1, alpha: 0.05, power: 0.8, bounds: FOUR_FIFTHS };
    expect(() => verdictSampleSize({ ...base, ratio: 1.25 })).toThrow(/lies on a tolerance bound/);
    expect(() => verdictSampleSize({ ...base, ratio: 0.8 })).toThrow(/lies on a tolerance bound/);
    expect(() => verdictSampleSize({ ...base, ratio: 1.1, goal: 'fail' })).toThrow(/can never make the check fail; use --goal pass/);
    expect(() => verdictSampleSize({ ...base, ratio: 1.5, goal: 'pass' })).toThrow(/can never make the check pass; use --goal fail/);
    expect(() => verdictSampleSize({ ...base, ratio: 25 })).toThrow(/rates/);
  });
});
