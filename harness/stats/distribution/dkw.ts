/**
 * Half-width ε of the Dvoretzky–Kiefer–Wolfowitz band with Massart's (1990) tight constant:
 * P(sup |F̂_n − F| > ε) ≤ 2·exp(−2nε²), so ε = √(ln(2/α) / (2n)) gives a band of coverage ≥ 1 − α
 * for any distribution. Infinity when n = 0.
 *
 * @example dkwEpsilon(1000, 0.05) // 0.04295
 */
export function dkwEpsilon(n: number, alpha: number): number {
  return n > 0 ? Math.sqrt(Math.log(2 / alpha) / (2 * n)) : Infinity;
}
