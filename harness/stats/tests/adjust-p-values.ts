/** Multiple-comparison corrections across all checks of a battery. */
export type Correction = 'holm' | 'bonferroni' | 'benjamini-hochberg' | 'none';

/**
 * Adjusted p-values (nulls stay null and do not count towards the number of tests).
 * Holm (1979) step-down and Benjamini–Hochberg (1995) step-up, with monotonicity enforced.
 *
 * @example adjustPValues([0.01, 0.04, 0.03], 'holm') // [0.03, 0.06, 0.06]
 */
export function adjustPValues(pValues: readonly (number | null)[], correction: Correction): (number | null)[] {
  const present = pValues.map((p, i) => ({ p, i })).filter((e): e is { p: number; i: number } => e.p !== null);
  const m = present.length;
  const out: (number | null)[] = pValues.map(() => null);
  if (correction === 'none') return [...pValues];
  if (correction === 'bonferroni') {
    for (const { p, i } of present) out[i] = Math.min(1, p * m);
    return out;
  }
  // Ties broken by position so the result does not depend on sort stability.
  const sorted = [...present].sort((a, b) => a.p - b.p || a.i - b.i);
  if (correction === 'holm') {
    let running = 0;
    sorted.forEach(({ p, i }, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * p));
      out[i] = running;
    });
    return out;
  }
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const { p, i } = sorted[rank]!;
    running = Math.min(running, (p * m) / (rank + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}
