/**
 * Delta-method standard error of a smooth statistic f of multinomial counts X (total N fixed):
 * Var f ≈ Σ g_i² X_i − (Σ g_i X_i)² / N with g = ∇f at the observed counts (central differences
 * of step ½, a count being an integer). NaN where f or its gradient is not finite.
 *
 * @example multinomialDeltaSe((x) => x[0]! / (x[0]! + x[1]!), [30, 70]) // ≈ √(0.3·0.7/100) = 0.0458
 */
export function multinomialDeltaSe(f: (counts: Float64Array) => number, counts: ArrayLike<number>): number {
  const x = Float64Array.from(counts as ArrayLike<number>);
  const N = x.reduce((a, b) => a + b, 0);
  let s2 = 0;
  let s1 = 0;
  for (let i = 0; i < x.length; i++) {
    const c = x[i]!;
    if (c <= 0) continue;
    const h = Math.min(0.5, c / 2);
    x[i] = c + h;
    const up = f(x);
    x[i] = c - h;
    const down = f(x);
    x[i] = c;
    const g = (up - down) / (2 * h);
    if (!Number.isFinite(g)) return NaN;
    s2 += g * g * c;
    s1 += g * c;
  }
  const v = s2 - (s1 * s1) / N;
  return v > 0 ? Math.sqrt(v) : v === 0 ? 0 : NaN;
}
