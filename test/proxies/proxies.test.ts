import { describe, expect, it } from 'vitest';
import { categorical, numeric, type Column, type Table } from '../../datasets/table/index.js';
import { accumulateProxyTables, computeProxies, fitLogistic, planProxies, proxyTableLayout } from '../../harness/proxies/index.js';
import { cramersV, zCritical } from '../../harness/stats/index.js';

/**
 * Micro-population: attribute `nat` (a, b) and two inputs. `zone` copies `nat` for 8 of 10 rows
 * (a proxy); `noise` is independent of it. Rows: nat a a a a a b b b b b; zone x x x x y y y y y x.
 */
const nat = categorical(['a', 'b'], Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1));
const zone = categorical(['x', 'y'], Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 1, 0));
const noise = numeric(Float64Array.of(1, 2, 3, 4, 5, 1, 2, 3, 4, 5));
const table: Table = { n: 10, columns: new Map<string, Column>([['nat', nat], ['zone', zone], ['noise', noise]]) };
const combos = Int32Array.from(nat.codes);

describe('proxy tables', () => {
  const plan = planProxies(['zone', 'noise', 'absent'], table, 2, 10);

  it('plans categorical inputs by level and numeric ones by sample deciles; skips absent columns', () => {
    expect(plan.inputs.map((i) => i.name)).toEqual(['zone', 'noise']);
    expect(plan.inputs[1]).toEqual({ name: 'noise', kind: 'numeric', edges: [2, 3, 4, 5] });
    expect(plan.stride).toBe(1);
  });

  it('counts input bin × combination, and chunks add up to the whole', () => {
    const whole = accumulateProxyTables(plan, table, combos, 0);
    // zone (bins x, y, missing) × nat (a, b): x: 4 a, 1 b; y: 1 a, 4 b.
    expect(Array.from(whole.subarray(0, 6))).toEqual([4, 1, 1, 4, 0, 0]);
    const slice = (from: number, to: number): Table => ({
      n: to - from,
      columns: new Map<string, Column>([
        ['zone', categorical(['x', 'y'], zone.codes.slice(from, to))],
        ['noise', numeric(noise.values.slice(from, to))],
      ]),
    });
    const parts = new Float64Array(proxyTableLayout(plan).length);
    accumulateProxyTables(plan, slice(0, 3), combos.slice(0, 3), 0, parts);
    accumulateProxyTables(plan, slice(3, 10), combos.slice(3, 10), 3, parts);
    expect(Array.from(parts)).toEqual(Array.from(whole));
  });

  it('a stride keeps rows whose index is a multiple of it, whatever the chunk start', () => {
    const strided = { ...plan, stride: 3 };
    const whole = accumulateProxyTables(strided, table, combos, 0);
    // Rows 0, 3, 6, 9: zone x, x, y, x; nat a, a, b, b.
    expect(Array.from(whole.subarray(0, 6))).toEqual([2, 1, 0, 1, 0, 0]);
  });

  it('Cramér\'s V of the proxy, one-feature AUC and the joint model', () => {
    const tables = accumulateProxyTables(plan, table, combos, 0);
    const { proxies } = computeProxies(plan, tables, [{ name: 'nat', levels: ['a', 'b'], reference: 'a', levelOf: Int32Array.of(0, 1) }], { train: table, test: table, rows: { train: 'all rows', test: 'the same rows' } }, {
      alpha: 0.05,
      z: zCritical(0.05),
      bootstrap: { replicates: 200, seed: 1 },
    });
    const v = proxies.find((p) => p.input === 'zone' && p.statistic === 'cramers_v')!;
    expect(v.value).toBeCloseTo(cramersV([4, 1, 1, 4], 2, 2), 12);
    // One feature: zone y holds 4 of 5 b, zone x 1 of 5: AUC = P(b's zone ranks above a's) = (4·4 + ½(4·1 + 1·1)... ) / 25.
    // Pairs (b, a): b in y (4) vs a in x (4): win 16; b in y vs a in y (1): tie 4 × ½; b in x (1) vs a in x (4): tie 4 × ½; b in x vs a in y: loss. (16 + 2 + 2) / 25 = 0.8.
    const auc = proxies.find((p) => p.input === 'zone' && p.statistic === 'auc')!;
    expect(auc.value).toBeCloseTo(0.8, 12);
    expect(auc.group).toBe('b');
    const noiseV = proxies.find((p) => p.input === 'noise' && p.statistic === 'cramers_v')!;
    expect(noiseV.value).toBe(0);
    const joint = proxies.find((p) => p.input === 'all inputs')!;
    expect(joint.group).toBe('b');
    expect(joint.value).toBeGreaterThanOrEqual(0.8);
  });
});

describe('fitLogistic (IRLS)', () => {
  it('one binary feature: the fit reproduces the two observed log-odds (ridge aside)', () => {
    // x = 0: 30 of 100 positive; x = 1: 60 of 100. MLE: β0 = logit 0.3, β1 = logit 0.6 − logit 0.3.
    const n = 200;
    const active = Int32Array.from({ length: n }, (_, i) => (i < 100 ? -1 : 1));
    const y = Uint8Array.from({ length: n }, (_, i) => (i < 100 ? (i < 30 ? 1 : 0) : i < 160 ? 1 : 0));
    const fit = fitLogistic(active, 1, y, 2, { ridge: 0 });
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(logit(0.3), 6);
    expect(fit.coefficients[1]).toBeCloseTo(logit(0.6) - logit(0.3), 6);
  });

  it('is deterministic and converges on separable data thanks to the ridge', () => {
    const active = Int32Array.from({ length: 50 }, (_, i) => (i % 2 ? 1 : -1));
    const y = Uint8Array.from({ length: 50 }, (_, i) => i % 2);
    const a = fitLogistic(active, 1, y, 2);
    const b = fitLogistic(active, 1, y, 2);
    expect(a.converged).toBe(true);
    expect(Array.from(a.coefficients)).toEqual(Array.from(b.coefficients));
  });
});
