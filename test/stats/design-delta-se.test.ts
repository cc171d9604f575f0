import { describe, expect, it } from 'vitest';
import { selectiveEstimates } from '../../harness/metrics/index.js';
import { designDeltaSe } from '../../harness/stats/index.js';

/** Hand computations of the design-based delta method (harness/stats/distribution/design-delta-se.ts). */
describe('designDeltaSe', () => {
  it('a domain share of a simple random sample without replacement: (1 − R/N)(1 − p)/((R − 1) p) on the log scale', () => {
    // R = 1,000 of N = 10,000, p = 0.3: Var log = 0.9 × 0.7 / (999 × 0.3) = 0.0021021 → se 0.045849
    const se = designDeltaSe((x, t) => Math.log(t[0]! / ((10_000 * x[0]!) / (x[0]! + x[1]!))), {
      random: Float64Array.of(300, 700),
      populationSize: 10_000,
      totals: Float64Array.of(50),
      totalVariances: Float64Array.of(0),
    });
    expect(se).toBeCloseTo(Math.sqrt((0.9 * 0.7) / (999 * 0.3)), 8);
  });

  it('Horvitz–Thompson totals: Σ h² (1 − π)/π², the real cases behind the totals', () => {
    // 30 and 70 cases at π = 0.1 stand for 300 and 700; log share of the first: h = 1/300 − 1/1000 and
    // −1/1000; V = 30 × 0.9/0.01 = 2,700 and 6,300 → Var = 0.0147 + 0.0063 = 0.0210, se 0.145 (taking
    // "300 of 1,000" as binomial observations would give Var = 0.7/300 = 0.00233, se 0.048)
    const se = designDeltaSe((_x, t) => Math.log(t[0]! / (t[0]! + t[1]!)), {
      random: Float64Array.of(10, 10),
      populationSize: 1000,
      totals: Float64Array.of(300, 700),
      totalVariances: Float64Array.of(2700, 6300),
    });
    expect(se).toBeCloseTo(Math.sqrt((1 / 300 - 1 / 1000) ** 2 * 2700 + (1 / 1000) ** 2 * 6300), 8);
  });

  it('no sampling error: a census audit and counted flagged cases give 0; too small a sample gives NaN', () => {
    const f = (x: Float64Array, t: Float64Array) => Math.log(t[0]! / x[0]!);
    expect(designDeltaSe(f, { random: Float64Array.of(40, 60), populationSize: 100, totals: Float64Array.of(5), totalVariances: Float64Array.of(0) })).toBe(0);
    expect(designDeltaSe(f, { random: Float64Array.of(1, 0), populationSize: 100, totals: Float64Array.of(5), totalVariances: Float64Array.of(0) })).toBeNaN();
  });
});

describe('selectiveEstimates', () => {
  it('expansion estimates from the random audit, counts from the flagged cases', () => {
    // Random audit: a 30 errors + 70 without, b 20 + 80 (R = 200 of N = 2,000); flagged: a 6 + 4, b 2 + 8.
    const e = selectiveEstimates(Float64Array.of(30, 20, 70, 80), Float64Array.of(6, 2, 4, 8), 2, 2000);
    expect(e.size).toEqual([1000, 1000]);
    expect(e.selection).toEqual([0.01, 0.01]);
    expect(e.fpr).toEqual([4 / 700, 8 / 800]);
    expect(e.fnr).toEqual([(300 - 6) / 300, (200 - 2) / 200]);
    expect(e.precision).toEqual([0.6, 0.2]);
    expect(e.tn).toEqual([700 - 4, 800 - 8]);
  });
});
