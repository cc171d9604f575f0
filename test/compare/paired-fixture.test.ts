import { describe, expect, it } from 'vitest';
import { accumulatePairedCells, changeClaim, differenceChange, judgeChanges, logRatioChange, pairedTable } from '../../harness/compare/index.js';
import type { DecidedRows } from '../../harness/pipeline/index.js';
import { computeFlipFields } from '../../harness/counterfactual/index.js';
import { zCritical } from '../../harness/stats/index.js';

const Z95 = zCritical(0.05); // 1.959964

describe('paired cells of two models on the same rows (8 hand-made rows)', () => {
  // Attributes a ∈ {x, y} and b ∈ {p, q}; combination = a × 2 + b.
  //   row:       0  1  2  3  4  5  6  7
  //   a, b:      xp xp xq xq yp yq yq yq
  //   label:     1  0  1  0  0  1  0  0
  //   deployed:  1  1  0  1  0  1  0  0
  //   candidate: 1  0  1  1  0  0  1  0
  const levels = [['x', 'y'], ['p', 'q']];
  const combinations = Int32Array.from([0, 0, 1, 1, 2, 3, 3, 3]);
  const labels = Uint8Array.from([1, 0, 1, 0, 0, 1, 0, 0]);
  const rows = (flagged: number[]): DecidedRows => ({ n: 8, levels, combinations, labels, flagged: Uint8Array.from(flagged) });
  const cells = accumulatePairedCells(['a', 'b'], rows([1, 1, 0, 1, 0, 1, 0, 0]), rows([1, 0, 1, 1, 0, 0, 1, 0]));

  it('counts the pairs of a group, of an intersection and of a label subset', () => {
    // a = x: rows 0–3: both 0 and 3, candidate only 2, deployed only 1.
    expect(pairedTable(cells, 'a', 'x', 'all')).toEqual({ n: 4, both: 2, candidateOnly: 1, deployedOnly: 1 });
    // a = y: rows 4–7: deployed only 5, candidate only 6.
    expect(pairedTable(cells, 'a', 'y', 'all')).toEqual({ n: 4, both: 0, candidateOnly: 1, deployedOnly: 1 });
    // a × b = y × q: rows 5–7.
    expect(pairedTable(cells, 'a×b', 'y×q', 'all')).toEqual({ n: 3, both: 0, candidateOnly: 1, deployedOnly: 1 });
    // b = p among label 1: row 0 only (flagged by both).
    expect(pairedTable(cells, 'b', 'p', 'positive')).toEqual({ n: 1, both: 1, candidateOnly: 0, deployedOnly: 0 });
    // a = x among label 0 (rows 1, 3): both 3, deployed only 1.
    expect(pairedTable(cells, 'a', 'x', 'negative')).toEqual({ n: 2, both: 1, candidateOnly: 0, deployedOnly: 1 });
    // The event "not flagged" (false negative rate) among label 1 of a = x (rows 0, 2): row 2 unflagged by the deployed model only.
    expect(pairedTable(cells, 'a', 'x', 'positive', 0)).toEqual({ n: 2, both: 0, candidateOnly: 0, deployedOnly: 1 });
    // A group that does not exist has no rows.
    expect(pairedTable(cells, 'a', 'z', 'all').n).toBe(0);
  });

  it('refuses decisions that are not of the same rows', () => {
    const other: DecidedRows = { ...rows([0, 0, 0, 0, 0, 0, 0, 0]), combinations: Int32Array.from([1, 0, 1, 1, 2, 3, 3, 3]) };
    expect(() => accumulatePairedCells(['a', 'b'], rows([1, 1, 0, 1, 0, 1, 0, 0]), other)).toThrow('not scored on the same rows');
  });
});

describe('a group\'s selection-rate change: Tango interval and exact McNemar test', () => {
  it('1 applicant flagged by the candidate only and 7 by the deployed model only, of 21 (Fagerland et al. 2014)', () => {
    const f = computeFlipFields({ n: 21, up: 1, down: 7, flaggedOriginal: 9 }, 0.05);
    expect(f.selection_rate_difference.value).toBeCloseTo(-6 / 21, 12);
    expect(f.selection_rate_difference.ci![0]).toBeCloseTo(-0.5172, 4);
    expect(f.selection_rate_difference.ci![1]).toBeCloseTo(-0.026, 4);
    // 2 · P(X ≤ 1), X ~ Binomial(8, ½) = 2 · 9 / 256.
    expect(f.mcnemar_p_value).toBeCloseTo(0.0703125, 12);
  });
});

