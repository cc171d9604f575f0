import { describe, expect, it } from 'vitest';
import {
  binomialTestPValue,
  clopperPearsonInterval,
  comparisonPValue,
  differenceEquivalencePValue,
  fisherExactPValue,
  isSmallTable,
  koopmanInterval,
  rateInterval,
  ratioEquivalencePValue,
  ratioInterval,
  zCritical,
} from '../../harness/stats/index.js';

const z95 = zCritical(0.05);

describe('clopperPearsonInterval', () => {
  // Newcombe RG (1998a). Two-sided confidence intervals for the single proportion: comparison of
  // seven methods. Statistics in Medicine 17:857–872, Table II, method 5 ("exact", Clopper–Pearson).
  it.each([
    [81, 263, 0.2527, 0.3676],
    [15, 148, 0.0578, 0.1617],
    [0, 20, 0.0, 0.1684],
    [1, 29, 0.0009, 0.1776],
  ])('%i/%i → [%f, %f] (Newcombe 1998a, method 5)', (x, n, lo, hi) => {
    const ci = clopperPearsonInterval(x, n, 0.05)!;
    expect(ci.lo).toBeCloseTo(lo, 4);
    expect(ci.hi).toBeCloseTo(hi, 4);
    expect(ci.method).toBe('clopper-pearson');
  });

  it('has closed forms at the edges: upper limit 1 − (α/2)^(1/n) at x = 0, lower limit (α/2)^(1/n) at x = n', () => {
    expect(clopperPearsonInterval(0, 10, 0.05)!.hi).toBeCloseTo(1 - 0.025 ** (1 / 10), 12);
    expect(clopperPearsonInterval(10, 10, 0.05)!.lo).toBeCloseTo(0.025 ** (1 / 10), 12);
    expect(clopperPearsonInterval(3, 0, 0.05)).toBeNull();
  });
});

describe('koopmanInterval', () => {
  // Koopman PAR (1984). Confidence intervals for the ratio of two binomial proportions.
  // Biometrics 40:513–517: 36/40 vs 16/80, ratio 4.5, 95 % score interval (2.94, 7.15).
  it('reproduces Koopman’s worked example', () => {
    const ci = koopmanInterval(36, 40, 16, 80, z95)!;
    expect(ci.lo).toBeCloseTo(2.94, 2);
    expect(ci.hi).toBeCloseTo(7.15, 2);
    expect(ci.method).toBe('koopman-score');
  });

  it('handles a zero numerator (lower limit 0) and refuses an unbounded upper limit', () => {
    const ci = koopmanInterval(0, 40, 16, 80, z95)!;
    expect(ci.lo).toBe(0);
    expect(ci.hi).toBeGreaterThan(0.2);
    expect(ci.hi).toBeLessThan(1);
    expect(koopmanInterval(5, 40, 0, 80, z95)).toBeNull();
  });

  it('contains the point estimate and agrees with Katz in large samples', () => {
    const k = koopmanInterval(2000, 10000, 1000, 10000, z95)!;
    expect(k.lo).toBeLessThan(2);
    expect(k.hi).toBeGreaterThan(2);
    const katz = ratioInterval(2000, 10000, 1000, 10000, z95)!;
    expect(katz.method).toBe('katz-log');
    expect(k.lo).toBeCloseTo(katz.lo, 2);
    expect(k.hi).toBeCloseTo(katz.hi, 2);
  });
});

