import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

import { loadPopulationSpec, resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { encodeCategorical, numeric, type Column, type Table } from '../../datasets/table/index.js';
import { bindAsync, loadAnyModel } from '../../models/adapters/index.js';
import { FIX, welfareData } from './onnx-fixture.js';

/**
 * Numeric transforms (log, log1p, standardise, clip, bins) for every kind that computes a score
 * from numeric inputs: logistic, linear, trees, tfjs, onnx (a feature tensor and a tensor per
 * column) and additive. Each model with a transform on the raw column must score exactly as the same
 * model without it scores a column transformed beforehand by {@link numpy} below (an independent
 * restatement of what the training code did), and must score differently from the raw column alone.
 * Black boxes (command, http) get raw values: their own code applies its transforms.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-transforms-'));
const welfare = welfareData();

interface Spec {
  transform?: 'log' | 'log1p';
  clip?: [number, number];
  bins?: number[];
  center?: number;
  scale?: number;
}

/** What the training code did, in numpy's terms: np.log / np.log1p, np.clip, np.searchsorted(edges, x, side="right"), (x − center) / scale. */
function numpy(spec: Spec, v: number): number {
  let x = spec.transform === 'log' ? Math.log(v) : spec.transform === 'log1p' ? Math.log1p(v) : v;
  if (spec.clip) x = x < spec.clip[0] ? spec.clip[0] : x > spec.clip[1] ? spec.clip[1] : x;
  if (spec.bins) x = spec.bins.filter((edge) => edge <= x).length;
  return (x - (spec.center ?? 0)) / (spec.scale ?? 1);
}

/** The table with one numeric column replaced by its transformed values. */
function precomputed(table: Table, column: string, spec: Spec): Table {
  const c = table.columns.get(column)!;
  if (c.kind !== 'numeric') throw new Error(`${column} is not numeric`);
  return { n: table.n, columns: new Map([...table.columns, [column, numeric(Float64Array.from(c.values, (v) => numpy(spec, v)))]]) };
}

function write(model: Record<string, unknown>): string {
  const file = join(dir, `m${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(model));
  return file;
}

const fixture = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & { inputs: Record<string, unknown>[]; file?: string };
/** A fixture model with one input's fields replaced (its file made absolute so the copy loads from the temporary folder). */
function withInput(path: string, input: string, change: (i: Record<string, unknown>) => Record<string, unknown>): string {
  const m = fixture(path);
  return write({ ...m, ...(m.file ? { file: resolve(path, '..', m.file) } : {}), ...(m['path'] ? { path: resolve(path, '..', m['path'] as string) } : {}), inputs: m.inputs.map((i) => (i['name'] === input ? change(i) : i)) });
}

const score = async (file: string, table: Table) => Array.from(await bindAsync(loadAnyModel(file), table)(0, table.n));
const maxAbsDiff = (a: readonly number[], b: readonly number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

/** income, as welfare.csv has it (205 to 5,756, median 1,103). */
const incomeSpecs: [string, Spec][] = [
  ['log', { transform: 'log' }],
  ['log1p', { transform: 'log1p' }],
  ['standardise', { center: 1100, scale: 400 }],
  ['clip', { clip: [600, 1500] }],
  ['bins', { bins: [500, 1000, 2000] }],
  ['all of them', { transform: 'log1p', clip: [6, 7.5], bins: [6.5, 7], center: 1, scale: 2 }],
];

describe('numeric transforms in every kind', () => {
  const logistic = {
    kind: 'logistic', name: 'transforms', intercept: -1,
    inputs: [
      { name: 'income', type: 'numeric', coefficient: 0.8 },
      { name: 'age', type: 'numeric', coefficient: -0.02 },
      { name: 'nationality', type: 'categorical', levels: ['national', 'eu', 'non_eu'], coefficients: { non_eu: 0.4 } },
    ],
  };
  const logisticWith = (kind: string, spec: Spec, coefficient = 0.8) => write({ ...logistic, kind, inputs: logistic.inputs.map((i) => (i.name === 'income' ? { ...i, coefficient, ...spec } : i)) });
  const plain = (kind: string, coefficient = 0.8) => logisticWith(kind, {}, coefficient);

  it.each(incomeSpecs)('logistic and linear: %s', async (_, spec) => {
    for (const kind of ['logistic', 'linear']) {
      // A small coefficient keeps the raw column's logit in range, so the raw scores stay comparable.
      const transformed = await score(logisticWith(kind, spec, 0.001), welfare);
      expect(maxAbsDiff(transformed, await score(plain(kind, 0.001), precomputed(welfare, 'income', spec)))).toBeLessThanOrEqual(1e-7);
      expect(maxAbsDiff(transformed, await score(plain(kind, 0.001), welfare))).toBeGreaterThan(1e-3);
    }
  });

  it('logistic: clip then bins then standardise, by hand, and in explain', async () => {
    // income 205.09 → clip [600, 1500] → 600 → bins [500, 1000] → 1 → (1 − 0.5) / 0.25 = 2; × 0.8 = 1.6.
    const file = logisticWith('logistic', { clip: [600, 1500], bins: [500, 1000], center: 0.5, scale: 0.25 });
    const row: Table = { n: 1, columns: new Map<string, Column>([['income', numeric(Float64Array.of(205.09))], ['age', numeric(Float64Array.of(50))], ['nationality', encodeCategorical(['national'], ['national', 'eu', 'non_eu'])]]) };
    const logit = -1 + 1.6 - 0.02 * 50;
    expect((await score(file, row))[0]).toBe(Math.fround(1 / (1 + Math.exp(-logit))));
    const e = loadAnyModel(file).explain!(row, 0);
    expect(e.contributions.find((c) => c.input === 'income')?.value).toBeCloseTo(1.6, 12);
    expect(e.total).toBeCloseTo(logit, 12);
  });

  it('logistic: the same column binned and raw are two terms; the same encoding twice is refused', () => {
    const twice = (second: Record<string, unknown>) => write({ ...logistic, inputs: [...logistic.inputs, { name: 'income', type: 'numeric', coefficient: 0.1, ...second }] });
    expect(() => loadAnyModel(twice({ bins: [1000] }))).not.toThrow();
    expect(() => loadAnyModel(twice({}))).toThrow(/inputs\.3: input "income" is declared twice \(inputs\.0 and inputs\.3\) with the same transform \(identity\)/);
    const binnedTwice = write({ ...logistic, inputs: [...logistic.inputs.map((i) => (i.name === 'income' ? { ...i, bins: [1000] } : i)), { name: 'income', type: 'numeric', coefficient: 0.1, bins: [1000] }] });
    expect(() => loadAnyModel(binnedTwice)).toThrow(/with the same transform \(identity, bins \[1000\]\)/);
  });

  it('logistic: a value outside the transform\'s domain stops the run naming the row, clipped or not', async () => {
    const income = welfare.columns.get('income')!;
    const negative: Table = { n: welfare.n, columns: new Map([...welfare.columns, ['income', numeric(Float64Array.from(income.kind === 'numeric' ? income.values : [], (v, i) => (i === 4 ? -2 : v)))]]) };
    await expect(score(logisticWith('logistic', { transform: 'log', clip: [0, 10] }), negative)).rejects.toThrow(/input "income" is -2 at row 5, outside the domain of its log transform/);
    await expect(score(logisticWith('logistic', { transform: 'log' }), negative)).rejects.toThrow(/input "income" is -2 at row 5, outside the domain of its log transform/);
  });

  it.each(incomeSpecs)('trees (XGBoost JSON): %s', async (_, spec) => {
    const file = withInput(`${FIX}/trees-xgboost.model.json`, 'income', (i) => ({ ...i, ...spec }));
    const transformed = await score(file, welfare);
    expect(transformed).toEqual(await score(`${FIX}/trees-xgboost.model.json`, precomputed(welfare, 'income', spec)));
    expect(transformed).not.toEqual(await score(`${FIX}/trees-xgboost.model.json`, welfare));
  });

  it.each(incomeSpecs)('onnx, one feature tensor: %s', async (_, spec) => {
    const file = withInput(`${FIX}/trees.model.json`, 'income', (i) => ({ ...i, ...spec }));
    const transformed = await score(file, welfare);
    expect(transformed).toEqual(await score(`${FIX}/trees.model.json`, precomputed(welfare, 'income', spec)));
    expect(transformed).not.toEqual(await score(`${FIX}/trees.model.json`, welfare));
  });

  it.each(incomeSpecs)('onnx, a tensor per column: %s', async (_, spec) => {
    const file = withInput(`${FIX}/pipeline.model.json`, 'income', (i) => ({ ...i, ...spec }));
    const transformed = await score(file, welfare);
    expect(transformed).toEqual(await score(`${FIX}/pipeline.model.json`, precomputed(welfare, 'income', spec)));
    expect(transformed).not.toEqual(await score(`${FIX}/pipeline.model.json`, welfare));
  });

  it.each([
    ['log', { transform: 'log', center: 9.5, scale: 0.8 }],
    ['log1p', { transform: 'log1p', center: 9.5, scale: 0.8 }],
    ['clip', { clip: [10000, 30000], center: 20000, scale: 10000 }],
    ['bins', { bins: [10000, 20000, 30000], center: 1.5, scale: 1 }],
  ] as [string, Spec][])('tfjs (caf-mlp, income): %s', async (_, spec) => {
    const zoo = resolve('models/zoo/caf-mlp/model.json');
    const caf = samplePopulation(resolvePopulation(loadPopulationSpec('datasets/populations/caf-households.yaml')), { seed: 5, n: 400 });
    const file = withInput(zoo, 'income', (i) => ({ ...i, ...spec }));
    // The zoo model standardises income itself (center 20000, scale 10000): the plain copy takes the precomputed value as is.
    const identity = withInput(zoo, 'income', (i) => ({ ...i, center: 0, scale: 1 }));
    const transformed = await score(file, caf);
    expect(transformed).toEqual(await score(identity, precomputed(caf, 'income', spec)));
    expect(transformed).not.toEqual(await score(zoo, caf));
  });

  it('tfjs (caf-mlp, income standardised by the model): a value of −Infinity stops the run naming the row', async () => {
    const zoo = resolve('models/zoo/caf-mlp/model.json');
    const caf = samplePopulation(resolvePopulation(loadPopulationSpec('datasets/populations/caf-households.yaml')), { seed: 5, n: 40 });
    const income = caf.columns.get('income')!;
    const broken: Table = { n: caf.n, columns: new Map([...caf.columns, ['income', numeric(Float64Array.from(income.kind === 'numeric' ? income.values : [], (v, i) => (i === 6 ? -Infinity : v)))]]) };
    await expect(score(zoo, broken)).rejects.toThrow(/input "income" is -Infinity at row 7, outside the domain of its identity transform/);
  });

  const additive = `${resolve('test/fixtures/additive/ebm.model.json')}`;
  it.each([
    ['log', { transform: 'log' }],
    ['log1p', { transform: 'log1p' }],
    ['standardise', { center: 20, scale: 0.5 }],
    ['clip', { clip: [35, 45] }],
    ['all of them', { transform: 'log1p', clip: [3.2, 4], center: 3.5, scale: 0.01 }],
  ] as [string, Spec][])('additive (age, edges 30 and 50): %s', async (_, spec) => {
    const file = withInput(additive, 'age', (i) => ({ ...i, ...spec }));
    const transformed = await score(file, welfare);
    expect(transformed).toEqual(await score(additive, precomputed(welfare, 'age', spec)));
    expect(transformed).not.toEqual(await score(additive, welfare));
  });

  it('additive: clipped into one bin, every age scores that bin (by hand), and explain agrees', async () => {
    // clip [35, 45]: every age in bin 30–50, whose shape score is 0, as is its interaction row.
    const file = withInput(additive, 'age', (i) => ({ ...i, clip: [35, 45] }));
    const nat = welfare.columns.get('nationality')!;
    const natScore = { national: 0, eu: 0.2, non_eu: 0.7 } as Record<string, number>;
    const expected = Array.from({ length: welfare.n }, (_, r) => Math.fround(1 / (1 + Math.exp(-(-2 + natScore[nat.kind === 'categorical' ? nat.levels[nat.codes[r]!]! : '']!)))));
    expect(await score(file, welfare)).toEqual(expected);
    expect(loadAnyModel(file).explain!(welfare, 0).contributions.find((c) => c.input === 'age')?.value).toBe(0);
  });

  it('additive: transforms apply to numeric inputs only', () => {
    const m = fixture(additive);
    const file = write({ ...m, inputs: m.inputs.map((i) => (i['name'] === 'nationality' ? { ...i, transform: 'log' } : i)) });
    expect(() => loadAnyModel(file)).toThrow(/inputs\.1\.transform: applies to a numeric input only/);
  });
});
