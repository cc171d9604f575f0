import { createRequire } from 'node:module';
import { requireBuilt } from './require-built.js';

/**
 * The @stdlib distribution functions the harness uses, each loaded on its first call. Every stdlib
 * package is a tree of small CommonJS modules: loading the three at startup took about 150 ms of each
 * worker thread's boot (through the metric registry that the battery schema imports), for threads
 * that never compute an interval. The functions are stdlib's own; only the moment of loading moves.
 */
const require = createRequire(import.meta.url);

/** A three-argument distribution function (x or p, then two parameters); stdlib's extras such as `.factory` are not offered. */
type Dist3 = (x: number, a: number, b: number) => number;

/** The stdlib packages used, by the name each function is exported under here. */
export const STDLIB_PACKAGES = {
  normalCdf: '@stdlib/stats-base-dists-normal-cdf',
  normalQuantile: '@stdlib/stats-base-dists-normal-quantile',
  betaQuantile: '@stdlib/stats-base-dists-beta-quantile',
  binomialCdf: '@stdlib/stats-base-dists-binomial-cdf',
} as const;
type Name = keyof typeof STDLIB_PACKAGES;

/**
 * The file `npm run build` writes beside this module (and beside the command line's chunks): the
 * packages above joined into one CommonJS file (harness/cli/bundle.ts). They are some 1,000 small
 * modules, about 0.2 s of CPU to load one by one, a few milliseconds as one file. Where it is absent
 * (the sources, a build by tsc alone) the packages are loaded themselves: the same functions.
 */
export const STDLIB_BUNDLE = 'stdlib.cjs';

let bundled: Partial<Record<Name, Dist3>> | null | undefined;

function load(name: Name): Dist3 {
  if (bundled === undefined) bundled = requireBuilt<Partial<Record<Name, Dist3>>>(require, STDLIB_BUNDLE);
  return bundled?.[name] ?? (require(STDLIB_PACKAGES[name]) as Dist3);
}

const loaders: (() => void)[] = [];

function lazy(name: Name): Dist3 {
  let fn: Dist3 | undefined;
  loaders.push(() => {
    fn ??= load(name);
  });
  return (x, a, b) => {
    fn ??= load(name);
    return fn(x, a, b);
  };
}

/**
 * Loads every distribution function now: for a caller that has time to spare, such as an audit while
 * the engine aggregates the file, before the intervals are computed.
 */
export function loadDistributions(): void {
  for (const load of loaders) load();
}

/** Normal CDF, `normalCdf(x, mu, sigma)`: @stdlib/stats-base-dists-normal-cdf. */
export const normalCdf = lazy('normalCdf');
/** Normal quantile, `normalQuantile(p, mu, sigma)`: @stdlib/stats-base-dists-normal-quantile. */
export const normalQuantile = lazy('normalQuantile');
/** Beta quantile, `betaQuantile(p, alpha, beta)`: @stdlib/stats-base-dists-beta-quantile. */
export const betaQuantile = lazy('betaQuantile');
/** Binomial CDF, `binomialCdf(x, n, p)` = P(X ≤ x): @stdlib/stats-base-dists-binomial-cdf. */
export const binomialCdf = lazy('binomialCdf');
