/**
 * Bias-corrected Cramér's V (Bergsma 2013, J. Korean Stat. Soc. 42:323–328) of an r × k table
 * (row-major): φ² = χ²/n, φ̃² = max(0, φ² − (k−1)(r−1)/(n−1)), r̃ = r − (r−1)²/(n−1),
 * k̃ = k − (k−1)²/(n−1), Ṽ = √(φ̃² / min(k̃ − 1, r̃ − 1)). Empty rows and columns are dropped first.
 * 0 = independent, 1 = one variable determines the other. NaN with fewer than two non-empty rows
 * or columns.
 *
 * @example cramersV([10, 0, 0, 10], 2, 2) // 0.8947 (a perfect 2 × 2 association, n = 20, corrected)
 */
export function cramersV(table: ArrayLike<number>, rows: number, cols: number): number {
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const x = table[i * cols + j]!;
      rowSum[i]! += x;
      colSum[j]! += x;
      n += x;
    }
  }
  const r = rowSum.filter((x) => x > 0).length;
  const k = colSum.filter((x) => x > 0).length;
  if (r < 2 || k < 2 || n < 2) return NaN;
  let chi2 = 0;
  for (let i = 0; i < rows; i++) {
    if (rowSum[i] === 0) continue;
    for (let j = 0; j < cols; j++) {
      if (colSum[j] === 0) continue;
      const e = (rowSum[i]! * colSum[j]!) / n;
      chi2 += (table[i * cols + j]! - e) ** 2 / e;
    }
  }
  const phi2 = Math.max(0, chi2 / n - ((k - 1) * (r - 1)) / (n - 1));
  const rr = r - (r - 1) ** 2 / (n - 1);
  const kk = k - (k - 1) ** 2 / (n - 1);
  const d = Math.min(kk - 1, rr - 1);
  return d > 0 ? Math.min(1, Math.sqrt(phi2 / d)) : NaN;
}
