/**
 * Index of the cell whose share interval [starts[c], starts[c + 1]) holds u, searched within [lo, hi).
 *
 * @example
 * findCell(Float64Array.of(0, 0.25, 0.75, 1), 0.5, 0, 3); // 1
 */
export function findCell(starts: Float64Array, u: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const mid = (a + b + 1) >> 1;
    if (starts[mid]! <= u) a = mid;
    else b = mid - 1;
  }
  return a;
}
