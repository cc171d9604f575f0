/**
 * Writes the caf-mlp network as a TensorFlow.js GraphModel (graph/model.json + graph/weights.bin):
 * the same weights as the LayersModel in tfjs/, as the graph TensorFlow's converter would emit for a
 * SavedModel of a 12-16-1 Dense network — Placeholder → MatMul → BiasAdd → Relu → MatMul → BiasAdd →
 * Sigmoid, the weights as Const nodes named in the weights manifest.
 *
 * The converter is a Python tool this project does not depend on; this script builds the GraphDef
 * JSON directly, so the GraphModel path of the tfjs adapter has a fixture with a known answer (the
 * LayersModel's scores). Run: npm run build && node dist/models/zoo/caf-mlp/export-graph-model.js
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

const here = join(dirname(fileURLToPath(import.meta.url)), '../../../../models/zoo/caf-mlp');
const layers = JSON.parse(readFileSync(join(here, 'tfjs/model.json'), 'utf8')) as { weightsManifest: { paths: string[]; weights: WeightSpec[] }[] };
const specs = layers.weightsManifest[0]!.weights;
const bytes = readFileSync(join(here, 'tfjs', layers.weightsManifest[0]!.paths[0]!));

const float = { type: 'DT_FLOAT' };
const shapeOf = (dims: number[]) => ({ dim: dims.map((d) => ({ size: String(d) })) });
const constant = (spec: WeightSpec) => ({ name: spec.name, op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: shapeOf(spec.shape) } }, dtype: float } });
const op = (name: string, kind: string, input: string[], attr: Record<string, unknown> = {}) => ({ name, op: kind, input, attr: { T: float, ...attr } });
const matmul = { transpose_a: { b: false }, transpose_b: { b: false } };
const nhwc = { data_format: { s: Buffer.from('NHWC').toString('base64') } };

const [k1, b1, k2, b2] = specs as [WeightSpec, WeightSpec, WeightSpec, WeightSpec];
const graph = {
  format: 'graph-model',
  generatedBy: 'disparate models/zoo/caf-mlp/export-graph-model.ts',
  convertedBy: null,
  modelTopology: {
    node: [
      { name: 'features', op: 'Placeholder', attr: { dtype: float, shape: { shape: { dim: [{ size: '-1' }, { size: String(k1.shape[0]) }] } } } },
      constant(k1),
      constant(b1),
      constant(k2),
      constant(b2),
      op('hidden/MatMul', 'MatMul', ['features', k1.name], matmul),
      op('hidden/BiasAdd', 'BiasAdd', ['hidden/MatMul', b1.name], nhwc),
      op('hidden/Relu', 'Relu', ['hidden/BiasAdd']),
      op('score/MatMul', 'MatMul', ['hidden/Relu', k2.name], matmul),
      op('score/BiasAdd', 'BiasAdd', ['score/MatMul', b2.name], nhwc),
      op('score/Sigmoid', 'Sigmoid', ['score/BiasAdd']),
    ],
    library: {},
    versions: {},
  },
  weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
};
mkdirSync(join(here, 'graph'), { recursive: true });
writeFileSync(join(here, 'graph/model.json'), `${JSON.stringify(graph, null, 1)}\n`);
writeFileSync(join(here, 'graph/weights.bin'), bytes);
process.stdout.write(`wrote ${join(here, 'graph')} (${specs.length} weights, ${bytes.length} bytes)\n`);
