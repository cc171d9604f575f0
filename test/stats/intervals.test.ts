import { describe, expect, it } from 'vitest';
import { katzLogInterval, newcombeInterval, wilsonInterval, zCritical } from '../../harness/stats/index.js';

const z95 = zCritical(0.05);

describe('zCritical', () => {
  it('gives the familiar two-sided normal quantiles', () => {
    expect(z95).toBeCloseTo(1.959963984540054, 12);
    expect(zCritical(0.01)).toBeCloseTo(2.5758293035489, 10);
  });
});

describe('wilsonInterval', () => {
  // Newcombe RG (1998a). Two-sided confidence intervals for the single proportion: comparison of
  // seven methods. Statistics in Medicine 17:857–872, Table II, method 3 (score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → [%f, %f] (Newcombe 1998a)', (x, n, lo, hi) => {
    const ci = wilsonInterval(x, n, z95)!;
    expect(ci.lo).toBeCloseTo(lo, 4);
    expect(ci.hi).toBeCloseTo(hi, 4);
    expect(ci.method).toBe('wilson');
  });

  it('is null without observations and stays inside [0, 1]', () => {
    expect(wilsonInterval(0, 0, z95)).toBeNull();
    const all = wilsonInterval(10, 10, z95)!;
    expect(all.hi).toBe(1);
    expect(all.lo).toBeGreaterThan(0.69);
  });
});

describe('newcombeInterval (hybrid score, method 10)', () => {
  // Newcombe RG (1998b). Interval estimation for the difference between independent proportions:
  // comparison of eleven methods. Statistics in Medicine 17:873–890, Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
  ])('%i/%i − %i/%i → [%f, %f] (Newcombe 1998b)', (x1, n1, x0, n0, lo, hi) => {
    const ci = newcombeInterval(x1, n1, x0, n0, z95)!;
    expect(ci.lo).toBeCloseTo(lo, 4);
    expect(ci.hi).toBeCloseTo(hi, 4);
    expect(ci.method).toBe('newcombe-hybrid-score');
  });
});

describe('katzLogInterval', () => {
  // Physicians' Health Study, myocardial infarction: placebo 189/11034 vs aspirin 104/11037.
  // Agresti A (2007), An Introduction to Categorical Data Analysis, 2nd ed., §2.2–2.3: relative risk 1.82,
  // 95 % log-scale interval (1.43, 2.31).
  it('reproduces the aspirin relative-risk example', () => {
    const ci = katzLogInterval(189, 11034, 104, 11037, z95)!;
    expect((189 / 11034) / (104 / 11037)).toBeCloseTo(1.82, 2);
    expect(ci.lo).toBeCloseTo(1.43, 2);
    expect(ci.hi).toBeCloseTo(2.31, 2);
    expect(ci.method).toBe('katz-log');
  });

  it('matches the closed form exp(ln RR ± z·se) on a hand computation', () => {
    // 20/100 vs 10/100: RR 2, se = √(1/20 − 1/100 + 1/10 − 1/100) = √0.13
    const ci = katzLogInterval(20, 100, 10, 100, z95)!;
    expect(ci.lo).toBeCloseTo(2 * Math.exp(-z95 * Math.sqrt(0.13)), 12);
    expect(ci.hi).toBeCloseTo(2 * Math.exp(z95 * Math.sqrt(0.13)), 12);
  });

  it('is null when a numerator is zero', () => {
    expect(katzLogInterval(0, 50, 5, 50, z95)).toBeNull();
    expect(katzLogInterval(5, 50, 0, 50, z95)).toBeNull();
  });
});
