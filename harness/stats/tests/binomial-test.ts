import { minLikelihoodPValue, probabilitiesFromRatios } from './fisher-exact.js';

/**
 * Exact binomial test of p = p0 for x successes in n trials, two-sided by summing the
 * probabilities of outcomes no more likely than the observed one (as R's binom.test).
 *
 * @example binomialTestPValue(682, 925, 0.75) // 0.3825 (Mendel's peas, R's binom.test example)
 */
export function binomialTestPValue(x: number, n: number, p0: number): number | null {
  if (n <= 0 || !(p0 >= 0 && p0 <= 1)) return null;
  if (p0 === 0) return x === 0 ? 1 : 0;
  if (p0 === 1) return x === n ? 1 : 0;
  const odds = p0 / (1 - p0);
  const probs = probabilitiesFromRatios(0, n, (k) => ((n - k) / (k + 1)) * odds);
  return minLikelihoodPValue(probs, x);
}
