/**
 * Trains the caf-mlp zoo model with TensorFlow.js (pure-JS CPU backend) and writes its LayersModel
 * to models/zoo/caf-mlp/tfjs/ (model.json + weights.bin). Deterministic: seeded initialisers, no
 * shuffling, fixed population seed. Run from the repository root:
 *
 *   npm run build && node dist/models/zoo/caf-mlp/train.js
 *
 *   caf-households (seed 7, 50,000 rows) ──► encode inputs (model.json) ──► fit 12-16-1 ──► save
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPopulationSpec, resolvePopulation, samplePopulation } from '../../../datasets/synth/index.js';
import { ModelFile } from '../../../harness/config/index.js';
import { bindFeatures, loadTf } from '../../adapters/index.js';
import { readFileSync } from 'node:fs';

const HERE = 'models/zoo/caf-mlp';
const ROWS = 50_000;
const SEED = 7;

async function main(): Promise<void> {
  const tf = await loadTf();
  const wrapper = ModelFile.parse(JSON.parse(readFileSync(join(HERE, 'model.json'), 'utf8')));
  if (wrapper.kind !== 'tfjs') throw new Error('model.json is not a tfjs model');
  const population = resolvePopulation(loadPopulationSpec('datasets/populations/caf-households.yaml'));
  const table = samplePopulation(population, { seed: SEED, n: ROWS });
  const meta = { kind: 'tfjs', name: wrapper.name, source: null, file: join(HERE, 'model.json'), hash: '' };
  const { width, encode } = bindFeatures(meta, wrapper.inputs, table);
  const fraud = table.columns.get('fraud');
  if (!fraud || fraud.kind !== 'numeric') throw new Error('caf-households has no numeric outcome "fraud"');
  const x = tf.tensor2d(encode(0, ROWS), [ROWS, width]);
  const y = tf.tensor2d(Float32Array.from(fraud.values), [ROWS, 1]);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [width], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  const history = await model.fit(x, y, { epochs: 8, batchSize: 512, shuffle: false, verbose: 0 });
  const losses = history.history.loss as number[];
  const out = join(HERE, 'tfjs');
  mkdirSync(out, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      writeFileSync(join(out, 'weights.bin'), Buffer.from(a.weightData as ArrayBuffer));
      const json = { format: 'layers-model', generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`, convertedBy: null, modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] };
      writeFileSync(join(out, 'model.json'), `${JSON.stringify(json)}\n`);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  process.stdout.write(`trained ${width}-16-1 on ${ROWS} rows (seed ${SEED}); binary cross-entropy by epoch: ${losses.map((l) => l.toFixed(4)).join(', ')}; wrote ${out}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
