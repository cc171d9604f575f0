import { describe, expect, it } from 'vitest';
import { exactMiss, ratioMethod, differenceMethod, rateMethod, zCritical } from '../../harness/stats/index.js';

/**
 * At a family level (1 − α/m, here a 44-check family), the ratio and difference intervals must miss
 * the truth no more often than α/m. Computed exactly over every pair of counts. Katz's and Newcombe's
 * normal approximations (the group tables' methods) miss more often than that with a few dozen
 * events (`npm run bench` prints both for four cases); the intervals built from exact rate intervals
 * stay below it.
 */
const z = zCritical(0.05 / 44);
const nominal = 0.05 / 44;
const CASES = [
  [60, 0.12, 3000, 0.1],
  [100, 0.08, 2000, 0.05],
  [40, 0.2, 200, 0.2],
  [200, 0.1, 200, 0.1],
  [500, 0.05, 5000, 0.04],
  [30, 0.3, 1000, 0.1],
  [80, 0.5, 400, 0.3],
] as const;

describe('interval coverage at a family level, computed exactly', () => {
  it('a check uses exact rate intervals and MOVER at every level; the group tables the textbook methods', () => {
    for (const level of [z, zCritical(0.05)]) {
      expect(rateMethod(60, 500, level, true)).toBe('clopper-pearson');
      expect(ratioMethod(60, 500, 300, 3000, level, true)).toBe('mover-ratio');
      expect(differenceMethod(60, 500, 300, 3000, level, true)).toBe('mover-difference');
    }
    const z95 = zCritical(0.05);
    expect(rateMethod(60, 500, z95)).toBe('wilson');
    expect(ratioMethod(60, 500, 300, 3000, z95)).toBe('katz-log');
    expect(differenceMethod(60, 500, 300, 3000, z95)).toBe('newcombe-hybrid-score');
  });

  it('the textbook intervals would miss too often here (why checks do not use them)', () => {
    expect(exactMiss('ratio', 60, 0.12, 3000, 0.1, z, false).total).toBeGreaterThan(2 * nominal);
    expect(exactMiss('difference', 60, 0.12, 3000, 0.1, z, false).total).toBeGreaterThan(1.5 * nominal);
  });

  for (const variant of ['ratio', 'difference'] as const) {
    it.each(CASES)(`${variant}: ${'%i'} at %f against %i at %f misses at most α/m`, (n1, p1, n0, p0) => {
      const miss = exactMiss(variant, n1, p1, n0, p0, z);
      expect(miss.total).toBeLessThanOrEqual(nominal);
      // and is not wildly conservative: at least a third of the nominal rate is spent
      expect(miss.total).toBeGreaterThan(nominal / 3);
    });
  }
});
