import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accumulateCounterfactual,
  accumulateScoreHistogram,
  addToExactSum,
  computeCounterfactualResults,
  createCounterfactualAccumulator,
  createExactSum,
  exactSumValue,
  mergeCounterfactual,
  mergeExactSum,
  type PairBatch,
} from '../../harness/counterfactual/index.js';
import { CounterfactualResult } from '../../harness/results/index.js';

const design = { attribute: 'nationality', levels: ['french', 'eu', 'non_eu'], to: 'french', effect: 'total' as const };

/** Hand-made pairs: 10 non_eu rows and 2 eu rows; french rows are skipped. */
function microBatch(): PairBatch {
  // row:            0    1    2    3    4    5    6    7    8    9   10   11   12
  const from = Int32Array.of(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 0);
  const originalScores = Float64Array.of(0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.5, 0.5, 0.9);
  const twinScores = Float64Array.of(0.7, 0.6, 0.7, 0.4, 0.3, 0.4, 0.3, 0.2, 0.1, 0.05, 0.5, 0.6, 0.1);
  // threshold 0.55 on both sides
  const originalFlagged = Uint8Array.from(originalScores, (s) => (s > 0.55 ? 1 : 0));
  const twinFlagged = Uint8Array.from(twinScores, (s) => (s > 0.55 ? 1 : 0));
  return { n: 13, from, originalScores, twinScores, originalFlagged, twinFlagged };
}

