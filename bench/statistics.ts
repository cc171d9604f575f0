import { binomialMass, ratioLimits, zCritical } from '../harness/stats/index.js';
import { simulateFamilies, type FamilySetting } from './simulations/family-error.js';

/** One figure of the statistical simulations: what was simulated, the measured rate and the promise. */
export interface StatisticsRow {
  readonly what: string;
  readonly figure: string;
  readonly target: string;
  readonly ok: boolean;
}

const AUDITS = 20_000;
const base: FamilySetting = { n: 200, p0: 0.2, ratio: 1.25, groups: 10, bounds: [0.8, 1.25], correction: 'bonferroni', families: AUDITS, seed: 101 };
// Standard error of a 5 % rate over 20,000 audits: 0.15 points; the bound allows 3 of them.
const allowed = 0.05 + 3 * Math.sqrt((0.05 * 0.95) / AUDITS);
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/**
 * The long version of the simulation tests of the verdict rule (test/verdict/family-error.test.ts
 * runs 2,000 audits per setting): 20,000 simulated audits per setting.
 */
export function benchStatistics(): StatisticsRow[] {
  const rows: StatisticsRow[] = [];
  for (const [n, p0] of [[200, 0.2], [5000, 0.05], [200_000, 0.2]] as const) {
    for (const ratio of [1.25, 0.8]) {
      const r = simulateFamilies({ ...base, n, p0, ratio, seed: base.seed + n + (ratio > 1 ? 1 : 0) });
      rows.push({
        what: `verdict rule: ten checks with the true ratio on the bound ${ratio}, n = ${n.toLocaleString('en')} per group, reference rate ${p0}: audits with a false fail / false pass / either (${AUDITS.toLocaleString('en')} audits)`,
        figure: `${pct(r.fail)} / ${pct(r.pass)} / ${pct(r.any)}`,
        target: '≤ 5 % each (+ 3 s.e.)',
        ok: r.any <= allowed,
      });
    }
  }
  for (const groups of [2, 5, 10, 30]) {
    const r = simulateFamilies({ ...base, p0: 0.1, ratio: 1, groups, seed: base.seed + groups });
    rows.push({
      what: `verdict rule: ${groups} groups, every true ratio 1 (n = 200, rate 10 %): audits stating a direction (${AUDITS.toLocaleString('en')} audits)`,
      figure: pct(r.direction),
      target: '≤ 5 % (+ 3 s.e.)',
      ok: r.direction <= allowed,
    });
  }
  // The known limit README "Reading the report" states: the ratio interval's exact miss rate at the
  // level of a 44-check family, summed over every pair of counts (not simulated).
  const z = zCritical(0.05 / 44);
  for (const [n1, p1, n0, p0] of [[60, 0.12, 3000, 0.1], [100, 0.08, 2000, 0.05], [40, 0.2, 200, 0.2]] as const) {
    const miss = exactRatioMiss(n1, p1, n0, p0, z);
    rows.push({
      what: `ratio interval at 1 − 0.05/44 (z = ${z.toFixed(2)}), ${n1} rows at ${p1} against ${n0} at ${p0}: exact probability that it misses the true ratio (lower limit too high)`,
      figure: `${pct(miss.total)} (${pct(miss.low)})`,
      target: `${pct(0.05 / 44)} nominal (a known limit, see README)`,
      ok: miss.total <= 0.05 / 44,
    });
  }
  return rows;
}

/** Exact miss probability of the ratio interval the tool reports, by summing over both binomial counts. */
function exactRatioMiss(n1: number, p1: number, n0: number, p0: number, z: number): { total: number; low: number } {
  const a = binomialMass(n1, p1);
  const b = binomialMass(n0, p0);
  const truth = p1 / p0;
  let total = 0;
  let low = 0;
  a.pmf.forEach((pa, i) => {
    b.pmf.forEach((pb, j) => {
      const c = ratioLimits(a.from + i, n1, b.from + j, n0, z);
      if (!c) return;
      if (c.lo > truth) low += pa * pb;
      if (c.lo > truth || c.hi < truth) total += pa * pb;
    });
  });
  return { total, low };
}
