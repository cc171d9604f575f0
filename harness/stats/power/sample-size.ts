import { normalQuantile } from '../stdlib-functions.js';

export interface RatioSampleSizeInput {
  /** Ratio of adverse rates to detect, group ÷ reference (e.g. 1.25), ≠ 1. */
  readonly ratio: number;
  /** Adverse (selection) rate of the reference group, p0. */
  readonly baseRate: number;
  /** Share of the group in the population or audit sample, s. */
  readonly share: number;
  /** Share of the reference group; default 1 − share (the rest of the population). */
  readonly referenceShare?: number | undefined;
  /** Two-sided significance level. */
  readonly alpha: number;
  /** Power, 1 − β. */
  readonly power: number;
}

export interface RatioSampleSize {
  /** Total rows N needed (rounded up). */
  readonly total: number;
  /** Rows of the group and of the reference group at that N. */
  readonly group: number;
  readonly reference: number;
  /** Expected flagged rows in each at that N. */
  readonly groupFlagged: number;
  readonly referenceFlagged: number;
  readonly p1: number;
  readonly p0: number;
  readonly zAlpha: number;
  readonly zBeta: number;
  readonly formula: string;
}

export const RATIO_SAMPLE_SIZE_FORMULA =
  'N = (z_{1−α/2} + z_{1−β})² · [(1 − p1)/(s·p1) + (1 − p0)/(r·p0)] / (ln R)², p1 = R·p0: the Wald test of ln(p1/p0) = 0 with the Katz variance (the test behind the katz-log interval), group s·N rows, reference r·N rows';

/**
 * Rows needed for the Katz/Wald log-ratio test at level α to detect a ratio R of adverse rates with
 * the given power, for a group making up a share s of the rows and a reference group making up r
 * (by default 1 − s). Var(ln RR̂) ≈ (1 − p1)/(n1·p1) + (1 − p0)/(n0·p0) with n1 = sN, n0 = rN, and
 * power requires |ln R| ≥ (z_{1−α/2} + z_{1−β})·√Var.
 *
 * @example ratioSampleSize({ ratio: 1.25, baseRate: 0.1, share: 0.1, alpha: 0.05, power: 0.8 }).total // 12,611
 */
export function ratioSampleSize(input: RatioSampleSizeInput): RatioSampleSize {
  const { ratio, baseRate: p0, share: s, alpha, power } = input;
  const r = input.referenceShare ?? 1 - s;
  const p1 = ratio * p0;
  if (!(ratio > 0) || ratio === 1) throw new RangeError('ratio must be positive and different from 1');
  if (!(p0 > 0 && p0 < 1) || !(p1 > 0 && p1 < 1)) throw new RangeError(`base rate ${p0} and ratio ${ratio} must give rates in (0, 1) (group rate ${p1})`);
  if (!(s > 0 && s < 1) || !(r > 0 && r <= 1) || s + r > 1 + 1e-12) throw new RangeError('shares must lie in (0, 1) and sum to at most 1');
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) throw new RangeError('alpha and power must lie in (0, 1)');
  const zAlpha = normalQuantile(1 - alpha / 2, 0, 1);
  const zBeta = normalQuantile(power, 0, 1);
  const exact = ((zAlpha + zBeta) ** 2 * ((1 - p1) / (s * p1) + (1 - p0) / (r * p0))) / Math.log(ratio) ** 2;
  const total = Math.ceil(exact - 1e-9);
  return {
    total,
    group: Math.ceil(s * total),
    reference: Math.ceil(r * total),
    groupFlagged: s * total * p1,
    referenceFlagged: r * total * p0,
    p1,
    p0,
    zAlpha,
    zBeta,
    formula: RATIO_SAMPLE_SIZE_FORMULA,
  };
}
