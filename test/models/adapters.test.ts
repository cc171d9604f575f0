import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCategorical, numeric, type Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { loadModel, parseArithmetic, evaluateArithmetic } from '../../models/adapters/index.js';
import { applyDecision, rowIndexTickets } from '../../models/decision/index.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-models-'));
function modelFile(name: string, model: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(model));
  return file;
}

const table: Table = {
  n: 3,
  columns: new Map<string, ReturnType<typeof numeric> | ReturnType<typeof encodeCategorical>>([
    ['income', numeric(Float64Array.of(10000, 20000, 0))],
    ['rsa', encodeCategorical(['no', 'yes', 'yes'], ['no', 'yes'])],
  ]),
};

describe('logistic adapter', () => {
  const file = modelFile('logistic.json', {
    kind: 'logistic', name: 't', intercept: -1,
    inputs: [
      { name: 'income', type: 'numeric', coefficient: -0.5, transform: 'log1p', center: 9, scale: 2 },
      { name: 'rsa', type: 'categorical', levels: ['no', 'yes'], coefficients: { yes: 0.7 } },
    ],
  });

  it('scores σ(intercept + Σ contributions), hand-computed', () => {
    const scores = loadModel(file).bind(table)(0, 3);
    const expected = [
      -1 + (-0.5 * (Math.log1p(10000) - 9)) / 2,
      -1 + (-0.5 * (Math.log1p(20000) - 9)) / 2 + 0.7,
      -1 + (-0.5 * (0 - 9)) / 2 + 0.7,
    ].map((l) => 1 / (1 + Math.exp(-l)));
    expected.forEach((e, i) => expect(scores[i]).toBeCloseTo(e, 6));
  });

  it('scores a sub-range identically to the whole', () => {
    const s = loadModel(file).bind(table);
    expect(Array.from(s(1, 3))).toEqual(Array.from(s(0, 3)).slice(1));
  });

  it('refuses a population missing an input or with an undeclared level, naming each', () => {
    const bad: Table = { n: 1, columns: new Map([['rsa', encodeCategorical(['maybe'])]]) };
    expect(() => loadModel(file).bind(bad)).toThrow(/input "income" \(numeric\) missing.*input "rsa" has levels the model does not declare: maybe/);
  });

  it('names a value outside its transform\'s domain (log1p of a negative income) rather than calling it missing', () => {
    const negative: Table = { n: 2, columns: new Map<string, ReturnType<typeof numeric> | ReturnType<typeof encodeCategorical>>([['income', numeric(Float64Array.of(100, -5))], ['rsa', encodeCategorical(['no', 'no'], ['no', 'yes'])]]) };
    expect(() => loadModel(file).bind(negative)(0, 2)).toThrow(/input "income" is -5 at row 2, outside the domain of its log1p transform/);
    const missing: Table = { n: 1, columns: new Map<string, ReturnType<typeof numeric> | ReturnType<typeof encodeCategorical>>([['income', numeric(Float64Array.of(NaN))], ['rsa', encodeCategorical(['no'], ['no', 'yes'])]]) };
    expect(() => loadModel(file).bind(missing)(0, 1)).toThrow(/input "income" is missing or NaN at row 1/);
  });

  it('refuses a malformed model file naming the field', () => {
    const broken = modelFile('broken.json', { kind: 'logistic', name: 't', intercept: 'x', inputs: [] });
    expect(() => loadModel(broken)).toThrow(DisparateError);
    expect(() => loadModel(broken)).toThrow(/broken\.json: intercept/);
  });
});

describe('scorecard adapter', () => {
  const file = modelFile('scorecard.json', {
    kind: 'scorecard', name: 'duo-like',
    levels: { edu: ['mbo', 'wo'], dist: ['near', 'far'], age: ['young', 'old'] },
    tables: {
      R1: { inputs: ['edu'], points: { mbo: 1.2, wo: 0.8 } },
      R2: { inputs: ['dist', 'age'], points: { near: { young: 120, old: 80 }, far: { young: 20, old: 5 } } },
      R3: { inputs: ['age'], points: { old: 30 } },
    },
    combine: 'R1 * (R2 + R3)',
  });
  const t: Table = {
    n: 3,
    columns: new Map([
      ['edu', encodeCategorical(['mbo', 'wo', 'wo'])],
      ['dist', encodeCategorical(['near', 'far', 'near'])],
      ['age', encodeCategorical(['young', 'old', 'old'])],
    ]),
  };
  it('combines points tables with the expression (hand-computed)', () => {
    const s = loadModel(file).bind(t)(0, 3);
    expect(Array.from(s)).toEqual([Math.fround(1.2 * 120), Math.fround(0.8 * (5 + 30)), Math.fround(0.8 * (80 + 30))]);
  });
  it('parses precedence and parentheses', () => {
    const env = new Map([['a', Float64Array.of(2)], ['b', Float64Array.of(3)], ['c', Float64Array.of(4)]]);
    expect(evaluateArithmetic(parseArithmetic('a + b * c'), env, 1)[0]).toBe(14);
    expect(evaluateArithmetic(parseArithmetic('(a + b) * c - -1'), env, 1)[0]).toBe(21);
    expect(() => parseArithmetic('a * (b + c')).toThrow(/expected "\)"/);
  });
});

describe('decision rules', () => {
  const scores = Float32Array.of(0.1, 0.9, 0.5, 0.5, 0.7, 0.5);
  it('threshold flags score ≥ value', () => {
    expect(Array.from(applyDecision(scores, { rule: 'threshold', value: 0.5 }, rowIndexTickets(1)).flagged)).toEqual([0, 1, 1, 1, 1, 1]);
  });
  it('top_fraction flags round(f·n) highest, the last place drawn by lot among the tied', () => {
    // k = round(0.5 · 6) = 3: 0.9, 0.7, then the 0.5 (rows 2, 3, 5) with the highest ticket
    const tickets = rowIndexTickets(1);
    const drawn = tickets(Int32Array.of(2, 3, 5), new Float64Array(3));
    const winner = [2, 3, 5][drawn.indexOf(Math.max(...drawn))]!;
    expect(Array.from(applyDecision(scores, { rule: 'top_fraction', fraction: 0.5 }, tickets).flagged)).toEqual([0, 1, 0, 0, 1, 0].map((x, i) => (i === winner ? 1 : x)));
  });
});
