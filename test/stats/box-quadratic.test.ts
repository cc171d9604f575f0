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

/** The exact minimum by enumeration: every assignment of lower / free / upper, each free subproblem solved. */
function bruteForce(h: Float64Array, g: Float64Array, lo: readonly number[], up: readonly number[]): Float64Array {
  const p = g.length;
  let best: Float64Array | null = null;
  let bestF = Infinity;
  for (let code = 0; code < 3 ** p; code++) {
    const x = new Float64Array(p);
    const free: number[] = [];
    let c = code;
    for (let j = 0; j < p; j++, c = Math.floor(c / 3)) {
      if (c % 3 === 0) x[j] = lo[j]!;
      else if (c % 3 === 2) x[j] = up[j]!;
      else free.push(j);
    }
    if (free.length) {
      const f = free.length;
      const hff = new Float64Array(f * f);
      const rhs = new Float64Array(f);
      free.forEach((ja, a) => {
        rhs[a] = g[ja]!;
        for (let k = 0; k < p; k++) if (!free.includes(k)) rhs[a] -= h[ja * p + k]! * x[k]!;
        free.forEach((jb, b) => (hff[a * f + b] = h[ja * p + jb]!));
      });
      const sol = solveSpd(hff, rhs, f);
      free.forEach((j, a) => (x[j] = sol[a]!));
    }
    if (x.some((v, j) => v < lo[j]! - 1e-12 || v > up[j]! + 1e-12)) continue;
    const value = objective(h, g, x);
    if (value < bestF) [best, bestF] = [x, value];
  }
  return best!;
}

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

  it('lets a lower bound block a step after another variable is held at its upper bound', () => {
    // from (0, 0) towards the unconstrained minimum (20.5, −19.5): x₁ blocks at 1, then x₂ alone heads for −1.9 and blocks at −1
    const r = minimizeBoxQuadratic(Float64Array.of(1, 0.9, 0.9, 1), Float64Array.of(3, -1), [-1, -1], [1, 1]);
    expect(r.converged).toBe(true);
    expect(Array.from(r.x)).toEqual([1, -1]);
  });

  it('stays exact with wide or infinite bounds, and refuses empty boxes and non-finite input', () => {
    for (const L of [1e9, 1e12, 1e15, 1e300, Infinity]) {
      const r = minimizeBoxQuadratic(Float64Array.of(1), Float64Array.of(0.3), [-L], [L]);
      expect(r.converged, String(L)).toBe(true);
      expect(r.x[0], String(L)).toBe(0.3);
    }
    expect(minimizeBoxQuadratic(Float64Array.of(1), Float64Array.of(0.3), [-Infinity], [0]).x[0]).toBe(0);
    expect(minimizeBoxQuadratic(Float64Array.of(2), Float64Array.of(-5), [-Infinity], [Infinity]).x[0]).toBeCloseTo(-2.5, 14);
    expect(() => minimizeBoxQuadratic(Float64Array.of(1), Float64Array.of(0), [1], [0])).toThrow(/empty/);
    expect(() => minimizeBoxQuadratic(Float64Array.of(1), Float64Array.of(0), [Infinity], [Infinity])).toThrow(/empty/);
    expect(() => minimizeBoxQuadratic(Float64Array.of(1), Float64Array.of(NaN), [0], [1])).toThrow(/finite/);
  });

  it('holds a variable whose bounds coincide at that value', () => {
    const r = minimizeBoxQuadratic(Float64Array.of(1, 0.5, 0.5, 1), Float64Array.of(1, 1), [0.25, -5], [0.25, 5]);
    expect(r.x[0]).toBe(0.25);
    expect(r.x[1]).toBeCloseTo(1 - 0.5 * 0.25, 14);
  });

  it('finds the same minimum as enumerating every active set (property, p ≤ 5)', () => {
    fc.assert(fc.property(problem.filter((q) => q.p <= 5), ({ p, m, ridge, g, lo, width }) => {
      const h = spd(m, p, ridge);
      const gv = Float64Array.from(g);
      const up = lo.map((l, j) => l + width[j]!);
      const r = minimizeBoxQuadratic(h, gv, lo, up);
      const exact = bruteForce(h, gv, lo, up);
      const scale = Math.max(1, ...Array.from(h, Math.abs), ...g.map(Math.abs));
      expect(objective(h, gv, r.x)).toBeLessThanOrEqual(objective(h, gv, exact) + 1e-10 * scale);
      for (let j = 0; j < p; j++) expect(Math.abs(r.x[j]! - exact[j]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(exact[j]!)) / Math.min(1, ridge));
    }), { seed: 20261202, numRuns: 400 });
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
