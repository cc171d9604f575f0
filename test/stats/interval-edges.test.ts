import { describe, expect, it } from 'vitest';
import { accumulateRows, computeGroupStats, createCellCounts } from '../../harness/accumulate/index.js';
import { computeGroupMetrics } from '../../harness/metrics/index.js';
import {
  comparisonPValue,
  koopmanInterval,
  koopmanLimits,
  koopmanLowerLimit,
  koopmanStatistic,
  ratioInterval,
  ratioLimits,
  ratioLowerLimit,
  zCritical,
} from '../../harness/stats/index.js';

/**
 * The inputs of the review that found the interval defects of issue 11, with the limits computed at
 * 50 digits by test/fixtures/intervals-reference/generate.py (mpmath, bisection on the defining equations).
 */
const z95 = zCritical(0.05);
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));

describe('review example 1: Koopman at a rate of 100 %', () => {
  it.each([
    // x1, n1, x0, n0, lo, hi (null: unbounded); the old code gave [0.975, 1.053], [2.19, 19.9], [0, 1.3e-11], lower 91.0
    [50, 50, 19, 20, 0.9749138894319794, 1.309125325476706],
    [1, 1, 4, 50, 2.1900354662673838, 31.696209240875746],
    [0, 1, 2, 2, 0, 1.2804862735647087],
    [5, 5, 0, 300, 79.0953314881017, null],
  ] as const)('%i/%i vs %i/%i → [%f, %s]', (x1, n1, x0, n0, lo, hi) => {
    const limits = koopmanLimits(x1, n1, x0, n0, z95)!;
    close(limits.lo, lo);
    if (hi === null) {
      expect(limits.hi).toBe(Infinity);
      expect(koopmanInterval(x1, n1, x0, n0, z95)).toBeNull();
      close(koopmanLowerLimit(x1, n1, x0, n0, z95)!, lo);
    } else {
      close(limits.hi, hi);
      const ci = koopmanInterval(x1, n1, x0, n0, z95)!;
      expect([ci.lo, ci.hi]).toEqual([limits.lo, limits.hi]);
    }
    // Each finite limit is where the constrained χ² crosses z².
    for (const limit of [limits.lo, limits.hi].filter((v) => v > 0 && Number.isFinite(v))) {
      expect(koopmanStatistic(x1, n1, x0, n0, limit)).toBeCloseTo(z95 * z95, 6);
    }
  });

  it('the statistic is finite and exact on the edges where the old one returned ∞', () => {
    // 50/50 against 19/20 at φ = 1/0.95, the estimate: both fitted rates equal the observed ones.
    expect(koopmanStatistic(50, 50, 19, 20, 20 / 19)).toBeCloseTo(0, 12);
    // Both rates 100 %: 0 at φ = 1, and n1(1 − φ)/φ below it.
    expect(koopmanStatistic(5, 5, 7, 7, 1)).toBe(0);
    expect(koopmanStatistic(5, 5, 7, 7, 0.5)).toBeCloseTo(5, 12);
    expect(koopmanStatistic(0, 9, 0, 4, 3)).toBe(0);
  });
});

describe('review example 2: a reference never flagged (1 of 20 against 0 of 80)', () => {
  it("Koopman's score interval, correctly inverted, is [1.0517, ∞): Pearson's χ² of equal rates is 4.04 > z², so it excludes 1", () => {
    expect(koopmanStatistic(1, 20, 0, 80, 1)).toBeCloseTo(4.0404, 4);
    close(koopmanLowerLimit(1, 20, 0, 80, z95)!, 1.0516845949400037);
  });

  it('the reported interval (MOVER from the Clopper–Pearson rate intervals) is [0.248, ∞): it holds 1, as Fisher’s p = 0.20 does', () => {
    const r = ratioLimits(1, 20, 0, 80, z95)!;
    expect(r.method).toBe('mover-ratio');
    expect(r.hi).toBe(Infinity);
    close(r.lo, 0.24800812984686843);
    expect(r.lo).toBeLessThan(1);
    expect(ratioInterval(1, 20, 0, 80, z95)).toBeNull();
    expect(ratioLowerLimit(1, 20, 0, 80, z95)).toBe(r.lo);
    expect(comparisonPValue('ratio', 1, 20, 0, 80)).toEqual({ p: expect.closeTo(0.2, 12), method: 'fisher-exact' });
  });

  it('results carry ci null and the lower limit as lower_bound, named by its method', () => {
    const cells = createCellCounts([{ name: 'g', levels: ['a', 'b'] }]);
    const group = [...Array<number>(20).fill(0), ...Array<number>(80).fill(1)];
    const flagged = group.map((g, i) => (g === 0 && i === 0 ? 1 : 0));
    accumulateRows(cells, { n: group.length, codes: [Int32Array.from(group)], flagged: Uint8Array.from(flagged), labels: null, scores: null });
    const { results } = computeGroupMetrics(computeGroupStats(cells, [0]), 'b', { z: z95, level: 0.95, labels: false, minCell: 0 });
    const ratio = results[0]!.metrics.selection_rate_ratio!;
    expect(ratio.value).toBeNull();
    expect(ratio.ci).toBeNull();
    expect(ratio.method).toBe('mover-ratio');
    close(ratio.lower_bound!, 0.24800812984686843);
  });

  it('both counts zero: [0, ∞) and no lower_bound (the data say nothing about the ratio)', () => {
    expect(koopmanLimits(0, 20, 0, 80, z95)).toEqual({ lo: 0, hi: Infinity });
    expect(ratioLimits(0, 20, 0, 80, z95)).toMatchObject({ lo: 0, hi: Infinity });
    expect(ratioLowerLimit(0, 20, 0, 80, z95)).toBeNull();
    expect(koopmanLowerLimit(0, 20, 0, 80, z95)).toBeNull();
  });
});

describe('what the report shows for the review inputs (ratioLimits: MOVER, as every count involved is below 5)', () => {
  it.each([
    [50, 50, 19, 20, 0.9629377153625649, 1.3310842672839063],
    [1, 1, 4, 50, 0.30497741489801344, 44.988376601840365],
    [0, 1, 2, 2, 0, 1.8067090762589708],
    [5, 5, 0, 300, 69.80239673831946, null],
    [1, 20, 0, 80, 0.24800812984686843, null],
    [100, 200, 0, 1000, 134.50705469637688, null],
  ] as const)('%i/%i vs %i/%i → [%f, %s]', (x1, n1, x0, n0, lo, hi) => {
    const r = ratioLimits(x1, n1, x0, n0, z95)!;
    expect(r.method).toBe('mover-ratio');
    if (lo === 0) expect(r.lo).toBe(0);
    else close(r.lo, lo);
    if (hi === null) expect(r.hi).toBe(Infinity);
    else close(r.hi, hi);
  });
});
