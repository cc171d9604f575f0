import { createRequire } from 'node:module';
import type betaQuantileFn from '@stdlib/stats-base-dists-beta-quantile';
import type normalCdfFn from '@stdlib/stats-base-dists-normal-cdf';
import type normalQuantileFn from '@stdlib/stats-base-dists-normal-quantile';

/**
 * The @stdlib distribution functions the harness uses, each loaded on its first call. Every stdlib
 * package is a tree of small CommonJS modules: loading the three at startup took about 150 ms of each
 * worker thread's boot (through the metric registry that the battery schema imports), for threads
 * that never compute an interval. The functions are stdlib's own; only the moment of loading moves.
 */
const require = createRequire(import.meta.url);

function lazy<F extends (...args: never[]) => number>(id: string): F {
  let fn: F | undefined;
  return ((...args: Parameters<F>) => {
    fn ??= require(id) as F;
    return fn(...args);
  }) as F;
}

/** Normal CDF, `normalCdf(x, mu, sigma)`: @stdlib/stats-base-dists-normal-cdf. */
export const normalCdf = lazy<typeof normalCdfFn>('@stdlib/stats-base-dists-normal-cdf');
/** Normal quantile, `normalQuantile(p, mu, sigma)`: @stdlib/stats-base-dists-normal-quantile. */
export const normalQuantile = lazy<typeof normalQuantileFn>('@stdlib/stats-base-dists-normal-quantile');
/** Beta quantile, `betaQuantile(p, alpha, beta)`: @stdlib/stats-base-dists-beta-quantile. */
export const betaQuantile = lazy<typeof betaQuantileFn>('@stdlib/stats-base-dists-beta-quantile');
