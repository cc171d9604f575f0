import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimizeBoxQuadratic, solveSpd } from '../../harness/stats/index.js';

/** H = MᵀM + ridge·I from a p × p matrix M, row-major. */
function spd(m: readonly number[], p: number, ridge: number): Float64Array {
  const h = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let s = i === j ? ridge : 0;
    for (let k = 0; k < p; k++) s += m[k * p + i]! * m[k * p + j]!;
    h[i * p + j] = s;
  }
  return h;
}

const objective = (h: Float64Array, g: Float64Array, x: ArrayLike<number>) => {
  const p = g.length;
  let f = 0;
  for (let i = 0; i < p; i++) {
    f -= g[i]! * x[i]!;
    for (let j = 0; j < p; j++) f += 0.5 * x[i]! * h[i * p + j]! * x[j]!;
  }
  return f;
};

const problem = fc.integer({ min: 1, max: 7 }).chain((p) => fc.record({
  p: fc.constant(p),
  m: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: p * p, maxLength: p * p }),
  ridge: fc.double({ min: 1e-6, max: 1, noNaN: true }),
  g: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: p, maxLength: p }),
  lo: fc.array(fc.double({ min: -2, max: 0, noNaN: true }), { minLength: p, maxLength: p }),
  width: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: p, maxLength: p }),
  probes: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: p, maxLength: p }), { minLength: 5, maxLength: 5 }),
}));

describe('minimizeBoxQuadratic', () => {
  it('solves an unconstrained problem exactly (the box does not bind)', () => {
    const h = Float64Array.of(4, 1, 1, 3);
    const g = Float64Array.of(1, 2);
    const x = minimizeBoxQuadratic(h, g, [-10, -10], [10, 10]);
    expect(x.converged).toBe(true);
    const exact = solveSpd(h, g, 2);
    expect(x.x[0]).toBeCloseTo(exact[0]!, 14);
    expect(x.x[1]).toBeCloseTo(exact[1]!, 14);
    expect(exact[0]).toBeCloseTo(1 / 11, 14); // (3·1 − 1·2) / (4·3 − 1)
  });

  it('clips to the bounds that bind and re-solves the rest', () => {
    // unconstrained minimum (2, −1); with x ∈ [0, 1]²: x₁ = 1 at its upper bound, x₂ = 0 at its lower
    const r = minimizeBoxQuadratic(Float64Array.of(1, 0, 0, 1), Float64Array.of(2, -1), [0, 0], [1, 1]);
    expect(Array.from(r.x)).toEqual([1, 0]);
    // coupled: min ½(x₁² + x₂²) + ½·2·x₁x₂·0.9 − 3x₁ + x₂ on [0, 1]²
    const c = minimizeBoxQuadratic(Float64Array.of(1, 0.9, 0.9, 1), Float64Array.of(3, -1), [0, 0], [1, 1]);
    expect(Array.from(c.x)).toEqual([1, 0]);
  });

  it('meets the KKT conditions and is no worse than any feasible point (property)', () => {
    fc.assert(fc.property(problem, ({ p, m, ridge, g, lo, width, probes }) => {
      const h = spd(m, p, ridge);
      const gv = Float64Array.from(g);
      const up = lo.map((l, j) => l + width[j]!);
      const r = minimizeBoxQuadratic(h, gv, lo, up);
      expect(r.converged).toBe(true);
      const scale = Math.max(1, ...Array.from(h, Math.abs), ...g.map(Math.abs));
      for (let j = 0; j < p; j++) {
        expect(r.x[j]).toBeGreaterThanOrEqual(lo[j]!);
        expect(r.x[j]).toBeLessThanOrEqual(up[j]!);
        let grad = -gv[j]!;
        for (let k = 0; k < p; k++) grad += h[j * p + k]! * r.x[k]!;
        const tol = 1e-8 * scale;
        if (r.x[j]! > lo[j]! && r.x[j]! < up[j]!) expect(Math.abs(grad)).toBeLessThan(tol);
        if (r.x[j] === lo[j] && lo[j] !== up[j]) expect(grad).toBeGreaterThan(-tol);
        if (r.x[j] === up[j] && lo[j] !== up[j]) expect(grad).toBeLessThan(tol);
      }
      const best = objective(h, gv, r.x);
      for (const u of probes) {
        const y = u.map((t, j) => lo[j]! + t * width[j]!);
        expect(best).toBeLessThanOrEqual(objective(h, gv, y) + 1e-9 * scale);
      }
    }), { seed: 20261201, numRuns: 300 });
  });
});
