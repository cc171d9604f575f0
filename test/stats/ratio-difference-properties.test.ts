import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differenceInterval, koopmanLimits, koopmanStatistic, ratioLimits, zCritical } from '../../harness/stats/index.js';

/** Invariants of the ratio and difference intervals at every count, edges included (fast-check, seeded). */
const z95 = zCritical(0.05);
const table = fc
  .record({ n1: fc.integer({ min: 1, max: 3000 }), n0: fc.integer({ min: 1, max: 3000 }), u1: fc.double({ min: 0, max: 1, noNaN: true }), u0: fc.double({ min: 0, max: 1, noNaN: true }) })
  // Rates of 0 and 100 % are drawn often: a third of the draws pin each count to an edge.
  .chain(({ n1, n0, u1, u0 }) =>
    fc.tuple(fc.constantFrom(0, 1, 2), fc.constantFrom(0, 1, 2)).map(([e1, e0]) => ({
      n1,
      n0,
      x1: e1 === 0 ? 0 : e1 === 1 ? n1 : Math.floor(u1 * (n1 + 1)) % (n1 + 1),
      x0: e0 === 0 ? 0 : e0 === 1 ? n0 : Math.floor(u0 * (n0 + 1)) % (n0 + 1),
    })),
  );
const PARAMS = { seed: 20261206, numRuns: 400 };

describe('ratio and difference intervals: invariants', () => {
  it('the reported ratio interval holds the estimate, starts at 0 exactly when x1 = 0 and is unbounded exactly when x0 = 0', () => {
    fc.assert(
      fc.property(table, ({ x1, n1, x0, n0 }) => {
        const r = ratioLimits(x1, n1, x0, n0, z95)!;
        expect(r.lo).toBeGreaterThanOrEqual(0);
        expect(r.lo === 0).toBe(x1 === 0);
        expect(r.hi === Infinity).toBe(x0 === 0);
        if (x0 > 0) {
          const estimate = x1 / n1 / (x0 / n0);
          expect(r.lo).toBeLessThanOrEqual(estimate * (1 + 1e-12));
          expect(r.hi).toBeGreaterThanOrEqual(estimate * (1 - 1e-12));
        }
      }),
      PARAMS,
    );
  });

  it('the difference interval holds the estimate and stays inside [−1, 1]', () => {
    fc.assert(
      fc.property(table, ({ x1, n1, x0, n0 }) => {
        const d = differenceInterval(x1, n1, x0, n0, z95)!;
        const estimate = x1 / n1 - x0 / n0;
        expect(d.lo).toBeLessThanOrEqual(estimate + 1e-12);
        expect(d.hi).toBeGreaterThanOrEqual(estimate - 1e-12);
        expect(d.lo).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(d.hi).toBeLessThanOrEqual(1 + 1e-12);
      }),
      PARAMS,
    );
  });

  it("Koopman's limits are where the constrained χ² crosses z², with the estimate inside", () => {
    fc.assert(
      fc.property(table, ({ x1, n1, x0, n0 }) => {
        const k = koopmanLimits(x1, n1, x0, n0, z95)!;
        for (const limit of [k.lo, k.hi]) {
          if (limit > 0 && Number.isFinite(limit)) expect(koopmanStatistic(x1, n1, x0, n0, limit)).toBeCloseTo(z95 * z95, 6);
        }
        if (x1 > 0 && x0 > 0) expect(koopmanStatistic(x1, n1, x0, n0, x1 / n1 / (x0 / n0))).toBeLessThan(1e-9);
        expect(k.lo === 0).toBe(x1 === 0);
        expect(k.hi === Infinity).toBe(x0 === 0);
      }),
      PARAMS,
    );
  });
});
