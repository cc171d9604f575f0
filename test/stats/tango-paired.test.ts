import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clopperPearsonInterval,
  logFactorial,
  tangoConstrainedDiscordant,
  tangoPairedDifferenceInterval,
  tangoPairedStatistic,
  zCritical,
} from '../../harness/stats/index.js';

const z95 = zCritical(0.05);

/** Paired counts: n pairs, b positive under condition B only, c under condition A only. */
const counts = fc
  .integer({ min: 1, max: 5000 })
  .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n })))
  .chain(([n, d]) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: d }), fc.constant(d)))
  .map(([n, b, d]) => ({ n, b, c: d - b }));

describe('tangoPairedDifferenceInterval: published example', () => {
  // Airway hyper-responsiveness before and after stem cell transplantation (Bentur et al. 2009), the
  // worked paired example of Fagerland MW, Lydersen S, Laake P (2014), Recommended tests and confidence
  // intervals for paired binomial proportions, Statistics in Medicine 33:2850–2875:
  // (a, b, c, d) = (1, 1, 7, 12), n = 21, difference (b − c)/n = −0.2857.
  // Tango 95 % limits −0.517232 to −0.026003, score statistic at 0 −2.12132 (χ² 4.5): the documented
  // Tango example of the ratesci R package, pairbinci(x = c(1, 1, 7, 12), skew = FALSE, bcf = FALSE),
  // which cites that paper; −0.517 to −0.026 to the three decimals of the paper.
  it('reproduces the Bentur et al. table to six decimals', () => {
    const ci = tangoPairedDifferenceInterval(1, 7, 21, z95)!;
    expect(ci.lo).toBeCloseTo(-0.517232, 6);
    expect(ci.hi).toBeCloseTo(-0.026003, 6);
    expect(ci.method).toBe('tango-score-paired');
    expect(tangoPairedStatistic(1, 7, 21, 0)).toBeCloseTo(-2.12132, 5);
  });

  it('at δ = 0 the statistic is McNemar’s, (b − c)/√(b + c)', () => {
    expect(tangoPairedStatistic(12, 2, 50, 0)).toBeCloseTo(10 / Math.sqrt(14), 12);
    expect(tangoPairedStatistic(150, 86, 1600, 0)).toBeCloseTo(64 / Math.sqrt(236), 12);
  });
});

describe('tangoConstrainedDiscordant: closed form against the constrained likelihood', () => {
  /** Log-likelihood of the table under p_b − p_c = δ, as a function of q = p_c. */
  function logLikelihood(b: number, c: number, n: number, delta: number, q: number): number {
    const term = (k: number, p: number) => (k === 0 ? 0 : k * Math.log(p));
    return term(b, q + delta) + term(c, q) + term(n - b - c, 1 - 2 * q - delta);
  }

  /** Golden-section search for the maximum over the feasible range max(0, −δ) ≤ q ≤ (1 − δ)/2 (concave there). */
  function numericMaximum(b: number, c: number, n: number, delta: number): number {
    let lo = Math.max(0, -delta);
    let hi = (1 - delta) / 2;
    const g = (Math.sqrt(5) - 1) / 2;
    for (let i = 0; i < 200; i++) {
      const x1 = hi - g * (hi - lo);
      const x2 = lo + g * (hi - lo);
      if (logLikelihood(b, c, n, delta, x1) < logLikelihood(b, c, n, delta, x2)) lo = x1;
      else hi = x2;
    }
    return (lo + hi) / 2;
  }

  it.each([
    [1, 7, 21, -0.1],
    [1, 7, 21, 0.3],
    [12, 2, 50, 0],
    [12, 2, 50, -0.4],
    [0, 244, 3000, -0.05],
    [0, 244, 3000, 0.02],
    [30, 0, 100, 0.5],
    [0, 0, 10, 0.2],
    [0, 0, 10, -0.2],
    [5, 5, 10, 0.9],
  ])('b = %i, c = %i, n = %i, δ = %f', (b, c, n, delta) => {
    expect(tangoConstrainedDiscordant(b, c, n, delta)).toBeCloseTo(numericMaximum(b, c, n, delta), 7);
  });
});

