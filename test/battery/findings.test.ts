import { describe, expect, it } from 'vitest';
import { accumulateRows, createCellCounts } from '../../harness/accumulate/index.js';
import { analyseCells } from '../../harness/findings/index.js';
import { intersectionSubsets } from '../../harness/findings/compute-findings.js';
import { Check } from '../../harness/config/index.js';

/**
 * Hand-built cells: nationality (fr, eu, non_eu) × disability (no, yes); non_eu×yes has 12 rows
 * (below min_cell 30) and eu×yes none. Flag rates: fr 5 %, eu 6 %, non_eu 12 %.
 */
function build() {
  const cells = createCellCounts([
    { name: 'nationality', levels: ['eu', 'fr', 'non_eu'] },
    { name: 'disability', levels: ['no', 'yes'] },
  ]);
  const spec: [number, number, number, number][] = [
    // nationality, disability, rows, flagged
    [1, 0, 1000, 50],
    [1, 1, 200, 10],
    [0, 0, 500, 30],
    [2, 0, 400, 48],
    [2, 1, 12, 3],
  ];
  const codes: number[][] = [[], []];
  const flagged: number[] = [];
  const scores: number[] = [];
  for (const [nat, dis, n, f] of spec) {
    for (let i = 0; i < n; i++) {
      codes[0]!.push(nat), codes[1]!.push(dis), flagged.push(i < f ? 1 : 0), scores.push(i < f ? 0.9 : 0.1 + (nat === 2 ? 0.05 : 0));
    }
  }
  accumulateRows(cells, { n: flagged.length, codes: codes.map((c) => Int32Array.from(c)), flagged: Uint8Array.from(flagged), labels: null, scores: Float64Array.from(scores) });
  return cells;
}

const settings = {
  alpha: 0.05,
  minCell: 30,
  labels: false,
  references: new Map([['nationality', { group: 'fr', origin: 'battery' as const, where: 'test' }], ['disability', { group: 'no', origin: 'battery' as const, where: 'test' }], ['nationality×disability', { group: 'fr×no', origin: 'battery' as const, where: 'test' }]]),
  dataWhere: 'test',
  checks: [Check.parse({ id: 'ff', metric: 'selection_rate_ratio' })],
  correction: 'holm' as const,
};

describe('intersections, suppression and worst groups', () => {
  it('lists subsets: full, all, none, named', () => {
    expect(intersectionSubsets(['a', 'b', 'c'], 'full')).toEqual([[0], [1], [2], [0, 1, 2]]);
    expect(intersectionSubsets(['a', 'b', 'c'], 'all')).toEqual([[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]]);
    expect(intersectionSubsets(['a', 'b', 'c'], 'none')).toEqual([[0], [1], [2]]);
    expect(intersectionSubsets(['a', 'b', 'c'], [['c', 'a']])).toEqual([[0], [1], [2], [2, 0]]);
    expect(() => intersectionSubsets(['a', 'b'], [['a', 'x']])).toThrow(/"x" is not a protected attribute/);
  });

  const analysis = analyseCells(build(), settings);

  it('suppresses intersection cells below min_cell, listing them with their n (empty ones too)', () => {
    expect(analysis.suppressed).toEqual([
      { attribute: 'nationality×disability', group: 'eu×yes', n: 0, reason: 'empty' },
      { attribute: 'nationality×disability', group: 'non_eu×yes', n: 12, reason: 'below-min-cell' },
    ]);
    // kept for display, left out of checks
    expect(analysis.groups.some((g) => g.group === 'non_eu×yes' && g.small_cell)).toBe(true);
    expect(analysis.checks.some((c) => c.group === 'non_eu×yes')).toBe(false);
    expect(analysis.checks.some((c) => c.group === 'non_eu×no')).toBe(true);
    expect(analysis.warnings.map((w) => w.code)).toContain('suppressed-cells');
  });

  it('names the worst group per attribute and metric', () => {
    const w = analysis.worstGroups.find((x) => x.attribute === 'nationality' && x.metric === 'selection_rate_ratio')!;
    // non_eu: 51/412 ÷ 60/1200
    expect(w.group).toBe('non_eu');
    expect(w.value).toBeCloseTo(51 / 412 / (60 / 1200), 12);
    expect(w.worse).toBe('higher');
    const inter = analysis.worstGroups.find((x) => x.attribute === 'nationality×disability' && x.metric === 'selection_rate_ratio')!;
    expect(inter.group).toBe('non_eu×no'); // non_eu×yes (25 %) is suppressed
  });

  it('reports the mean score with its interval, ratio and difference', () => {
    const nonEu = analysis.groups.find((g) => g.attribute === 'nationality' && g.group === 'non_eu')!;
    const fr = analysis.groups.find((g) => g.attribute === 'nationality' && g.group === 'fr')!;
    // non_eu: 51 rows at 0.9, 361 at 0.15 → mean (45.9 + 54.15)/412
    const mean = (51 * 0.9 + 361 * 0.15) / 412;
    expect(nonEu.metrics.mean_score!.value).toBeCloseTo(mean, 12);
    expect(nonEu.metrics.mean_score!.method).toBe('normal-mean');
    const sd = Math.sqrt((51 * (0.9 - mean) ** 2 + 361 * (0.15 - mean) ** 2) / 411);
    expect(nonEu.metrics.mean_score!.ci![1] - mean).toBeCloseTo((1.959963984540054 * sd) / Math.sqrt(412), 9);
    expect(nonEu.metrics.mean_score_difference!.value).toBeCloseTo(mean - fr.mean_score!, 12);
    expect(nonEu.metrics.mean_score_difference!.method).toBe('welch-mean-difference');
    expect(nonEu.metrics.mean_score_ratio!.method).toBe('delta-log-mean-ratio');
  });

  it('adds bootstrap intervals beside the analytic ones, deterministically', () => {
    const a = analyseCells(build(), { ...settings, bootstrap: { replicates: 500, seed: 3 } });
    const b = analyseCells(build(), { ...settings, bootstrap: { replicates: 500, seed: 3 } });
    const g = a.groups.find((x) => x.attribute === 'nationality' && x.group === 'non_eu')!;
    const m = g.metrics.selection_rate_ratio!;
    expect(m.bootstrap_ci![0]).toBeLessThan(m.value!);
    expect(m.bootstrap_ci![1]).toBeGreaterThan(m.value!);
    expect(m.bootstrap_method).toBe('bootstrap-bca');
    expect(m.bootstrap_fallback).toBeUndefined();
    // close to the Katz interval at these sizes
    expect(Math.abs(Math.log(m.bootstrap_ci![0] / m.ci![0]))).toBeLessThan(0.1);
    expect(a.groups).toEqual(b.groups);
    expect(g.metrics.mean_score!.bootstrap_ci).toBeUndefined(); // means are not bootstrapped
  });
});
