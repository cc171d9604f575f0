/**
 * Writes the running sums of `probs` into `into` from `offset`, the last one exactly 1.
 *
 * @example
 * const cum = new Float64Array(3);
 * cumulative([0.2, 0.3, 0.5], cum, 0); // cum = [0.2, 0.5, 1]
 */
export function cumulative(probs: ArrayLike<number>, into: Float64Array, offset: number): void {
  let c = 0;
  for (let k = 0; k < probs.length; k++) {
    c += probs[k]!;
    into[offset + k] = c;
  }
  into[offset + probs.length - 1] = 1; // guards the search against rounding in the sum
}

/**
 * Sum of a probability row, left to right.
 *
 * @example
 * sum([0.87, 0.05, 0.08]); // 1
 */
export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}
