import { binomialCdf } from '../stdlib-functions.js';
import { checkRatioLimits, type CheckRateLimits } from '../small-sample.js';

/**
 * Relative distance from α/2 below which a binomial tail is not trusted to decide a side, and the
 * limit itself is computed instead. Far wider than the rounding of the tail and of the beta quantile
 * behind the limit (both near 1e-14), so a decided side is the side of the computed limit.
 */
const MARGIN = 1e-6;

/** Which side of a bound c a check's ratio limits lie on, for groups of sizes n1 and n0. */
export interface LimitSides {
  /** lower limit > c, or ≥ c when `orEqual` */
  lowerBeyond(x1: number, x0: number, c: number, orEqual: boolean): boolean;
  /** upper limit > c, or ≥ c when `orEqual` */
  upperBeyond(x1: number, x0: number, c: number, orEqual: boolean): boolean;
}

/**
 * The side of a bound c on which the check's ratio limits (checkRatioLimits: MOVER from
 * Clopper–Pearson rates) lie, found without the reference's Clopper–Pearson limit where a binomial
 * tail settles it: one tail probability costs a tenth of a beta quantile.
 *
 * The lower limit is the root θ ≤ p1/p0 of θ·p0 + √((p1 − l1)² + θ²(u0 − p0)²) = p1, whose left
 * side rises with θ; so lower > c exactly when u0 < u* = p0 + √((p1 − c·p0)² − (p1 − l1)²)/c, which
 * for the Clopper–Pearson upper limit u0 (P(X ≤ x0 | u0) = α/2, falling in p) means
 * P(X ≤ x0 | u*) < α/2. Likewise the upper limit, the root θ ≥ p1/p0 of
 * θ·p0 − √((u1 − p1)² + θ²(p0 − l0)²) = p1, exceeds c exactly when l0 < l* = p0 − √((c·p0 − p1)² − (u1 − p1)²)/c,
 * that is when P(X ≥ x0 | l*) > α/2. Within {@link MARGIN} of α/2, and at the ends of the range,
 * the limit is computed and compared.
 *
 * @example ratioLimitSides(3702, 33313, checkRateLimits(1.96)).lowerBeyond(300, 1600, 1.25, false) // true (lower limit ≈ 1.49)
 */
export function ratioLimitSides(n1: number, n0: number, rates: CheckRateLimits): LimitSides {
  const { lo, hi } = checkRatioLimits(n1, n0, rates);
  const half = rates.alpha / 2;
  const beyond = (v: number, c: number, orEqual: boolean) => (orEqual ? v >= c : v > c);
  return {
    lowerBeyond(x1, x0, c, orEqual) {
      if (x1 <= 0) return beyond(0, c, orEqual);
      if (x0 < n0) {
        const p1 = x1 / n1;
        const p0 = x0 / n0;
        const d1 = p1 - rates.lo(x1, n1);
        const m = p1 - c * p0;
        // m ≤ p1 − l1: the left side is at least p1 at θ = c, the lower limit below c
        if (m < d1 * (1 - MARGIN)) return false;
        const r = m * m - d1 * d1;
        if (m > 0 && r > MARGIN * m * m) {
          const u = p0 + Math.sqrt(r) / c;
          if (u < 1 - MARGIN) {
            const tail = binomialCdf(x0, n0, u);
            if (tail < half * (1 - MARGIN)) return true;
            if (tail > half * (1 + MARGIN)) return false;
          }
        }
      }
      return beyond(lo(x1, x0), c, orEqual);
    },
    upperBeyond(x1, x0, c, orEqual) {
      if (x0 > 0) {
        const p1 = x1 / n1;
        const p0 = x0 / n0;
        const e1 = rates.hi(x1, n1) - p1;
        const m = c * p0 - p1;
        // c·p0 < p1, or (c·p0 − p1)² < (u1 − p1)²: the left side is below p1 at θ = c, the upper limit above c
        if (m < -MARGIN * p1 || m < e1 * (1 - MARGIN)) return true;
        const r = m * m - e1 * e1;
        if (m > 0 && r > MARGIN * m * m) {
          const l = p0 - Math.sqrt(r) / c;
          if (l > MARGIN * p0) {
            // P(X ≥ x0 | l) as the lower tail of the non-flagged count, exact for small tails
            const tail = binomialCdf(n0 - x0, n0, 1 - l);
            if (tail > half * (1 + MARGIN)) return true;
            if (tail < half * (1 - MARGIN)) return false;
          }
        }
      }
      return beyond(hi(x1, x0), c, orEqual);
    },
  };
}
