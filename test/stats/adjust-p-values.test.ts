import { describe, expect, it } from 'vitest';
import { adjustPValues, differencePValue, ratioPValue } from '../../harness/stats/index.js';

describe('adjustPValues', () => {
  const p = [0.01, 0.04, 0.03, 0.005];
  it('Holm step-down (hand-computed)', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 → ×4, ×3, ×2, ×1 = 0.02, 0.03, 0.06, 0.04 → monotone 0.02, 0.03, 0.06, 0.06
    expect(adjustPValues(p, 'holm')).toEqual([0.03, 0.06, 0.06, 0.02]);
  });
  it('Benjamini–Hochberg step-up (hand-computed)', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 → ×4/1, ×4/2, ×4/3, ×4/4 = 0.02, 0.02, 0.04, 0.04
    const bh = adjustPValues(p, 'benjamini-hochberg');
    [0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(bh[i]).toBeCloseTo(v, 12));
  });
  it('Bonferroni and none; nulls are skipped and not counted', () => {
    expect(adjustPValues([0.01, null, 0.2], 'bonferroni')).toEqual([0.02, null, 0.4]);
    expect(adjustPValues([0.01, null], 'none')).toEqual([0.01, null]);
  });
});

describe('comparison p-values', () => {
  it('ratio test agrees with the Katz interval: p < 0.05 exactly when the interval excludes 1', () => {
    expect(ratioPValue(20, 100, 10, 100)!).toBeGreaterThan(0.05); // Katz 95 % CI of RR 2 here is 0.99–4.05
    expect(ratioPValue(40, 200, 20, 200)!).toBeLessThan(0.05);
  });
  it('pooled two-proportion z-test on a hand computation', () => {
    // 30/100 vs 20/100: pooled 0.25, se = √(0.25·0.75·0.02) = 0.061237, z = 1.63299, p = 0.10247
    expect(differencePValue(30, 100, 20, 100)!).toBeCloseTo(0.10247, 4);
  });
});
