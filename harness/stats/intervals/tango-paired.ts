import type { Interval } from './interval.js';

/**
 * Constrained maximum-likelihood estimate of the discordant-cell probability p_c of a paired 2×2
 * table under H: p_b − p_c = δ (Tango 1998, eq. 5). With n pairs, b discordant one way and c the
 * other, the profile score equation is the quadratic 2n·q² + B·q + C = 0, B = −b − c + (2n − b + c)·δ,
 * C = −c·δ(1 − δ); its larger root is the one inside the feasible range max(0, −δ) ≤ q ≤ (1 − δ)/2.
 */
export function tangoConstrainedDiscordant(b: number, c: number, n: number, delta: number): number {
  const A = 2 * n;
  const B = -b - c + (2 * n - b + c) * delta;
  const C = -c * delta * (1 - delta);
  const root = Math.sqrt(Math.max(0, B * B - 4 * A * C));
  // The same root written two ways; each avoids cancelling two near-equal terms for its sign of B.
  return B > 0 ? (-2 * C) / (B + root) : (root - B) / (2 * A);
}

/**
 * Tango's score statistic for H: p_b − p_c = δ, Z(δ) = (b − c − nδ) / √(n·(2q̃ + δ(1 − δ))), where q̃ is
 * {@link tangoConstrainedDiscordant} and the denominator is the null variance of b − c
 * (n·(p_b + p_c − δ²) with p_b = q̃ + δ, p_c = q̃). Positive when the observed difference exceeds δ.
 * ±∞ where the null variance vanishes (δ = ±1, or δ = 0 with no discordant pair) but the data disagree.
 *
 * @example tangoPairedStatistic(1, 7, 21, 0) // −2.1213 = −6/√8, the score (McNemar) statistic at δ = 0
 */
export function tangoPairedStatistic(b: number, c: number, n: number, delta: number): number {
  const q = tangoConstrainedDiscordant(b, c, n, delta);
  const variance = n * (2 * q + delta * (1 - delta));
  const numerator = b - c - n * delta;
  if (!(variance > 0)) return numerator === 0 ? 0 : numerator > 0 ? Infinity : -Infinity;
  return numerator / Math.sqrt(variance);
}

/** Bisects for the edge of {δ : |Z(δ)| ≤ z} between a δ inside it and one outside. */
function bisect(f: (delta: number) => number, z: number, inside: number, outside: number): number {
  let a = inside;
  let b = outside;
  for (let i = 0; i < 200 && Math.abs(b - a) > 1e-14; i++) {
    const mid = (a + b) / 2;
    if (Math.abs(f(mid)) <= z) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

/**
 * Tango's asymptotic score interval for the difference of two paired proportions
 * (Tango 1998, Statistics in Medicine 17:891–908): with n pairs, b of them positive under condition
 * B only and c under condition A only, the difference of the marginal proportions is
 * p_B − p_A = p_b − p_c, estimated by (b − c)/n, and the interval is every δ in [−1, 1] whose statistic
 * {@link tangoPairedStatistic} has |Z(δ)| ≤ z. Unlike the interval conditional on the number of
 * discordant pairs it accounts for that number being random too, so it does not collapse when b or c
 * is 0; with b = c = 0 it is ±z²/(n + z²). Consistent with the (uncorrected) McNemar score test.
 * Requires 0 ≤ b, c and b + c ≤ n; null when n = 0.
 *
 * @example tangoPairedDifferenceInterval(1, 7, 21, z95) // −0.2857, ≈ [−0.5172, −0.0260] (Fagerland et al. 2014)
 */
export function tangoPairedDifferenceInterval(b: number, c: number, n: number, z: number): Interval | null {
  if (n <= 0) return null;
  const estimate = (b - c) / n;
  const f = (delta: number) => tangoPairedStatistic(b, c, n, delta);
  return {
    lo: estimate <= -1 ? -1 : bisect(f, z, estimate, -1),
    hi: estimate >= 1 ? 1 : bisect(f, z, estimate, 1),
    method: 'tango-score-paired',
  };
}
