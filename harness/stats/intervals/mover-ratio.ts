/** Limits of a rate: the two ends of its interval. */
export interface RateLimits {
  readonly lo: number;
  readonly hi: number;
}

/**
 * MOVER interval for a ratio of independent proportions p1 ÷ p0 from the two groups' own intervals
 * (method of variance estimates recovery; Donner & Zou 2012, Stat Methods Med Res 21:347–359, §3.2;
 * Fagerland, Lydersen & Laake 2015 "MOVER-R"). The lower limit is the root θ of
 * (p1 − θ·p0)² = (p1 − l1)² + θ²·(u0 − p0)² below p1/p0, the upper limit the root of
 * (θ·p0 − p1)² = (u1 − p1)² + θ²·(p0 − l0)² above it, where [l1, u1] and [l0, u0] are the rate intervals.
 * With exact (Clopper–Pearson) rate intervals it inherits their protection in sparse cells, where the
 * score intervals can cover far less than nominal. Defined at every count: the lower limit is 0 when
 * p1 = 0 and the upper limit +∞ when p0 = 0 (l0 = 0).
 *
 * @example moverRatioLimits(0.05, { lo: 0.00127, hi: 0.2487 }, 0, { lo: 0, hi: 0.0451 }) // ≈ { lo: 0.248, hi: Infinity }
 */
export function moverRatioLimits(p1: number, r1: RateLimits, p0: number, r0: RateLimits): RateLimits {
  return { lo: moverRatioLower(p1, r1.lo, p0, r0.hi), hi: moverRatioUpper(p1, r1.hi, p0, r0.lo) };
}

/** Lower limit of {@link moverRatioLimits}, from the group's lower rate limit l1 and the reference's upper u0. */
export function moverRatioLower(p1: number, l1: number, p0: number, u0: number): number {
  // Lower root of a·θ² − 2b·θ + c = 0, written c / (b + √(b² − a·c)): finite when a = 0 or p0 = 0.
  const b = p1 * p0;
  const a = u0 * (2 * p0 - u0);
  const c = l1 * (2 * p1 - l1);
  return p1 <= 0 ? 0 : c / (b + Math.sqrt(Math.max(0, b * b - a * c)));
}

/** Upper limit of {@link moverRatioLimits}, from the group's upper rate limit u1 and the reference's lower l0; +∞ when l0 = 0. */
export function moverRatioUpper(p1: number, u1: number, p0: number, l0: number): number {
  // Upper root of a'·θ² − 2b·θ + c' = 0; a' = l0(2p0 − l0) is 0 exactly when l0 = 0: unbounded.
  const b = p1 * p0;
  const a2 = l0 * (2 * p0 - l0);
  const c2 = u1 * (2 * p1 - u1);
  return a2 > 0 ? (b + Math.sqrt(Math.max(0, b * b - a2 * c2))) / a2 : Infinity;
}
