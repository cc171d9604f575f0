import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DisparateError, describeVerification, verify } from '../../harness/api/index.js';

/**
 * `verify` in the library, as `import { verify } from 'disparate'` gives it: the ONNX pipeline
 * fixture against the predictions scikit-learn made, and against a copy with one row altered.
 */
const FIX = resolve('test/fixtures/onnx');
const dir = mkdtempSync(join(tmpdir(), 'disparate-verify-api-'));

function predictions(name: string, change?: (row: number, p: number) => number): string {
  const lines = readFileSync(`${FIX}/predictions.csv`, 'utf8').trim().split('\n');
  const file = join(dir, name);
  writeFileSync(file, `id,predict_proba\n${lines.slice(1).map((l, i) => `${l.split(',')[0]},${change ? change(i + 1, Number(l.split(',')[1])) : l.split(',')[1]}`).join('\n')}\n`);
  return file;
}
const settings = { model: `${FIX}/pipeline.model.json`, data: `${FIX}/welfare.csv` };

describe('verify (library)', () => {
  it('resolves to the maximum error and the worst row, within the default tolerance 1e-6', async () => {
    const v = await verify({ ...settings, expect: predictions('good.csv') });
    expect(v).toMatchObject({ pass: true, rows: 1000, column: 'predict_proba', tolerance: 1e-6, worst_row: 561 });
    expect(v.max_error).toBeGreaterThan(0);
    expect(v.max_error).toBeLessThan(1e-7);
    expect(describeVerification(v)).toMatch(/max error 7\.12e-8 at row 561 .* within tolerance 1e-6$/);
  });

  it('does not reject beyond the tolerance: pass is false, naming the worst row', async () => {
    const v = await verify({ ...settings, expect: predictions('altered.csv', (row, p) => (row === 417 ? p + 0.003 : p)) });
    expect(v.pass).toBe(false);
    expect(v.worst_row).toBe(417);
    expect(v.max_error).toBeCloseTo(0.003, 6);
    expect((await verify({ ...settings, expect: join(dir, 'altered.csv'), tolerance: 0.01 })).pass).toBe(true);
  });

  it('rejects bad input with a DisparateError naming the file and the column', async () => {
    const rejected = verify({ ...settings, expect: `${FIX}/predictions.csv`, column: 'nope' });
    await expect(rejected).rejects.toBeInstanceOf(DisparateError);
    await expect(rejected).rejects.toThrow(/predictions\.csv: column "nope" not found/);
    await expect(verify({ ...settings, expect: predictions('good2.csv'), tolerance: -1 })).rejects.toThrow(/tolerance -1: must be a number ≥ 0/);
  });
});
