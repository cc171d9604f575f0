import { describe, expect, it } from 'vitest';
import { accumulateRows, createCellCounts, type GroupCounts } from '../../harness/accumulate/index.js';
import { bootstrapGroupMetrics, bootstrapKey, groupJackknifeAcceleration } from '../../harness/metrics/index.js';
import {
  bcaInterval,
  binomialMass,
  bootstrapCounts,
  bootstrapInterval,
  jackknifeAcceleration,
  logFactorial,
  percentileInterval,
  rateInterval,
  sampleBinomial,
  sampleMultinomial,
  selectInPlace,
  typeSevenQuantile,
  uniformStream,
  wilsonInterval,
  zCritical,
  type Interval,
} from '../../harness/stats/index.js';
import { createRng, streamId } from '../../harness/stats/rng/index.js';

describe('logFactorial', () => {
  it('matches Σ ln k on both sides of the table boundary', () => {
    let exact = 0;
    for (let k = 1; k <= 2000; k++) {
      exact += Math.log(k);
      expect(Math.abs(logFactorial(k) - exact)).toBeLessThan(1e-9 * Math.max(1, exact));
    }
    expect(logFactorial(0)).toBe(0);
  });
});

describe('sampleBinomial', () => {
  it.each([
    [20, 0.1],
    [1000, 0.003],
    [1000, 0.3],
    [1_000_000, 0.03],
    [50, 0.9],
  ])('Binomial(%i, %f): sample mean and variance within 4 standard errors', (n, p) => {
    const next = uniformStream(7, streamId('binomial-test'), 0);
    const draws = 20_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < draws; i++) {
      const k = sampleBinomial(n, p, next);
      expect(Number.isInteger(k) && k >= 0 && k <= n).toBe(true);
      s += k;
      s2 += k * k;
    }
    const mean = s / draws;
    const variance = s2 / draws - mean * mean;
    const v = n * p * (1 - p);
    expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt(v / draws));
    // the sample variance of a near-normal variable has sd ≈ v·√(2/draws)
    expect(Math.abs(variance - v)).toBeLessThan(4 * v * Math.sqrt(2 / draws) + 0.05);
  });

  it('puts the right mass on each value (Binomial(10, 0.3), χ² goodness of fit)', () => {
    const next = uniformStream(11, streamId('binomial-gof'), 0);
    const counts = new Array<number>(11).fill(0);
    const draws = 50_000;
    for (let i = 0; i < draws; i++) counts[sampleBinomial(10, 0.3, next)]! += 1;
    let pmf = 0.7 ** 10;
    let chi2 = 0;
    for (let k = 0; k <= 10; k++) {
      const e = draws * pmf;
      if (e > 5) chi2 += (counts[k]! - e) ** 2 / e;
      pmf *= ((10 - k) / (k + 1)) * (0.3 / 0.7);
    }
    expect(chi2).toBeLessThan(25); // χ²(8 df) 99.9 % point is 26.1
  });
});

