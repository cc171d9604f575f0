import { fixed, formatCount } from './format-number.js';

/**
 * A number rounded for a front-page sentence: two significant digits, whole numbers from 10 up
 * (with thousands separators). @example plainNumber(3.0784) // "3.1"; plainNumber(730.3) // "730"
 */
export function plainNumber(value: number): string {
  const a = Math.abs(value);
  if (a === 0) return '0';
  if (a >= 10) return formatCount(Math.round(value));
  return fixed(value, Math.max(1, 1 - Math.floor(Math.log10(a))));
}

/**
 * Two endpoints rounded as {@link plainNumber}, with one more significant digit while they would read
 * the same ("3.54–3.55", never "3.5–3.5"). @example plainInterval([2.853, 3.322]) // ["2.9", "3.3"]
 */
export function plainInterval([lo, hi]: readonly [number, number]): [string, string] {
  for (let digits = 2; digits <= 6; digits++) {
    const at = (v: number): string => (v === 0 ? '0' : Math.abs(v) >= 10 ** digits ? formatCount(Math.round(v)) : fixed(v, Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(v))))));
    const pair: [string, string] = [at(lo), at(hi)];
    if (pair[0] !== pair[1] || lo === hi) return digits === 2 ? [plainNumber(lo), plainNumber(hi)] : pair;
  }
  return [plainNumber(lo), plainNumber(hi)];
}

/**
 * The smallest of 100, 1,000, 10,000 … over which every non-zero rate reads as at least 1, so two
 * rates share one base ("13 of every 100 … against 4.2 of every 100").
 * @example perBase([0.177, 0.00024]) // 10000
 */
export function perBase(rates: readonly number[]): number {
  const smallest = Math.min(...rates.filter((r) => r > 0), 1);
  let base = 100;
  while (smallest * base < 0.95 && base < 1e7) base *= 10;
  return base;
}

/** A difference of rates in percentage points, without sign. @example points(0.0884) // "8.8" */
export function points(value: number): string {
  const pp = Math.abs(value) * 100;
  return pp >= 0.1 || pp === 0 ? fixed(pp, 1) : plainNumber(pp);
}

/** A share as a whole percentage, or with one or two decimals under 10 %, never parted from its sign. @example percent(0.2090) // "21\u00a0%" */
export function percent(value: number): string {
  const pct = value * 100;
  // 99.7 % must not read as 100 %, nor 0.3 % as 0 %
  return `${pct >= 99.5 && pct < 100 ? fixed(pct, 1) : pct >= 10 ? fixed(pct, 0) : plainNumber(pct)}\u00a0%`;
}
