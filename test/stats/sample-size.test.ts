import { describe, expect, it } from 'vitest';
import {
  smallCountAt,
  binomialMass,
  ratioInterval,
  ratioVerdict,
  sampleBinomial,
  uniformStream,
  verdictPower,
  verdictSampleSize,
  zCritical,
  type RatioBounds,
  type VerdictPowerInput,
  type VerdictSampleSizeInput,
  type VerdictTarget,
} from '../../harness/stats/index.js';
import { streamId } from '../../harness/stats/rng/index.js';

const FOUR_FIFTHS: RatioBounds = { lower: 0.8, upper: 1.25 };

/** The double sum over every (x1, x0) in the probability ranges, each table judged by the rule. */
function bruteForcePower(input: VerdictPowerInput): number {
  const m1 = binomialMass(input.n1, input.p1);
  const m0 = binomialMass(input.n0, input.p0);
  const want = input.target === 'inside' ? 'pass' : 'fail';
  let total = 0;
  for (let i = 0; i < m1.pmf.length; i++) {
    for (let j = 0; j < m0.pmf.length; j++) {
      const x1 = m1.from + i;
      const x0 = m0.from + j;
      if (ratioVerdict(x1, input.n1, x0, input.n0, input.z, input.bounds) !== want) continue;
      const ci = ratioInterval(x1, input.n1, x0, input.n0, input.z)!;
      if (input.target === 'above' && !(ci.lo > input.bounds.upper)) continue;
      if (input.target === 'below' && !(ci.hi < input.bounds.lower)) continue;
      total += m1.pmf[i]! * m0.pmf[j]!;
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

describe('verdictPower: exact, by bisection over x0', () => {
  const cases: [string, VerdictPowerInput][] = [
    ['small counts, Koopman and Katz mixed', { n1: 224, n0: 4254, p1: 0.04, p0: 0.01, z: zCritical(0.05), bounds: FOUR_FIFTHS, target: 'above' }],
    ['small reference', { n1: 300, n0: 60, p1: 0.3, p0: 0.1, z: zCritical(0.05), bounds: FOUR_FIFTHS, target: 'above' }],
    ['Katz, fail above', { n1: 800, n0: 3000, p1: 0.12, p0: 0.08, z: zCritical(0.05), bounds: FOUR_FIFTHS, target: 'above' }],
    ['fail below, 12 rows in the family', { n1: 600, n0: 2400, p1: 0.05, p0: 0.1, z: zCritical(0.05 / 12), bounds: FOUR_FIFTHS, target: 'below' }],
    ['pass, inside', { n1: 1500, n0: 3500, p1: 0.1, p0: 0.1, z: zCritical(0.05), bounds: FOUR_FIFTHS, target: 'inside' }],
    ['pass with small counts', { n1: 120, n0: 200, p1: 0.5, p0: 0.5, z: zCritical(0.05), bounds: { lower: 0.5, upper: 2 }, target: 'inside' }],
    ['a very large family (z ≈ 5.3, edges enumerated)', { n1: 2000, n0: 2000, p1: 0.2, p0: 0.05, z: zCritical(0.05 / 200_000), bounds: FOUR_FIFTHS, target: 'above' }],
    ['rates near 1', { n1: 400, n0: 400, p1: 0.99, p0: 0.7, z: zCritical(0.05), bounds: { lower: 0.9, upper: 1.1 }, target: 'above' }],
  ];
  it.each(cases)('agrees with the brute-force double sum: %s', (_, input) => {
    expect(Math.abs(verdictPower(input) - bruteForcePower(input))).toBeLessThan(1e-12);
  });

  it.each([10, 200_000])('for a fixed x1, the x0 giving each Katz verdict form one run (what the bisection relies on), %i rows in the family', (m) => {
    const z = zCritical(0.05 / m);
    const small = smallCountAt(z);
    const edge = Math.max(small, Math.ceil((z * z) / 2));
    for (const [n1, n0] of [[40, 300], [200, 1000], [1000, 200], [30, 30]] as const) {
      for (let x1 = small; x1 <= n1 - small; x1 += Math.max(1, Math.floor(n1 / 40))) {
        for (const target of ['above', 'below', 'inside'] as VerdictTarget[]) {
          const hit: number[] = [];
          for (let x0 = 0; x0 <= n0; x0++) {
            const ci = ratioInterval(x1, n1, x0, n0, z);
            const ok = ci !== null && (target === 'above' ? ci.lo > 1.25 : target === 'below' ? ci.hi < 0.8 : ci.lo >= 0.8 && ci.hi <= 1.25);
            if (ok) hit.push(x0);
          }
          // Below the small count (MOVER) and within z²/2 of the ends of the range every x0 is evaluated.
          const inner = hit.filter((x0) => x0 >= edge && x0 <= n0 - edge);
          if (inner.length > 0) expect(inner[inner.length - 1]! - inner[0]! + 1).toBe(inner.length);
        }
      }
    }
  });
});

/** Simulated share of verdicts at plan's sizes: binomial counts, the real interval, the rule. */
function simulate(plan: ReturnType<typeof verdictSampleSize>, z: number, bounds: RatioBounds, replicates: number, seed: number): number {
  const next = uniformStream(seed, streamId('plan-simulation'), 0);
  let hits = 0;
  for (let r = 0; r < replicates; r++) {
    const x1 = sampleBinomial(plan.group, plan.p1, next);
    const x0 = sampleBinomial(plan.reference, plan.p0, next);
    const ci = ratioInterval(x1, plan.group, x0, plan.reference, z);
    if (ci === null) continue;
    if (plan.target === 'above' ? ci.lo > bounds.upper : plan.target === 'below' ? ci.hi < bounds.lower : ci.lo >= bounds.lower && ci.hi <= bounds.upper) hits++;
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

  it('the README example: 35,621 rows, exact power 0.8001; one row fewer falls short', () => {
    const plan = plans[0]!;
    expect(plan.total).toBe(35621);
    expect(plan.group).toBe(3562);
    expect(plan.reference).toBe(32059);
    expect(plan.achievedPower).toBeCloseTo(0.8001, 4);
    const before = verdictPower({ n1: Math.round(0.1 * 35620), n0: Math.round(0.9 * 35620), p1: plan.p1, p0: plan.p0, z: plan.z, bounds: FOUR_FIFTHS, target: 'above' });
    expect(before).toBeLessThan(0.8);
    expect(plan.z).toBe(zCritical(0.05));
  });

  it('the small-count setting needs a third more rows than the normal approximation says', () => {
    const plan = plans[1]!;
    expect(plan.total).toBe(4478);
    expect(plan.normalTotal).toBe(3390);
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
