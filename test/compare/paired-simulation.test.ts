import { describe, expect, it } from 'vitest';
import { differenceChange, judgeChanges, logRatioChange, type CheckChange, type PairedTable } from '../../harness/compare/index.js';
import { tangoPairedDifferenceInterval, zCritical } from '../../harness/stats/index.js';
import { createRng } from '../../harness/stats/rng/index.js';

/**
 * Seeded simulations of the paired statistics of `disparate compare`. A group's applicants fall in
 * four cells by their two decisions, (deployed, candidate) = (1,1), (0,1), (1,0), (0,0), with known
 * probabilities; each replicate draws every group's cells (multinomial, by inversion of one uniform
 * per applicant from the counter-based generator, stream "compare-sim") and computes what compare
 * reports. Coverage: the 95 % intervals of the group's selection-rate change (Tango) and of the
 * checks' changes (log ratio, difference) hold the true change in 93–99 % of 4,000 replicates.
 * Nulls: with no true change, "worse" is claimed in at most 5 % of 1,000 simulated comparisons
 * (plus three simulation standard errors), the family of check rows judged together; likewise for a
 * ratio that crosses parity at the same distance; and a real worsening is found.
 */
const rng = createRng(20_261_206);
const Z95 = zCritical(0.05);

/** Cell probabilities [both, candidate only, deployed only] (the rest: neither). */
type Cells = readonly [number, number, number];

function draw(cells: Cells, n: number, stream: string, start: number): PairedTable {
  const u = rng.fill(stream, new Float64Array(n), start);
  const [p11, p01, p10] = cells;
  let both = 0;
  let candidateOnly = 0;
  let deployedOnly = 0;
  for (let i = 0; i < n; i++) {
    const x = u[i]!;
    if (x < p11) both++;
    else if (x < p11 + p01) candidateOnly++;
    else if (x < p11 + p01 + p10) deployedOnly++;
  }
  return { n, both, candidateOnly, deployedOnly };
}

const rates = (c: Cells) => ({ deployed: c[0] + c[2], candidate: c[0] + c[1] });

/** Group g (n = 400) and reference r (n = 1,600): the candidate lowers g's rate from 15 % to 10 % and raises r's from 5 % to 6 %. */
const G: Cells = [0.08, 0.02, 0.07];
const R: Cells = [0.04, 0.02, 0.01];
const NG = 400;
const NR = 1600;

describe('coverage of the paired change intervals (4,000 replicates, 95 %)', () => {
  const REPLICATES = 4000;
  const truth = {
    selection: rates(G).candidate - rates(G).deployed,
    logRatio: Math.log(rates(G).candidate / rates(R).candidate) - Math.log(rates(G).deployed / rates(R).deployed),
    difference: rates(G).candidate - rates(R).candidate - (rates(G).deployed - rates(R).deployed),
  };
  const hits = { selection: 0, logRatio: 0, difference: 0, logRatioSum: 0 };
  const trueSum = Math.log(rates(G).candidate / rates(R).candidate) + Math.log(rates(G).deployed / rates(R).deployed);
  for (let k = 0; k < REPLICATES; k++) {
    const g = draw(G, NG, 'compare-sim-g', k * NG);
    const r = draw(R, NR, 'compare-sim-r', k * NR);
    const t = tangoPairedDifferenceInterval(g.candidateOnly, g.deployedOnly, g.n, Z95)!;
    if (t.lo <= truth.selection && truth.selection <= t.hi) hits.selection++;
    const lr = logRatioChange(g, r);
    const l = lr.changeAt(Z95)!;
    if (l.lo <= truth.logRatio && truth.logRatio <= l.hi) hits.logRatio++;
    const s = lr.sumAt(Z95)!;
    if (s.lo <= trueSum && trueSum <= s.hi) hits.logRatioSum++;
    const d = differenceChange(g, r).changeAt(Z95)!;
    if (d.lo <= truth.difference && truth.difference <= d.hi) hits.difference++;
  }
  const coverage = Object.fromEntries(Object.entries(hits).map(([k, v]) => [k, v / REPLICATES]));
  if (process.env['DISPARATE_SIMULATION']) console.log('coverage', coverage);

  it('the selection-rate change of a group (Tango) covers in 93–99 %', () => {
    expect(coverage['selection']).toBeGreaterThanOrEqual(0.93);
    expect(coverage['selection']).toBeLessThanOrEqual(0.99);
  });
  it('the change of a ratio check (log scale, paired delta method) covers in 93–99 %, and so does its sum', () => {
    expect(coverage['logRatio']).toBeGreaterThanOrEqual(0.93);
    expect(coverage['logRatio']).toBeLessThanOrEqual(0.99);
    expect(coverage['logRatioSum']).toBeGreaterThanOrEqual(0.93);
    expect(coverage['logRatioSum']).toBeLessThanOrEqual(0.99);
  });
  it('the change of a difference check (Tango intervals combined by MOVER) covers in 93–99 %', () => {
    expect(coverage['difference']).toBeGreaterThanOrEqual(0.93);
    expect(coverage['difference']).toBeLessThanOrEqual(0.99);
  });
});

