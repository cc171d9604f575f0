import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPopulation } from '../../datasets/io/index.js';
import { encodeCategorical, numeric, type Column, type Table } from '../../datasets/table/index.js';
import { resolveBattery, runBattery } from '../../harness/pipeline/index.js';
import { loadModel } from '../../models/adapters/index.js';
import { runCli } from '../cli/run-cli.js';
import { fixedContext } from '../helpers.js';

/**
 * kind: additive against hand-computed scores. The fixture (test/fixtures/additive/ebm.model.json):
 * intercept −2; age bins (< 30, 30–50, ≥ 50) score 0.5, 0, −0.4; nationality national 0, eu 0.2,
 * non_eu 0.7; age × nationality adds 0.1 for (< 30, non_eu), −0.1 for (≥ 50, eu), 0.3 for (≥ 50, non_eu).
 */
const FILE = 'test/fixtures/additive/ebm.model.json';
const dir = mkdtempSync(join(tmpdir(), 'disparate-additive-'));
const rows: [number, string, number[]][] = [
  [25, 'national', [0.5, 0, 0]], // −2 + 0.5 = −1.5
  [30, 'non_eu', [0, 0.7, 0]], // an edge belongs to the bin above it: −1.3
  [64, 'non_eu', [-0.4, 0.7, 0.3]], // −1.4
  [50, 'eu', [-0.4, 0.2, -0.1]], // −2.3
  [29.999, 'non_eu', [0.5, 0.7, 0.1]], // −0.7
];
const table: Table = {
  n: rows.length,
  columns: new Map<string, Column>([
    ['age', numeric(Float64Array.from(rows, (r) => r[0]))],
    ['nationality', encodeCategorical(rows.map((r) => r[1]), ['national', 'eu', 'non_eu'])],
  ]),
};
const logits = [-1.5, -1.3, -1.4, -2.3, -0.7];
const sigma = (x: number) => 1 / (1 + Math.exp(-x));

