import { describe, expect, it } from 'vitest';
import { accumulateRows, createCellCounts } from '../../harness/accumulate/index.js';
import { bootstrapGroupMetrics, bootstrapKey } from '../../harness/metrics/index.js';
import {
  bootstrapCounts,
  logFactorial,
  percentileInterval,
  sampleBinomial,
  sampleMultinomial,
  uniformStream,
  wilsonInterval,
  zCritical,
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
    expect(ratio.lo).toBeGreaterThan(1);
    expect(ratio.method).toBe('bootstrap-percentile');
  });
});
