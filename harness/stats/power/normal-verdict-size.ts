import { normalCdf, normalQuantile } from '../stdlib-functions.js';
import type { RatioBounds } from './ratio-verdict.js';
import type { VerdictTarget } from './verdict-power.js';

export interface NormalVerdictSizeInput {
  readonly p1: number;
  readonly p0: number;
  /** Shares of the rows in the group and in the reference group. */
  readonly share: number;
  readonly referenceShare: number;
  readonly z: number;
  readonly power: number;
  readonly bounds: RatioBounds;
  readonly target: VerdictTarget;
}

/**
 * Rows N at which the Katz log interval reaches the target with the given power, by the normal
 * approximation of ln RR̂ (variance V/N, V = (1 − p1)/(s·p1) + (1 − p0)/(r·p0)). A fail above U needs
 * ln R − z·se ≥ ln U with probability 1 − β: N = (z + z_{1−β})²·V / (ln R − ln U)² (below L alike). A
 * pass needs both limits inside: P = Φ((ln U − ln R)/se − z) + Φ((ln R − ln L)/se − z) − 1, solved for N
 * by bisection. Only a bracket for the exact search: it ignores the discreteness, and the check's
 * interval is the MOVER one from Clopper–Pearson rates, not Katz's.
 *
 * @example normalVerdictSize({ p1: 0.075, p0: 0.05, share: 0.1, referenceShare: 0.9, z: 1.96, power: 0.8, bounds: { lower: 0.8, upper: 1.25 }, target: 'above' }) // ≈ 34,107
 */
export function normalVerdictSize(input: NormalVerdictSizeInput): number {
  const { p1, p0, share, referenceShare, z, power, bounds, target } = input;
  const v = (1 - p1) / (share * p1) + (1 - p0) / (referenceShare * p0);
  const logR = Math.log(p1 / p0);
  const zBeta = normalQuantile(power, 0, 1);
  if (target !== 'inside') {
    const margin = target === 'above' ? logR - Math.log(bounds.upper) : Math.log(bounds.lower) - logR;
    return ((z + zBeta) ** 2 * v) / margin ** 2;
  }
  const passes = (n: number) => {
    const se = Math.sqrt(v / n);
    return normalCdf((Math.log(bounds.upper) - logR) / se - z, 0, 1) + normalCdf((logR - Math.log(bounds.lower)) / se - z, 0, 1) - 1 >= power;
  };
  let lo = 0;
  let hi = 1;
  while (!passes(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > Math.max(1e-6 * hi, 0.01)) {
    const mid = (lo + hi) / 2;
    if (passes(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
