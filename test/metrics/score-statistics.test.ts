import { describe, expect, it } from 'vitest';
import {
  accumulateCombinations,
  computeGroupStats,
  computeSelectionSweep,
  createCellCounts,
  sweepGroupCounts,
  groupIndexOf,
  type ScoreBinning,
} from '../../harness/accumulate/index.js';
import { computeGroupMetrics, computeSelectionCurves, resolveMetricId, STATISTIC_METRICS } from '../../harness/metrics/index.js';
import { clopperPearsonInterval, dkwEpsilon, zCritical } from '../../harness/stats/index.js';
import { applyDecision, rowIndexTickets } from '../../models/decision/index.js';

/**
 * Hand-computed micro-fixture with scores, on 10 bins of width 0.1 over [0, 1].
 * Group a (rows 0–3):  scores 0.05, 0.15, 0.35, 0.75; labels 0, 0, 1, 1.
 * Group b (rows 4–9, the reference): scores 0.05, 0.05, 0.25, 0.35, 0.55, 0.85; labels 0, 0, 0, 1, 0, 1.
 * Flagged: the two highest scores (0.85 in b, 0.75 in a).
 */
const scores = Float64Array.of(0.05, 0.15, 0.35, 0.75, 0.05, 0.05, 0.25, 0.35, 0.55, 0.85);
const labels = Uint8Array.of(0, 0, 1, 1, 0, 0, 0, 1, 0, 1);
const combinations = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
const flagged = Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 0, 0, 1);
const binning: ScoreBinning = { lo: 0, hi: 1, bins: 10, coarsen: 2 };
const cells = createCellCounts([{ name: 'g', levels: ['a', 'b'] }], binning);
const batch = { n: 10, combinations, flagged, labels, scores };
accumulateCombinations(cells, batch);
const sweep = computeSelectionSweep(cells, batch, [0.1, 0.2, 0.4, 0.5]);
const stats = computeGroupStats(cells, [0]);
const perGroup = sweepGroupCounts(sweep, groupIndexOf(cells, [0]), 2);
const topSelected = (k: number) => perGroup[(0 * 2 + k) * 3]! + perGroup[(0 * 2 + k) * 3 + 1]! + perGroup[(0 * 2 + k) * 3 + 2]!;
const z = zCritical(0.05);
const { results } = computeGroupMetrics(stats, 'b', {
  z,
  level: 0.95,
  labels: true,
  minCell: 1,
  binning,
  top: { byGroup: new Map([['a', topSelected(0)], ['b', topSelected(1)]]), selected: 1, total: 10 },
});
const [a, b] = results as [(typeof results)[0], (typeof results)[0]];

describe('score histograms', () => {
  it('per group, coarsened two fine bins at a time, with labelled, positives and expected', () => {
    expect(a.score_histogram).toEqual({
      edges: [0, 0.2, 0.4, 0.6, 0.8, 1],
      counts: [2, 1, 0, 1, 0],
      labelled: [2, 1, 0, 1, 0],
      positives: [0, 1, 0, 1, 0],
      expected: [0.2, 0.35, 0, 0.75, 0],
    });
    expect(b.score_histogram!.counts).toEqual([2, 2, 1, 0, 1]); // 0.05 0.05 | 0.25 0.35 | 0.55 | | 0.85
  });
});

describe('distribution metrics (golden values)', () => {
  it('KS distance: max |F_a − F_b| over bin edges = 1/6, DKW band at α/2 each', () => {
    const ks = a.metrics['ks_distance']!;
    expect(ks.value).toBeCloseTo(1 / 6, 12);
    const e = dkwEpsilon(4, 0.025) + dkwEpsilon(6, 0.025);
    expect(ks.ci).toEqual([0, Math.min(1, 1 / 6 + e)]);
    expect(ks.method).toBe('dkw-band');
    expect(ks.reference).toBe('b');
    expect(b.metrics['ks_distance']).toBeUndefined();
  });

  it('Wasserstein-1: Σ |F_a − F_b| × 0.1 = (5 × 1/12 + 2 × 1/6) × 0.1 = 0.075', () => {
    expect(a.metrics['wasserstein_distance']!.value).toBeCloseTo(0.075, 12);
  });

  it('AUC: a ranks both positives above both negatives (1); b: (3/4 + 1) / 2 = 0.875', () => {
    expect(a.metrics['auc']!.value).toBe(1);
    expect(a.metrics['auc']!.ci).toBeNull(); // no spread of the structural components
    expect(b.metrics['auc']!.value).toBeCloseTo(0.875, 12);
    expect(a.metrics['auc_difference']!.value).toBeCloseTo(0.125, 12);
    expect(b.metrics['auc_difference']).toBeUndefined();
  });

  it('observed ÷ expected: 2 ÷ (0.05 + 0.15 + 0.35 + 0.75) for a, 2 ÷ 2.1 for b (bin middles)', () => {
    expect(a.metrics['observed_expected_ratio']!.value).toBeCloseTo(2 / 1.3, 12);
    expect(b.metrics['observed_expected_ratio']!.value).toBeCloseTo(2 / 2.1, 12);
    expect(a.metrics['observed_expected_ratio']!.method).toBe('byar-poisson');
  });

  it('top-decile over-representation: the top row (0.85) is in b: a 0, b (1/6) ÷ 0.1', () => {
    expect(a.metrics['top_decile_overrepresentation']!.value).toBe(0);
    const cp = clopperPearsonInterval(0, 4, 0.05)!;
    expect(a.metrics['top_decile_overrepresentation']!.ci).toEqual([cp.lo / 0.1, cp.hi / 0.1]);
    expect(a.metrics['top_decile_overrepresentation']!.method).toBe('clopper-pearson');
    expect(b.metrics['top_decile_overrepresentation']!.value).toBeCloseTo(1 / 6 / 0.1, 12);
  });

  it('generalised entropy GE(2) and Theil of the benefits (a: TP, FN, TN, TN → 1, 2, 1, 1; μ = 5/4)', () => {
    // GE(2) = (1 / (2·4)) Σ ((b/μ)² − 1) = (3·0.64 + 2.56 − 4) / 8 = 0.06.
    expect(a.metrics['generalized_entropy_index']!.value).toBeCloseTo(0.06, 12);
    // Theil = (1/4) Σ (b/μ) ln(b/μ) = (3·0.8·ln 0.8 + 1.6·ln 1.6) / 4.
    expect(a.metrics['theil_index']!.value).toBeCloseTo((2.4 * Math.log(0.8) + 1.6 * Math.log(1.6)) / 4, 12);
  });

  it('every statistic metric is registered with a method, and only the listed variants exist', () => {
    for (const m of STATISTIC_METRICS) {
      expect(resolveMetricId(m.id)?.base).toBe(m);
      expect(m.method.length).toBeGreaterThan(0);
      expect(resolveMetricId(`${m.id}_ratio`)).toBeUndefined();
    }
    expect(resolveMetricId('auc_difference')?.variant).toBe('difference');
  });
});