describe('exact tests', () => {
  // Fisher's tea-tasting experiment, 3 of 4 "milk first" cups identified: two-sided P = 0.486
  // (Agresti A, 2007, An Introduction to Categorical Data Analysis, 2nd ed., §2.6.2).
  it('Fisher exact: tea tasting', () => {
    expect(fisherExactPValue(3, 4, 1, 4)).toBeCloseTo(0.4857, 4);
    expect(fisherExactPValue(4, 4, 0, 4)).toBeCloseTo(2 / 70, 10);
    expect(fisherExactPValue(1, 0, 1, 4)).toBeNull();
  });

  // R documentation of binom.test: Mendel's peas, 682 of 925 against p = 3/4, p-value = 0.3825.
  it('exact binomial: Mendel’s peas', () => {
    expect(binomialTestPValue(682, 925, 0.75)).toBeCloseTo(0.3825, 4);
    // hand computation: P(X = 0) + P(X = 10) for Binomial(10, 1/2) = 2/1024
    expect(binomialTestPValue(0, 10, 0.5)).toBeCloseTo(2 / 1024, 12);
  });
});

describe('methods chosen by cell size (stats/small-sample.ts)', () => {
  it('rates: Clopper–Pearson below 5 events or non-events, Wilson above', () => {
    expect(rateInterval(4, 100, z95)!.method).toBe('clopper-pearson');
    expect(rateInterval(96, 100, z95)!.method).toBe('clopper-pearson');
    expect(rateInterval(5, 100, z95)!.method).toBe('wilson');
  });

  it('ratios: MOVER from the rate intervals when a count is small, Katz otherwise', () => {
    expect(ratioInterval(0, 50, 10, 50, z95)!.method).toBe('mover-ratio');
    expect(ratioInterval(20, 50, 10, 50, z95)!.method).toBe('katz-log');
  });

  it('p-values: Fisher exact for a small table (Cochran), asymptotic otherwise', () => {
    expect(isSmallTable(3, 4, 1, 4)).toBe(true);
    expect(comparisonPValue('ratio', 3, 4, 1, 4)).toEqual({ p: fisherExactPValue(3, 4, 1, 4), method: 'fisher-exact' });
    expect(comparisonPValue('difference', 200, 1000, 100, 1000).method).toBe('pooled-z');
    expect(comparisonPValue('ratio', 200, 1000, 100, 1000).method).toBe('wald-log-ratio');
    // not small by Cochran (expected counts ≥ 5) but a zero count: Koopman's score test
    const r = comparisonPValue('ratio', 0, 100, 12, 100);
    expect(r.method).toBe('pearson-score');
    expect(r.p).toBeLessThan(0.001);
  });
});

describe('TOST equivalence', () => {
  it('ratio: equivalent within 0.8–1.25 when the 90 % Katz interval lies inside', () => {
    // 500/5000 vs 480/5000: ln RR = ln(1.0417) = 0.0408, se = √(1/500 − 1/5000 + 1/480 − 1/5000) = 0.0610
    const se = Math.sqrt(1 / 500 - 1 / 5000 + 1 / 480 - 1 / 5000);
    const est = Math.log(500 / 480);
    const p = ratioEquivalencePValue(500, 5000, 480, 5000, 0.8, 1.25)!;
    // the binding side is the upper bound: p = Φ((est − ln 1.25)/se)
    const expected = 0.5 * (1 + erf((est - Math.log(1.25)) / se / Math.SQRT2));
    expect(p).toBeCloseTo(expected, 10);
    expect(p).toBeLessThan(0.05);
    expect(ratioEquivalencePValue(60, 500, 40, 500, 0.8, 1.25)!).toBeGreaterThan(0.5);
  });

  it('difference: TOST on the unpooled Wald scale', () => {
    const p = differenceEquivalencePValue(100, 1000, 100, 1000, -0.05, 0.05)!;
    const se = Math.sqrt(2 * 0.09 / 1000);
    expect(p).toBeCloseTo(0.5 * (1 + erf(-0.05 / se / Math.SQRT2)), 10);
  });
});

/** erf by its Maclaurin series (exact to ~1e-14 for the |x| < 3 used here), independent of the library's normal cdf. */
function erf(x: number): number {
  // Maclaurin series, enough terms for |x| < 6
  let sum = 0;
  let term = x;
  for (let n = 0; n < 200; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
