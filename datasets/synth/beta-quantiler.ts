import { betaQuantile } from '../../harness/stats/index.js';

/** Intervals of the interpolation grid in u; the first and last TAIL intervals use the exact quantile. */
const M = 2048;
const TAIL = 32;

/** log Γ(x) for x > 0, Lanczos approximation (g = 7, 9 terms; relative error ~1e-15). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

const cache = new Map<string, (u: number) => number>();

/**
 * Fast inverse CDF of Beta(alpha, beta): exact quantiles (stdlib's `betaincinv`) on a grid of 2,049
 * points of u, cubic Hermite interpolation between them with the exact slope dQ/du = 1 / pdf(Q), and
 * the exact quantile in the outer 32 intervals at each end (u < 1/64 or u > 63/64), where Q bends fastest. About 25 times
 * faster than calling the exact quantile per row; `test/synth/beta-quantiler.test.ts` bounds the
 * error (< 2e-9 absolute). Built once per (alpha, beta) pair and cached.
 *
 * @example
 * betaQuantiler(2, 5)(0.5); // ≈ 0.26445
 */
export function betaQuantiler(alpha: number, beta: number): (u: number) => number {
  const key = `${alpha},${beta}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (!(alpha > 0 && beta > 0)) return () => NaN;
  const q = new Float64Array(M + 1);
  const slope = new Float64Array(M + 1);
  const logB = logGamma(alpha) + logGamma(beta) - logGamma(alpha + beta);
  for (let j = 0; j <= M; j++) {
    const x = j === 0 ? 0 : j === M ? 1 : betaQuantile(j / M, alpha, beta);
    q[j] = x;
    const logPdf = (alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x) - logB;
    slope[j] = Math.exp(-logPdf) / M; // dQ/dt with t the position inside the interval
  }
  const fn = (u: number): number => {
    const s = u * M;
    const j = Math.floor(s);
    if (j < TAIL || j >= M - TAIL) return betaQuantile(u, alpha, beta);
    const t = s - j;
    const t2 = t * t;
    const t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * q[j]! + (t3 - 2 * t2 + t) * slope[j]! + (-2 * t3 + 3 * t2) * q[j + 1]! + (t3 - t2) * slope[j + 1]!;
  };
  if (cache.size > 256) cache.clear();
  cache.set(key, fn);
  return fn;
}