describe('sampleMultinomial and bootstrapCounts', () => {
  it('keeps totals per stratum and zero cells at zero', () => {
    const counts = Float64Array.from([5, 0, 10, 3, 7, 0]);
    const out = new Float64Array(6);
    const next = uniformStream(1, streamId('m'), 0);
    sampleMultinomial(counts, out, next, 0, 3);
    sampleMultinomial(counts, out, next, 3, 6);
    expect(out[0]! + out[1]! + out[2]!).toBe(15);
    expect(out[3]! + out[4]! + out[5]!).toBe(10);
    expect(out[1]).toBe(0);
    expect(out[5]).toBe(0);
  });

  it('is deterministic, and replicate r does not depend on the number of replicates', () => {
    const counts = Float64Array.from([120, 880, 45, 955]);
    const stat = (c: Float64Array, out: Float64Array) => {
      out[0] = c[0]! / (c[0]! + c[1]!);
    };
    const a = bootstrapCounts(counts, [[0, 2], [2, 4]], { replicates: 500, seed: 3 }, 1, stat)[0]!;
    const b = bootstrapCounts(counts, [[0, 2], [2, 4]], { replicates: 1000, seed: 3 }, 1, stat)[0]!;
    const c = bootstrapCounts(counts, [[0, 2], [2, 4]], { replicates: 500, seed: 4 }, 1, stat)[0]!;
    expect(Array.from(b.subarray(0, 500))).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('agrees with the Wilson interval for a rate on a large sample', () => {
    const counts = Float64Array.from([300, 2700]);
    const reps = bootstrapCounts(counts, null, { replicates: 4000, seed: 9 }, 1, (c, out) => {
      out[0] = c[0]! / (c[0]! + c[1]!);
    })[0]!;
    const boot = percentileInterval(reps, 0.95)!;
    const w = wilsonInterval(300, 3000, zCritical(0.05))!;
    expect(boot.method).toBe('bootstrap-percentile');
    expect(Math.abs(boot.lo - w.lo)).toBeLessThan(0.003);
    expect(Math.abs(boot.hi - w.hi)).toBeLessThan(0.003);
  });

  it('percentileInterval: type-7 quantiles, drops undefined replicates up to 1 %', () => {
    expect(percentileInterval(Float64Array.from([1, 2, 3, 4, 5]), 0.5)).toEqual({ lo: 2, hi: 4, method: 'bootstrap-percentile' });
    expect(percentileInterval(Float64Array.from([1, NaN, 3]), 0.5)).toBeNull();
  });
});

describe('BCa pieces', () => {
  it('jackknifeAcceleration: a rate of 5 in 20 gives (1 − 2p)/(6·√(n·p·(1 − p))) = 0.0430', () => {
    // leave out a flagged row: 4/19; a non-flagged one: 5/19; 5 and 15 rows
    const a = jackknifeAcceleration(Float64Array.of(4 / 19, 5 / 19), Float64Array.of(5, 15))!;
    expect(a).toBeCloseTo((1 - 2 * 0.25) / (6 * Math.sqrt(20 * 0.25 * 0.75)), 12);
    expect(jackknifeAcceleration(Float64Array.of(NaN, 0.5), Float64Array.of(1, 3))).toBeNull();
    expect(jackknifeAcceleration(Float64Array.of(0.5, 0.5), Float64Array.of(1, 3))).toBe(0);
  });

  it('groupJackknifeAcceleration equals the jackknife over every row', () => {
    // group: 3 TP, 2 FP, 4 flagged unlabelled, 1 FN, 5 TN, 6 cleared unlabelled (21 rows); reference: 2, 1, 0, 3, 8, 10 (24); 30 other rows
    const g: GroupCounts = { attribute: 'x', group: 'g', n: 21, flagged: 9, tp: 3, fp: 2, tn: 5, fn: 1, labelled: 11, scoreSum: 0, scoreSumSq: 0, scoreCount: 0, histogram: null };
    const r: GroupCounts = { ...g, group: 'r', n: 24, flagged: 3, tp: 2, fp: 1, tn: 8, fn: 3, labelled: 14 };
    const fdr = (h: GroupCounts) => h.fp / (h.tp + h.fp);
    const value = (h: GroupCounts, ref: GroupCounts) => h.flagged / h.n / (ref.flagged / ref.n) + fdr(h) - fdr(ref);
    // every row by hand: [rows of this kind, field changes]
    const kinds: [number, Partial<Record<'tp' | 'fp' | 'tn' | 'fn' | 'flagged' | 'labelled' | 'n', number>>][] = [
      [0, { tp: 1, flagged: 1, labelled: 1, n: 1 }], [0, { fp: 1, flagged: 1, labelled: 1, n: 1 }], [0, { flagged: 1, n: 1 }],
      [0, { fn: 1, labelled: 1, n: 1 }], [0, { tn: 1, labelled: 1, n: 1 }], [0, { n: 1 }],
    ];
    const counts = [[3, 2, 4, 1, 5, 6], [2, 1, 0, 3, 8, 10]];
    const vals: number[] = [value(g, r)];
    const wts: number[] = [30];
    for (const side of [0, 1]) {
      kinds.forEach(([, change], k) => {
        const w = counts[side]![k]!;
        if (w === 0) return;
        const less = { ...(side === 0 ? g : r) };
        for (const [f, d] of Object.entries(change)) (less as Record<string, unknown>)[f] = (less as unknown as Record<string, number>)[f]! - d!;
        vals.push(side === 0 ? value(less, r) : value(g, less));
        wts.push(w);
      });
    }
    const expected = jackknifeAcceleration(Float64Array.from(vals), Float64Array.from(wts))!;
    expect(groupJackknifeAcceleration(value, g, r, 75)).toBeCloseTo(expected, 14);
    expect(Math.abs(expected)).toBeGreaterThan(1e-4);
  });

  it('selectInPlace and typeSevenQuantile: the order statistics and type-7 quantiles of the sorted values, ties and both signs included', () => {
    const rng = createRng(11);
    for (let t = 0; t < 300; t++) {
      const n = 1 + Math.floor(rng.uniform('n', t) * (t % 3 === 0 ? 20 : 3000));
      const levels = 1 + Math.floor(rng.uniform('levels', t) * 40);
      const a = Float64Array.from({ length: n }, (_, i) => {
        const u = rng.uniform(`v${t}`, i);
        return (t % 2 === 0 ? Math.floor(u * levels) / levels : u) * (rng.uniform(`s${t}`, i) < 0.2 ? -1 : 1);
      });
      const sorted = a.slice().sort();
      const k = Math.floor(rng.uniform('k', t) * n);
      const selected = a.slice();
      const v = selectInPlace(selected, k);
      // Equal values (=== : -0 and 0 tie in a selection, and print alike in results.json).
      expect(v === sorted[k]).toBe(true);
      for (let i = 0; i < n; i++) expect(i < k ? selected[i]! <= v : selected[i]! >= v).toBe(true);
      const p = rng.uniform('p', t);
      const h = (n - 1) * p;
      const j = Math.floor(h);
      expect(typeSevenQuantile(a.slice(), p) === (j + 1 >= n ? sorted[j] : sorted[j]! + (h - j) * (sorted[j + 1]! - sorted[j]!))).toBe(true);
    }
  });

  it('bcaInterval: the percentile interval when unbiased and unaccelerated; reasons where undefined', () => {
    const values = Float64Array.from({ length: 999 }, (_, i) => i + 1);
    const bca = bcaInterval(values, 500, 0, 0.9) as Interval;
    const percentile = percentileInterval(values, 0.9)!;
    expect(bca.method).toBe('bootstrap-bca');
    expect(bca.lo).toBeCloseTo(percentile.lo, 9);
    expect(bca.hi).toBeCloseTo(percentile.hi, 9);
    expect(bcaInterval(new Float64Array(100).fill(0), 0, 0, 0.95)).toEqual({ failure: 'degenerate' });
    expect(bcaInterval(values, 0, 0, 0.95)).toEqual({ failure: 'degenerate' }); // every replicate above the estimate
    expect(bcaInterval(values, 500, null, 0.95)).toEqual({ failure: 'degenerate' });
    expect(bcaInterval(Float64Array.from([1, NaN, 3]), 2, 0, 0.5)).toEqual({ failure: 'undefined-replicates' });
  });
});

const Z95 = zCritical(0.05);

/** Cell counts of two groups: "a" with x1 of n1 rows flagged, the reference "b" with x0 of n0. */
function twoGroups(x1: number, n1: number, x0: number, n0: number) {
  const n = n1 + n0;
  const cells = createCellCounts([{ name: 'g', levels: ['a', 'b'] }]);
  const codes = new Int32Array(n);
  const flagged = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    codes[i] = i < n1 ? 0 : 1;
    flagged[i] = i < x1 || (i >= n1 && i < n1 + x0) ? 1 : 0;
  }
  return accumulateRows(cells, { n, codes: [codes], flagged, labels: null, scores: null });
}

/** The bootstrap_ci rule as the battery applies it (bootstrapGroupMetrics): group a's selection rate, ratio and difference against b. */
function ruleIntervals(x1: number, n1: number, x0: number, n0: number, seed: number, replicates = 1000): Interval[] {
  const out = bootstrapGroupMetrics(twoGroups(x1, n1, x0, n0), [{ subset: [0], reference: 'b' }], { replicates, seed }, 0.95, false);
  return ['selection_rate', 'selection_rate_ratio', 'selection_rate_difference'].map((id) => {
    const choice = out.get(bootstrapKey('g', 'a', id))!;
    expect(choice.interval === null || choice.interval.hi > choice.interval.lo).toBe(true);
    return choice.interval ?? { lo: NaN, hi: NaN, method: 'bootstrap-bca' };
  });
}

describe('bootstrap intervals do not collapse in small cells (bootstrapInterval)', () => {
  it('0 flagged of 80: the Clopper–Pearson interval [0, 0.0451], named, not [0, 0]', () => {
    const reps = bootstrapCounts(Float64Array.of(0, 80), null, { replicates: 2000, seed: 1 }, 1, (c, out) => {
      out[0] = c[0]! / (c[0]! + c[1]!);
    })[0]!;
    expect(percentileInterval(reps, 0.95)).toEqual({ lo: 0, hi: 0, method: 'bootstrap-percentile' }); // the defect
    const choice = bootstrapInterval({ replicates: reps, estimate: 0, acceleration: () => 0, counts: [0, 80], level: 0.95, analytic: () => rateInterval(0, 80, Z95) });
    expect(choice.fallback).toBe('small-count');
    expect(choice.interval!.method).toBe('clopper-pearson');
    expect(choice.interval!.lo).toBe(0);
    expect(choice.interval!.hi).toBeCloseTo(1 - 0.025 ** (1 / 80), 10); // 0.04507
  });

  it('n = 20, p = 0.02: covers p in ≥ 93 % of 4,000 seeded simulated samples (the percentile interval: about a third)', () => {
    const next = uniformStream(20261206, streamId('coverage-n20'), 0);
    const byCount = new Map<number, { rule: Interval; percentile: Interval | null }>();
    let rule = 0;
    let percentile = 0;
    const sims = 4000;
    for (let i = 0; i < sims; i++) {
      const x = sampleBinomial(20, 0.02, next);
      let found = byCount.get(x);
      if (!found) {
        const reps = bootstrapCounts(Float64Array.of(x, 20 - x), null, { replicates: 2000, seed: 7 }, 1, (c, out) => {
          out[0] = c[0]! / (c[0]! + c[1]!);
        })[0]!;
        byCount.set(x, (found = { rule: ruleIntervals(x, 20, 100, 1000, 7, 2000)[0]!, percentile: percentileInterval(reps, 0.95) }));
      }
      if (found.rule.lo <= 0.02 && 0.02 <= found.rule.hi) rule++;
      if (found.percentile && found.percentile.lo <= 0.02 && 0.02 <= found.percentile.hi) percentile++;
    }
    expect(rule / sims).toBeGreaterThanOrEqual(0.93);
    expect(percentile / sims).toBeLessThan(0.4);
  });

  // Coverage of a rate over every count x, each weighted by its binomial probability (each x's bootstrap seeded):
  // exact for the seeded procedure, no simulation error. The grid spans BCa-only cells and fallback-only ones.
  it.each([
    [20, 0.02], [20, 0.1], [20, 0.3],
    [80, 0.02], [80, 0.1], [80, 0.3],
    [200, 0.02], [200, 0.1], [200, 0.3],
  ])('rate, n = %i, p = %s: coverage ≥ 0.93', (n, p) => {
    const mass = binomialMass(n, p);
    let coverage = 0;
    for (let i = 0; i < mass.pmf.length; i++) {
      if (mass.pmf[i]! < 1e-7) continue;
      const x = mass.from + i;
      const ci = ruleIntervals(x, n, 100, 1000, 1000 + x)[0]!;
      if (ci.lo <= p && p <= ci.hi) coverage += mass.pmf[i]!;
    }
    expect(coverage).toBeGreaterThanOrEqual(0.93);
  });

  it.each([
    [50, 0.2, 500, 0.1],
    [40, 0.05, 400, 0.05],
  ])('ratio and difference, %i rows at %s vs %i at %s: coverage ≥ 0.93 in 200 seeded simulated samples', (n1, p1, n0, p0) => {
    const next = uniformStream(11, streamId('coverage-two'), 0);
    let ratio = 0;
    let difference = 0;
    let defined = 0;
    for (let s = 0; s < 200; s++) {
      const x1 = sampleBinomial(n1, p1, next);
      const x0 = sampleBinomial(n0, p0, next);
      if (x0 === 0) continue; // the ratio is undefined or infinite: no interval to cover anything
      defined++;
      const [, r, d] = ruleIntervals(x1, n1, x0, n0, s + 1, 500);
      if (r!.lo <= p1 / p0 && p1 / p0 <= r!.hi) ratio++;
      if (d!.lo <= p1 - p0 && p1 - p0 <= d!.hi) difference++;
    }
    expect(ratio / defined).toBeGreaterThanOrEqual(0.93);
    expect(difference / defined).toBeGreaterThanOrEqual(0.93);
  });

  it('bootstrapGroupMetrics: a group with 0 of 80 flagged gets analytic intervals with the reason, a large one BCa', () => {
    const out = bootstrapGroupMetrics(twoGroups(0, 80, 200, 2000), [{ subset: [0], reference: 'b' }], { replicates: 1000, seed: 5 }, 0.95, false);
    const rate = out.get(bootstrapKey('g', 'a', 'selection_rate'))!;
    expect(rate.fallback).toBe('small-count');
    expect(rate.interval!.method).toBe('clopper-pearson');
    expect(rate.interval!.hi).toBeCloseTo(1 - 0.025 ** (1 / 80), 10);
    const ratio = out.get(bootstrapKey('g', 'a', 'selection_rate_ratio'))!;
    expect(ratio).toMatchObject({ fallback: 'small-count', interval: { lo: 0, method: 'mover-ratio' } });
    expect(ratio.interval!.hi).toBeGreaterThan(0);
    expect(out.get(bootstrapKey('g', 'a', 'selection_rate_difference'))!.interval!.method).toBe('mover-difference');
    const big = out.get(bootstrapKey('g', 'b', 'selection_rate'))!;
    expect(big.fallback).toBeNull();
    expect(big.interval!.method).toBe('bootstrap-bca');
    expect(big.interval!.lo).toBeLessThan(0.1);
    expect(big.interval!.hi).toBeGreaterThan(0.1);
  });
});

describe('bootstrap of a 1 M-row audit', () => {
  // 3 × 2 × 3 attribute levels, labels known: 108 cells whatever the number of rows.
  const n = 1_000_000;
  const rng = createRng(2024);
  const cells = createCellCounts([
    { name: 'nationality', levels: ['eu', 'french', 'non_eu'] },
    { name: 'disability', levels: ['no', 'yes'] },
    { name: 'income', levels: ['high', 'low', 'mid'] },
  ]);
  const codes = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  const flagged = new Uint8Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    codes[0]![i] = Math.floor(rng.uniform('nat', i) * 3);
    codes[1]![i] = rng.uniform('dis', i) < 0.15 ? 1 : 0;
    codes[2]![i] = Math.floor(rng.uniform('inc', i) * 3);
    const risk = 0.03 + 0.02 * (codes[0]![i] === 2 ? 1 : 0) + 0.01 * codes[1]![i]!;
    labels[i] = rng.uniform('label', i) < risk ? 1 : 0;
    flagged[i] = rng.uniform('flag', i) < (labels[i] ? 0.4 : 0.04) ? 1 : 0;
  }
  accumulateRows(cells, { n, codes, flagged, labels, scores: null });
  const targets = [
    { subset: [0], reference: 'french' },
    { subset: [1], reference: 'no' },
    { subset: [2], reference: 'mid' },
    { subset: [0, 1, 2], reference: 'french×no×mid' },
  ];

  // Timing is measured by `npm run bench` (bench/RESULTS.md), never asserted here.
  it('10,000 replicates of every rate, ratio and difference over a 1 M-row audit', () => {
    const intervals = bootstrapGroupMetrics(cells, targets, { replicates: 10_000, seed: 1 }, 0.95, true);
    const ratio = intervals.get(bootstrapKey('nationality', 'non_eu', 'selection_rate_ratio'))!;
    expect(ratio.interval!.lo).toBeGreaterThan(1);
    expect(ratio.interval!.method).toBe('bootstrap-bca');
  });
});