function variant(change: Record<string, unknown>): string {
  const file = join(dir, `m${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(FILE, 'utf8')), ...change }));
  return file;
}

describe('additive adapter', () => {
  it('scores σ(intercept + Σ terms), bins including their lower edge', () => {
    const scores = loadModel(FILE).bind(table)(0, table.n);
    logits.forEach((l, i) => expect(scores[i]).toBeCloseTo(sigma(l), 7));
  });

  it('gives each term its exact score in explain, summing with the intercept to the logit', () => {
    const model = loadModel(FILE);
    rows.forEach(([, , terms], i) => {
      const e = model.explain!(table, i);
      expect(e.space).toBe('logit');
      expect(e.base).toBe(-2);
      expect(e.contributions.map((c) => c.input)).toEqual(['age', 'nationality', 'age × nationality']);
      expect(e.contributions.map((c) => c.value)).toEqual(terms);
      expect(e.total).toBe(e.contributions.reduce((s, c) => s + c.value, e.base));
      expect(Math.fround(sigma(e.total))).toBe(model.bind(table)(i, i + 1)[0]);
    });
  });

  it('with link identity scores the sum itself', () => {
    const scores = loadModel(variant({ link: 'identity' })).bind(table)(0, table.n);
    logits.forEach((l, i) => expect(scores[i]).toBeCloseTo(l, 6));
  });

  it.each([
    [{ terms: [{ inputs: ['age'], scores: [0.5, 0] }] }, /terms\.0\.scores: 2 entries for the 3 bins of "age"/],
    [{ terms: [{ inputs: ['age', 'nationality'], scores: [[0, 0, 0], [0, 0], [0, 0, 0]] }] }, /terms\.0\.scores\.1: expected 3 numbers, one per bin of "nationality"/],
    [{ terms: [{ inputs: ['income'], scores: [1] }] }, /terms\.0\.inputs: "income" is not a declared input/],
    [{ inputs: [{ name: 'age', type: 'numeric', edges: [50, 30] }, { name: 'nationality', type: 'categorical', levels: ['national', 'eu', 'non_eu'] }] }, /inputs\.0\.edges: must be finite and strictly ascending/],
  ])('refuses inconsistent tables, naming the field (%#)', (change, message) => {
    expect(() => loadModel(variant(change))).toThrow(message);
  });

  it('refuses a missing value, naming the row', () => {
    const missing: Table = { n: 2, columns: new Map([...table.columns, ['age', numeric(Float64Array.from([40, NaN]))]]) };
    expect(() => loadModel(FILE).bind(missing)(0, 2)).toThrow(/input "age" is missing or NaN at row 2/);
  });

  it('disparate explain prints each term with its exact score', () => {
    const r = runCli(['explain', '--model', FILE, '--applicant', '{"age": 64, "nationality": "non_eu"}']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('contributions (logit; term scores of the additive model: intercept + Σ terms = logit; score = σ(logit))\n  base               -2\n  nationality        +0.7\n  age                -0.4\n  age × nationality  +0.3\n  total              -1.4\n');
  });

  it('disparate schema model lists the onnx and additive kinds', () => {
    const r = runCli(['schema', 'model']);
    expect(r.status).toBe(0);
    const kinds = (JSON.parse(r.stdout) as { anyOf?: { properties: { kind: { const: string } } }[]; oneOf?: { properties: { kind: { const: string } } }[] });
    const list = (kinds.oneOf ?? kinds.anyOf ?? []).map((k) => k.properties.kind.const);
    expect(list).toEqual(expect.arrayContaining(['onnx', 'additive']));
  });
});

/**
 * The EBM recipe's output (test/fixtures/additive/generate.py: models/recipes/ebm_to_additive.py on
 * the attributes of a fitted EBM) against probabilities computed from those attributes independently,
 * through `disparate score` and through a battery whose verify block checks them.
 */
describe('additive model written by the EBM recipe', () => {
  const RECIPE = resolve('test/fixtures/additive/recipe.model.json');
  const WELFARE = resolve('test/fixtures/onnx/welfare.csv');
  const lines = readFileSync('test/fixtures/additive/recipe-predictions.csv', 'utf8').trim().split('\n').slice(1);
  const reference = Float64Array.from(lines, (l) => Number(l.split(',')[1]));

  it('disparate score reproduces the reference probabilities within 1e-6', () => {
    const out = join(dir, 'recipe-scored.csv');
    const r = runCli(['score', '--model', RECIPE, '--data', WELFARE, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const scored = readPopulation(out).columns.get('score')!;
    expect(scored.kind).toBe('numeric');
    const values = scored.kind === 'numeric' ? scored.values : new Float64Array();
    expect(values.length).toBe(1000);
    expect(values.reduce((m, v, i) => Math.max(m, Math.abs(v - reference[i]!)), 0)).toBeLessThanOrEqual(1e-6);
  });

  it('a battery verifies it against the reference (max error in the manifest) and scores the reference group means', async () => {
    copyFileSync(WELFARE, join(dir, 'welfare.csv'));
    copyFileSync('test/fixtures/additive/recipe-predictions.csv', join(dir, 'recipe-predictions.csv'));
    const battery = join(dir, 'recipe.yaml');
    writeFileSync(battery, `title: ebm recipe\nseed: 3\npopulation: { file: welfare.csv }\nmodel: ${RECIPE}\nverify: { data: welfare.csv, expect: recipe-predictions.csv, tolerance: 1e-6 }\ndecision: { rule: top_fraction, fraction: 0.1 }\nprotected: [nationality]\nproxies: false\n`);
    const results = await runBattery(resolveBattery(battery), { workers: 1, context: fixedContext });
    expect(results.manifest.model?.kind).toBe('additive');
    expect(results.manifest.verify?.rows).toBe(1000);
    expect(results.manifest.verify!.max_error).toBeLessThanOrEqual(1e-6);
    const data = readPopulation(WELFARE, { columns: { nationality: { kind: 'categorical', levels: ['national', 'eu', 'non_eu'] } } });
    const nat = data.columns.get('nationality')!;
    for (const level of ['national', 'eu', 'non_eu']) {
      const rows = reference.filter((_, i) => nat.kind === 'categorical' && nat.levels[nat.codes[i]!] === level);
      const mean = rows.reduce((a, b) => a + b, 0) / rows.length;
      const group = results.groups.find((g) => g.attribute === 'nationality' && g.group === level)!;
      expect(Math.abs((group.metrics.mean_score?.value ?? NaN) - mean)).toBeLessThanOrEqual(1e-6);
    }
  }, 60_000);
});
