import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPopulationSpec, resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { ModelFile } from '../../harness/config/index.js';
import { bindAsync, bindFeatures, loadAnyModel, loadTf } from '../../models/adapters/index.js';

/** The caf-mlp zoo model (trained by models/zoo/caf-mlp/train.ts) against tfjs's own model.predict. */
const ZOO = 'models/zoo/caf-mlp';
const n = 3000;
const table = samplePopulation(resolvePopulation(loadPopulationSpec('datasets/populations/caf-households.yaml')), { seed: 99, n });

async function reference(): Promise<Float32Array> {
  const tf = await loadTf();
  const json = JSON.parse(readFileSync(`${ZOO}/tfjs/model.json`, 'utf8')) as { modelTopology: object; weightsManifest: { weights: never[] }[] };
  const bytes = readFileSync(`${ZOO}/tfjs/weights.bin`);
  const model = await tf.loadLayersModel(tf.io.fromMemory(json.modelTopology, json.weightsManifest[0]!.weights, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
  const wrapper = ModelFile.parse(JSON.parse(readFileSync(`${ZOO}/model.json`, 'utf8')));
  if (wrapper.kind !== 'tfjs') throw new Error('not tfjs');
  const { width, encode } = bindFeatures({ kind: 'tfjs', name: 'x', source: null, file: 'x', hash: '' }, wrapper.inputs, table);
  return tf.tidy(() => (model.predict(tf.tensor2d(encode(0, n), [n, width])) as import('@tensorflow/tfjs').Tensor).dataSync() as Float32Array);
}

function withEngine(engine: string, extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-tfjs-'));
  const model = JSON.parse(readFileSync(`${ZOO}/model.json`, 'utf8')) as Record<string, unknown>;
  const file = join(dir, 'model.json');
  writeFileSync(file, JSON.stringify({ ...model, path: resolve(ZOO, 'tfjs'), engine, ...extra }));
  return file;
}

describe('tfjs adapter (caf-mlp zoo model)', () => {
  it('engine tfjs (batched predict, batches of 1000) equals model.predict exactly', async () => {
    const model = loadAnyModel(withEngine('tfjs', { batch_size: 1000 }));
    expect(model.async).toBe(true);
    const scores = await bindAsync(model, table)(0, n);
    expect(Array.from(scores)).toEqual(Array.from(await reference()));
  });

  it('engine dense (default auto) is synchronous and within 1e-6 of model.predict', async () => {
    const model = loadAnyModel(`${ZOO}/model.json`);
    expect(model.async).toBeFalsy();
    const scores = await bindAsync(model, table)(0, n);
    const ref = await reference();
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(scores[i]! - ref[i]!));
    expect(max).toBeLessThanOrEqual(1e-6);
    expect(scores.some((s) => s > 0.2) && scores.some((s) => s < 0.05)).toBe(true); // a real spread of risk
  });

  it('the same network as a GraphModel (graph executor) scores within 1e-6 of the LayersModel', async () => {
    const model = loadAnyModel(`${ZOO}/model-graph.json`);
    expect(model.async).toBe(true);
    expect(JSON.parse(readFileSync(`${ZOO}/graph/model.json`, 'utf8')).format).toBe('graph-model');
    expect(readFileSync(`${ZOO}/graph/weights.bin`).equals(readFileSync(`${ZOO}/tfjs/weights.bin`))).toBe(true);
    const scores = await bindAsync(model, table)(0, n);
    const ref = await reference();
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(scores[i]! - ref[i]!));
    expect(max).toBeLessThanOrEqual(1e-6);
  });

  it('black-box explanation and flips for an applicant', async () => {
    const { explainApplicant } = await import('../../models/explain/index.js');
    const model = loadAnyModel(`${ZOO}/model.json`);
    const e = await explainApplicant(model, { income: 9000, rent_share: 0.5, student: 'no', apprentice: 'no', single_parent: 'yes', separated_widowed: 'no', child_over_12: 'no', unemployed: 'yes', rsa: 'yes', deprived_neighbourhood: 'no', aah_working: 'no', disability: 'none' }, { threshold: 0.15, proxies: ['single_parent', 'income'] });
    expect(e.explanation.method).toMatch(/black box/);
    expect(e.changes.map((c) => `${c.input}→${String(c.to)}`)).toEqual(['income→20000', 'single_parent→no']);
  });

  it('refuses a folder without model.json, naming the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'disparate-tfjs-'));
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ kind: 'tfjs', name: 'x', path: 'nowhere', inputs: [{ name: 'a', type: 'numeric' }] }));
    expect(() => loadAnyModel(join(dir, 'm.json'))).toThrow(/m\.json: path: .*nowhere does not exist/);
  });
});
