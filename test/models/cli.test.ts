import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-cli-models-'));
const model = join(dir, 'logistic.json');
writeFileSync(model, JSON.stringify({
  kind: 'logistic', name: 'hand', intercept: -2,
  inputs: [
    { name: 'income', type: 'numeric', coefficient: -0.5, center: 1000, scale: 500 },
    { name: 'nationality', type: 'categorical', levels: ['national', 'non_eu'], coefficients: { non_eu: 0.8 } },
  ],
}));

describe('disparate explain', () => {
  it('prints contributions summing to the logit, the decision and the flipping change', () => {
    // logit = −2 + 0.5 (income 500) + 0.8 (non_eu) = −0.7 → σ = 0.331812; national: −1.5 → 0.182426.
    const r = runCli(['explain', '--model', model, '--applicant', '{"income": 500, "nationality": "non_eu"}', '--threshold', '0.3', '--protected', 'nationality']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/score 0\.331812/);
    expect(r.stdout).toMatch(/decision: FLAGGED/);
    expect(r.stdout).toMatch(/nationality\s+\+0\.8\s+\(non_eu\)/);
    expect(r.stdout).toMatch(/total\s+-0\.7/);
    expect(r.stdout).toMatch(/flips the decision: nationality → "national"/);
    const json = JSON.parse(runCli(['explain', '--model', model, '--applicant', '{"income": 500, "nationality": "non_eu"}', '--json']).stdout) as { explanation: { base: number; contributions: { value: number }[] } };
    expect(json.explanation.base + json.explanation.contributions.reduce((s, c) => s + c.value, 0)).toBeCloseTo(-0.7, 12);
  });

  it('exits 2 naming a bad applicant field', () => {
    const r = runCli(['explain', '--model', model, '--applicant', '{"income": "x"}']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^disparate: --applicant: "income" must be a number, not "x"; "nationality" .* is missing/);
  });
});

describe('disparate score', () => {
  it('writes the data with a score column (and category, flagged)', () => {
    const data = join(dir, 'people.csv');
    writeFileSync(data, 'id,income,nationality\n1,500,non_eu\n2,1500,national\n');
    const out = join(dir, 'scored.csv');
    const r = runCli(['score', '--model', model, '--data', data, '--out', out, '--threshold', '0.3']);
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,income,nationality,score,flagged');
    expect(Number(lines[1]!.split(',')[3])).toBeCloseTo(1 / (1 + Math.exp(0.7)), 6);
    expect(lines[2]!.endsWith(',0')).toBe(true);
    const duo = runCli(['score', '--model', 'models/zoo/duo/model-r1r2.json', '--data', writeDuo(), '--out', join(dir, 'duo.csv')]);
    expect(duo.status).toBe(0);
    expect(readFileSync(join(dir, 'duo.csv'), 'utf8')).toMatch(/education,age,distance,score,category\nmbo 1-2,15-18,0km,144,1 very high\n/);
  });

  it('exits 2 naming a missing model input', () => {
    const data = join(dir, 'bad.csv');
    writeFileSync(data, 'income\n500\n');
    const r = runCli(['score', '--model', model, '--data', data, '--out', join(dir, 'x.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv: column "nationality": missing/);
  });
});

function writeDuo(): string {
  const f = join(dir, 'duo-in.csv');
  writeFileSync(f, 'education,age,distance\nmbo 1-2,15-18,0km\n');
  return f;
}