describe('computeCounterfactualResults on a hand-computed micro-fixture', () => {
  const acc = createCounterfactualAccumulator(design);
  accumulateCounterfactual(acc, microBatch());
  const results = computeCounterfactualResults([acc], { alpha: 0.05 });

  it('one entry per original level with pairs, shaped as results.json says', () => {
    expect(results.map((r) => `${r.from}→${r.to}`)).toEqual(['eu→french', 'non_eu→french']);
    for (const r of results) expect(() => CounterfactualResult.parse(r)).not.toThrow();
  });

  it('counts flips: non_eu rows 0.9→0.7 stay flagged, 0.6→0.4 flips down', () => {
    const r = results[1]!;
    expect(r.n).toBe(10);
    // originally flagged (> 0.55): 0.9, 0.8, 0.7, 0.6 → 4; as twins: 0.7, 0.6, 0.7 → 3
    expect(r.flagged_original).toBe(4);
    expect(r.flagged_twin).toBe(3);
    expect(r.flips_down).toBe(1);
    expect(r.flips_up).toBe(0);
    expect(r.flip_rate.value).toBeCloseTo(0.1, 12);
    expect(r.flip_down_rate.value).toBeCloseTo(0.25, 12);
    expect(r.selection_rate_difference.value).toBeCloseTo(-0.1, 12);
    // Tango score interval for b = 0 up, c = 1 down, n = 10 (test/stats/tango-paired.test.ts):
    // unconditional on the one discordant pair, so it reaches well past 0 on both sides
    expect(r.selection_rate_difference.method).toBe('tango-score-paired');
    expect(r.selection_rate_difference.ci![0]).toBeCloseTo(-0.40415, 5);
    expect(r.selection_rate_difference.ci![1]).toBeCloseTo(0.20529, 5);
    // exact McNemar on 1 discordant pair: p = 1
    expect(r.mcnemar_p_value).toBe(1);
    // shifts: −0.2, −0.2, 0, −0.2, −0.2, 0, 0, 0, 0, 0 → mean −0.08
    expect(r.mean_score_shift.value).toBeCloseTo(-0.08, 12);
    expect(r.zero_shift_share).toBeCloseTo(0.6, 12);
    expect(r.score_shift_quantiles!.p50).toBe(0);
    expect(r.score_shift_quantiles!.p05).toBeCloseTo(-0.2, 2); // bin midpoint, bins of width 0.001
    // sd of shifts: s² = (4·0.04 − 10·0.0064) / 9 = 0.010667; half-width 1.96·sqrt(s²/10)
    const half = 1.959963984540054 * Math.sqrt((4 * 0.04 - 10 * 0.0064) / 9 / 10);
    expect(r.mean_score_shift.ci![0]).toBeCloseTo(-0.08 - half, 10);
    expect(r.mean_rank_shift.value!).toBeLessThan(0);
    expect(r.flip_rate.method).toBe('clopper-pearson');
    // Clopper–Pearson 1/10: [0.00253, 0.44502]
    expect(r.flip_rate.ci![0]).toBeCloseTo(0.00253, 4);
    expect(r.flip_rate.ci![1]).toBeCloseTo(0.44502, 4);
  });

  it('eu rows: 0.5 → 0.5 stays, 0.5 → 0.6 flips up', () => {
    const r = results[0]!;
    expect(r.n).toBe(2);
    expect(r.flips_up).toBe(1);
    expect(r.flips_down).toBe(0);
    expect(r.flip_rate.value).toBe(0.5);
    expect(r.mean_score_shift.value).toBeCloseTo(0.05, 12);
    expect(r.small_cell).toBe(true);
    // one discordant pair of two: Tango score interval for b = 1, c = 0, n = 2
    expect(r.selection_rate_difference.value).toBe(0.5);
    expect(r.selection_rate_difference.method).toBe('tango-score-paired');
    expect(r.selection_rate_difference.ci![0]).toBeCloseTo(-0.48643, 5);
    expect(r.selection_rate_difference.ci![1]).toBeCloseTo(0.90547, 5);
  });

  it('no discordant pairs: the difference is ±z²/(n + z²), not a point', () => {
    const a = createCounterfactualAccumulator(design);
    const one = Float64Array.of(0.3, 0.3);
    accumulateCounterfactual(a, { n: 2, from: Int32Array.of(1, 1), originalScores: one, twinScores: one, originalFlagged: new Uint8Array(2), twinFlagged: new Uint8Array(2) });
    const r = computeCounterfactualResults([a], { alpha: 0.05 })[0]!;
    const z2 = 1.959963984540054 ** 2;
    expect(r.selection_rate_difference.value).toBe(0);
    expect(r.selection_rate_difference.ci![0]).toBeCloseTo(-z2 / (2 + z2), 10);
    expect(r.selection_rate_difference.ci![1]).toBeCloseTo(z2 / (2 + z2), 10);
    expect(r.mcnemar_p_value).toBe(1);
  });

  it('McNemar exact p on many discordant pairs matches the binomial test', () => {
    const big = createCounterfactualAccumulator(design);
    const n = 100;
    const from = new Int32Array(n).fill(2);
    const o = new Float64Array(n).fill(0.2);
    const t = new Float64Array(n).fill(0.2);
    const of = new Uint8Array(n);
    const tf = new Uint8Array(n);
    for (let i = 0; i < 10; i++) tf[i] = 1; // 10 up
    for (let i = 10; i < 12; i++) of[i] = 1; // 2 down
    accumulateCounterfactual(big, { n, from, originalScores: o, twinScores: t, originalFlagged: of, twinFlagged: tf });
    const r = computeCounterfactualResults([big], { alpha: 0.05 })[0]!;
    // two-sided exact binomial, 2 of 12 at p = 1/2: 2 · (1 + 12 + 66) / 4096 = 0.03857
    expect(r.mcnemar_p_value).toBeCloseTo(0.0385742, 6);
    expect(r.selection_rate_difference.value).toBeCloseTo(0.08, 12);
    expect(r.selection_rate_difference.ci![0]).toBeGreaterThan(0);
    // Tango score interval for b = 10, c = 2, n = 100
    expect(r.selection_rate_difference.ci![0]).toBeCloseTo(0.01430, 5);
    expect(r.selection_rate_difference.ci![1]).toBeCloseTo(0.15804, 5);
  });

  it('flips all one way in a large sample: the interval keeps the sampling error of the flips (±1 pp), not ±0.02 pp', () => {
    // 3000 non_eu rows: 244 flagged only as themselves (flip down), 300 flagged either way, the rest never.
    const n = 3000;
    const a = createCounterfactualAccumulator(design);
    const of = new Uint8Array(n);
    const tf = new Uint8Array(n);
    for (let i = 0; i < 244; i++) of[i] = 1;
    for (let i = 244; i < 544; i++) of[i] = tf[i] = 1;
    const s = new Float64Array(n).fill(0.2);
    accumulateCounterfactual(a, { n, from: new Int32Array(n).fill(2), originalScores: s, twinScores: s, originalFlagged: of, twinFlagged: tf });
    const r = computeCounterfactualResults([a], { alpha: 0.05 })[0]!;
    expect(r.flips_up).toBe(0);
    expect(r.flips_down).toBe(244);
    const diff = r.selection_rate_difference;
    expect(diff.value).toBeCloseTo(-244 / 3000, 12); // −8.13 pp
    expect(diff.method).toBe('tango-score-paired');
    // Tango: [−9.17, −7.21] pp. The exact interval conditional on the 244 discordant pairs it replaced
    // was [−8.13, −7.89] pp, pinned to the estimate on one side because no flip went up.
    expect(diff.ci![0]).toBeCloseTo(-0.09166, 5);
    expect(diff.ci![1]).toBeCloseTo(-0.07208, 5);
    expect(diff.value! - diff.ci![0]).toBeGreaterThan(0.008);
    expect(diff.ci![1] - diff.value!).toBeGreaterThan(0.008);
    expect(r.mcnemar_p_value!).toBeLessThan(1e-60);
  });

  it('rank shifts refer to a given population histogram', () => {
    const binning = { scoreRange: [0, 1] as const, scoreBins: 10, shiftBins: 20 };
    const a = createCounterfactualAccumulator(design, binning);
    accumulateCounterfactual(a, microBatch());
    const h = accumulateScoreHistogram(new Float64Array(10), binning, Float64Array.of(0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95));
    const r = computeCounterfactualResults([a], { alpha: 0.05, rankReference: h })[1]!;
    // uniform reference: a shift of 0.2 in score is 20 percentile points; 4 of 10 rows moved by −0.2
    expect(r.mean_rank_shift.value).toBeCloseTo(-8, 10);
    expect(r.rank_reference).toMatch(/whole original population/);
  });
});

