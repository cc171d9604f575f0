import { describe, expect, it } from 'vitest';
import { accumulateRows, createCellCounts, mergeCellCounts } from '../../harness/accumulate/index.js';

const attrs = [{ name: 'g', levels: ['a', 'b'] }];

describe('cell counts: weights, score moments, merging', () => {
  it('a weighted row equals that many identical rows, scores and squares included', () => {
    const weighted = accumulateRows(createCellCounts(attrs), {
      n: 2, codes: [Int32Array.of(0, 1)], flagged: Uint8Array.of(1, 0), labels: Uint8Array.of(1, 0), scores: Float64Array.of(0.5, 2), weights: Float64Array.of(3, 2),
    });
    const rows = accumulateRows(createCellCounts(attrs), {
      n: 5, codes: [Int32Array.of(0, 0, 0, 1, 1)], flagged: Uint8Array.of(1, 1, 1, 0, 0), labels: Uint8Array.of(1, 1, 1, 0, 0), scores: Float64Array.of(0.5, 0.5, 0.5, 2, 2),
    });
    expect(weighted.counts).toEqual(rows.counts);
    expect(weighted.scoreSum).toEqual(rows.scoreSum);
    expect(weighted.scoreSumSq).toEqual(Float64Array.of(0.75, 8));
    expect(weighted.scoreCount).toEqual(rows.scoreCount);
  });

  it('merging two chunks equals accumulating them together', () => {
    const batch = (codes: number[], scores: number[]) => ({
      n: codes.length, codes: [Int32Array.from(codes)], flagged: Uint8Array.from(codes, (c) => c), labels: null, scores: Float64Array.from(scores),
    });
    const a = accumulateRows(createCellCounts(attrs), batch([0, 1], [0.1, 0.2]));
    const b = accumulateRows(createCellCounts(attrs), batch([1, 1], [0.3, 0.4]));
    const all = accumulateRows(createCellCounts(attrs), batch([0, 1, 1, 1], [0.1, 0.2, 0.3, 0.4]));
    const merged = mergeCellCounts(a, b);
    expect(merged.counts).toEqual(all.counts);
    expect(merged.scoreSumSq[1]).toBeCloseTo(all.scoreSumSq[1]!, 15);
  });
});
