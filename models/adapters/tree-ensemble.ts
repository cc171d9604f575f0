import type { OnnxAttribute, OnnxNode } from './onnx-nodes.js';
import { ltForest } from './tree-ensemble-forest.js';
import type { Forest } from './xgboost-forest.js';

/** Node modes as numbers; LEAF is -1 in `feature`. */
export const MODES = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ'] as const;
const POST = ['NONE', 'LOGISTIC', 'SOFTMAX', 'SOFTMAX_ZERO'] as const;
const AGGREGATE = ['SUM', 'AVERAGE', 'MIN', 'MAX'] as const;

/**
 * An ai.onnx.ml TreeEnsembleClassifier or TreeEnsembleRegressor read into flat typed arrays, to be
 * scored with onnxruntime's semantics (score-tree-ensemble.ts): all trees' nodes end to end, the true
 * branch at children[2i] and the false branch at children[2i + 1], thresholds float32, each leaf's
 * weights (column, value) in the order onnxruntime adds them.
 */
export interface TreeEnsemble {
  readonly op: 'TreeEnsembleClassifier' | 'TreeEnsembleRegressor';
  /** Score columns the weights add into: classes of a classifier, targets of a regressor. */
  readonly columns: number;
  /** Columns of the output tensor (a binary classifier with one weight column still answers two). */
  readonly width: number;
  readonly roots: Int32Array;
  /** Feature index of a branch; -1 for a leaf. */
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  /** Index into MODES. */
  readonly mode: Uint8Array;
  readonly missingTrue: Uint8Array;
  readonly children: Int32Array;
  /** A leaf's weights are weightColumn/weightValue[weightStart[i], weightStart[i] + weightCount[i]). */
  readonly weightStart: Int32Array;
  readonly weightCount: Int32Array;
  readonly weightColumn: Int32Array;
  readonly weightValue: Float32Array;
  readonly base: Float32Array;
  readonly aggregate: (typeof AGGREGATE)[number];
  readonly post: (typeof POST)[number];
  /** A classifier with two labels and weights for the first only: 'positive' when no weight is negative, else 'mixed'. */
  readonly binary: 'positive' | 'mixed' | null;
  /** One score column summed, every branch an x < t test: the trees as an XGBoost-style forest for the fast walks. */
  readonly forest: Forest | null;
}

const ATTRIBUTES = new Set([
  'nodes_treeids', 'nodes_nodeids', 'nodes_featureids', 'nodes_modes', 'nodes_values', 'nodes_values_as_tensor', 'nodes_truenodeids', 'nodes_falsenodeids',
  'nodes_missing_value_tracks_true', 'nodes_hitrates', 'nodes_hitrates_as_tensor', 'base_values', 'base_values_as_tensor', 'post_transform',
  'class_treeids', 'class_nodeids', 'class_ids', 'class_weights', 'class_weights_as_tensor', 'classlabels_int64s', 'classlabels_strings',
  'target_treeids', 'target_nodeids', 'target_ids', 'target_weights', 'target_weights_as_tensor', 'n_targets', 'aggregate_function',
]);

/** The float values of an attribute given as a list or as a float tensor; a string says why not. */
function floatsOf(attrs: ReadonlyMap<string, OnnxAttribute>, name: string): readonly number[] | string {
  const tensor = attrs.get(`${name}_as_tensor`);
  if (tensor && tensor.tensorType !== 1) return `${name}_as_tensor is not a float tensor`;
  return (tensor ?? attrs.get(name))?.floats ?? [];
}

/**
 * Compiles a TreeEnsembleClassifier or TreeEnsembleRegressor node fed `inputWidth` features, or says
 * (a string) why its scores are left to onnxruntime: an attribute this reader does not know, a double
 * tensor, trees whose nodes are not listed together root first, a weight on a branch, a feature past
 * the input, a binary classifier laid out other than with weights for one class or for both.
 *
 * @example compileTreeEnsemble(node, 12) // a TreeEnsemble, or e.g. 'post_transform PROBIT of a binary classifier'
 */
