import { describe, expect, it } from 'vitest';
import { aucInterval, binnedAuc, byarRatioInterval, cramersV, dkwEpsilon, multinomialDeltaSe, zCritical } from '../../harness/stats/index.js';

const z = zCritical(0.05);

describe('binnedAuc (ties within a bin count ½; DeLong variance)', () => {
  it('hand-computed 3-bin table', () => {
    // Positives 0, 1, 2 and negatives 2, 1, 0 in bins of rising score. Pairs: 3 × 3 = 9.
    // Bin 1's positive beats 2 negatives below and ties 1: 2.5; bin 2's two positives beat 3 each: 6. AUC = 8.5 / 9.
    const a = binnedAuc([0, 1, 2], [2, 1, 0])!;
    expect(a.auc).toBeCloseTo(8.5 / 9, 12);
    // Structural components. V10 per positive: bin 1 (2 + ½)/3 = 5/6, bin 2 (3)/3 = 1.
    // V01 per negative: bin 0 (3 above)/3 = 1, bin 1 (2 + ½)/3 = 5/6.
    const A = 8.5 / 9;
    const s10 = (1 * (5 / 6 - A) ** 2 + 2 * (1 - A) ** 2) / 2;
    const s01 = (2 * (1 - A) ** 2 + 1 * (5 / 6 - A) ** 2) / 2;
    expect(a.variance).toBeCloseTo(s10 / 3 + s01 / 3, 12);
  });

  it('equals the Mann–Whitney AUC of untied scores, one row per bin', () => {
    // Scores 1..6; positives at 2, 5, 6; negatives at 1, 3, 4: pairs won 1 + 3 + 3 = 7 of 9.
    const a = binnedAuc([0, 1, 0, 0, 1, 1], [1, 0, 1, 1, 0, 0])!;
    expect(a.auc).toBeCloseTo(7 / 9, 12);
  });

  it('Hanley & McNeil (1982) rating data: their AUC, and DeLong from the individual rows', () => {
    // Hanley & McNeil (1982, Radiology 143:29–36), Table 1: 5-point ratings of 58 normal and 51
    // abnormal CT images. Normal: 33, 6, 6, 11, 2; abnormal: 3, 2, 2, 11, 33. Published AUC: 0.893.
    const pos = [3, 2, 2, 11, 33];
    const neg = [33, 6, 6, 11, 2];
    const a = binnedAuc(pos, neg)!;
    expect(a.auc).toBeCloseTo(0.893, 3);
    // DeLong (1988) computed row by row: placement of each positive among the negatives and back.
    const xs = pos.flatMap((c, b) => Array<number>(c).fill(b));
    const ys = neg.flatMap((c, b) => Array<number>(c).fill(b));
    const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
    const v10 = xs.map((x) => ys.reduce((s, y) => s + psi(x, y), 0) / ys.length);
    const v01 = ys.map((y) => xs.reduce((s, x) => s + psi(x, y), 0) / xs.length);
    const auc = v10.reduce((s, v) => s + v, 0) / xs.length;
    const s10 = v10.reduce((s, v) => s + (v - auc) ** 2, 0) / (xs.length - 1);
    const s01 = v01.reduce((s, v) => s + (v - auc) ** 2, 0) / (ys.length - 1);
    expect(a.auc).toBeCloseTo(auc, 12);
    expect(a.variance).toBeCloseTo(s10 / xs.length + s01 / ys.length, 12);
    // Same order as Hanley & McNeil's own approximate SE for this table (0.032).
    expect(Math.sqrt(a.variance)).toBeGreaterThan(0.028);
    expect(Math.sqrt(a.variance)).toBeLessThan(0.035);
    const ci = aucInterval(a, z)!;
    expect(ci.lo).toBeLessThan(a.auc);
    expect(ci.hi).toBeLessThan(1);
  });

  it('is null without positives or negatives', () => {
    expect(binnedAuc([0, 0], [1, 2])).toBeNull();
  });
});

describe('dkwEpsilon (Massart constant)', () => {
  it('√(ln(2/α) / 2n)', () => {
    expect(dkwEpsilon(1000, 0.05)).toBeCloseTo(Math.sqrt(Math.log(40) / 2000), 12);
    expect(dkwEpsilon(1000, 0.05)).toBeCloseTo(0.04295, 5);
  });
});

describe('byarRatioInterval', () => {
  it('O = 20, E = 10: close to the exact Poisson limits 12.217 and 30.888 (÷ 10)', () => {
    const ci = byarRatioInterval(20, 10, z)!;
    expect(ci.lo).toBeCloseTo(1.2217, 2);
    expect(ci.hi).toBeCloseTo(3.0888, 2);
  });
  it('O = 0 gives a lower limit of 0', () => {
    expect(byarRatioInterval(0, 5, z)!.lo).toBe(0);
  });
});

describe('cramersV (bias-corrected, Bergsma 2013)', () => {
  it('a perfect 2 × 2 association is 1', () => {
    expect(cramersV([10, 0, 0, 10], 2, 2)).toBeCloseTo(1, 12);
  });
  it('hand-computed 2 × 2: [[30, 10], [10, 30]], n = 80', () => {
    // χ² = 80 × (30·30 − 10·10)² / (40⁴) = 20; φ² = 0.25; φ̃² = 0.25 − 1/79; r̃ = k̃ = 2 − 1/79.
    const phi2 = 0.25 - 1 / 79;
    expect(cramersV([30, 10, 10, 30], 2, 2)).toBeCloseTo(Math.sqrt(phi2 / (1 - 1 / 79)), 12);
  });
  it('independence gives 0 (the correction removes the chance χ²)', () => {
    expect(cramersV([20, 20, 20, 20], 2, 2)).toBe(0);
  });
  it('drops empty rows and columns', () => {
    expect(cramersV([30, 10, 0, 0, 0, 0, 10, 30, 0], 3, 3)).toBeCloseTo(cramersV([30, 10, 10, 30], 2, 2), 12);
  });
});

describe('multinomialDeltaSe', () => {
  it('of a proportion is the binomial standard error', () => {
    expect(multinomialDeltaSe((x) => x[0]! / (x[0]! + x[1]!), [30, 70])).toBeCloseTo(Math.sqrt((0.3 * 0.7) / 100), 5);
  });
});
