import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPopulation } from '../../datasets/io/index.js';
import { resolveBattery, runPopulation } from '../../harness/pipeline/index.js';
import { scorePopulation } from '../../harness/scoring/score-population.js';
import { bindAsync, loadAnyModel } from '../../models/adapters/index.js';
import { fixedContext } from '../helpers.js';
import { FIX, fixtureReference, welfareData } from './onnx-fixture.js';

/**
 * The ONNX fixtures (test/fixtures/onnx/generate.py): a skl2onnx-style pipeline with one input per
 * column and a ZipMap, an XGBoost booster as a TreeEnsembleClassifier fed one pandas-named feature
 * tensor, and an MLP with a probabilities tensor and a raw logit, each against the predictions
 * scikit-learn and XGBoost made themselves.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-onnx-'));
const run = promisify(execFile);
const data = welfareData();
const reference = fixtureReference;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** A copy of a fixture model file in the temporary folder, with fields changed. */
function variant(name: string, change: Record<string, unknown>): string {
  const model = JSON.parse(readFileSync(`${FIX}/${name}.model.json`, 'utf8')) as Record<string, unknown>;
  const out = join(dir, `${name}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(out, JSON.stringify({ ...model, file: `${FIX}/${model.file as string}`, ...change }));
  return out;
}
const score = (file: string) => bindAsync(loadAnyModel(file), data)(0, data.n);
const FIXTURES = [['pipeline'], ['trees'], ['mlp']] as const;

describe('onnx adapter against scikit-learn and XGBoost reference predictions', () => {
  it.each(FIXTURES)('%s: positive-class probability within 1e-6 (onnxruntime-node)', async (name) => {
    expect(maxAbsDiff(await score(`${FIX}/${name}.model.json`), reference(name))).toBeLessThanOrEqual(1e-6);
  });

  it.each(FIXTURES)('%s: the same within 1e-6 on the WebAssembly fallback (onnxruntime-web)', async (name) => {
    expect(maxAbsDiff(await score(variant(name, { engine: 'web' })), reference(name))).toBeLessThanOrEqual(1e-6);
  });

  it('reads a raw score (the logit output) and applies a sigmoid when asked', async () => {
    expect(maxAbsDiff(await score(variant('mlp', { output: { name: 'logit' } })), reference('mlp_logit'))).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(await score(variant('mlp', { output: { name: 'logit', transform: 'sigmoid' } })), reference('mlp'))).toBeLessThanOrEqual(1e-6);
  });

  it('reads another class of a ZipMap by label, and a probabilities column by index', async () => {
    const negative = await score(variant('pipeline', { output: { class: '0' } }));
    expect(maxAbsDiff(negative, reference('pipeline').map((p) => 1 - p))).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(await score(variant('mlp', { output: { name: 'probabilities', class: 0 } })), reference('mlp').map((p) => 1 - p))).toBeLessThanOrEqual(1e-6);
  });

  it('scores identically in small session batches and over a sub-range', async () => {
    const whole = await score(`${FIX}/trees.model.json`);
    const batched = await score(variant('trees', { batch_size: 7 }));
    expect(Array.from(batched)).toEqual(Array.from(whole));
    expect(Array.from(await bindAsync(loadAnyModel(`${FIX}/mlp.model.json`), data)(100, 300))).toEqual(Array.from(await score(`${FIX}/mlp.model.json`)).slice(100, 300));
  });

  it.each([
    [{ output: { name: 'nope' } }, /output\.name: "nope" is not an output of the graph \(outputs: "output_label", "output_probability"\)/],
    [{ output: { class: 'fraud' } }, /output\.class: "fraud" is not a class of ZipMap "output_probability" \(classes: 0, 1\)/],
    [{ output: { name: 'output_label' } }, /"output_label" is a int64 output/],
    [{ feature_names: ['age'] }, /feature_names: the graph takes one tensor per column/],
    [{ tensor: 'age' }, /tensor: the graph has 6 inputs/],
  ])('pipeline %j → model error naming the field', (change, message) => {
    expect(() => loadAnyModel(variant('pipeline', change))).toThrow(message);
  });

  it('refuses feature names that do not match the declared inputs, naming them', () => {
    const names = JSON.parse(readFileSync(`${FIX}/trees.model.json`, 'utf8')).feature_names as string[];
    expect(() => loadAnyModel(variant('trees', { feature_names: [...names.slice(0, -1), 'disability_unknown'] }))).toThrow(
      /feature names: .*trees\.onnx's features "disability_unknown" match no declared input \(or match one twice\); declared features "disability=yes" are not among .*trees\.onnx's 12 features/,
    );
    expect(() => loadAnyModel(variant('trees', { feature_names: undefined }))).not.toThrow();
  });

  it('refuses a file that is not an ONNX graph', () => {
    const bad = join(dir, 'bad.onnx');
    writeFileSync(bad, '{"not": "onnx"}');
    expect(() => loadAnyModel(variant('mlp', { file: bad }))).toThrow(/file: .*bad\.onnx is not an ONNX model/);
  });
});

describe('onnx models through disparate score and a battery', () => {
  let battery: (name: string) => string;
  beforeAll(() => {
    copyFileSync(`${FIX}/welfare.csv`, join(dir, 'welfare.csv'));
    battery = (name: string) => {
      const file = join(dir, `${name}-battery.yaml`);
      writeFileSync(file, `title: onnx ${name}
seed: 3
population: { file: welfare.csv }
model: ${FIX}/${name}.model.json
decision: { rule: top_fraction, fraction: 0.1 }
protected: [nationality, disability]
proxies: false
`);
      return file;
    };
  });

  it.each(FIXTURES)('%s: disparate score writes the reference predictions within 1e-6', async (name) => {
    const out = join(dir, `${name}-scored.csv`);
    const { stdout } = await run(process.execPath, ['dist/harness/cli/main.js', 'score', '--model', `${FIX}/${name}.model.json`, '--data', `${FIX}/welfare.csv`, '--out', out]);
    expect(stdout).toBe(`scored 1000 rows of ${FIX}/welfare.csv with onnx-${name}-fixture (onnx); wrote ${out}\n`);
    const scored = readPopulation(out);
    const s = scored.columns.get('score');
    expect(s?.kind).toBe('numeric');
    expect(maxAbsDiff(s!.kind === 'numeric' ? s!.values : [], reference(name))).toBeLessThanOrEqual(1e-6);
  }, 30_000);

  it.each(FIXTURES)('%s: scored on worker threads in chunks, every row within 1e-6', async (name) => {
    const plan = { batteryFile: 'b.yaml', specFile: null, dataFile: `${FIX}/welfare.csv`, modelFile: `${FIX}/${name}.model.json`, seed: 1, size: data.n, protected: ['nationality'], label: null };
    const scored = await scorePopulation(plan, { n: data.n, chunkSize: 128, workers: 2 });
    expect(maxAbsDiff(scored.scores, reference(name))).toBeLessThanOrEqual(1e-6);
  }, 30_000);

  it.each(FIXTURES)('%s: a battery on 1 or 2 workers gives byte-identical results and the reference mean scores', async (name) => {
    const one = await runPopulation(resolveBattery(battery(name)), { workers: 1, chunkSize: 100, context: fixedContext });
    const two = await runPopulation(resolveBattery(battery(name)), { workers: 2, chunkSize: 100, context: fixedContext });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.manifest.model?.kind).toBe('onnx');
    const ref = reference(name);
    const nat = data.columns.get('nationality')!;
    for (const level of ['national', 'eu', 'non_eu']) {
      const group = one.groups.find((g) => g.attribute === 'nationality' && g.group === level)!;
      const rows = ref.filter((_, i) => nat.kind === 'categorical' && nat.levels[nat.codes[i]!] === level);
      const mean = rows.reduce((a, b) => a + b, 0) / rows.length;
      expect(Math.abs((group.metrics.mean_score?.value ?? NaN) - mean)).toBeLessThanOrEqual(1e-6);
    }
  }, 60_000);
});
