/**
 * The two samples behind a selective-labels estimate, as the design drew them.
 *
 * - `random`: counts per cell of a simple random sample drawn without replacement from a population
 *   of `populationSize` (the random audit; cell = group × label). Its total R is the sample size.
 * - `totals`: Horvitz–Thompson totals Σ 1/π per cell of the model-selected cases (the flagged count
 *   itself when every flagged case was investigated, π = 1), with `totalVariances` Σ (1 − π)/π²,
 *   the Horvitz–Thompson variance estimate under independent (Poisson) selection, 0 for a census.
 */
export interface DesignSamples {
  readonly random: Float64Array;
  readonly populationSize: number;
  readonly totals: Float64Array;
  readonly totalVariances: Float64Array;
}

/**
 * Design-based delta-method standard error of a smooth statistic θ = f(X, T) of the random-audit
 * counts X (cells c, total R, drawn without replacement from N) and the Horvitz–Thompson totals T of
 * the model-selected cases (an independent selection):
 *
 *   Var θ̂ ≈ (1 − R/N) · R/(R − 1) · [Σ_c g_c² X_c − (Σ_c g_c X_c)² / R]  +  Σ_c h_c² V_c,
 *
 * with g = ∂f/∂X and h = ∂f/∂T at the observed values (central differences of relative step 1e-4),
 * and V_c = Σ_{i∈c} (1 − π_i)/π_i². The first term is the variance of the linearised statistic under
 * simple random sampling without replacement (finite-population correction 1 − R/N, unbiased s² with
 * R − 1); the second is zero when every flagged case was investigated. Only real counts enter: a
 * Horvitz–Thompson total is never treated as a number of observations. NaN where f or a derivative
 * is not finite.
 *
 * @example
 * // selection rate F/N̂ of a group with 300 of R = 1,000 random-audit cases, 50 flagged, N = 10,000:
 * // Var log = (1 − 0.1) · (1 − 0.3) / ((1,000 − 1) · 0.3) → se ≈ 0.0458
 * designDeltaSe((x, t) => Math.log(t[0]! / ((10_000 * x[0]!) / (x[0]! + x[1]!))), {
 *   random: Float64Array.of(300, 700), populationSize: 10_000, totals: Float64Array.of(50), totalVariances: Float64Array.of(0) })
 */
export function designDeltaSe(f: (random: Float64Array, totals: Float64Array) => number, s: DesignSamples): number {
  const x = Float64Array.from(s.random);
  const t = Float64Array.from(s.totals);
  const R = x.reduce((a, b) => a + b, 0);
  if (!(R > 1)) return NaN;
  const derivative = (v: Float64Array, i: number): number => {
    const c = v[i]!;
    const h = 1e-4 * c;
    v[i] = c + h;
    const up = f(x, t);
    v[i] = c - h;
    const down = f(x, t);
    v[i] = c;
    return (up - down) / (2 * h);
  };
  let s2 = 0;
  let s1 = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i]! > 0)) continue;
    const g = derivative(x, i);
    if (!Number.isFinite(g)) return NaN;
    s2 += g * g * x[i]!;
    s1 += g * x[i]!;
  }
  const fpc = Math.max(0, 1 - R / s.populationSize);
  let v = fpc * (R / (R - 1)) * Math.max(0, s2 - (s1 * s1) / R);
  for (let i = 0; i < t.length; i++) {
    const vi = s.totalVariances[i]!;
    if (!(vi > 0) || !(t[i]! > 0)) continue;
    const h = derivative(t, i);
    if (!Number.isFinite(h)) return NaN;
    v += h * h * vi;
  }
  return Math.sqrt(v);
}
