import { sampleBinomial } from './sample-binomial.js';

/**
 * Multinomial resample of `counts` (integers): `total` draws with probabilities counts/Σcounts, written
 * into `out` over [from, to). Exact, by conditional binomials: cell i gets Binomial(remaining,
 * p_i / remaining mass). Cells with a zero count stay zero.
 */
export function sampleMultinomial(
  counts: Float64Array,
  out: Float64Array,
  next: () => number,
  from = 0,
  to = counts.length,
  total?: number,
): void {
  let mass = 0;
  for (let i = from; i < to; i++) mass += counts[i]!;
  let remaining = total ?? mass;
  for (let i = from; i < to; i++) {
    const c = counts[i]!;
    if (c <= 0 || remaining <= 0) {
      out[i] = 0;
      continue;
    }
    const draw = c >= mass ? remaining : sampleBinomial(remaining, c / mass, next);
    out[i] = draw;
    remaining -= draw;
    mass -= c;
  }
}
