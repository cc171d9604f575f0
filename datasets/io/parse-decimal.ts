/** A decimal number: optional sign, digits with an optional point, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a decimal number strictly, NaN for anything else. Surrounding spaces are allowed; hex
 * ("0x10"), "Infinity", "NaN", a dangling exponent ("1e"), a blank ("  ") and values that overflow
 * to infinity are not numbers. (`Number` accepts the first two and reads a blank as 0.)
 *
 * @example
 * parseDecimal('-1.5e3'); // -1500
 * parseDecimal('0x10');   // NaN
 */
export function parseDecimal(text: string): number {
  const s = text.trim();
  if (!DECIMAL.test(s)) return NaN;
  const x = Number(s);
  return Number.isFinite(x) ? x : NaN;
}
