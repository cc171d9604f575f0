/**
 * The k-th largest value of `values` (1-based k) in expected linear time: Hoare's selection on a
 * copy with median-of-three pivots. Used for top-fraction cut-offs, where a full sort of national
 * populations would dominate the run, and for second-stage priorities (Float64Array).
 *
 * @example kthLargest(Float32Array.of(3, 1, 2), 1) // 3
 */
export function kthLargest(values: Float32Array | Float64Array, k: number): number {
  if (k < 1 || k > values.length) throw new RangeError(`k = ${k} outside 1..${values.length}`);
  const a = values.slice();
  const target = a.length - k; // index in ascending order
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three into a[mid]
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}

function swap(a: Float32Array | Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
