import { logFactorial } from '../bootstrap/index.js';

/** Point probabilities of Binomial(n, p) over the range of counts that holds all but a negligible tail. */
export interface BinomialMass {
  /** Smallest count kept. */
  readonly from: number;
  /** pmf[k − from] = P(X = k). */
  readonly pmf: Float64Array;
  /** cumulative[j] = Σ pmf[0..j) (length pmf.length + 1), for the mass of a run of counts. */
  readonly cumulative: Float64Array;
}

/** A count's probability below which the walk away from the mode stops; the tails beyond are geometric, so what is left out is below about 1e-14. */
const NEGLIGIBLE = 1e-17;

/**
 * Binomial(n, p) probabilities from the mode outwards (the ratio recurrence, started from the
 * log-factorial value at the mode), kept while they exceed 1e-17 and normalised to sum to 1: the counts
 * left out hold well under 1e-12 of the probability together.
 *
 * @example binomialMass(10, 0.5).pmf[5 - binomialMass(10, 0.5).from] // 0.24609375
 */
export function binomialMass(n: number, p: number): BinomialMass {
  if (!(Number.isInteger(n) && n >= 0) || !(p >= 0 && p <= 1)) throw new RangeError(`binomialMass: n ${n} and p ${p} out of range`);
  if (p === 0 || p === 1 || n === 0) {
    const at = p === 1 ? n : 0;
    return { from: at, pmf: Float64Array.of(1), cumulative: Float64Array.of(0, 1) };
  }
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const odds = p / (1 - p);
  const atMode = Math.exp(logFactorial(n) - logFactorial(mode) - logFactorial(n - mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
  const below: number[] = [];
  let v = atMode;
  for (let k = mode; k > 0; k--) {
    v *= k / ((n - k + 1) * odds);
    if (v < NEGLIGIBLE) break;
    below.push(v);
  }
  const above: number[] = [];
  v = atMode;
  for (let k = mode; k < n; k++) {
    v *= ((n - k) * odds) / (k + 1);
    if (v < NEGLIGIBLE) break;
    above.push(v);
  }
  const pmf = new Float64Array(below.length + 1 + above.length);
  for (let i = 0; i < below.length; i++) pmf[below.length - 1 - i] = below[i]!;
  pmf[below.length] = atMode;
  for (let i = 0; i < above.length; i++) pmf[below.length + 1 + i] = above[i]!;
  // ln n! of a large n carries an absolute error near 1e-9, which scales every value alike; the kept
  // counts hold all but < 1e-14 of the mass, so dividing by their sum removes that error.
  let sum = 0;
  for (let i = 0; i < pmf.length; i++) sum += pmf[i]!;
  const cumulative = new Float64Array(pmf.length + 1);
  for (let i = 0; i < pmf.length; i++) {
    pmf[i] = pmf[i]! / sum;
    cumulative[i + 1] = cumulative[i]! + pmf[i]!;
  }
  return { from: mode - below.length, pmf, cumulative };
}

/**
 * P(from ≤ X ≤ to) from the kept counts ({@link binomialMass}): 0 for an empty run, the run clipped to
 * the kept range otherwise.
 *
 * @example massBetween(binomialMass(10, 0.5), 5, 5) // 0.24609375
 */
export function massBetween(mass: BinomialMass, from: number, to: number): number {
  const f = Math.max(from, mass.from);
  const t = Math.min(to, mass.from + mass.pmf.length - 1);
  return f > t ? 0 : mass.cumulative[t - mass.from + 1]! - mass.cumulative[f - mass.from]!;
}
