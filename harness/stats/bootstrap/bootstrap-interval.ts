import type { Interval } from '../intervals/interval.js';
import { SMALL_COUNT } from '../small-sample.js';
import { bcaInterval, type BcaFailure } from './bca-interval.js';

/** Why a bootstrap value carries the analytic interval instead of a bootstrap one. */
export type BootstrapFallback = 'small-count' | BcaFailure;

export interface BootstrapIntervalInput {
  /** Replicate values of the statistic. */
  readonly replicates: Float64Array;
  /** The statistic on the observed counts. */
  readonly estimate: number;
  /** BCa acceleration (see jackknifeAcceleration), asked for only when BCa is tried; null where undefined. */
  readonly acceleration: () => number | null;
  /** The counts the value is built from (x and n − x of each rate involved). */
  readonly counts: readonly number[];
  readonly level: number;
  /** The metric's own analytic interval at the same level, used when the bootstrap is not. */
  readonly analytic: () => Interval | null;
}

export interface BootstrapInterval {
  /** The interval, its method named (bootstrap-bca or the analytic method); null only where the analytic one is undefined too. */
  readonly interval: Interval | null;
  /** Null for a BCa interval; else why the analytic method was used. */
  readonly fallback: BootstrapFallback | null;
}

/**
 * The bootstrap interval of one value, never collapsed to a point: BCa when every count behind the
 * value is at least 5 (SMALL_COUNT) and BCa is defined; otherwise the metric's own analytic interval
 * (Clopper–Pearson, Koopman, Newcombe: the small-sample methods), with the reason. A percentile
 * interval of 0 flagged of 80 is [0, 0], and one of a rate near 0 covers the truth a third of the time.
 *
 * @example bootstrapInterval({ replicates, estimate: 0, acceleration, counts: [0, 80], level: 0.95, analytic }) // Clopper–Pearson, fallback 'small-count'
 */
export function bootstrapInterval(input: BootstrapIntervalInput): BootstrapInterval {
  if (Math.min(...input.counts) < SMALL_COUNT) return { interval: input.analytic(), fallback: 'small-count' };
  const bca = bcaInterval(input.replicates, input.estimate, input.acceleration(), input.level);
  if ('failure' in bca) return { interval: input.analytic(), fallback: bca.failure };
  return { interval: bca, fallback: null };
}
