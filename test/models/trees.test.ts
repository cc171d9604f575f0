import { readFileSync, writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPopulation } from '../../datasets/io/index.js';
import { loadModel } from '../../models/adapters/index.js';

/**
 * The XGBoost fixtures (test/fixtures/xgboost/generate.py, XGBoost 1.7.4): our scores of welfare.csv
 * against XGBoost's own predictions, including rows with missing income or rent share (default
 * directions), a base_score of 0.3 and the raw margin.
 */
const FIX = 'test/fixtures/xgboost';
const data = readPopulation(`${FIX}/welfare.csv`, {
  columns: {
    nationality: { kind: 'categorical', levels: ['national', 'eu', 'non_eu'] },
    household: { kind: 'categorical', levels: ['single', 'couple', 'single_parent', 'couple_children'] },
    disability: { kind: 'categorical', levels: ['no', 'yes'] },
  },
});
const lines = readFileSync(`${FIX}/predictions.csv`, 'utf8').trim().split('\n');
const header = lines[0]!.split(',');
const reference = (name: string) => Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[header.indexOf(name)]));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function withOutput(file: string, output: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-trees-'));
  const model = JSON.parse(readFileSync(`${FIX}/${file}`, 'utf8')) as { file: string };
  copyFileSync(`${FIX}/${model.file}`, join(dir, model.file));
  const out = join(dir, file);
  writeFileSync(out, JSON.stringify({ ...model, output }));
  return out;
}

describe('trees adapter against XGBoost 1.7 reference predictions', () => {
  it('has missing values in the scored rows (default directions are exercised)', () => {
    const income = data.columns.get('income');
    expect(income?.kind === 'numeric' && income.values.some(Number.isNaN)).toBe(true);
  });

  it.each([
    ['binary-logistic.model.json', 'binary'],
    ['reg-logistic.model.json', 'reglogistic'],
  ])('%s: probabilities within 1e-6 (max abs diff)', (file, key) => {
    const scores = loadModel(`${FIX}/${file}`).bind(data)(0, data.n);
    expect(maxAbsDiff(scores, reference(`${key}_probability`))).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    ['binary-logistic.model.json', 'binary'],
    ['reg-logistic.model.json', 'reglogistic'],
  ])('%s: raw margins (output: margin) within 1e-6', (file, key) => {
    const scores = loadModel(withOutput(file, 'margin')).bind(data)(0, data.n);
    expect(maxAbsDiff(scores, reference(`${key}_margin`))).toBeLessThanOrEqual(1e-6);
  });

  it('zoo welfare-trees (200 trees, depth 6) matches XGBoost', () => {
    const scores = loadModel('models/zoo/welfare-trees/model.json').bind(data)(0, data.n);
    expect(maxAbsDiff(scores, reference('zoo_probability'))).toBeLessThanOrEqual(1e-6);
  });

  it('scores a sub-range identically to the whole', () => {
    const s = loadModel(`${FIX}/binary-logistic.model.json`).bind(data);
    expect(Array.from(s(100, 300))).toEqual(Array.from(s(0, data.n)).slice(100, 300));
  });

  it('path contributions plus bias equal the margin', () => {
    const model = loadModel(`${FIX}/binary-logistic.model.json`);
    const margins = reference('binary_margin');
    for (const row of [0, 1, 17, 555]) {
      const e = model.explain!(data, row);
      expect(e.base + e.contributions.reduce((s, c) => s + c.value, 0)).toBeCloseTo(margins[row]!, 4);
      expect(e.contributions.map((c) => c.input)).toEqual(['age', 'income', 'months_on_benefit', 'nationality', 'household', 'disability', 'rent_share']);
    }
  });

  it('refuses encoded features that differ from the XGBoost feature names, naming them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'disparate-trees-'));
    const model = JSON.parse(readFileSync(`${FIX}/binary-logistic.model.json`, 'utf8')) as { file: string; inputs: { name: string; drop?: string }[] };
    copyFileSync(`${FIX}/${model.file}`, join(dir, model.file));
    const disability = model.inputs.find((i) => i.name === 'disability')!;
    delete disability.drop;
    writeFileSync(join(dir, 'm.json'), JSON.stringify(model));
    expect(() => loadModel(join(dir, 'm.json'))).toThrow(/inputs encode 13 features .* has 12/);
  });

  it('refuses a missing value in an input whose policy is error, naming the row', () => {
    const model = loadModel(`${FIX}/binary-logistic.model.json`);
    const ages = (data.columns.get('age') as { values: Float64Array }).values;
    const saved = ages[4]!;
    ages[4] = NaN;
    try {
      expect(() => model.bind(data)(0, 10)).toThrow(/input "age" is missing or NaN at row 5/);
    } finally {
      ages[4] = saved;
    }
  });
});
