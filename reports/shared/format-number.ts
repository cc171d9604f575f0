/**
 * Locale-independent number formatting for every report (HTML, Markdown, chart labels).
 * `toFixed` never consults the locale, so reports are byte-identical whatever LANG says.
 */

const MINUS = '\u2212';

/** Fixed decimals without a negative zero ("-0.0" becomes "0.0"). */
export function fixed(value: number, decimals: number): string {
  const s = value.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace('-', MINUS);
}

/** Decimals for a percentage: 1, or 2 when a value lies in [0.005 %, 1 %) and would read as 0.0 %. */
function percentDecimals(values: number[]): number {
  return values.some((v) => Math.abs(v * 100) >= 0.005 && Math.abs(v * 100) < 1) ? 2 : 1;
}

/** A rate as a percentage. @example formatRate(0.105) // "10.5 %" */
export function formatRate(value: number | null): string {
  return value === null ? 'n/a' : `${fixed(value * 100, percentDecimals([value]))} %`;
}

/** A ratio with 2 decimals. @example formatRatio(2.1) // "2.10" */
export function formatRatio(value: number | null): string {
  return value === null ? 'n/a' : fixed(value, 2);
}

/** A signed difference of rates in percentage points. @example formatDifference(0.055) // "+5.5 pp" */
export function formatDifference(value: number | null): string {
  if (value === null) return 'n/a';
  const s = fixed(value * 100, percentDecimals([value]));
  return `${value > 0 && /[1-9]/.test(s) ? '+' : ''}${s} pp`;
}

/** A count with comma thousands separators. @example formatCount(87000) // "87,000" */
export function formatCount(value: number | null): string {
  if (value === null) return 'n/a';
  const s = String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? MINUS + s : s;
}

/** A p-value. @example formatP(0.0004) // "< 0.001" */
export function formatP(value: number | null): string {
  if (value === null) return 'n/a';
  return value < 0.001 ? '< 0.001' : fixed(value, 3);
}

/**
 * A confidence level as a percentage, with the decimals that keep it short of 100 % (a family level
 * such as 1 − 0.05/44 is "99.89 %", never "99.9 %" or "100 %").
 * @example formatLevel(0.95) // "95 %"
 */
export function formatLevel(level: number): string {
  const pct = level * 100;
  for (let d = 0; d <= 3; d++) if (Math.abs(pct - Number(fixed(pct, d))) < 1e-9) return `${fixed(pct, d)} %`;
  // Not a short decimal (1 − 0.05/44): two significant digits of what it lacks to 100 %.
  const d = pct >= 100 ? 1 : Math.min(6, Math.max(1, 1 - Math.floor(Math.log10(100 - pct))));
  return `${fixed(pct, d)} %`;
}

/** The percentage endpoints of an interval with shared decimals. @example "4.8–5.2 %" */
export function formatRateInterval([lo, hi]: readonly [number, number]): string {
  const d = percentDecimals([lo, hi]);
  return `${fixed(lo * 100, d)}–${fixed(hi * 100, d)} %`;
}
