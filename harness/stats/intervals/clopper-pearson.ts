import { betaQuantile } from '../stdlib-functions.js';
import type { Interval } from './interval.js';

/**
 * Clopper–Pearson "exact" interval for a binomial proportion x/n (Clopper & Pearson 1934,
 * Biometrika 26:404–413), from beta quantiles: [B(α/2; x, n−x+1), B(1−α/2; x+1, n−x)], with the
 * lower limit 0 at x = 0 and the upper limit 1 at x = n. Guaranteed coverage ≥ 1 − α, conservative;
 * used for small cells, where the Wilson interval's coverage can dip below nominal. Null when n = 0.
 *
 * @example clopperPearsonInterval(0, 20, 0.05) // [0, 0.1684] (Newcombe 1998a, Table II, method 5)
 */
export function clopperPearsonInterval(x: number, n: number, alpha: number): Interval | null {
  if (n <= 0) return null;
  const key = `${x} ${n} ${alpha}`;
  const known = computed.get(key);
  if (known) return { ...known };
  const interval: Interval = { lo: clopperPearsonLower(x, n, alpha), hi: clopperPearsonUpper(x, n, alpha), method: 'clopper-pearson' };
  if (computed.size >= MEMORY) computed.clear();
  computed.set(key, interval);
  return { ...interval };
}

/** Lower Clopper–Pearson limit of x/n (n > 0) at two-sided error α: B(α/2; x, n−x+1), 0 at x = 0. */
export function clopperPearsonLower(x: number, n: number, alpha: number): number {
  return x <= 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
}

/** Upper Clopper–Pearson limit of x/n (n > 0) at two-sided error α: B(1−α/2; x+1, n−x), 1 at x = n. */
export function clopperPearsonUpper(x: number, n: number, alpha: number): number {
  return x >= n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
}

/**
 * Intervals already computed, by counts and level: a check's reference group, and every group of a
 * table, are asked for the same interval again and again (by each comparison, and at the levels a
 * claim's p-value tries), and a beta quantile of a large count costs tens of microseconds.
 */
const computed = new Map<string, Interval>();
const MEMORY = 100_000;
