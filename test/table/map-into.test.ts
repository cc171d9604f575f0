import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapInto } from '../../datasets/table/index.js';

describe('mapInto', () => {
  it('equals TypedArray.from with the same map function, index included (property)', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: false })), (xs) => {
      const values = Float64Array.from(xs);
      const fn = (v: number, i: number) => (Number.isNaN(v) ? 255 : (v > 0 ? 1 : 0) + (i % 2));
      expect(mapInto(new Uint8Array(values.length), values, fn)).toEqual(Uint8Array.from(values, fn));
    }), { seed: 7, numRuns: 200 });
  });

  it('returns the array it filled, accepts plain arrays as input, and refuses an output too short', () => {
    const out = new Float64Array(3);
    expect(mapInto(out, ['1', '', 'x'], (s) => (s === '' ? NaN : Number(s)))).toBe(out);
    expect(Array.from(out)).toEqual([1, NaN, NaN]);
    expect(() => mapInto(new Int32Array(1), [1, 2], (v) => v)).toThrow(/holds 1 values, input has 2/);
  });
});
