import { describe, expect, it } from 'vitest';
import { accumulateRows, computeGroupStats, createCellCounts } from '../../harness/accumulate/index.js';
import { computeGroupMetrics, shareComparison } from '../../harness/metrics/index.js';
import { zCritical } from '../../harness/stats/index.js';

const z = zCritical(0.05);
const flagged = (g: { flagged: number }) => g.flagged;

/**
 * Group: 20 flagged of 100 rows; everyone: 50 flagged of 1,000. Share of the flagged 20/50 = 0.4,
 * share of the rows 0.1: over-representation 4, difference +0.3. Against everyone else (30 of 900)
 * the rate ratio is 6, Katz log se = √(1/20 − 1/100 + 1/30 − 1/900) = 0.268742, interval
 * 6·e^(∓1.96·se) = 3.5432–10.1600, mapped by RR / (0.1·RR + 0.9): 2.82481–5.30278.
 */
describe('over-representation: share of the flagged against share of the rows', () => {
  it('maps the group-against-everyone-else interval onto the ratio and the difference', () => {
    const { ratio, difference } = shareComparison(flagged, { flagged: 20, n: 100 }, { flagged: 50, n: 1000 }, z);
    expect(ratio.value).toBeCloseTo(4, 12);
    expect(ratio.ci![0]).toBeCloseTo(2.8248070292, 8);
    expect(ratio.ci![1]).toBeCloseTo(5.3027775563, 8);
    expect(ratio.method).toBe('katz-log-vs-rest');
    expect(difference.value).toBeCloseTo(0.3, 12);
    expect(difference.ci![0]).toBeCloseTo(0.1824807029, 8);
    expect(difference.ci![1]).toBeCloseTo(0.4302777556, 8);
  });

  it('a group never flagged: ratio 0 with a finite upper limit (MOVER); nobody else flagged: upper limit 1 / share', () => {
    const zero = shareComparison(flagged, { flagged: 0, n: 100 }, { flagged: 50, n: 1000 }, z);
    expect(zero.ratio.value).toBe(0);
    expect(zero.ratio.method).toBe('mover-ratio-vs-rest');
    expect(zero.ratio.ci![0]).toBe(0);
    expect(zero.ratio.ci![1]).toBeGreaterThan(0);
    expect(zero.ratio.ci![1]).toBeLessThan(1);
    const all = shareComparison(flagged, { flagged: 50, n: 100 }, { flagged: 50, n: 1000 }, z);
    expect(all.ratio.value).toBeCloseTo(10, 12);
    expect(all.ratio.ci![1]).toBeCloseTo(10, 12);
    expect(all.ratio.ci![0]).toBeGreaterThan(1);
  });

  it('computeGroupMetrics: shares over the whole attribute, reference "all"', () => {
    const cells = createCellCounts([{ name: 'g', levels: ['a', 'b'] }]);
    // a: 4 flagged of 10; b: 4 flagged of 20 → shares of the flagged 0.5 / 0.5, of the rows 1/3 / 2/3
    const codes = Int32Array.from([...Array(10).fill(0), ...Array(20).fill(1)]);
    const flags = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, ...Array(16).fill(0)]);
    accumulateRows(cells, { n: 30, codes: [codes], flagged: flags, labels: null, scores: null });
    const { results } = computeGroupMetrics(computeGroupStats(cells, [0]), 'b', { z, level: 0.95, labels: false, minCell: 0 });
    const a = results[0]!.metrics;
    expect(a['flagged_share']).toMatchObject({ value: 0.5, numerator: 4, denominator: 8 });
    expect(a['population_share']!.value).toBeCloseTo(1 / 3, 12);
    expect(a['flagged_share_ratio']!.value).toBeCloseTo(1.5, 12);
    expect(a['flagged_share_ratio']!.reference).toBe('all');
    expect(a['flagged_share_difference']!.value).toBeCloseTo(0.5 - 1 / 3, 12);
  });
});