describe('mergeability', () => {
  it('property: any split of the pairs into chunks merges to identical results', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 299 }), { maxLength: 5 }),
        (rows, cuts) => {
          const batch = (rs: typeof rows): PairBatch => ({
            n: rs.length,
            from: Int32Array.from(rs, (r) => r[0]),
            originalScores: Float64Array.from(rs, (r) => r[1]),
            twinScores: Float64Array.from(rs, (r) => r[2]),
            originalFlagged: Uint8Array.from(rs, (r) => (r[1] > 0.7 ? 1 : 0)),
            twinFlagged: Uint8Array.from(rs, (r) => (r[2] > 0.7 ? 1 : 0)),
          });
          const whole = createCounterfactualAccumulator(design);
          accumulateCounterfactual(whole, batch(rows));
          const bounds = [0, ...[...new Set(cuts)].filter((c) => c < rows.length).sort((a, b) => a - b), rows.length];
          const parts = bounds.slice(1).map((end, i) => {
            const acc = createCounterfactualAccumulator(design);
            accumulateCounterfactual(acc, batch(rows.slice(bounds[i], end)));
            return acc;
          });
          // merge in reverse order, to show order does not matter either
          const merged = parts.reverse().reduce((a, b) => mergeCounterfactual(a, b), createCounterfactualAccumulator(design));
          expect(JSON.stringify(computeCounterfactualResults([merged], { alpha: 0.05 }))).toBe(JSON.stringify(computeCounterfactualResults([whole], { alpha: 0.05 })));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('exact sums do not depend on the order of the values', () => {
    const values = [1e10, 0.1, -1e10, 0.2, 3.3e-7, 123.456, -0.3];
    const a = createExactSum();
    for (const v of values) addToExactSum(a, v);
    const b = createExactSum();
    for (const v of [...values].reverse()) addToExactSum(b, v);
    expect(exactSumValue(a)).toBe(exactSumValue(b));
    const c = createExactSum();
    const d = createExactSum();
    values.slice(0, 3).forEach((v) => addToExactSum(c, v));
    values.slice(3).forEach((v) => addToExactSum(d, v));
    expect(exactSumValue(mergeExactSum(d, c))).toBe(exactSumValue(a));
    expect(exactSumValue(a)).toBeCloseTo(0.1 + 0.2 + 3.3e-7 + 123.456 - 0.3, 9);
  });
});
