import { solveSpd } from '../stats/index.js';

/**
 * Logistic regression by iteratively reweighted least squares (Newton–Raphson) on one-hot
 * features, with a small ridge penalty so separable data still converge. Deterministic: exact
 * arithmetic in a fixed order, no random initialisation, no data shuffling; converges to the
 * unique penalised maximum-likelihood fit.
 *
 * Why not tfjs: on the pure-JS backend a full-batch Adam step over a 4,000 × 201 one-hot design costs
 * about 15 ms dense (0.7 s with gathered coefficients, whose gradient is a segment sum per feature),
 * and 200 steps still left coefficients 0.18 from the optimum; IRLS reaches the optimum in 5 Newton
 * steps, about 0.1 s, the same on every backend.
 *
 * Rows are given as lists of active feature indices (`active[i * perRow + j]`, one per input, −1 for
 * none), each with value 1; feature 0 is the intercept and is always active implicitly.
 */
export interface LogisticFit {
  readonly coefficients: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Linear predictor of row i. */
export function linearPredictor(beta: Float64Array, active: Int32Array, perRow: number, i: number): number {
  let eta = beta[0]!;
  for (let j = 0; j < perRow; j++) {
    const f = active[i * perRow + j]!;
    if (f >= 0) eta += beta[f]!;
  }
  return eta;
}

/**
 * Fits P(y = 1) = σ(β₀ + Σ β over the row's active features) by IRLS.
 *
 * @example fitLogistic(active, 1, y, 3) // one input with two one-hot features 1 and 2
 */
export function fitLogistic(active: Int32Array, perRow: number, y: Uint8Array, features: number, opts: { ridge?: number; maxIterations?: number; tolerance?: number } = {}): LogisticFit {
  const p = features;
  const n = y.length;
  const ridge = opts.ridge ?? 1e-3;
  const maxIterations = opts.maxIterations ?? 25;
  const tolerance = opts.tolerance ?? 1e-8;
  let beta = new Float64Array(p);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean = Math.min(Math.max(mean / Math.max(1, n), 1e-6), 1 - 1e-6);
  beta[0] = Math.log(mean / (1 - mean));
  const idx = new Int32Array(perRow + 1);
  const h = new Float64Array(p * p);
  const g = new Float64Array(p);
  let deviance = Infinity;
  for (let it = 1; it <= maxIterations; it++) {
    h.fill(0);
    g.fill(0);
    let dev = 0;
    for (let i = 0; i < n; i++) {
      const mu = 1 / (1 + Math.exp(-linearPredictor(beta, active, perRow, i)));
      dev -= 2 * Math.log(Math.max(y[i] === 1 ? mu : 1 - mu, 1e-300));
      const w = Math.max(mu * (1 - mu), 1e-12);
      const r = y[i]! - mu;
      idx[0] = 0;
      let m = 1;
      for (let j = 0; j < perRow; j++) {
        const f = active[i * perRow + j]!;
        if (f >= 0) idx[m++] = f;
      }
      // Upper triangle only (features of a row are distinct); mirrored below.
      for (let a = 0; a < m; a++) {
        const fa = idx[a]!;
        g[fa]! += r;
        const row = fa * p;
        for (let b = a; b < m; b++) {
          const fb = idx[b]!;
          if (fb >= fa) h[row + fb]! += w;
          else h[fb * p + fa]! += w;
        }
      }
    }
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) h[b * p + a] = h[a * p + b]!;
    // Converged when the deviance at the current coefficients stopped moving (R's glm.fit criterion).
    if (Math.abs(dev - deviance) / (Math.abs(dev) + 0.1) < tolerance) return { coefficients: beta, iterations: it - 1, converged: true };
    deviance = dev;
    // Penalise every coefficient but the intercept: gradient − λβ, Hessian + λI.
    for (let j = 1; j < p; j++) {
      g[j]! -= ridge * beta[j]!;
      h[j * p + j]! += ridge;
    }
    for (let j = 0; j < p; j++) h[j * p + j]! += 1e-12;
    const step = solveSpd(h, g, p);
    let change = 0;
    const next = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      next[j] = beta[j]! + step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    beta = next;
    if (change === 0) return { coefficients: beta, iterations: it, converged: true };
  }
  return { coefficients: beta, iterations: maxIterations, converged: false };
}
