import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DisparateError } from '../../harness/errors/index.js';
import { streamId, uniform } from '../../harness/stats/rng/index.js';
import { resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import type { Column, Table } from '../../datasets/table/index.js';
import { toy } from './fixtures.js';

function cat(t: Table, name: string): { levels: readonly string[]; codes: Int32Array } {
  const c = t.columns.get(name);
  if (c?.kind !== 'categorical') throw new Error(`${name} is not categorical`);
  return c;
}
function num(t: Table, name: string): Float64Array {
  const c = t.columns.get(name);
  if (c?.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return c.values;
}
function expectSameColumn(a: Column, b: Column): void {
  expect(a.kind).toBe(b.kind);
  if (a.kind === 'categorical' && b.kind === 'categorical') expect(Array.from(a.codes)).toEqual(Array.from(b.codes));
  if (a.kind === 'numeric' && b.kind === 'numeric') expect(Array.from(a.values)).toEqual(Array.from(b.values));
}
/** |observed share − p| within 4 binomial standard errors. */
function expectShare(count: number, n: number, p: number): void {
  expect(Math.abs(count / n - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
}

describe('samplePopulation', () => {
  const N = 200_000;
  const t = samplePopulation(toy, { seed: 7, n: N });

  it('returns typed columns in declaration order, the outcome last', () => {
    expect(t.n).toBe(N);
    expect([...t.columns.keys()]).toEqual([
      'nationality',
      'disability',
      'single_parent',
      'children',
      'income',
      'age',
      'rent_share',
      'income_band',
      'fraud',
    ]);
    expect(cat(t, 'nationality').codes).toBeInstanceOf(Int32Array);
    expect(num(t, 'income')).toBeInstanceOf(Float64Array);
    expect(cat(t, 'income_band').levels).toEqual(['low', 'mid', 'high']);
  });

  it('draws a root categorical from its own uniform by inverse CDF (hand-checked rows)', () => {
    const codes = cat(t, 'disability').codes;
    for (const row of [0, 1, 2, 99_999]) {
      const u = uniform(7, streamId('disability'), row);
      expect(codes[row]).toBe(u < 0.9 ? 0 : 1);
    }
    const age = num(t, 'age');
    // normal quantile of u, then clamped to [18, 99]
    const u0 = uniform(7, streamId('age'), 0);
    expect(age[0]).toBeCloseTo(Math.min(99, Math.max(18, 45 + 12 * Math.SQRT2 * inverseErfApprox(2 * u0 - 1))), 2);
  });

  it('matches the marginal probabilities within 4 sigma on 200k rows', () => {
    const nat = cat(t, 'nationality').codes;
    const counts = [0, 0, 0];
    for (const c of nat) counts[c]!++;
    expectShare(counts[0]!, N, 0.8);
    expectShare(counts[1]!, N, 0.1);
    expectShare(counts[2]!, N, 0.1);
    const dis = cat(t, 'disability').codes;
    expectShare(dis.reduce((s, c) => s + c, 0), N, 0.1);
  });

  it('respects conditional tables', () => {
    const nat = cat(t, 'nationality').codes;
    const dis = cat(t, 'disability').codes;
    const sp = cat(t, 'single_parent').codes;
    const table = toy.variables['single_parent'];
    if (table?.type !== 'categorical' || !table.table) throw new Error('fixture');
    const natLevels = ['french', 'eu', 'non_eu'];
    const disLevels = ['none', 'disabled'];
    for (let a = 0; a < 3; a++) {
      for (let d = 0; d < 2; d++) {
        let n = 0;
        let yes = 0;
        for (let i = 0; i < N; i++) {
          if (nat[i] === a && dis[i] === d) {
            n++;
            yes += sp[i]!;
          }
        }
        expectShare(yes, n, table.table[`${natLevels[a]}|${disLevels[d]}`]![1]!);
      }
    }
  });

  it('gives numeric distributions their parameters, per parent level', () => {
    const age = num(t, 'age');
    const rent = num(t, 'rent_share');
    const children = num(t, 'children');
    const sp = cat(t, 'single_parent').codes;
    let mRent = 0;
    let minRent = 1;
    let maxRent = 0;
    let mAge = 0;
    for (let i = 0; i < N; i++) {
      mRent += rent[i]!;
      minRent = Math.min(minRent, rent[i]!);
      maxRent = Math.max(maxRent, rent[i]!);
      mAge += age[i]!;
    }
    expect(Math.abs(mRent / N - 0.3)).toBeLessThan(4 * (0.4 / Math.sqrt(12 * N)));
    expect(minRent).toBeGreaterThanOrEqual(0.1);
    expect(maxRent).toBeLessThan(0.5);
    expect(Math.abs(mAge / N - 45)).toBeLessThan(0.2); // clamping at 18 moves the mean by < 0.01
    for (const [level, lambda] of [
      [0, 1.2],
      [1, 1.7],
    ] as const) {
      let s = 0;
      let n = 0;
      for (let i = 0; i < N; i++) {
        if (sp[i] === level) {
          s += children[i]!;
          n++;
          if (!Number.isInteger(children[i])) throw new Error(`row ${i}: ${children[i]} children`);
        }
      }
      expect(Math.abs(s / n - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
    }
  });

  it('applies categorical and numeric terms to lognormal parameters, rounds and bins', () => {
    const income = num(t, 'income');
    const nat = cat(t, 'nationality').codes;
    const children = num(t, 'children');
    const band = cat(t, 'income_band').codes;
    // E[log income − meanlog(row)] = 0 with sd 0.5, meanlog = 9.8 − 0.3·[non_eu] − 0.02·children
    let s = 0;
    for (let i = 0; i < N; i++) {
      if (!Number.isInteger(income[i])) throw new Error(`row ${i}: income ${income[i]} not rounded`);
      s += Math.log(income[i]!) - (9.8 - (nat[i] === 2 ? 0.3 : 0) - 0.02 * children[i]!);
      const expected = income[i]! < 12000 ? 0 : income[i]! < 30000 ? 1 : 2;
      if (band[i] !== expected) throw new Error(`row ${i}: band ${band[i]} for income ${income[i]}`);
    }
    expect(Math.abs(s / N)).toBeLessThan(4 * (0.5 / Math.sqrt(N)) + 1e-4);
  });

  it('draws the outcome from its logistic model', () => {
    const fraud = num(t, 'fraud');
    const band = cat(t, 'income_band').codes;
    const rent = num(t, 'rent_share');
    let expected = 0;
    let observed = 0;
    for (let i = 0; i < N; i++) {
      expected += 1 / (1 + Math.exp(-(-3 + (band[i] === 0 ? 0.4 : 0) + rent[i]!)));
      observed += fraud[i]!;
      if (fraud[i] !== 0 && fraud[i] !== 1) throw new Error('not 0/1');
    }
    const p = expected / N;
    expectShare(observed, N, p);
  });

  it('gives identical values whatever the chunking', () => {
    const whole = samplePopulation(toy, { seed: 11, n: 10_000 });
    const chunks = [0, 1, 2, 777, 4096, 9999, 10_000];
    const parts = chunks.slice(0, -1).map((a, k) => samplePopulation(toy, { seed: 11, start: a, n: chunks[k + 1]! - a }));
    for (const [name, col] of whole.columns) {
      const glued = concatColumn(parts.map((p) => p.columns.get(name)!));
      expectSameColumn(glued, col);
    }
  });

  it('property: concatenated chunks equal the single run, for random seeds and boundaries', () => {
    const resolved = resolvePopulation(toy);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 1 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 299 }), { maxLength: 6 }),
        (seed, start, cuts) => {
          const n = 300;
          const bounds = [0, ...cuts.sort((a, b) => a - b), n];
          const whole = samplePopulation(resolved, { seed, start, n });
          const parts = bounds.slice(0, -1).map((a, k) => samplePopulation(resolved, { seed, start: start + a, n: bounds[k + 1]! - a }));
          for (const [name, col] of whole.columns) expectSameColumn(concatColumn(parts.map((p) => p.columns.get(name)!)), col);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('depends on the seed and on the variable name, not on declaration order', () => {
    const other = samplePopulation(toy, { seed: 8, n: 100 });
    expect(Array.from(cat(other, 'nationality').codes)).not.toEqual(Array.from(cat(t, 'nationality').codes.subarray(0, 100)));
    const reordered = { ...toy, variables: Object.fromEntries(Object.entries(toy.variables).reverse()) };
    const r = samplePopulation(reordered, { seed: 7, n: 100 });
    expect([...r.columns.keys()][0]).toBe('income_band');
    for (const name of t.columns.keys()) {
      const a = r.columns.get(name)!;
      const b = t.columns.get(name)!;
      expectSameColumn(a, sliceColumn(b, 100));
    }
  });

  it('do(): counterfactual twins reuse the noise; non-descendants are unchanged', () => {
    const n = 20_000;
    const base = samplePopulation(toy, { seed: 3, n });
    const twin = samplePopulation(toy, { seed: 3, n, do: { nationality: 'french' } });
    expect(cat(twin, 'nationality').codes.every((c) => c === 0)).toBe(true);
    for (const name of ['disability', 'age', 'rent_share']) expectSameColumn(twin.columns.get(name)!, base.columns.get(name)!);
    // rows already french are identical in every column
    const nat = cat(base, 'nationality').codes;
    const bi = num(base, 'income');
    const ti = num(twin, 'income');
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if (nat[i] === 0) expect(ti[i]).toBe(bi[i]);
      else if (ti[i] !== bi[i]) changed++;
    }
    expect(changed).toBeGreaterThan(0);
    expect(() => samplePopulation(toy, { seed: 3, n: 1, do: { nationality: 'martian' } })).toThrow(/not a level/);
    expect(() => samplePopulation(toy, { seed: 3, n: 1, do: { nope: 1 } })).toThrow(DisparateError);
  });

  it('rejects bad seeds and sizes', () => {
    expect(() => samplePopulation(toy, { seed: -1, n: 1 })).toThrow(/seed/);
    expect(() => samplePopulation(toy, { seed: 1, n: 1.5 })).toThrow(/size/);
    expect(samplePopulation(toy, { seed: 1, n: 0 }).n).toBe(0);
  });
});

function concatColumn(cols: Column[]): Column {
  const first = cols[0]!;
  if (first.kind === 'categorical') {
    const codes = Int32Array.from(cols.flatMap((c) => (c.kind === 'categorical' ? Array.from(c.codes) : [])));
    return { kind: 'categorical', levels: first.levels, codes };
  }
  return { kind: 'numeric', values: Float64Array.from(cols.flatMap((c) => (c.kind === 'numeric' ? Array.from(c.values) : []))) };
}
function sliceColumn(c: Column, n: number): Column {
  return c.kind === 'categorical' ? { ...c, codes: c.codes.subarray(0, n) } : { ...c, values: c.values.subarray(0, n) };
}
/** Winitzki's approximation of erf⁻¹ (relative error ~2e-3), enough to cross-check the quantile. */
function inverseErfApprox(x: number): number {
  const a = 0.147;
  const ln = Math.log(1 - x * x);
  const t = 2 / (Math.PI * a) + ln / 2;
  return Math.sign(x) * Math.sqrt(Math.sqrt(t * t - ln / a) - t);
}
