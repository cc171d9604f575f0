import { createRequire } from 'node:module';

/**
 * The @stdlib distribution functions the harness uses, each loaded on its first call. Every stdlib
 * package is a tree of small CommonJS modules: loading the three at startup took about 150 ms of each
 * worker thread's boot (through the metric registry that the battery schema imports), for threads
 * that never compute an interval. The functions are stdlib's own; only the moment of loading moves.
 */
const require = createRequire(import.meta.url);

/** A three-argument distribution function (x or p, then two parameters); stdlib's extras such as `.factory` are not offered. */
type Dist3 = (x: number, a: number, b: number) => number;

const loaders: (() => void)[] = [];

function lazy(id: string): Dist3 {
  let fn: Dist3 | undefined;
  loaders.push(() => {
    fn ??= require(id) as Dist3;
  });
  return (x, a, b) => {
    fn ??= require(id) as Dist3;
    return fn(x, a, b);
  };
}

/**
 * Loads every distribution function now (some 1,000 small modules, about 0.1 s): for a caller that has
 * time to spare, such as an audit while the engine aggregates the file, before the intervals are computed.
 */
export function loadDistributions(): void {
  for (const load of loaders) load();
}

/** Normal CDF, `normalCdf(x, mu, sigma)`: @stdlib/stats-base-dists-normal-cdf. */
export const normalCdf = lazy('@stdlib/stats-base-dists-normal-cdf');
/** Normal quantile, `normalQuantile(p, mu, sigma)`: @stdlib/stats-base-dists-normal-quantile. */
export const normalQuantile = lazy('@stdlib/stats-base-dists-normal-quantile');
/** Beta quantile, `betaQuantile(p, alpha, beta)`: @stdlib/stats-base-dists-beta-quantile. */
export const betaQuantile = lazy('@stdlib/stats-base-dists-beta-quantile');
/** Binomial CDF, `binomialCdf(x, n, p)` = P(X ≤ x): @stdlib/stats-base-dists-binomial-cdf. */
export const binomialCdf = lazy('@stdlib/stats-base-dists-binomial-cdf');
