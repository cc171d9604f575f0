import type { Interval } from './interval.js';

/** Summary of a sample by its sufficient statistics (count, sum, sum of squares): mean and squared standard error. */
export interface MeanSummary {
  readonly n: number;
  readonly mean: number;
  /** Squared standard error of the mean, s²/n with the unbiased variance s². */
  readonly se2: number;
}

/** Mean and squared standard error from (n, Σx, Σx²); null when n < 2 (no variance). */
export function summariseMean(n: number, sum: number, sumSq: number): MeanSummary | null {
  if (n < 2) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  return { n, mean, se2: variance / n };
}

/**
 * Normal interval for a mean from its sufficient statistics: mean ± z·s/√n (the large-sample
 * interval; scores come from populations of thousands, where t and z agree to the third decimal).
 *
 * @example meanInterval(4, 10, 30, z95) // mean 2.5, s² = 5/3, ≈ [1.235, 3.765]
 */
export function meanInterval(n: number, sum: number, sumSq: number, z: number): Interval | null {
  const m = summariseMean(n, sum, sumSq);
  if (!m) return null;
  const half = z * Math.sqrt(m.se2);
  return { lo: m.mean - half, hi: m.mean + half, method: 'normal-mean' };
}

/** Welch's (unequal-variance) normal interval for a difference of means: d ± z·√(se1² + se0²). */
export function meanDifferenceInterval(a: MeanSummary, b: MeanSummary, z: number): Interval {
  const d = a.mean - b.mean;
  const half = z * Math.sqrt(a.se2 + b.se2);
  return { lo: d - half, hi: d + half, method: 'welch-mean-difference' };
}

/**
 * Delta-method interval for a ratio of positive means on the log scale:
 * exp(ln(m1/m0) ± z·√(se1²/m1² + se0²/m0²)). Null unless both means are positive.
 */
export function meanRatioInterval(a: MeanSummary, b: MeanSummary, z: number): Interval | null {
  if (!(a.mean > 0 && b.mean > 0)) return null;
  const log = Math.log(a.mean / b.mean);
  const half = z * Math.sqrt(a.se2 / a.mean ** 2 + b.se2 / b.mean ** 2);
  return { lo: Math.exp(log - half), hi: Math.exp(log + half), method: 'delta-log-mean-ratio' };
}
