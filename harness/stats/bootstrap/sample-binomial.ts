import { logFactorial } from './log-factorial.js';

/**
 * One Binomial(n, p) draw from a source of uniforms in (0, 1). Exact: inversion by sequential search
 * when n·min(p, 1 − p) < 10, otherwise Hörmann's transformed rejection with squeeze (BTRS; Hörmann
 * 1993, J. Statist. Comput. Simul. 46:101–110) with an exact log-factorial acceptance test.
 *
 * @example sampleBinomial(1_000_000, 0.03, uniformStream(1, 7, 0)) // ≈ 30,000
 */
export function sampleBinomial(n: number, p: number, next: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - sampleBinomial(n, 1 - p, next);
  if (n * p < 10) return inversion(n, p, next);
  return btrs(n, p, next);
}

function inversion(n: number, p: number, next: () => number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = Math.exp(n * Math.log1p(-p));
  let u = next();
  let k = 0;
  while (u > r) {
    u -= r;
    k++;
    if (k > n) return n; // rounding left a sliver of mass above n
    r *= a / k - s;
  }
  return k;
}

function btrs(n: number, p: number, next: () => number): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  // The exact acceptance test's constants are needed only outside the squeeze (~15 % of draws).
  let lpq = NaN;
  let m = 0;
  let h = 0;
  for (;;) {
    const u = next() - 0.5;
    let v = next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (Number.isNaN(lpq)) {
      lpq = Math.log(p / (1 - p));
      m = Math.floor((n + 1) * p);
      h = logFactorial(m) + logFactorial(n - m);
    }
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}
