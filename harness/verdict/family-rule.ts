import type { Results } from '../results/index.js';
import type { Correction } from '../stats/index.js';

export type FamilyRule = NonNullable<Results['summary']['rule']>;

/**
 * The level at which a battery's checks are judged together, from the claims' p-values:
 * - `bonferroni` (and `holm`, see below): every interval at confidence 1 − α/m, m the number of
 *   check rows. All m intervals then hold together with probability at least 1 − α, and every claim
 *   (fail, pass, direction) read off them is wrong with probability at most α: the family-wise error.
 *   Holm's step-down does not apply here: each check can err in two directions (a false fail and a
 *   false pass), so every check always carries a hypothesis that may be true, and the closed test of
 *   those hypotheses reduces to Bonferroni.
 * - `benjamini-hochberg`: the step-up rule on the claims' p-values; with R claims the intervals are
 *   at 1 − Rα/m (Benjamini & Yekutieli 2005), so the claims made are exactly those whose interval lies
 *   outside or inside the tolerance, and the expected share of wrong claims among them is at most α
 *   for independent or positively dependent checks.
 * - `none`: each interval at 1 − α on its own; no error is controlled across the checks.
 *
 * @example familyRule([0.001, 0.2], 'bonferroni', 0.05) // { t: 0.025, adjusted: [0.002, 0.4], … }
 */
export function familyRule(pValues: readonly number[], correction: Correction, alpha: number): { t: number; adjusted: number[]; rule: FamilyRule } {
  const m = pValues.length;
  const base = { family_size: m, alpha, requested: correction };
  if (correction === 'none' || m === 0) {
    return { t: alpha, adjusted: [...pValues], rule: { ...base, method: 'none', error: 'per-check', level: 1 - alpha } };
  }
  if (correction === 'benjamini-hochberg') {
    const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
    let claims = 0;
    order.forEach(({ p }, k) => {
      if (p <= ((k + 1) * alpha) / m) claims = k + 1;
    });
    const adjusted = new Array<number>(m);
    let running = 1;
    for (let k = m - 1; k >= 0; k--) {
      const { p, i } = order[k]!;
      running = Math.min(running, (p * m) / (k + 1));
      adjusted[i] = Math.min(1, running);
    }
    const t = (Math.max(claims, 1) * alpha) / m;
    return { t, adjusted, rule: { ...base, method: 'benjamini-hochberg', error: 'false-discovery', level: 1 - t } };
  }
  const t = alpha / m;
  return { t, adjusted: pValues.map((p) => Math.min(1, p * m)), rule: { ...base, method: 'bonferroni', error: 'family-wise', level: 1 - t } };
}
