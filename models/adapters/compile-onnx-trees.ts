import { readOnnxNodes, type OnnxNode } from './onnx-nodes.js';
import { compileTreeEnsemble, type TreeEnsemble } from './tree-ensemble.js';

const ML = 'ai.onnx.ml';
const ENSEMBLES = new Set(['TreeEnsembleClassifier', 'TreeEnsembleRegressor']);

/** Follows `tensor` back through the nodes that pass it on unchanged (Identity; Cast to float or double, when `casts`). */
function source(tensor: string, producers: ReadonlyMap<string, OnnxNode>, casts: boolean): string {
  for (let node = producers.get(tensor); node; node = producers.get(tensor)) {
    const cast = node.op === 'Cast' && casts && [1, 11].includes(node.attributes.get('to')?.ints[0] ?? 0);
    if (node.domain !== '' || (node.op !== 'Identity' && !cast)) return tensor;
    tensor = node.inputs[0]!;
  }
  return tensor;
}

/**
 * The graph's score as a compiled tree ensemble when the graph is one our evaluator reproduces:
 * a single TreeEnsembleClassifier or TreeEnsembleRegressor (ai.onnx.ml opset 1 to 3) fed the feature
 * tensor directly or through Identity or Cast (to float or double: the features are float32 already),
 * its scores read directly or through Identity (a ZipMap reads the same tensor), no other node. Else
 * a string saying why the graph is left to onnxruntime.
 *
 * @example compileOnnxTrees(bytes, 'input', 'probabilities', 12) // a TreeEnsemble, or e.g. 'a Mul node'
 */
export function compileOnnxTrees(bytes: Uint8Array, feedTensor: string, outputTensor: string, inputWidth: number): TreeEnsemble | string {
  const { nodes, opsets } = readOnnxNodes(bytes);
  const ml = opsets.get(ML) ?? 0;
  const ensembles = nodes.filter((n) => n.domain === ML && ENSEMBLES.has(n.op));
  if (ensembles.length !== 1) return `${ensembles.length} tree ensembles in the graph`;
  if (ml < 1 || ml > 3) return `ai.onnx.ml opset ${ml}`;
  const other = nodes.find((n) => !ensembles.includes(n) && !(n.domain === '' && (n.op === 'Identity' || n.op === 'Cast')) && !(n.domain === ML && n.op === 'ZipMap'));
  if (other) return `a ${other.op} node`;
  const ensemble = ensembles[0]!;
  const producers = new Map(nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  const scores = ensemble.outputs[ensemble.op === 'TreeEnsembleClassifier' ? 1 : 0];
  if (!scores || source(outputTensor, producers, false) !== scores) return `the score "${outputTensor}" is not the ensemble's ${ensemble.op === 'TreeEnsembleClassifier' ? 'probabilities' : 'scores'}`;
  if (ensemble.inputs.length !== 1 || source(ensemble.inputs[0]!, producers, true) !== feedTensor) return `the ensemble is not fed the feature tensor "${feedTensor}"`;
  return compileTreeEnsemble(ensemble, inputWidth);
}
