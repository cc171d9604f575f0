import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPopulation } from '../../datasets/io/index.js';
import { loadAnyModel, loadModel } from '../../models/adapters/index.js';
import { explainApplicant, formatExplanation } from '../../models/explain/index.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-explain-'));
const file = join(dir, 'logistic.json');
writeFileSync(file, JSON.stringify({
  kind: 'logistic', name: 'hand', intercept: -2,
  inputs: [
    { name: 'income', type: 'numeric', coefficient: -0.5, center: 1000, scale: 500 },
    { name: 'nationality', type: 'categorical', levels: ['national', 'eu', 'non_eu'], coefficients: { non_eu: 0.8, eu: 0.3 } },
    { name: 'single_parent', type: 'categorical', levels: ['no', 'yes'], coefficients: { yes: 1.1 } },
  ],
}));

describe('explain: logistic, hand-computed applicant', () => {
  // income 500: −0.5 × (500 − 1000) / 500 = +0.5; non_eu +0.8; single parent +1.1; logit = −2 + 2.4 = 0.4.
  const applicant = { income: 500, nationality: 'non_eu', single_parent: 'yes' };

  it('contributions and intercept sum to the logit; the score is σ(logit)', async () => {
    const e = await explainApplicant(loadModel(file), applicant, { threshold: 0.55 });
    expect(e.explanation.space).toBe('logit');
    expect(e.explanation.base).toBe(-2);
    expect(e.explanation.contributions.map((c) => [c.input, c.value])).toEqual([['income', 0.5], ['nationality', 0.8], ['single_parent', 1.1]]);
    const sum = e.explanation.base + e.explanation.contributions.reduce((s, c) => s + c.value, 0);
    expect(sum).toBeCloseTo(0.4, 12);
    expect(e.explanation.total).toBeCloseTo(0.4, 12);
    expect(e.score).toBeCloseTo(1 / (1 + Math.exp(-0.4)), 6); // 0.598688
    expect(e.flagged).toBe(true);
  });

  it('names the single protected or proxy changes that flip the decision', async () => {
    const e = await explainApplicant(loadModel(file), applicant, { threshold: 0.55, protected: ['nationality'], proxies: ['single_parent'] });
    // national: logit −0.4 → 0.401 (flips); eu: −0.1 → 0.475 (flips); single_parent no: −0.7 → 0.332 (flips).
    expect(e.changes.map((c) => [c.input, c.to, c.role, c.flips])).toEqual([
      ['nationality', 'national', 'protected', true],
      ['nationality', 'eu', 'protected', true],
      ['single_parent', 'no', 'proxy', true],
    ]);
    expect(e.changes[1]!.score).toBeCloseTo(1 / (1 + Math.exp(0.1)), 6);
    expect(formatExplanation(e)).toMatch(/flips the decision: nationality → "national"; nationality → "eu"; single_parent → "no"/);
  });

  it('refuses an applicant with a missing, unknown or mistyped field, naming each', async () => {
    await expect(explainApplicant(loadModel(file), { income: 'low', nationality: 'martian', extra: 1 })).rejects.toThrow(
      /"extra" is not an input of the model; "income" must be a number, not "low"; "nationality" must be one of national, eu, non_eu, not "martian"; "single_parent" .* is missing/,
    );
  });
});

describe('explain: trees and black boxes', () => {
  it('trees: path contributions sum to the margin of the applicant', async () => {
    const model = loadModel('test/fixtures/xgboost/binary-logistic.model.json');
    const a = { age: 30, income: null, months_on_benefit: 12, nationality: 'non_eu', household: 'single_parent', disability: 'no', rent_share: 0.6 };
    const e = await explainApplicant(model, a);
    expect(e.explanation.space).toBe('margin');
    const margin = e.explanation.base + e.explanation.contributions.reduce((s, c) => s + c.value, 0);
    expect(1 / (1 + Math.exp(-margin))).toBeCloseTo(e.score, 5);
  });

  it('black box: score change when each input alone takes its reference value', async () => {
    // A tfjs model forced onto the tfjs engine is a black box here (no exact attribution).
    const m = join(dir, 'bb.json');
    writeFileSync(m, JSON.stringify({ kind: 'scores', name: 'bb', file: 'ids.csv', id: 'id' }));
    writeFileSync(join(dir, 'ids.csv'), 'id,score\n1,0.2\n2,0.9\n');
    const model = loadAnyModel(m);
    const e = await explainApplicant(model, { id: 2 }, { threshold: 0.5, reference: { id: 1 } });
    expect(e.explanation.method).toMatch(/black box/);
    expect(e.explanation.contributions[0]!.value).toBeCloseTo(0.7, 6);
    expect(e.changes).toEqual([]);
  });
});

describe('scores adapter', () => {
  it('joins precomputed scores by id and names an id without a score', () => {
    const m = join(dir, 'scores.json');
    writeFileSync(m, JSON.stringify({ kind: 'scores', name: 's', file: 'scores.jsonl', id: 'id', score: 'risk' }));
    writeFileSync(join(dir, 'scores.jsonl'), '{"id":"b","risk":0.5}\n{"id":"a","risk":1}\n{"id":"c","risk":0}\n');
    writeFileSync(join(dir, 'people.csv'), 'id,x\na,1\nc,2\nb,3\n');
    const people = readPopulation(join(dir, 'people.csv'));
    expect(Array.from(loadModel(m).bind(people)(0, 3))).toEqual([1, 0, 0.5]);
    writeFileSync(join(dir, 'people2.csv'), 'id,x\na,1\nzz,2\n');
    expect(() => loadModel(m).bind(readPopulation(join(dir, 'people2.csv')))(0, 2)).toThrow(/no score in .*scores.jsonl for id zz \(row 2\)/);
  });
});