describe('tangoPairedDifferenceInterval: edge cases', () => {
  it('no discordant pair: ±z²/(n + z²), an interval around 0 shrinking with n, not a point', () => {
    for (const n of [1, 2, 10, 100, 10_000]) {
      const ci = tangoPairedDifferenceInterval(0, 0, n, z95)!;
      const half = (z95 * z95) / (n + z95 * z95);
      expect(ci.lo).toBeCloseTo(-half, 10);
      expect(ci.hi).toBeCloseTo(half, 10);
    }
    // n = 1: ±3.8415/4.8415 = ±0.7935; n = 10 000: ±0.000384
    expect(tangoPairedDifferenceInterval(0, 0, 1, z95)!.hi).toBeCloseTo(0.7935, 4);
    expect(tangoPairedDifferenceInterval(0, 0, 10_000, z95)!.hi).toBeCloseTo(0.000384, 6);
  });

  it('flips all one way (b = 0 or c = 0) still give a two-sided interval around the estimate', () => {
    const down = tangoPairedDifferenceInterval(0, 5, 20, z95)!;
    expect(down.lo).toBeGreaterThan(-1);
    expect(down.lo).toBeLessThan(-0.25 - 0.1);
    expect(down.hi).toBeGreaterThan(-0.25 + 0.1);
    expect(down.hi).toBeLessThan(0);
    const up = tangoPairedDifferenceInterval(5, 0, 20, z95)!;
    expect(up.lo).toBeCloseTo(-down.hi, 12);
    expect(up.hi).toBeCloseTo(-down.lo, 12);
  });

  it('every pair discordant the same way: the interval reaches ±1 on that side only', () => {
    const all = tangoPairedDifferenceInterval(7, 0, 7, z95)!;
    expect(all.hi).toBe(1);
    expect(all.lo).toBeGreaterThan(0);
    expect(all.lo).toBeLessThan(1);
    const none = tangoPairedDifferenceInterval(0, 7, 7, z95)!;
    expect(none.lo).toBe(-1);
    expect(none.hi).toBeCloseTo(-all.lo, 12);
  });

  it('small n: one pair, flagged only as its twin', () => {
    const ci = tangoPairedDifferenceInterval(1, 0, 1, z95)!;
    expect(ci.hi).toBe(1);
    expect(ci.lo).toBeLessThan(0);
    expect(ci.lo).toBeGreaterThan(-1);
    expect(tangoPairedStatistic(1, 0, 1, ci.lo)).toBeCloseTo(z95, 6);
  });

  it('is null without pairs', () => {
    expect(tangoPairedDifferenceInterval(0, 0, 0, z95)).toBeNull();
  });

  it('n = 3000, 244 flips down and none up: about ±1 pp around −8.1 pp', () => {
    const ci = tangoPairedDifferenceInterval(0, 244, 3000, z95)!;
    expect(ci.lo).toBeCloseTo(-0.09166, 5);
    expect(ci.hi).toBeCloseTo(-0.07208, 5);
    // the conditional interval it replaces: −244/3000 · [1, 1 − 2·CP⁺(0/244)] = [−8.13, −7.89] pp
    const conditionalHi = (-244 * (1 - 2 * clopperPearsonInterval(0, 244, 0.05)!.hi)) / 3000;
    expect(conditionalHi).toBeCloseTo(-0.07889, 5);
  });
});

