import { describe, expect, it } from 'vitest';
import { koopmanInterval, koopmanLowerLimit, koopmanStatistic, zCritical } from '../../harness/stats/index.js';

const z95 = zCritical(0.05);

describe('koopmanLowerLimit: a ratio whose reference count is zero', () => {
  it('is the φ where the constrained χ² crosses z² (Koopman 1984), with every larger φ accepted', () => {
    const lo = koopmanLowerLimit(100, 200, 0, 1000, z95)!;
    expect(lo).toBeGreaterThan(1);
    expect(koopmanStatistic(100, 200, 0, 1000, lo)).toBeCloseTo(z95 * z95, 6);
    expect(koopmanStatistic(100, 200, 0, 1000, lo * 0.99)).toBeGreaterThan(z95 * z95);
    for (const k of [1.01, 2, 10, 1e6]) expect(koopmanStatistic(100, 200, 0, 1000, lo * k)).toBeLessThanOrEqual(z95 * z95);
  });

  it('agrees with the two-sided interval as the reference count shrinks towards zero', () => {
    // One reference event among 100,000 instead of none: the lower limits are close.
    const finite = koopmanInterval(100, 200, 1, 100_000, z95)!;
    const zero = koopmanLowerLimit(100, 200, 0, 100_000, z95)!;
    expect(zero).toBeGreaterThan(finite.lo);
    expect(zero / finite.lo).toBeLessThan(3);
  });

  it('is null unless the group has events and the reference has none', () => {
    expect(koopmanLowerLimit(0, 200, 0, 1000, z95)).toBeNull();
    expect(koopmanLowerLimit(5, 200, 1, 1000, z95)).toBeNull();
    expect(koopmanLowerLimit(5, 0, 0, 1000, z95)).toBeNull();
  });
});
