import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accumulateRows, computeGroupStats, createCellCounts } from '../../harness/accumulate/index.js';
import { computeGroupMetrics, METRICS, RATE_METRICS } from '../../harness/metrics/index.js';
import { clopperPearsonInterval, moverDifferenceLimits, moverRatioLimits, zCritical } from '../../harness/stats/index.js';

/**
 * Hand-computed micro-fixture. Group a (10 rows): TP 3, FP 1, FN 1, TN 5 (4 flagged).
 * Group b (20 rows, the reference): TP 2, FP 2, FN 2, TN 14 (4 flagged).
 */
function rows(group: number, tp: number, fp: number, fn: number, tn: number) {
  const out: [number, number, number][] = [];
  for (let i = 0; i < tp; i++) out.push([group, 1, 1]);
  for (let i = 0; i < fp; i++) out.push([group, 1, 0]);
  for (let i = 0; i < fn; i++) out.push([group, 0, 1]);
  for (let i = 0; i < tn; i++) out.push([group, 0, 0]);
  return out;
}
const data = [...rows(0, 3, 1, 1, 5), ...rows(1, 2, 2, 2, 14)];
const cells = createCellCounts([{ name: 'g', levels: ['a', 'b'] }]);
accumulateRows(cells, {
  n: data.length,
  codes: [Int32Array.from(data, (r) => r[0])],
  flagged: Uint8Array.from(data, (r) => r[1]),
  labels: Uint8Array.from(data, (r) => r[2]),
  scores: null,
});
const z = zCritical(0.05);
const { results } = computeGroupMetrics(computeGroupStats(cells, [0]), 'b', { z, level: 0.95, labels: true, minCell: 15 });
const a = results[0]!;
const b = results[1]!;

// [metric, a's rate, b's rate, a's numerator/denominator, b's numerator/denominator]
const EXPECTED: [string, number, number, [number, number], [number, number]][] = [
  ['selection_rate', 4 / 10, 4 / 20, [4, 10], [4, 20]],
  ['true_positive_rate', 3 / 4, 2 / 4, [3, 4], [2, 4]],
  ['false_positive_rate', 1 / 6, 2 / 16, [1, 6], [2, 16]],
  ['false_negative_rate', 1 / 4, 2 / 4, [1, 4], [2, 4]],
  ['precision', 3 / 4, 2 / 4, [3, 4], [2, 4]],
  ['false_discovery_rate', 1 / 4, 2 / 4, [1, 4], [2, 4]],
  ['false_omission_rate', 1 / 6, 2 / 16, [1, 6], [2, 16]],
  ['false_positives_per_group_size', 1 / 10, 2 / 20, [1, 10], [2, 20]],
];

/**
 * The metrics whose golden values need a score distribution rather than the counts above: each is
 * pinned to hand-computed values in the file named here.
 */
const GOLDEN_ELSEWHERE: Record<string, string> = {
  ks_distance: 'test/metrics/score-statistics.test.ts',
  wasserstein_distance: 'test/metrics/score-statistics.test.ts',
  auc: 'test/metrics/score-statistics.test.ts',
  observed_expected_ratio: 'test/metrics/score-statistics.test.ts',
  top_decile_overrepresentation: 'test/metrics/score-statistics.test.ts',
  generalized_entropy_index: 'test/metrics/score-statistics.test.ts',
  theil_index: 'test/metrics/score-statistics.test.ts',
};
/** The metrics this file pins beside the rate table: the shares and the mean score. */
const GOLDEN_HERE_BESIDE_RATES = ['population_share', 'flagged_share', 'mean_score'];

describe('the golden table covers the metric registry', () => {
  it('every rate metric has a row in the table, and every other metric a golden value here or in a named file', () => {
    expect(EXPECTED.map((e) => e[0]).sort()).toEqual(RATE_METRICS.map((m) => m.id).sort());
    const covered = [...EXPECTED.map((e) => e[0]), ...GOLDEN_HERE_BESIDE_RATES, ...Object.keys(GOLDEN_ELSEWHERE)];
    // A metric added to the registry without a golden value fails here; so does a golden value of a removed one.
    expect(covered.sort()).toEqual(METRICS.map((m) => m.id).sort());
    for (const [id, file] of Object.entries(GOLDEN_ELSEWHERE)) expect(readFileSync(file, 'utf8'), `${file} pins ${id}`).toContain(id);
  });
});

