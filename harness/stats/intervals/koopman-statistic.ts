/**
 * Maximum-likelihood estimates (p̃1, p̃0) of two binomial rates under H: p1 = φ·p0, within
 * 0 ≤ p0, p1 ≤ 1 (Koopman 1984, eq. 2): p̃0 is the smaller root of
 * N·φ·p² − [φ(n1 + x0) + x1 + n0]·p + (x1 + x0) = 0, p̃1 = φ·p̃0. When a group's rate is 100 % the
 * estimate can sit on the edge p̃ = 1, where the quadratic has a double or boundary root that rounding
 * moves by an ulp; those cases are solved in closed form instead.
 */
function constrainedRates(x1: number, n1: number, x0: number, n0: number, phi: number): [number, number] {
  const N = n1 + n0;
  const s = x1 + x0;
  if (s === 0) return [0, 0];
  if (x1 === n1 && x0 === n0) return phi >= 1 ? [1, 1 / phi] : [phi, 1];
  // Group 1 all flagged: the likelihood of p0 alone peaks at the pooled rate s/N, capped so that p1 ≤ 1.
  if (x1 === n1) return phi * s >= N ? [1, 1 / phi] : [(phi * s) / N, s / N];
  // Reference all flagged: the same in p1, capped so that p0 ≤ 1.
  if (x0 === n0) return s >= phi * N ? [phi, 1] : [s / N, s / (N * phi)];
  const b = phi * (n1 + x0) + x1 + n0;
  const disc = Math.max(0, b * b - 4 * N * phi * s);
  // Smaller root written as 2c / (b + √disc): no cancellation of two near-equal terms.
  const p0 = (2 * s) / (b + Math.sqrt(disc));
  return [Math.min(1, phi * p0), Math.min(1, p0)];
}

/** (x − n·p)² / (n·p·(1 − p)), in the form that stays exact when the rate sits on an edge. */
function pearsonTerm(x: number, n: number, p: number): number {
  // (n − n·p)² / (n·p·(1 − p)) = n(1 − p)/p, and (n·p)² / (n·p·(1 − p)) = n·p/(1 − p): no 0/0 at p = 1 or 0.
  if (x === n) return p > 0 ? (n * (1 - p)) / p : Infinity;
  if (x === 0) return p < 1 ? (n * p) / (1 - p) : Infinity;
  const v = n * p * (1 - p);
  return v > 0 ? (x - n * p) ** 2 / v : Infinity;
}

/**
 * Pearson χ² statistic of H: p1 = φ·p0 for two independent binomials x1/n1, x0/n0, with the
 * proportions estimated under that constraint (Koopman 1984, eq. 2). It is 0 at the estimate
 * φ̂ = (x1/n1)/(x0/n0) and grows on either side; at φ = 1 it is Pearson's χ² test of equal rates.
 * Defined at every count, including rates of 0 and 100 % (a term whose fitted rate equals an
 * observed 0 or 100 % is 0); identically 0 when both counts are 0.
 *
 * @example koopmanStatistic(50, 50, 19, 20, 1.3091253) // ≈ 3.8415 = z² at 95 %: the upper Koopman limit
 */
export function koopmanStatistic(x1: number, n1: number, x0: number, n0: number, phi: number): number {
  const [p1, p0] = constrainedRates(x1, n1, x0, n0, phi);
  return pearsonTerm(x1, n1, p1) + pearsonTerm(x0, n0, p0);
}