describe('tangoPairedDifferenceInterval: properties', () => {
  it('contains the estimate, lies in [−1, 1], is not a point, and its ends solve |Z| = z', () => {
    fc.assert(
      fc.property(counts, fc.double({ min: 0.5, max: 3.5, noNaN: true }), ({ n, b, c }, z) => {
        const ci = tangoPairedDifferenceInterval(b, c, n, z)!;
        const estimate = (b - c) / n;
        expect(ci.lo).toBeGreaterThanOrEqual(-1);
        expect(ci.hi).toBeLessThanOrEqual(1);
        expect(ci.lo).toBeLessThanOrEqual(estimate);
        expect(ci.hi).toBeGreaterThanOrEqual(estimate);
        expect(ci.hi - ci.lo).toBeGreaterThan(0);
        if (ci.lo > -1) expect(tangoPairedStatistic(b, c, n, ci.lo)).toBeCloseTo(z, 4);
        if (ci.hi < 1) expect(tangoPairedStatistic(b, c, n, ci.hi)).toBeCloseTo(-z, 4);
      }),
      { numRuns: 300 },
    );
  });

  it('widens with z (a higher confidence level never gives a shorter interval)', () => {
    fc.assert(
      fc.property(counts, fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), ({ n, b, c }, z, dz) => {
        const narrow = tangoPairedDifferenceInterval(b, c, n, z)!;
        const wide = tangoPairedDifferenceInterval(b, c, n, z + dz)!;
        expect(wide.lo).toBeLessThanOrEqual(narrow.lo + 1e-12);
        expect(wide.hi).toBeGreaterThanOrEqual(narrow.hi - 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('swapping b and c mirrors the interval', () => {
    fc.assert(
      fc.property(counts, ({ n, b, c }) => {
        const ci = tangoPairedDifferenceInterval(b, c, n, z95)!;
        const mirrored = tangoPairedDifferenceInterval(c, b, n, z95)!;
        expect(mirrored.lo).toBeCloseTo(-ci.hi, 10);
        expect(mirrored.hi).toBeCloseTo(-ci.lo, 10);
      }),
      { numRuns: 200 },
    );
  });

  it('excludes 0 exactly when the uncorrected McNemar score test rejects', () => {
    fc.assert(
      fc.property(counts, ({ n, b, c }) => {
        fc.pre(b + c > 0);
        const chi2 = (b - c) ** 2 / (b + c);
        fc.pre(Math.abs(chi2 - z95 * z95) > 1e-6);
        const ci = tangoPairedDifferenceInterval(b, c, n, z95)!;
        expect(ci.lo > 0 || ci.hi < 0).toBe(chi2 > z95 * z95);
      }),
      { numRuns: 300 },
    );
  });
});

describe('exact coverage, by enumerating every paired table', () => {
  /**
   * n = 200 pairs with p_b = 0.01 and p_c = 0.09 (flips mostly one way, as with twins): the probability
   * that each method's nominal 95 % interval covers the true difference −0.08, summed over all (b, c).
   */
  const n = 200;
  const pb = 0.01;
  const pc = 0.09;
  const truth = pb - pc;

  /** The interval this one replaced: Clopper–Pearson on b/(b + c), scaled to (b + c)(2π − 1)/n. */
  function conditional(b: number, c: number): [number, number] {
    const d = b + c;
    if (d === 0) {
      const bound = clopperPearsonInterval(0, n, 0.05)!.hi;
      return [-bound, bound];
    }
    const pi = clopperPearsonInterval(b, d, 0.05)!;
    return [(d * (2 * pi.lo - 1)) / n, (d * (2 * pi.hi - 1)) / n];
  }

  let tango = 0;
  let cond = 0;
  for (let b = 0; b <= n; b++) {
    for (let c = 0; b + c <= n; c++) {
      const m = n - b - c;
      const p = Math.exp(logFactorial(n) - logFactorial(b) - logFactorial(c) - logFactorial(m) + b * Math.log(pb) + c * Math.log(pc) + m * Math.log(1 - pb - pc));
      if (p < 1e-14) continue;
      const t = tangoPairedDifferenceInterval(b, c, n, z95)!;
      if (t.lo <= truth && truth <= t.hi) tango += p;
      const [lo, hi] = conditional(b, c);
      if (lo <= truth && truth <= hi) cond += p;
    }
  }

  it('Tango covers close to 95 %; the conditional interval it replaced covers far less', () => {
    console.log(`exact coverage, n = ${n}, p_b = ${pb}, p_c = ${pc}: Tango ${tango.toFixed(4)}, conditional ${cond.toFixed(4)}`);
    expect(tango).toBeGreaterThan(0.93);
    expect(tango).toBeLessThan(0.97);
    expect(cond).toBeLessThan(0.85);
  });
});