describe('selection sweep', () => {
  it("k = round(f × n) highest scores, ties by the run's lot, as the top_fraction rule", () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const tickets = rowIndexTickets(seed);
      const lotSweep = sweepGroupCounts(computeSelectionSweep(cells, batch, [0.1, 0.2, 0.4, 0.5], tickets), groupIndexOf(cells, [0]), 2);
      for (const [j, f] of sweep.fractions.entries()) {
        const { flagged: rule } = applyDecision(Float32Array.from(scores), { rule: 'top_fraction', fraction: f }, tickets);
        for (const g of [0, 1]) {
          const expected = [...rule].filter((x, i) => x === 1 && combinations[i] === g).length;
          const at = (j * 2 + g) * 3;
          expect(lotSweep[at]! + lotSweep[at + 1]! + lotSweep[at + 2]!).toBe(expected);
        }
      }
    }
  });

  it('at 40 %: the tie at 0.35 (rows 2 in a, 7 in b) goes to the higher ticket with tickets, else to the earlier row', () => {
    const tickets = rowIndexTickets(1);
    const [t2, t7] = tickets(Int32Array.of(2, 7), new Float64Array(2));
    const lotSweep = sweepGroupCounts(computeSelectionSweep(cells, batch, [0.4], tickets), groupIndexOf(cells, [0]), 2);
    // a: 0.75 (label 1), and 0.35 (label 1) when row 2 wins; b: 0.85 (1) and 0.55 (0), and 0.35 (1) when row 7 wins.
    expect(Array.from(lotSweep)).toEqual(t2! > t7! ? [2, 0, 0, 1, 1, 0] : [1, 0, 0, 2, 1, 0]);
  });

  it('at 40 % without tickets: the tie at 0.35 goes to the earlier row (a); cut 0.35', () => {
    const j = sweep.fractions.indexOf(0.4);
    expect(sweep.cuts[j]).toBeCloseTo(0.35, 12);
    // a: 0.75 (label 1) and 0.35 (label 1); b: 0.85 (1) and 0.55 (0).
    expect(Array.from(perGroup.subarray(j * 6, j * 6 + 6))).toEqual([2, 0, 0, 1, 1, 0]);
  });

  it('selection curves: rate, ratio against the reference, TPR, FPR, precision', () => {
    const curves = computeSelectionCurves(stats, 'b', sweep.fractions, sweep.cuts, perGroup, z, true);
    const p = curves[0]!.points[sweep.fractions.indexOf(0.4)]!;
    expect(p.selected).toBe(2);
    expect(p.selection_rate.value).toBe(0.5);
    expect(p.selection_rate_ratio.value).toBeCloseTo(0.5 / (2 / 6), 12);
    expect(p.true_positive_rate!.value).toBe(1);
    expect(p.false_positive_rate!.value).toBe(0);
    expect(p.precision!.value).toBe(1);
    expect(curves[1]!.is_reference).toBe(true);
  });

  it('weighted rows straddling the cut are selected in part', () => {
    const w = createCellCounts([{ name: 'g', levels: ['a', 'b'] }], binning);
    const wb = { n: 2, combinations: Int32Array.of(0, 1), flagged: Uint8Array.of(0, 0), labels: null, scores: Float64Array.of(0.9, 0.1), weights: Float64Array.of(3, 7) };
    accumulateCombinations(w, wb);
    const s = computeSelectionSweep(w, wb, [0.5]);
    // k = 5: all 3 of a, then 2 of b's 7.
    expect(s.counts[0 * 3 + 2]).toBe(3);
    expect(s.counts[1 * 3 + 2]).toBe(2);
  });
});
