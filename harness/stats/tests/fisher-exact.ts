/**
 * Log-weights of a discrete distribution on k = lo..hi from the ratio w(k+1)/w(k), normalised to
 * probabilities. Working from ratios keeps it exact enough without log-gamma and safe from overflow.
 */
export function probabilitiesFromRatios(lo: number, hi: number, ratio: (k: number) => number): Float64Array {
  const logw = new Float64Array(hi - lo + 1);
  for (let k = lo; k < hi; k++) logw[k - lo + 1] = logw[k - lo]! + Math.log(ratio(k));
  let max = -Infinity;
  for (const v of logw) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < logw.length; i++) sum += logw[i] = Math.exp(logw[i]! - max);
  for (let i = 0; i < logw.length; i++) logw[i]! /= sum;
  return logw;
}

/** Two-sided p-value summing every outcome no more likely than the observed one (R's relative tolerance 1e-7). */
export function minLikelihoodPValue(probs: Float64Array, observed: number): number {
  const limit = probs[observed]! * (1 + 1e-7);
  let p = 0;
  for (const q of probs) if (q <= limit) p += q;
  return Math.min(1, p);
}

/**
 * Fisher's exact test of p1 = p0 for two independent binomials x1/n1 and x0/n0, two-sided by
 * summing the hypergeometric probabilities of all tables no more likely than the observed one
 * (as R's fisher.test). Null where a denominator is zero.
 *
 * @example fisherExactPValue(3, 4, 1, 4) // 0.4857 (Fisher's tea-tasting lady; Agresti 2007, §2.6.2)
 */
export function fisherExactPValue(x1: number, n1: number, x0: number, n0: number): number | null {
  if (n1 <= 0 || n0 <= 0) return null;
  const s = x1 + x0;
  const lo = Math.max(0, s - n0);
  const hi = Math.min(n1, s);
  if (lo === hi) return 1;
  const probs = probabilitiesFromRatios(lo, hi, (k) => ((n1 - k) * (s - k)) / ((k + 1) * (n0 - s + k + 1)));
  return minLikelihoodPValue(probs, x1 - lo);
}
