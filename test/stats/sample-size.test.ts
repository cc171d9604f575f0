import { describe, expect, it } from 'vitest';
import { ratioSampleSize, zCritical } from '../../harness/stats/index.js';

describe('ratioSampleSize (disparate plan)', () => {
  it('matches a hand computation: ratio 1.25, reference rate 0.10, group share 0.10, α 0.05, power 0.8', () => {
    // z_{0.975} = 1.959964, z_{0.8} = 0.841621; (1.959964 + 0.841621)² = 7.848879
    // p1 = 0.125: (1 − 0.125)/(0.1 × 0.125) = 70; (1 − 0.1)/(0.9 × 0.1) = 10; sum 80
    // (ln 1.25)² = 0.2231436² = 0.04979304; N = 7.848879 × 80 / 0.04979304 = 12,610.4 → 12,611
    const r = ratioSampleSize({ ratio: 1.25, baseRate: 0.1, share: 0.1, alpha: 0.05, power: 0.8 });
    expect(r.total).toBe(12611);
    expect(r.group).toBe(1262);
    expect(r.reference).toBe(11350);
    expect(r.p1).toBeCloseTo(0.125, 12);
    expect(r.zAlpha).toBeCloseTo(zCritical(0.05), 12);
    expect(r.zBeta).toBeCloseTo(0.8416212335729143, 12);
  });

  it('gives the stated power: at N the expected z of the Wald test is z_{1−α/2} + z_{1−β}', () => {
    const r = ratioSampleSize({ ratio: 0.8, baseRate: 0.05, share: 0.3, referenceShare: 0.5, alpha: 0.01, power: 0.9 });
    const se = Math.sqrt((1 - r.p1) / (0.3 * r.total * r.p1) + (1 - r.p0) / (0.5 * r.total * r.p0));
    expect(Math.abs(Math.log(0.8)) / se).toBeGreaterThanOrEqual(r.zAlpha + r.zBeta - 1e-9);
    expect(Math.abs(Math.log(0.8)) / se).toBeLessThan(r.zAlpha + r.zBeta + 0.001);
  });

  it('refuses impossible inputs', () => {
    expect(() => ratioSampleSize({ ratio: 1, baseRate: 0.1, share: 0.1, alpha: 0.05, power: 0.8 })).toThrow(/ratio/);
    expect(() => ratioSampleSize({ ratio: 5, baseRate: 0.3, share: 0.1, alpha: 0.05, power: 0.8 })).toThrow(/rates/);
  });
});
