/**
 * Acceleration of the BCa interval from a grouped jackknife (Efron 1987, eq. 6.6; Efron & Tibshirani
 * 1993, eq. 14.15): values[c] is the statistic with one row of cell c left out and weights[c] the
 * rows in cell c, so every row's leave-one-out value is counted without listing rows.
 * a = Σ w·(θ̄ − θ₍c₎)³ / (6·[Σ w·(θ̄ − θ₍c₎)²]^{3/2}). Null when a leave-one-out value is undefined
 * (a denominator emptied by removing a row); 0 when the statistic does not move.
 *
 * @example jackknifeAcceleration(Float64Array.of(4 / 19, 5 / 19), Float64Array.of(5, 15)) // ≈ 0.0430 (a rate of 5 in 20)
 */
export function jackknifeAcceleration(values: Float64Array, weights: Float64Array): number | null {
  let total = 0;
  let sum = 0;
  for (let c = 0; c < values.length; c++) {
    const w = weights[c]!;
    if (w <= 0) continue;
    if (!Number.isFinite(values[c]!)) return null;
    total += w;
    sum += w * values[c]!;
  }
  if (total === 0) return null;
  const mean = sum / total;
  let s2 = 0;
  let s3 = 0;
  for (let c = 0; c < values.length; c++) {
    const w = weights[c]!;
    if (w <= 0) continue;
    const d = mean - values[c]!;
    s2 += w * d * d;
    s3 += w * d * d * d;
  }
  return s2 > 0 ? s3 / (6 * s2 ** 1.5) : 0;
}
