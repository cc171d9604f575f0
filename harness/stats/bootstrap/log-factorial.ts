const TABLE_SIZE = 256;
const TABLE = new Float64Array(TABLE_SIZE);
for (let k = 2; k < TABLE_SIZE; k++) TABLE[k] = TABLE[k - 1]! + Math.log(k);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln k! for an integer k ≥ 0: a table below 256, Stirling's series with three correction terms above
 * (absolute error < 1e-14 there).
 */
export function logFactorial(k: number): number {
  if (k < TABLE_SIZE) return TABLE[k]!;
  const inv = 1 / k;
  const inv2 = inv * inv;
  return k * Math.log(k) - k + HALF_LOG_2PI + 0.5 * Math.log(k) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}
