/**
 * An exact, order-independent sum of doubles: each value is cut into six 26-bit limbs of a fixed
 * binary point (weights 2^-80 … 2^76; bits below 2^-80 are truncated, the same way for every value),
 * limbs are added as integers, and carries are normalised to unique base-2^26 digits. The total is
 * therefore identical whatever the order of the values, the chunking or the number of workers —
 * which a plain `+=` over doubles does not guarantee. Values must satisfy |v| < 2^70.
 *
 * @example
 * const s = createExactSum();
 * addToExactSum(s, 0.1); addToExactSum(s, 0.2); exactSumValue(s); // 0.30000000000000004 ≈ 0.1 + 0.2, same in any order
 */
export interface ExactSum {
  readonly limbs: Float64Array;
  /** Values added since the last normalisation (limb sums stay exact below 2^27 additions). */
  pending: number;
}

const LIMBS = 6;
const B = 2 ** 26;
const SCALE = 2 ** 80;
const WEIGHTS = Array.from({ length: LIMBS }, (_, j) => 2 ** (26 * j));
const MAX_PENDING = 2 ** 26;

export function createExactSum(): ExactSum {
  return { limbs: new Float64Array(LIMBS), pending: 0 };
}

/** Adds one finite value. */
export function addToExactSum(s: ExactSum, v: number): void {
  let x = v * SCALE; // exact: multiplication by a power of two
  const limbs = s.limbs;
  for (let j = LIMBS - 1; j > 0; j--) {
    const w = WEIGHTS[j]!;
    const d = Math.trunc(x / w);
    limbs[j]! += d;
    x -= d * w;
  }
  limbs[0]! += Math.trunc(x);
  if (++s.pending >= MAX_PENDING) normaliseExactSum(s);
}

/** Carries limbs into unique digits: limbs 0..4 in [0, 2^26), the sign in the top limb. */
export function normaliseExactSum(s: ExactSum): void {
  const limbs = s.limbs;
  for (let j = 0; j < LIMBS - 1; j++) {
    const c = Math.floor(limbs[j]! / B);
    limbs[j]! -= c * B;
    limbs[j + 1]! += c;
  }
  s.pending = 0;
}

/** Adds `b` into `a`. */
export function mergeExactSum(a: ExactSum, b: ExactSum): ExactSum {
  normaliseExactSum(a);
  const nb = { limbs: Float64Array.from(b.limbs), pending: b.pending };
  normaliseExactSum(nb);
  for (let j = 0; j < LIMBS; j++) a.limbs[j]! += nb.limbs[j]!;
  normaliseExactSum(a);
  return a;
}

/** The sum as a double (rounded once, deterministically, from the normalised digits). */
export function exactSumValue(s: ExactSum): number {
  const t = { limbs: Float64Array.from(s.limbs), pending: s.pending };
  normaliseExactSum(t);
  let v = 0;
  for (let j = LIMBS - 1; j >= 0; j--) v += t.limbs[j]! * WEIGHTS[j]!;
  return v / SCALE;
}
