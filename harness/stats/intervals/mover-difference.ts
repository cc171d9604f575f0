import type { RateLimits } from './mover-ratio.js';

/**
 * MOVER interval for a difference of independent proportions p1 − p0 from the two groups' own
 * intervals (Zou & Donner 2008, Stat Med 27:1693–1702; Newcombe 1998, Stat Med 17:873–890, whose
 * method 10 is this construction with Wilson intervals): p1 − p0 − √((p1 − l1)² + (u0 − p0)²) to
 * p1 − p0 + √((u1 − p1)² + (p0 − l0)²). With Clopper–Pearson intervals for sparse groups it keeps
 * their protection where the Wilson-based interval under-covers.
 *
 * @example moverDifferenceLimits(0.8, { lo: 0.6917, hi: 0.8769 }, 0.6, { lo: 0.4905, hi: 0.7002 }) // ≈ { lo: 0.0524, hi: 0.3339 }
 */
export function moverDifferenceLimits(p1: number, r1: RateLimits, p0: number, r0: RateLimits): RateLimits {
  const d = p1 - p0;
  return { lo: d - Math.hypot(p1 - r1.lo, r0.hi - p0), hi: d + Math.hypot(r1.hi - p1, p0 - r0.lo) };
}
