import { streamId } from '../rng/index.js';
import { sampleMultinomial } from './sample-multinomial.js';
import { uniformStream } from './uniform-stream.js';

export interface BootstrapSettings {
  readonly replicates: number;
  readonly seed: number;
  /** Stream name of the resampling draws (default "bootstrap"), so different analyses draw independently. */
  readonly stream?: string;
}

/**
 * Multinomial bootstrap on counts (Efron's nonparametric bootstrap, done on sufficient statistics):
 * each replicate redraws the rows among the cells with the observed cell shares, keeping the total of
 * each stratum fixed (one stratum: the plain row bootstrap; one per sample: a stratified bootstrap).
 * Cost depends on the number of cells, not of rows. Replicate r draws from counter-based slot r of the
 * stream, so it is the same whatever the number of replicates, and the result is seeded and deterministic.
 *
 * `statistic` reads the resampled counts and writes its values into `out`; the result holds the
 * replicate values, statistic-major: values[s][r].
 *
 * @example
 * const reps = bootstrapCounts(counts, null, { replicates: 10_000, seed: 1 }, 1, (c, out) => { out[0] = c[0]! / (c[0]! + c[1]!); });
 */
export function bootstrapCounts(
  counts: Float64Array,
  strata: readonly (readonly [number, number])[] | null,
  settings: BootstrapSettings,
  size: number,
  statistic: (resampled: Float64Array, out: Float64Array) => void,
): Float64Array[] {
  for (const c of counts) {
    if (!Number.isInteger(c) || c < 0) throw new RangeError('the multinomial bootstrap needs non-negative integer counts');
  }
  const ranges = strata ?? [[0, counts.length] as const];
  const stream = streamId(settings.stream ?? 'bootstrap');
  const values = Array.from({ length: size }, () => new Float64Array(settings.replicates));
  const resampled = new Float64Array(counts.length);
  const out = new Float64Array(size);
  for (let r = 0; r < settings.replicates; r++) {
    const next = uniformStream(settings.seed, stream, r);
    for (const [from, to] of ranges) sampleMultinomial(counts, resampled, next, from, to);
    out.fill(NaN);
    statistic(resampled, out);
    for (let s = 0; s < size; s++) values[s]![r] = out[s]!;
  }
  return values;
}
