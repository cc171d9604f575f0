import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnyModel } from '../../models/adapters/index.js';
import { runCli } from '../cli/run-cli.js';

/**
 * README "Bring your model", anything else → command with artifacts and verify: a scoring script that
 * reads its weights from a file, the weights listed under artifacts, the deployed system's own
 * predictions for a sample; then the weights are replaced, as a retrained model would replace them.
 * The model hash changes and `disparate verify` no longer passes, naming the worst row.
 */
const FIX = resolve('test/fixtures/onnx');
const dir = mkdtempSync(join(tmpdir(), 'disparate-command-verify-'));
const script = `import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
const w = JSON.parse(readFileSync(new URL('./weights.json', import.meta.url), 'utf8'));
createInterface({ input: process.stdin }).on('line', (line) => {
  const rows = JSON.parse(line);
  process.stdout.write(JSON.stringify(rows.map((r) => 1 / (1 + Math.exp(-(w.intercept + w.income * r.income + (r.disability === 'yes' ? w.disability : 0)))))) + '\\n');
});
`;

/** The deployed system's predictions, computed as the agency's own code would: one per row of welfare.csv. */
function predictions(weights: { intercept: number; income: number; disability: number }): string {
  const lines = readFileSync(`${FIX}/welfare.csv`, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const file = join(dir, 'predictions.csv');
  writeFileSync(file, `id,score\n${rows.map((r) => `${r[0]},${1 / (1 + Math.exp(-(weights.intercept + weights.income * Number(r[header.indexOf('income')]) + (r[header.indexOf('disability')] === 'yes' ? weights.disability : 0))))}`).join('\n')}\n`);
  return file;
}

describe('command model with artifacts, verified against the deployed predictions', () => {
  it('verifies, then after the weights change has another hash and fails verify naming the worst row', () => {
    const folder = join(dir, 'model');
    mkdirSync(folder);
    writeFileSync(join(folder, 'score.mjs'), script);
    const deployed = { intercept: -2, income: 0.001, disability: 0.5 };
    writeFileSync(join(folder, 'weights.json'), JSON.stringify(deployed));
    const model = join(folder, 'model.json');
    writeFileSync(model, JSON.stringify({
      kind: 'command', name: 'agency-script', command: [process.execPath, 'score.mjs'], artifacts: ['weights.json'],
      inputs: [{ name: 'income', type: 'numeric' }, { name: 'disability', type: 'categorical', levels: ['no', 'yes'] }],
    }));
    const expectFile = predictions(deployed);
    const before = loadAnyModel(model).meta;
    expect(before.artifacts).toEqual([join(folder, 'score.mjs'), join(folder, 'weights.json')]);
    const ok = runCli(['verify', '--model', model, '--data', `${FIX}/welfare.csv`, '--expect', expectFile]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^verified .*: 1000 rows of .* against "score" of .*: max error \S+ at row \d+ .*, within tolerance 1e-6\n$/);

    // A retrained model: the disability weight changes.
    writeFileSync(join(folder, 'weights.json'), JSON.stringify({ ...deployed, disability: 0.6 }));
    expect(loadAnyModel(model).meta.hash).not.toBe(before.hash);
    const changed = runCli(['verify', '--model', model, '--data', `${FIX}/welfare.csv`, '--expect', expectFile]);
    expect(changed.status).toBe(1);
    const lines = readFileSync(`${FIX}/welfare.csv`, 'utf8').trim().split('\n');
    const worst = Number(/at row (\d+)/.exec(changed.stderr)?.[1]);
    expect(lines[worst]!.split(',')[6]).toBe('yes');
    expect(changed.stderr).toMatch(/^not verified: .*: max error \S+ at row \d+ \(model 0\.\d+ vs expected 0\.\d+\), beyond tolerance 1e-6\n$/);
  }, 60_000);
});