describe('a check row\'s change and sum (hand-computed)', () => {
  // Group: 100 applicants, 10 flagged by both, 2 by the candidate only, 8 by the deployed model only:
  //   p_c = 0.12, p_d = 0.18. Reference: 400, 20 both, 5 and 5: p_c = p_d = 0.0625.
  const g = { n: 100, both: 10, candidateOnly: 2, deployedOnly: 8 };
  const r = { n: 400, both: 20, candidateOnly: 5, deployedOnly: 5 };

  it('ratio: change log(0.12/0.18) − log(1) with var 11/(12.5 · 18.5) + 11/(25.5 · 25.5); sum log(0.0216) − log(0.0625²)', () => {
    const c = logRatioChange(g, r);
    expect(c.change).toBeCloseTo(-0.4054651, 6);
    const se = Math.sqrt(11 / (12.5 * 18.5) + 11 / (25.5 * 25.5)); // 0.253938
    expect(c.changeAt(Z95)!.lo).toBeCloseTo(Math.log(12 / 18) - Z95 * se, 9); // −0.903173
    expect(c.changeAt(Z95)!.hi).toBeCloseTo(Math.log(12 / 18) + Z95 * se, 9); // 0.092243
    expect(c.sum).toBeCloseTo(1.710115, 5);
    // var = (p_c + p_d − 4 p_c p_d + 2 p_a) / (n p_c p_d): 0.4136 / 2.16 + 0.209375 / 1.5625
    const seSum = Math.sqrt(0.4136 / 2.16 + 0.209375 / 1.5625); // 0.570510
    expect(c.sumAt(Z95)!.lo).toBeCloseTo(1.710115 - Z95 * seSum, 5); // 0.591936
    expect(c.method).toBe('delta-log-paired');
  });

  it('difference: change −0.06, sum 0.30 − 0.125 with var 0.41/100 + 0.209375/400', () => {
    const c = differenceChange(g, r);
    expect(c.change).toBeCloseTo(-0.06, 12);
    expect(c.sum).toBeCloseTo(0.175, 12);
    const se = Math.sqrt(0.41 / 100 + 0.209375 / 400); // 0.0679959
    expect(c.sumAt(Z95)!.hi).toBeCloseTo(0.175 + Z95 * se, 9);
  });

  it('difference: MOVER of the Tango intervals, group (1, 7 of 21) and reference with no discordant pair (±z²/(n + z²))', () => {
    const c = differenceChange({ n: 21, both: 2, candidateOnly: 1, deployedOnly: 7 }, { n: 100, both: 5, candidateOnly: 0, deployedOnly: 0 });
    // −0.285714 − hypot(0.231486, 0.036993) and −0.285714 + hypot(0.259714, 0.036993), Tango limits to 4 decimals.
    expect(c.changeAt(Z95)!.lo).toBeCloseTo(-0.520137, 3);
    expect(c.changeAt(Z95)!.hi).toBeCloseTo(-0.023379, 3);
  });

  it('a zero rate switches the log-ratio limits to ½ added to every cell, and the change has no point value', () => {
    // Deployed rate 0, candidate 20/50: with ½ in every cell log((½ + 20½)/(½ + ½)) − log(1); the
    // variance (b + c + 1)/((a + b + ½)(a + c + ½)) with a = ½: 21/(21 · 1) + 11/(26 · 26) → lower limit 1.0687.
    const c = logRatioChange({ n: 50, both: 0, candidateOnly: 20, deployedOnly: 0 }, r);
    expect(c.change).toBeNull();
    expect(c.changeAt(Z95)!.lo).toBeCloseTo(Math.log(21) - Z95 * Math.sqrt(1 + 11 / (26 * 26)), 9);
    expect(c.changeAt(Z95)!.lo).toBeGreaterThan(0);
    expect(c.method).toContain('½ added to every cell');
  });
});

describe('better, worse, no established change', () => {
  it('worse when change and sum lie on the same side of 0, better on opposite sides, otherwise no claim', () => {
    expect(changeClaim({ lo: 0.1, hi: 0.3 }, { lo: 0.5, hi: 1 })).toBe('worse'); // ratio above 1, grew
    expect(changeClaim({ lo: -0.3, hi: -0.1 }, { lo: -1, hi: -0.5 })).toBe('worse'); // below 1, fell further
    expect(changeClaim({ lo: -0.3, hi: -0.1 }, { lo: 0.5, hi: 1 })).toBe('better');
    expect(changeClaim({ lo: -0.3, hi: 0.1 }, { lo: 0.5, hi: 1 })).toBeNull();
    expect(changeClaim({ lo: 0.1, hi: 0.3 }, { lo: -0.1, hi: 1 })).toBeNull(); // may have crossed parity
  });

  it('judges every row at 1 − α/(2m): two rows at 1 − 0.05/4 = 98.75 % per interval', () => {
    const worse = { change: 0.2, sum: 1, changeAt: (z: number) => ({ lo: 0.2 - 0.05 * z, hi: 0.2 + 0.05 * z }), sumAt: (z: number) => ({ lo: 1 - 0.1 * z, hi: 1 + 0.1 * z }), method: 'test' };
    const weak = { ...worse, changeAt: (z: number) => ({ lo: 0.2 - 0.085 * z, hi: 0.2 + 0.085 * z }) };
    const { rows, rule } = judgeChanges([worse, weak], 'bonferroni', 0.05);
    expect(rule.level).toBeCloseTo(1 - 0.05 / 4, 12);
    expect(rule.family_size).toBe(2);
    // 0.2 − 0.05 · z_{0.0125} = 0.2 − 0.05 · 2.4977 > 0, and the sum 1 − 0.1 · 2.4977 > 0.
    expect(rows[0]!.verdict).toBe('worse');
    // 0.2 − 0.085 · 2.4977 < 0: not shown at the family level…
    expect(rows[1]!.verdict).toBe('no established change');
    // …but shown with `none`, each row's two intervals at 1 − 0.05/2 (0.2 − 0.085 · 2.2414 > 0).
    expect(judgeChanges([weak], 'none', 0.05).rows[0]!.verdict).toBe('worse');
    // The claim's p-value inverts the intervals: the claim holds for z < 0.2/0.085 = 2.3529, a two-sided
    // error of 0.018626 per interval; two intervals: p = 0.037251; × m = 2 adjusted.
    expect(rows[1]!.p_value).toBeCloseTo(0.0372512, 5);
    expect(rows[1]!.adjusted_p_value).toBeCloseTo(0.0745023, 5);
    expect(rows[1]!.claim).toBe('worse');
  });
});
