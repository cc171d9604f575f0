import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * `disparate verify` and a battery's verify block: the ONNX pipeline fixture against the predictions
 * scikit-learn made (test/fixtures/onnx/predictions.csv), and against a copy with one row altered.
 */
const FIX = resolve('test/fixtures/onnx');
const dir = mkdtempSync(join(tmpdir(), 'disparate-verify-'));
const model = `${FIX}/pipeline.model.json`;
const data = `${FIX}/welfare.csv`;

function predictions(name: string, change?: (row: number, value: number) => number): string {
  const lines = readFileSync(`${FIX}/predictions.csv`, 'utf8').trim().split('\n');
  const file = join(dir, name);
  writeFileSync(file, ['id,predict_proba', ...lines.slice(1).map((l, i) => {
    const [id, p] = l.split(',');
    return `${id},${change ? change(i + 1, Number(p)) : p}`;
  })].join('\n') + '\n');
  return file;
}

describe('disparate verify', () => {
  let good = '';
  let altered = '';
  beforeAll(() => {
    good = predictions('good.csv');
    altered = predictions('altered.csv', (row, p) => (row === 417 ? p + 0.003 : row === 9 ? p + 2e-6 : p));
  });

  it('exits 0 when every prediction is reproduced within the tolerance', () => {
    const r = runCli(['verify', '--model', model, '--data', data, '--expect', good]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^verified ${model}: 1000 rows of ${data} against "predict_proba" of ${good}: max error 7\\.12e-8 at row 561 \\(model 0\\.1368313\\d+ vs expected 0\\.13683138455655744\\), within tolerance 1e-6\\n$`));
  });

  it('exits 1 beyond the tolerance, naming the worst row', () => {
    const r = runCli(['verify', '--model', model, '--data', data, '--expect', altered]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^not verified: .*: max error 3e-3 at row 417 \(model 0\.\d+ vs expected 0\.\d+\), beyond tolerance 1e-6\n$/);
    // A looser tolerance accepts both altered rows.
    expect(runCli(['verify', '--model', model, '--data', data, '--expect', altered, '--tolerance', '0.01']).status).toBe(0);
  });

  it.each([
    [['--expect', `${FIX}/predictions.csv`], /predictions\.csv: 5 columns \(id, pipeline, trees, mlp, mlp_logit\) and none named score; name the predictions column/],
    [['--expect', `${FIX}/predictions.csv`, '--column', 'nope'], /predictions\.csv: column "nope" not found/],
    [['--expect', join(dir, 'missing.csv')], /missing\.csv: cannot read population data \(ENOENT\)/],
    [['--expect', good, '--tolerance', '-1'], /--tolerance -1: must be a number ≥ 0/],
  ])('exits 2 on bad input %#', (args, message) => {
    const r = runCli(['verify', '--model', model, '--data', data, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when the predictions do not have one row per applicant', () => {
    const short = join(dir, 'short.csv');
    writeFileSync(short, readFileSync(good, 'utf8').split('\n').slice(0, 11).join('\n') + '\n');
    const r = runCli(['verify', '--model', model, '--data', data, '--expect', short]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`disparate: ${short}: 10 predictions for the 1000 rows of ${data}; give one per row, in the same order\n`);
  });
});

describe('verify block of a battery', () => {
  let battery: (expectFile: string) => string;
  beforeAll(() => {
    copyFileSync(data, join(dir, 'welfare.csv'));
    predictions('good.csv');
    predictions('altered.csv', (row, p) => (row === 417 ? p + 0.003 : p));
    battery = (expectFile) => {
      const file = join(dir, `b-${expectFile}.yaml`);
      writeFileSync(file, `title: verified pipeline
seed: 3
population: { file: welfare.csv }
model: ${model}
verify: { data: welfare.csv, expect: ${expectFile} }
decision: { rule: top_fraction, fraction: 0.1 }
protected: [nationality]
proxies: false
report: { formats: [md] }
`);
      return file;
    };
  });

  it('records the maximum error in the manifest and the report provenance', () => {
    const out = join(dir, 'out-good');
    const r = runCli(['run', battery('good.csv'), '--out', out, '--workers', '1']);
    expect(r.stderr).toBe('');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.manifest.verify).toMatchObject({ data: join(dir, 'welfare.csv'), expect: join(dir, 'good.csv'), column: 'predict_proba', rows: 1000, tolerance: 1e-6, worst_row: 561 });
    expect(results.manifest.verify.max_error).toBeCloseTo(7.12e-8, 9);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(`Verified against | ${join(dir, 'good.csv')} ("predict\\_proba", 1,000 rows of ${join(dir, 'welfare.csv')}): max error 7.12e-8 at row 561, tolerance 1e-6`);
  }, 60_000);

  it('stops the run with exit 2 when the model does not reproduce the predictions', () => {
    const r = runCli(['run', battery('altered.csv'), '--out', join(dir, 'out-altered')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/b-altered\.csv\.yaml: verify: the model does not reproduce the expected predictions: 1000 rows .*max error 3e-3 at row 417/);
  }, 60_000);
});
