import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseJson, type TfjsModel } from '../../harness/config/index.js';
import type { Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { checkWeightSpecs } from './check-weight-specs.js';
import { denseForward, readDenseNetwork } from './dense-network.js';
import { bindFeatures, encodedModelInputs, featureNames } from './encode-features.js';
import { encodedFeatures, matchFeatureNames, reorderFeatures } from './match-feature-names.js';
import type { AnyModelAdapter, ModelMeta } from './model-adapter.js';

type Tf = typeof import('@tensorflow/tfjs');

/** model.json and its weights, read from disk (never the network) in manifest order. */
export interface TfjsArtifacts {
  readonly json: Record<string, unknown> & { format?: string; modelTopology?: unknown };
  readonly weightSpecs: { name: string; shape: number[]; dtype: string }[];
  readonly weightData: ArrayBuffer;
  readonly files: string[];
}

/** Reads a tfjs model folder (or model.json path) synchronously; a DisparateError('model') names what is missing. */
export function readTfjsArtifacts(path: string, modelFile: string): TfjsArtifacts {
  let jsonPath = path;
  try {
    if (statSync(path).isDirectory()) jsonPath = join(path, 'model.json');
  } catch {
    throw new DisparateError('model', `${modelFile}: path: ${path} does not exist`);
  }
  const read = (file: string) => {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new DisparateError('model', `${modelFile}: path: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  };
  const json = parseJson(read(jsonPath).toString('utf8'), jsonPath, 'model') as TfjsArtifacts['json'];
  const manifest = json.weightsManifest as { paths: string[]; weights: TfjsArtifacts['weightSpecs'] }[] | undefined;
  if (!Array.isArray(manifest) || !json.modelTopology) throw new DisparateError('model', `${jsonPath}: not a tfjs model.json (needs modelTopology and weightsManifest)`);
  const expected = checkWeightSpecs(manifest, jsonPath);
  const files = manifest.flatMap((g) => g.paths.map((p) => resolve(dirname(jsonPath), p)));
  const buffers = files.map(read);
  const bytes = Buffer.concat(buffers);
  if (bytes.length !== expected) throw new DisparateError('model', `${jsonPath}: weightsManifest: the weight shapes take ${expected} bytes, the weight files hold ${bytes.length}`);
  return {
    json,
    weightSpecs: manifest.flatMap((g) => g.weights),
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    files: [jsonPath, ...files],
  };
}

let tfPromise: Promise<Tf> | undefined;

/** tfjs-node when it is installed (native kernels), else the pure-JS CPU backend, quietly. */
export function loadTf(): Promise<Tf> {
  tfPromise ??= (async () => {
    let tf: Tf;
    try {
      tf = (await import('@tensorflow/tfjs-node' as string)) as Tf;
    } catch {
      tf = await import('@tensorflow/tfjs');
    }
    // Production mode: no per-op NaN checks and no "install tfjs-node" banner on stderr.
    tf.enableProdMode();
    await tf.ready();
    return tf;
  })();
  return tfPromise;
}

/** Loads the artifacts into a tfjs LayersModel or GraphModel through an in-memory IO handler. */
export async function loadTfjsModel(tf: Tf, artifacts: TfjsArtifacts, modelFile: string): Promise<{ predict(x: import('@tensorflow/tfjs').Tensor): import('@tensorflow/tfjs').Tensor | import('@tensorflow/tfjs').Tensor[] | import('@tensorflow/tfjs').NamedTensorMap }> {
  const { weightsManifest: _, ...rest } = artifacts.json;
  const handler = tf.io.fromMemory({ ...rest, weightSpecs: artifacts.weightSpecs, weightData: artifacts.weightData } as import('@tensorflow/tfjs').io.ModelArtifacts);
  try {
    return artifacts.json.format === 'graph-model' ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
  } catch (e) {
    throw new DisparateError('model', `${modelFile}: tfjs could not load the model: ${(e as Error).message}`);
  }
}

/**
 * A TensorFlow.js model. With engine `dense` (or `auto` on a Sequential stack of Dense layers) the
 * exported weights are scored by a hand-written kernel, synchronously; otherwise tfjs's own
 * `predict` runs in batches of `batch_size` inside `tidy`, asynchronously (the runtime loads lazily).
 */
export function tfjsAdapter(model: TfjsModel, file: string, meta: () => ModelMeta, path: string, hashFile: (path: string) => void): AnyModelAdapter {
  const artifacts = readTfjsArtifacts(path, file);
  // model.json and every weight shard: a replaced shard must change the manifest's model hash.
  for (const f of artifacts.files) hashFile(f);
  const m = meta();
  const width = featureNames(model.inputs).length;
  const inputs = encodedModelInputs(model.inputs);
  const order = model.feature_names ? matchFeatureNames(m.file, model.path, encodedFeatures(model.inputs), model.feature_names) : featureNames(model.inputs).map((_, k) => k);
  const dense = model.engine === 'tfjs' || artifacts.json.format === 'graph-model' ? 'graph model or engine tfjs' : readDenseNetwork(artifacts.json.modelTopology, artifacts.weightSpecs, artifacts.weightData);
  if (model.engine === 'dense' && typeof dense === 'string') throw new DisparateError('model', `${m.file}: engine: dense cannot score this model (${dense}); use engine tfjs`);
  if (typeof dense !== 'string') {
    if (dense[0]!.inputs !== width) throw new DisparateError('model', `${m.file}: inputs encode ${width} features but the network takes ${dense[0]!.inputs}`);
    if (dense[dense.length - 1]!.units !== 1) throw new DisparateError('model', `${m.file}: the network has ${dense[dense.length - 1]!.units} outputs; a score needs 1`);
    return {
      meta: m,
      inputs,
      bind(table: Table) {
        const { encode } = bindFeatures(m, model.inputs, table);
        return (start, end) => denseForward(dense, reorderFeatures(encode(start, end), end - start, order), end - start);
      },
    };
  }
  let loaded: ReturnType<typeof loadTfjsModel> | undefined;
  return {
    meta: m,
    inputs,
    async: true,
    bind(table: Table) {
      const { encode } = bindFeatures(m, model.inputs, table);
      return async (start, end) => {
        const tf = await loadTf();
        loaded ??= loadTfjsModel(tf, artifacts, m.file);
        const net = await loaded;
        const x = reorderFeatures(encode(start, end), end - start, order);
        const out = new Float32Array(end - start);
        for (let s = 0; s < out.length; s += model.batch_size) {
          const e = Math.min(out.length, s + model.batch_size);
          const values = tf.tidy(() => {
            const y = net.predict(tf.tensor2d(x.subarray(s * width, e * width), [e - s, width]));
            const t = Array.isArray(y) ? y[0]! : y instanceof tf.Tensor ? y : Object.values(y)[0]!;
            if (t.size !== e - s) throw new DisparateError('model', `${m.file}: the model returned ${t.size} values for ${e - s} rows; a score needs one output`);
            return t.dataSync() as Float32Array;
          });
          out.set(values, s);
        }
        return out;
      };
    },
  };
}
