import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveBattery, runPopulation } from '../../harness/pipeline/index.js';
import { loadAnyModel } from '../../models/adapters/index.js';
import { runCli } from '../cli/run-cli.js';
import { fixedContext } from '../helpers.js';

/**
 * The manifest's model hash covers every file a model reads: a command model's script and the
 * artifacts it lists, the artifacts an http model lists, an ONNX graph, an XGBoost file, a tfjs
 * model's weight shards.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-provenance-'));
const inputs = [{ name: 'income', type: 'numeric' }, { name: 'nationality', type: 'categorical', levels: ['national', 'eu', 'non_eu'] }];

function commandModel(folder: string, artifacts?: string[]): string {
  mkdirSync(folder, { recursive: true });
  copyFileSync('test/fixtures/black-box/score-lines.mjs', join(folder, 'score.mjs'));
  writeFileSync(join(folder, 'weights.txt'), 'w = 1\n');
  const file = join(folder, 'model.json');
  writeFileSync(file, JSON.stringify({ kind: 'command', name: 'cmd', command: [process.execPath, 'score.mjs', 'ok'], ...(artifacts ? { artifacts } : {}), inputs }));
  return file;
}

describe('model hash', () => {
  let battery: (model: string) => string;
  beforeAll(() => {
    copyFileSync('test/fixtures/onnx/welfare.csv', join(dir, 'welfare.csv'));
    battery = (model) => {
      const file = join(dir, `b${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, `title: t\nseed: 1\npopulation: { file: welfare.csv }\nmodel: ${model}\ndecision: { rule: top_fraction, fraction: 0.1 }\nprotected: [nationality]\nproxies: false\n`);
      return file;
    };
  });

  it("changes in the manifest when a command model's script or a listed artefact changes", async () => {
    const folder = join(dir, 'cmd');
    const model = commandModel(folder, ['weights.txt']);
    const manifest = async () => (await runPopulation(resolveBattery(battery(model)), { workers: 1, context: fixedContext })).manifest.model!;
    const first = await manifest();
    expect(first.artifacts).toEqual([join(folder, 'score.mjs'), join(folder, 'weights.txt')]);
    expect((await manifest()).hash).toBe(first.hash);
    writeFileSync(join(folder, 'score.mjs'), `${readFileSync(join(folder, 'score.mjs'), 'utf8')}\n// edited\n`);
    const script = await manifest();
    expect(script.hash).not.toBe(first.hash);
    writeFileSync(join(folder, 'weights.txt'), 'w = 2\n');
    expect((await manifest()).hash).not.toBe(script.hash);
  }, 30_000);

  it('warns in the results when a command model lists no artifacts, and refuses a missing one', async () => {
    const model = commandModel(join(dir, 'bare'));
    const results = await runPopulation(resolveBattery(battery(model)), { workers: 1, context: fixedContext });
    expect(results.warnings.find((w) => w.code === 'model_artifacts_undeclared')?.message).toBe(
      `${model}: the command model lists no artifacts: the model hash covers the descriptor and the script only, so replacing the weights or pickle it loads would go unnoticed; list them under artifacts`,
    );
    expect(() => loadAnyModel(commandModel(join(dir, 'missing'), ['weights.txt', 'model.pkl']))).toThrow(/model\.json: artifacts\.1: cannot read .*model\.pkl \(ENOENT\)/);
  }, 30_000);

  it('shows the warning in the report when a command model lists no artifacts', () => {
    const model = commandModel(join(dir, 'bare-report'));
    const out = join(dir, 'out-bare');
    const markdown = (m: string) => {
      const file = battery(m);
      writeFileSync(file, `${readFileSync(file, 'utf8')}report: { formats: [md] }\n`);
      return file;
    };
    const r = runCli(['run', markdown(model), '--out', out, '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.status).not.toBe(2);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    const warnings = report.slice(report.indexOf('## Warnings'));
    expect(warnings).toContain(`- **model\\_artifacts\\_undeclared**: ${model}: the command model lists no artifacts: the model hash covers the descriptor and the script only, so replacing the weights or pickle it loads would go unnoticed; list them under artifacts`);
    // Listing the weights removes it.
    const listed = join(dir, 'out-listed');
    expect(runCli(['run', markdown(commandModel(join(dir, 'listed-report'), ['weights.txt'])), '--out', listed, '--workers', '1']).stderr).toBe('');
    expect(readFileSync(join(listed, 'report.md'), 'utf8')).not.toContain('artifacts\\_undeclared');
  }, 60_000);

  it("hashes the artifacts an http model lists: the same descriptor with another file has another hash", () => {
    const folder = join(dir, 'http');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'model.pkl'), 'pickle v1');
    const file = join(folder, 'model.json');
    writeFileSync(file, JSON.stringify({ kind: 'http', name: 'svc', url: 'http://127.0.0.1:9/score', artifacts: ['model.pkl'], inputs }));
    const first = loadAnyModel(file).meta;
    expect(first.artifacts).toEqual([join(folder, 'model.pkl')]);
    expect(loadAnyModel(file).meta.hash).toBe(first.hash);
    writeFileSync(join(folder, 'model.pkl'), 'pickle v2');
    expect(loadAnyModel(file).meta.hash).not.toBe(first.hash);
    const none = join(folder, 'none.json');
    writeFileSync(none, JSON.stringify({ kind: 'http', name: 'svc', url: 'http://127.0.0.1:9/score', inputs }));
    expect(loadAnyModel(none).meta.artifacts).toBeUndefined();
    const missing = join(folder, 'missing.json');
    writeFileSync(missing, JSON.stringify({ kind: 'http', name: 'svc', url: 'http://127.0.0.1:9/score', artifacts: ['gone.onnx'], inputs }));
    expect(() => loadAnyModel(missing)).toThrow(/missing\.json: artifacts\.0: cannot read .*gone\.onnx \(ENOENT\)/);
  });

  it('covers the ONNX graph, the XGBoost file and every tfjs weight shard', () => {
    const onnx = loadAnyModel('test/fixtures/onnx/trees.model.json').meta;
    expect(onnx.artifacts).toEqual([resolve('test/fixtures/onnx/trees.onnx')]);
    expect(loadAnyModel('test/fixtures/xgboost/binary-logistic.model.json').meta.artifacts).toEqual([resolve('test/fixtures/xgboost/binary-logistic.xgb.json')]);
    const tfjs = loadAnyModel('models/zoo/caf-mlp/model.json').meta.artifacts ?? [];
    expect(tfjs.some((f) => f.endsWith('.bin'))).toBe(true);
    expect(tfjs[0]).toMatch(/model\.json$/);
  });
});