describe('metrics on a hand-computed micro-fixture', () => {
  it('counts the confusion matrix', () => {
    expect([a.n, a.flagged, a.tp, a.fp, a.fn, a.tn]).toEqual([10, 4, 3, 1, 1, 5]);
    expect([b.n, b.flagged, b.tp, b.fp, b.fn, b.tn]).toEqual([20, 4, 2, 2, 2, 14]);
    expect(a.is_reference).toBe(false);
    expect(b.is_reference).toBe(true);
    expect(a.small_cell).toBe(true);
    expect(b.small_cell).toBe(false);
  });

  it.each(EXPECTED)('%s: rate, ratio and difference with their intervals', (id, pa, pb, [xa, na], [xb, nb]) => {
    const rate = a.metrics[id]!;
    expect(rate.value).toBeCloseTo(pa, 12);
    // every count here is below 5: the exact / score methods are chosen, and named
    expect(rate.method).toBe('clopper-pearson');
    expect(rate.reference).toBeNull();
    const w = clopperPearsonInterval(xa, na, 0.05)!;
    expect(rate.ci![0]).toBeCloseTo(w.lo, 12);
    expect(rate.ci![1]).toBeCloseTo(w.hi, 12);

    const ratio = a.metrics[`${id}_ratio`]!;
    expect(ratio.value).toBeCloseTo(pa / pb, 12);
    expect(ratio.reference).toBe('b');
    // MOVER from the two Clopper–Pearson rate intervals: the ratio's and the difference's limits are built from the rates' own
    const wb = clopperPearsonInterval(xb, nb, 0.05)!;
    const k = moverRatioLimits(pa, w, pb, wb);
    expect(ratio.ci![0]).toBeCloseTo(k.lo, 12);
    expect(ratio.ci![1]).toBeCloseTo(k.hi, 12);
    expect(ratio.method).toBe('mover-ratio');

    const diff = a.metrics[`${id}_difference`]!;
    expect(diff.value).toBeCloseTo(pa - pb, 12);
    const d = moverDifferenceLimits(pa, w, pb, wb);
    expect(diff.ci![0]).toBeCloseTo(d.lo, 12);
    expect(diff.ci![1]).toBeCloseTo(d.hi, 12);
    expect(diff.method).toBe('mover-difference');

    expect(b.metrics[`${id}_ratio`]!.value).toBe(1);
    expect(b.metrics[`${id}_difference`]!.value).toBe(0);
  });

  it('shares: a is 10 of 30 rows and 4 of the 8 flagged; its over-representation 0.5 ÷ (1/3) = 1.5', () => {
    expect(a.metrics.population_share!.value).toBeCloseTo(1 / 3, 12);
    expect(a.metrics.flagged_share!.value).toBeCloseTo(0.5, 12);
    expect(a.metrics.flagged_share_ratio!.value).toBeCloseTo(1.5, 12);
    expect(a.metrics.flagged_share_difference!.value).toBeCloseTo(0.5 - 1 / 3, 12);
  });

  it('mean score: flagged rows score 0.75, the others 0.25; a (4 of 10) 0.45, b (4 of 20) 0.35', () => {
    const scored = createCellCounts([{ name: 'g', levels: ['a', 'b'] }]);
    accumulateRows(scored, {
      n: data.length,
      codes: [Int32Array.from(data, (r) => r[0])],
      flagged: Uint8Array.from(data, (r) => r[1]),
      labels: Uint8Array.from(data, (r) => r[2]),
      // 0.75 and 0.25 are exact in binary: the sums are exact too
      scores: Float32Array.from(data, (r) => (r[1] ? 0.75 : 0.25)),
    });
    const out = computeGroupMetrics(computeGroupStats(scored, [0]), 'b', { z, level: 0.95, labels: true, minCell: 15 });
    const [sa, sb] = [out.results[0]!, out.results[1]!];
    expect(sa.metrics.mean_score!.value).toBeCloseTo(0.45, 12);
    expect(sb.metrics.mean_score!.value).toBeCloseTo(0.35, 12);
    expect(sa.metrics.mean_score_ratio!.value).toBeCloseTo(0.45 / 0.35, 12);
    expect(sa.metrics.mean_score_difference!.value).toBeCloseTo(0.1, 12);
    expect(sa.metrics.mean_score!.method).toBe('normal-mean');
  });

  it('hand-checked values: selection ratio 2, FPR ratio 4/3, FNR difference −0.25', () => {
    expect(a.metrics.selection_rate_ratio!.value).toBeCloseTo(2, 12);
    expect(a.metrics.false_positive_rate_ratio!.value).toBeCloseTo(4 / 3, 12);
    expect(a.metrics.false_negative_rate_difference!.value).toBeCloseTo(-0.25, 12);
  });

  it('omits label metrics without labels and returns null with a warning for zero denominators', () => {
    const plain = computeGroupMetrics(computeGroupStats(cells, [0]), 'b', { z, level: 0.95, labels: false, minCell: 0 });
    expect(Object.keys(plain.results[0]!.metrics)).toEqual([
      'selection_rate', 'selection_rate_ratio', 'selection_rate_difference',
      'population_share', 'flagged_share', 'flagged_share_ratio', 'flagged_share_difference',
    ]);
    const none = createCellCounts([{ name: 'g', levels: ['a', 'b'] }]);
    accumulateRows(none, { n: 3, codes: [Int32Array.of(0, 1, 1)], flagged: Uint8Array.of(0, 1, 0), labels: null, scores: null });
    const out = computeGroupMetrics(computeGroupStats(none, [0]), 'b', { z, level: 0.95, labels: false, minCell: 0 });
    // a: 0 of 1 flagged, b (reference): 1 of 2 — the MOVER interval is defined at a zero count
    expect(out.results[0]!.metrics.selection_rate_ratio!.value).toBe(0);
    expect(out.results[0]!.metrics.selection_rate_ratio!.ci![0]).toBe(0);
    expect(out.results[0]!.metrics.selection_rate_ratio!.method).toBe('mover-ratio');
    // with a zero reference count the ratio and its upper limit are unbounded: null, with warnings
    const zero = createCellCounts([{ name: 'g', levels: ['a', 'b'] }]);
    accumulateRows(zero, { n: 3, codes: [Int32Array.of(0, 1, 1)], flagged: Uint8Array.of(1, 0, 0), labels: null, scores: null });
    const z0 = computeGroupMetrics(computeGroupStats(zero, [0]), 'b', { z, level: 0.95, labels: false, minCell: 0 });
    expect(z0.results[0]!.metrics.selection_rate_ratio!.value).toBeNull();
    expect(z0.results[0]!.metrics.selection_rate_ratio!.ci).toBeNull();
    expect(z0.warnings.map((w) => w.code)).toContain('undefined-metric');
  });
});
