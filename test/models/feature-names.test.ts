import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { numeric, type Table } from '../../datasets/table/index.js';
import { bindAsync, encodedFeatures, encodeNumber, loadAnyModel, loadModel, matchFeatureNames } from '../../models/adapters/index.js';
import { FIX, fixtureReference, welfareData } from './onnx-fixture.js';

/**
 * Feature names as the Python ecosystem writes them, explicit feature maps and numeric transforms,
 * for every kind that encodes features (trees, tfjs, onnx).
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-features-'));
const data = welfareData();
const reference = fixtureReference;
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

function variant(name: string, change: Record<string, unknown>): string {
  const model = JSON.parse(readFileSync(`${FIX}/${name}.model.json`, 'utf8')) as Record<string, unknown>;
  const out = join(dir, `${name}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(out, JSON.stringify({ ...model, file: `${FIX}/${model.file as string}`, ...change }));
  return out;
}

describe('feature names', () => {
  it('matches the spellings of pandas, scikit-learn and ours', () => {
    const features = encodedFeatures([
      { name: 'unemployed', type: 'categorical', levels: ['no', 'yes'], encoding: 'one_hot', drop: 'no', missing: 'error' },
      { name: 'income', type: 'numeric', transform: 'identity', center: 0, scale: 1, missing: 'error' },
      { name: 'region', type: 'categorical', levels: ['north', 'south'], encoding: 'one_hot', missing: 'error' },
    ]);
    expect(matchFeatureNames('m.json', 'x', features, ['num__income', 'onehot__unemployed_yes', 'region__south', 'region=north'])).toEqual([1, 0, 3, 2]);
    expect(matchFeatureNames('m.json', 'x', features, ['unemployed_yes', { name: 'log_income', input: 'income' }, 'region_north', 'region_south'])).toEqual([0, 1, 2, 3]);
    expect(() => matchFeatureNames('m.json', 'x.json', features, ['unemployed_yes', 'income', 'region_north', 'region_north'])).toThrow(
      'm.json: feature names: x.json\'s features "region_north" match no declared input (or match one twice); declared features "region=south" are not among x.json\'s 4 features',
    );
  });

  it('loads a pandas-named XGBoost booster unedited, in its own feature order, and reproduces XGBoost', () => {
    const scores = loadModel(`${FIX}/trees-xgboost.model.json`).bind(data)(0, data.n);
    expect(maxAbsDiff(scores, reference('trees'))).toBeLessThanOrEqual(1e-6);
  });

  it('explains a reordered booster per input, adding up to its margin', () => {
    const model = loadModel(`${FIX}/trees-xgboost.model.json`);
    const p = reference('trees')[3]!;
    const e = model.explain!(data, 3);
    expect(e.base + e.contributions.reduce((s, c) => s + c.value, 0)).toBeCloseTo(Math.log(p / (1 - p)), 4);
    expect(e.contributions.map((c) => c.input)).toEqual(['nationality', 'household', 'disability', 'age', 'income', 'months_on_benefit']);
  });

  it('maps renamed and transformed columns explicitly (trees, onnx tensor, onnx columns)', async () => {
    // The model was fed income; the population calls it gross. Mapped by name, the scores are the reference.
    const income = data.columns.get('income')!;
    const gross: Table = { n: data.n, columns: new Map([...data.columns, ['gross', income]]) };
    const declared = JSON.parse(readFileSync(`${FIX}/trees-xgboost.model.json`, 'utf8')).inputs as { name: string }[];
    const renamed = declared.map((i) => (i.name === 'income' ? { name: 'gross', type: 'numeric' } : i));
    const names = JSON.parse(readFileSync(`${FIX}/trees.model.json`, 'utf8')).feature_names as string[];
    const mapped = names.map((n) => (n === 'income' ? { name: 'income', input: 'gross' } : n));
    expect(maxAbsDiff(loadModel(variant('trees-xgboost', { inputs: renamed, feature_names: mapped })).bind(gross)(0, data.n), reference('trees'))).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(await bindAsync(loadAnyModel(variant('trees', { inputs: renamed, feature_names: mapped })), gross)(0, data.n), reference('trees'))).toBeLessThanOrEqual(1e-6);
    // transform: log scores raw income as the model scores precomputed log(income).
    const logged: Table = { n: data.n, columns: new Map([...data.columns, ['income', numeric(Float64Array.from(income.kind === 'numeric' ? income.values : [], Math.log))]]) };
    const withLog = declared.map((i) => (i.name === 'income' ? { name: 'income', type: 'numeric', transform: 'log' } : i));
    expect(Array.from(loadModel(variant('trees-xgboost', { inputs: withLog })).bind(data)(0, data.n))).toEqual(Array.from(loadModel(`${FIX}/trees-xgboost.model.json`).bind(logged)(0, data.n)));
    const tensor = await bindAsync(loadAnyModel(variant('trees', { inputs: withLog })), data)(0, data.n);
    expect(Array.from(tensor)).toEqual(Array.from(await bindAsync(loadAnyModel(`${FIX}/trees.model.json`), logged)(0, data.n)));
    const pipelineInputs = (JSON.parse(readFileSync(`${FIX}/pipeline.model.json`, 'utf8')).inputs as { name: string }[]).map((i) => (i.name === 'income' ? { ...i, transform: 'log' } : i));
    const columnsFed = await bindAsync(loadAnyModel(variant('pipeline', { inputs: pipelineInputs })), data)(0, data.n);
    expect(Array.from(columnsFed)).toEqual(Array.from(await bindAsync(loadAnyModel(`${FIX}/pipeline.model.json`), logged)(0, data.n)));
  });

  it('clips after the transform and refuses a value outside the transform\'s domain, naming the row', () => {
    const income = data.columns.get('income')!;
    const negative: Table = { n: data.n, columns: new Map([...data.columns, ['income', numeric(Float64Array.from(income.kind === 'numeric' ? income.values : [], (v, i) => (i === 6 ? -3 : v)))]]) };
    const inputs = (JSON.parse(readFileSync(`${FIX}/trees-xgboost.model.json`, 'utf8')).inputs as { name: string }[]).map((i) => (i.name === 'income' ? { name: 'income', type: 'numeric', transform: 'log' } : i));
    expect(() => loadModel(variant('trees-xgboost', { inputs })).bind(negative)(0, 10)).toThrow(/input "income" is -3 at row 7, outside the domain of its log transform/);
    const clipped = (JSON.parse(readFileSync(`${FIX}/trees-xgboost.model.json`, 'utf8')).inputs as { name: string }[]).map((i) => (i.name === 'income' ? { name: 'income', type: 'numeric', clip: [0, 1e9] } : i));
    const scores = loadModel(variant('trees-xgboost', { inputs: clipped })).bind(negative)(0, 10);
    const zero: Table = { n: data.n, columns: new Map([...data.columns, ['income', numeric(Float64Array.from(income.kind === 'numeric' ? income.values : [], (v, i) => (i === 6 ? 0 : v)))]]) };
    expect(Array.from(scores)).toEqual(Array.from(loadModel(`${FIX}/trees-xgboost.model.json`).bind(zero)(0, 10)));
  });

  it('bins after transform and clip, an edge belonging to the bin above it, then standardises', () => {
    const age = { transform: 'identity' as const, bins: [30, 50], center: 1, scale: 2 };
    expect([18, 29.9, 30, 49, 50, 80].map((v) => encodeNumber(age, v))).toEqual([-0.5, -0.5, 0, 0, 0.5, 0.5]);
    expect(encodeNumber({ transform: 'log1p', clip: [0, 3], bins: [1, 2], center: 0, scale: 1 }, 1e6)).toBe(2);
    expect(() => loadModel(variant('trees-xgboost', { inputs: [{ name: 'age', type: 'numeric', bins: [50, 30] }] }))).toThrow(/inputs\.0\.bins: bin edges must be strictly ascending/);
  });
});
