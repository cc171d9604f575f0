import { describe, expect, it } from 'vitest';
import { reproductionLine } from '../../reports/shared/index.js';

const figure = (within: boolean, informative = false) => ({ id: 'x', label: 'x', published: 1, reproduced: 1, tolerance: 0, within, exact: false, note: null, source: 's', ...(informative ? { informative: true } : {}) });

describe('reproductionLine', () => {
  it('counts gating figures, and names the comparison-only ones apart', () => {
    expect(reproductionLine({ pack: 'p', title: 't', figures: [figure(true), figure(false), figure(false, true)], matched: 1, total: 2 })).toBe(
      '1 of 2 figures within tolerance; 1 more shown for comparison only',
    );
    expect(reproductionLine({ pack: 'p', title: 't', figures: [figure(true)], matched: 1, total: 1 })).toBe('1 of 1 figures within tolerance');
  });
  it('never says "0 of 0 within tolerance": a prediction, or a pack without published figures, says so', () => {
    expect(reproductionLine({ pack: 'p', title: 't', figures: [figure(true, true), figure(false, true)], matched: 0, total: 0 })).toBe(
      'no figure gates the verdict; 2 shown for comparison only',
    );
    expect(reproductionLine({ pack: 'p', title: 't', figures: [], matched: 0, total: 0 })).toBe('no published figure to compare (see the pack README)');
  });
});
