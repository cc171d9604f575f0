import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileArithmetic, evaluateArithmetic, parseArithmetic } from '../../models/adapters/arithmetic.js';

describe('compileArithmetic', () => {
  it('agrees with the tree-walking evaluator, reusing its buffers across calls (property)', () => {
    const expr = parseArithmetic('R1 * (R2 + R3) - -2 / R4 + 0.5');
    const names = ['R1', 'R2', 'R3', 'R4'];
    const compiled = compileArithmetic(expr, names, 64);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true })), { minLength: 1, maxLength: 64 }), (rows) => {
        const inputs = names.map((_, k) => Float64Array.from(rows, (r) => r[k]!));
        const env = new Map(names.map((n, k) => [n, inputs[k]!]));
        const expected = evaluateArithmetic(expr, env, rows.length);
        const got = compiled.run(inputs, rows.length).slice(0, rows.length);
        expect(Array.from(got)).toEqual(Array.from(expected));
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
