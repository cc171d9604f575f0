import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthLargest } from '../../models/decision/kth-largest.js';

describe('kthLargest', () => {
  it('agrees with sorting, ties and duplicates included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 }), fc.nat(), (xs, r) => {
        const values = Float32Array.from(xs);
        const k = (r % values.length) + 1;
        const sorted = Float32Array.from(values).sort();
        expect(kthLargest(values, k)).toBe(sorted[values.length - k]);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
  it('leaves its input untouched and refuses k outside the range', () => {
    const v = Float32Array.of(0.3, 0.1, 0.2);
    expect(kthLargest(v, 2)).toBeCloseTo(0.2, 6);
    expect(Array.from(v)).toEqual(Array.from(Float32Array.of(0.3, 0.1, 0.2)));
    expect(() => kthLargest(v, 0)).toThrow(RangeError);
  });
});