describe('the family rule under nulls (1,000 simulated comparisons of three groups against a reference)', () => {
  const RUNS = 1000;
  const limit = 0.05 + 3 * Math.sqrt((0.05 * 0.95) / RUNS);
  const both = (g: PairedTable, r: PairedTable) => [logRatioChange(g, r), differenceChange(g, r)];
  const ratioOnly = (g: PairedTable, r: PairedTable) => [logRatioChange(g, r)];

  /** Share of comparisons in which any row of the family (every group's checks, judged together) is claimed `verdict`. */
  function claimRate(groups: readonly Cells[], reference: Cells, rows: (g: PairedTable, r: PairedTable) => CheckChange[], verdict: 'worse' | 'better', stream: string): number {
    let runs = 0;
    for (let k = 0; k < RUNS; k++) {
      const r = draw(reference, NR, `${stream}-r`, k * NR);
      const changes = groups.flatMap((cells, i) => rows(draw(cells, NG, `${stream}-g${i}`, k * NG), r));
      if (judgeChanges(changes, 'bonferroni', 0.05).rows.some((row) => row.verdict === verdict)) runs++;
    }
    return runs / RUNS;
  }

  it('no true change (both models flag each group equally often, not the same applicants): "worse" in ≤ 5 % of comparisons', () => {
    // Rates 15 %, 8 %, 5 % in the groups and 5 % in the reference under both models; a third to a half of the flags differ.
    const rate = claimRate([[0.1, 0.05, 0.05], [0.05, 0.03, 0.03], [0.03, 0.02, 0.02]], [0.03, 0.02, 0.02], both, 'worse', 'null-same');
    if (process.env['DISPARATE_SIMULATION']) console.log('null (no change): worse in', rate);
    expect(rate).toBeLessThanOrEqual(limit);
  });

  it('a ratio that changes side but not distance (1.5 → 1/1.5): neither "worse" nor "better" in more than 5 %', () => {
    // Group rates 7.5 % → 3.33 % against a reference at 5 % under both models: |log ratio| is the same.
    const g: Cells = [0.03, 1 / 300, 0.045];
    const worse = claimRate([g, g, g], [0.04, 0.01, 0.01], ratioOnly, 'worse', 'null-cross-w');
    const better = claimRate([g, g, g], [0.04, 0.01, 0.01], ratioOnly, 'better', 'null-cross-b');
    if (process.env['DISPARATE_SIMULATION']) console.log('null (crossing): worse in', worse, 'better in', better);
    expect(worse).toBeLessThanOrEqual(limit);
    expect(better).toBeLessThanOrEqual(limit);
  });

  it('a real worsening (one group 10 % → 20 % against a reference at 5 %) is found as "worse" in most comparisons, and "better" no more often than the nulls allow', () => {
    const worse = claimRate([[0.1, 0.1, 0], [0.03, 0.02, 0.02], [0.03, 0.02, 0.02]], [0.03, 0.02, 0.02], both, 'worse', 'power');
    const better = claimRate([[0.1, 0.1, 0], [0.03, 0.02, 0.02], [0.03, 0.02, 0.02]], [0.03, 0.02, 0.02], both, 'better', 'power');
    if (process.env['DISPARATE_SIMULATION']) console.log('power: worse in', worse, 'better in', better);
    expect(worse).toBeGreaterThan(0.8);
    expect(better).toBeLessThanOrEqual(limit);
  });
});