export function compileTreeEnsemble(node: OnnxNode, inputWidth: number): TreeEnsemble | string {
  const op = node.op as TreeEnsemble['op'];
  const a = node.attributes;
  const unknown = [...a.keys()].filter((k) => !ATTRIBUTES.has(k));
  if (unknown.length > 0) return `attribute ${unknown.join(', ')}`;
  const ints = (name: string) => a.get(name)?.ints ?? [];
  const word = (name: string, fallback: string) => a.get(name)?.strings[0] ?? fallback;
  const values = floatsOf(a, 'nodes_values');
  const prefix = op === 'TreeEnsembleClassifier' ? 'class' : 'target';
  const weights = floatsOf(a, `${prefix}_weights`);
  const base = floatsOf(a, 'base_values');
  if (typeof values === 'string') return values;
  if (typeof weights === 'string') return weights;
  if (typeof base === 'string') return base;
  const post = word('post_transform', 'NONE') as TreeEnsemble['post'];
  const aggregate = word('aggregate_function', 'SUM') as TreeEnsemble['aggregate'];
  // PROBIT: onnxruntime's float32 approximation of the inverse error function cancels digits; its results are not reproduced to 1e-6.
  if (!POST.includes(post)) return `post_transform ${post}`;
  if (!AGGREGATE.includes(aggregate) || (op === 'TreeEnsembleClassifier' && a.has('aggregate_function'))) return `aggregate_function ${aggregate}`;

  const treeIds = ints('nodes_treeids');
  const nodeIds = ints('nodes_nodeids');
  const n = treeIds.length;
  const modes = a.get('nodes_modes')?.strings ?? [];
  const missing = ints('nodes_missing_value_tracks_true');
  const lists = [nodeIds, ints('nodes_featureids'), values, modes, ints('nodes_truenodeids'), ints('nodes_falsenodeids')];
  if (n === 0 || lists.some((l) => l.length !== n) || (missing.length !== 0 && missing.length !== n)) return 'node attributes of different lengths';
  const index = new Map<string, number>();
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${treeIds[i]}:${nodeIds[i]}`;
    if (index.has(key)) return `node ${key} listed twice`;
    index.set(key, i);
    // onnxruntime starts a tree at the first node listed after another tree's; a tree listed in two runs would count twice.
    if (i === 0 || treeIds[i] !== treeIds[i - 1]) {
      if (roots.some((r) => treeIds[r] === treeIds[i])) return `the nodes of tree ${treeIds[i]} are not listed together`;
      roots.push(i);
    }
  }
  const feature = new Int32Array(n);
  const mode = new Uint8Array(n);
  const children = new Int32Array(2 * n);
  const parents = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (modes[i] === 'LEAF') {
      feature[i] = -1;
      continue;
    }
    const m = MODES.indexOf(modes[i] as (typeof MODES)[number]);
    if (m < 0) return `node mode ${modes[i]}`;
    mode[i] = m;
    feature[i] = lists[1]![i] as number;
    if (feature[i]! < 0 || feature[i]! >= inputWidth) return `feature ${feature[i]} of a ${inputWidth}-feature input`;
    for (const [k, ids] of [[0, lists[4]!], [1, lists[5]!]] as const) {
      const child = index.get(`${treeIds[i]}:${ids[i]}`);
      if (child === undefined) return `node ${treeIds[i]}:${nodeIds[i]} points at a node that does not exist`;
      children[2 * i + k] = child;
      parents[child]!++;
    }
  }
  if (roots.some((r) => parents[r] !== 0) || !acyclic(roots, feature, children, n)) return 'a tree whose first listed node is not its root, or a cycle';

  const classes = op === 'TreeEnsembleClassifier' ? (a.get('classlabels_strings')?.strings.length || ints('classlabels_int64s').length) : 0;
  const columns = op === 'TreeEnsembleClassifier' ? classes : (ints('n_targets')[0] ?? 0);
  const wTrees = ints(`${prefix}_treeids`);
  const wNodes = ints(`${prefix}_nodeids`);
  const wIds = ints(`${prefix}_ids`);
  if (columns < 1 || wTrees.length !== wNodes.length || wIds.length !== wNodes.length || weights.length !== wNodes.length) return `${prefix} attributes of different lengths`;
  // onnxruntime sorts the weights by (tree, node), then by their order in the lists.
  const order = wNodes.map((_, k) => k).sort((p, q) => wTrees[p]! - wTrees[q]! || wNodes[p]! - wNodes[q]! || p - q);
  const weightStart = new Int32Array(n).fill(-1);
  const weightCount = new Int32Array(n);
  const weightColumn = new Int32Array(order.length);
  const weightValue = new Float32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const w = order[k]!;
    const leaf = index.get(`${wTrees[w]}:${wNodes[w]}`);
    if (leaf === undefined || feature[leaf]! >= 0) return `a weight on node ${wTrees[w]}:${wNodes[w]}, which is not a leaf`;
    if (wIds[w]! < 0 || wIds[w]! >= columns) return `${prefix}_ids ${wIds[w]} of ${columns} columns`;
    if (weightStart[leaf] === -1) weightStart[leaf] = k;
    weightCount[leaf]!++;
    weightColumn[k] = wIds[w]!;
    weightValue[k] = weights[w]!;
  }
  const used = new Set(wIds);
  let binary: TreeEnsemble['binary'] = null;
  if (op === 'TreeEnsembleClassifier') {
    // onnxruntime cannot label a row no weight reached (it fails); such graphs stay with it.
    if (![...Array(n).keys()].every((i) => feature[i]! >= 0 || weightCount[i]! > 0)) return 'a classifier leaf with no weight';
    if (classes === 2 && used.size === 1) {
      if (!used.has(0) || base.length > 1) return 'a binary classifier with weights for class 1 only, or two base values';
      binary = weights.every((w) => w >= 0) ? 'positive' : 'mixed';
    } else if (classes === 2) {
      // Both classes weighted: onnxruntime drops class 1 from a row whose leaves weigh class 0 only.
      if (base.length !== 0 || ![...Array(n).keys()].every((i) => feature[i]! >= 0 || hasBoth(i, weightStart, weightCount, weightColumn))) return 'a binary classifier whose leaves do not all weigh both classes, or with base values';
    } else if (base.length !== 0 && base.length !== columns) return `${base.length} base values for ${columns} classes`;
  } else {
    if (base.length !== 0 && base.length !== columns) return `${base.length} base values for ${columns} targets`;
    if (columns === 1 && ![...Array(n).keys()].every((i) => feature[i]! >= 0 || weightCount[i] === 1)) return 'a leaf with no weight or several weights';
  }
  const ensemble = {
    op, columns, width: op === 'TreeEnsembleClassifier' ? Math.max(2, columns) : columns,
    roots: Int32Array.from(roots), feature, threshold: Float32Array.from(values), mode, missingTrue: Uint8Array.from(missing.length ? missing : new Array(n).fill(0)), children,
    weightStart, weightCount, weightColumn, weightValue, base: Float32Array.from(base), aggregate, post, binary, forest: null,
  };
  const single = (op === 'TreeEnsembleRegressor' && columns === 1) || binary !== null;
  const oneWeight = [...Array(n).keys()].every((i) => feature[i]! >= 0 || weightCount[i] === 1);
  return { ...ensemble, forest: single && oneWeight && (aggregate === 'SUM' || aggregate === 'AVERAGE') ? ltForest(ensemble, inputWidth) : null };
}

function hasBoth(leaf: number, start: Int32Array, count: Int32Array, column: Int32Array): boolean {
  const cols = new Set<number>();
  for (let k = start[leaf]!; k >= 0 && k < start[leaf]! + count[leaf]!; k++) cols.add(column[k]!);
  return cols.has(0) && cols.has(1);
}

/** Whether every walk from a root ends at a leaf (no node reached twice on one path). */
function acyclic(roots: readonly number[], feature: Int32Array, children: Int32Array, n: number): boolean {
  const state = new Uint8Array(n); // 0 unseen, 1 on the stack, 2 done
  for (const root of roots) {
    const stack: number[] = [root];
    while (stack.length > 0) {
      const i = stack[stack.length - 1]!;
      if (state[i] === 0) {
        state[i] = 1;
        if (feature[i]! < 0) continue;
        for (const c of [children[2 * i]!, children[2 * i + 1]!]) {
          if (state[c] === 1) return false;
          if (state[c] === 0) stack.push(c);
        }
      } else {
        stack.pop();
        state[i] = 2;
      }
    }
  }
  return true;
}
