import { solveSpd } from './solve-spd.js';

export interface BoxQuadraticResult {
  readonly x: Float64Array;
  /** Subproblems solved (each is one Cholesky solve on the free variables). */
  readonly iterations: number;
  /** Whether the Karush–Kuhn–Tucker conditions hold within the tolerance at `x`. */
  readonly converged: boolean;
}

/**
 * Minimises ½ xᵀHx − gᵀx subject to lower ≤ x ≤ upper, for a symmetric positive-definite H
 * (p × p, row-major), by the primal active-set method (Nocedal & Wright, *Numerical Optimization*,
 * 2nd ed., 2006, algorithm 16.3, specialised to bounds): each step solves the unconstrained problem
 * in the free variables with the others held at their bounds, walks towards it until a bound
 * blocks, and frees the bound variable whose multiplier has the wrong sign once the step is whole.
 * H positive definite makes the minimum unique and the method finite; deterministic (fixed order,
 * ties to the lowest index).
 *
 * @example minimizeBoxQuadratic(Float64Array.of(1, 0, 0, 1), Float64Array.of(2, -1), [0, 0], [1, 1]).x // [1, 0]
 */
export function minimizeBoxQuadratic(
  h: Float64Array,
  g: Float64Array,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): BoxQuadraticResult {
  const p = g.length;
  for (let j = 0; j < p; j++) {
    if (!(lower[j]! <= upper[j]!) || lower[j] === Infinity || upper[j] === -Infinity) {
      throw new RangeError(`minimizeBoxQuadratic: bound ${j} is empty [${lower[j]}, ${upper[j]}]`);
    }
  }
  let scale = 0;
  for (const v of h) scale = Math.max(scale, Math.abs(v));
  for (const v of g) scale = Math.max(scale, Math.abs(v));
  if (!Number.isFinite(scale)) throw new RangeError('minimizeBoxQuadratic: H and g must be finite');
  const tol = 1e-12 * Math.max(scale, 1e-300);
  // start at the point of the box nearest to 0 (finite even with infinite bounds); a variable there at
  // a bound starts bound (state -1 lower, +1 upper), the others free (0)
  const x = Float64Array.from({ length: p }, (_, j) => Math.min(upper[j]!, Math.max(lower[j]!, 0)));
  const state = Int8Array.from({ length: p }, (_, j) => (x[j] === lower[j] ? -1 : x[j] === upper[j] ? 1 : 0));
  const gradient = (j: number) => {
    let s = -g[j]!;
    for (let k = 0; k < p; k++) s += h[j * p + k]! * x[k]!;
    return s;
  };
  const maxIterations = 20 * p + 100;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const free: number[] = [];
    for (let j = 0; j < p; j++) if (state[j] === 0) free.push(j);
    if (free.length > 0) {
      const f = free.length;
      const hff = new Float64Array(f * f);
      const rhs = new Float64Array(f);
      for (let a = 0; a < f; a++) {
        const ja = free[a]!;
        let r = g[ja]!;
        for (let k = 0; k < p; k++) if (state[k] !== 0) r -= h[ja * p + k]! * x[k]!;
        rhs[a] = r;
        for (let b = 0; b < f; b++) hff[a * f + b] = h[ja * p + free[b]!]!;
      }
      const target = solveSpd(hff, rhs, f);
      // longest step towards the subproblem's minimum that stays inside the box
      let alpha = 1;
      let blocking = -1;
      let blockingSide = 0;
      for (let a = 0; a < f; a++) {
        const j = free[a]!;
        const d = target[a]! - x[j]!;
        if (d < 0 && target[a]! < lower[j]!) {
          const t = (lower[j]! - x[j]!) / d;
          if (t < alpha) [alpha, blocking, blockingSide] = [t, j, -1];
        } else if (d > 0 && target[a]! > upper[j]!) {
          const t = (upper[j]! - x[j]!) / d;
          if (t < alpha) [alpha, blocking, blockingSide] = [t, j, 1];
        }
      }
      for (let a = 0; a < f; a++) {
        const j = free[a]!;
        // a whole step lands exactly on the subproblem's minimum (no cancellation when bounds are wide)
        const next = alpha === 1 ? target[a]! : x[j]! + alpha * (target[a]! - x[j]!);
        x[j] = Math.min(upper[j]!, Math.max(lower[j]!, next));
      }
      if (blocking >= 0) {
        state[blocking] = blockingSide as -1 | 1;
        x[blocking] = blockingSide < 0 ? lower[blocking]! : upper[blocking]!;
        continue;
      }
    }
    // whole step taken: free the bound variable whose multiplier has the wrong sign the most
    let worst = -1;
    let worstViolation = tol;
    for (let j = 0; j < p; j++) {
      if (state[j] === 0 || lower[j] === upper[j]) continue;
      const gr = gradient(j);
      const violation = state[j] === -1 ? -gr : gr;
      if (violation > worstViolation) [worst, worstViolation] = [j, violation];
    }
    if (worst < 0) return { x, iterations, converged: stationary(x, state, gradient, tol) };
    state[worst] = 0;
  }
  return { x, iterations, converged: false };
}

/** Every coordinate finite, and every free variable's gradient zero within the tolerance (scaled by the step's size). */
function stationary(x: Float64Array, state: Int8Array, gradient: (j: number) => number, tol: number): boolean {
  let size = 1;
  for (const v of x) {
    if (!Number.isFinite(v)) return false;
    size = Math.max(size, Math.abs(v));
  }
  for (let j = 0; j < x.length; j++) {
    const gr = gradient(j);
    if (!Number.isFinite(gr)) return false;
    if (state[j] === 0 && Math.abs(gr) > 1e3 * tol * size) return false;
  }
  return true;
}
