/**
 * ONNX graphs for the benchmarks, written without Python: a minimal protobuf writer for the few
 * ModelProto fields a graph of ai.onnx.ml operators needs. Not a general ONNX writer.
 */
type Bytes = number[];

/** A protobuf varint: an int64 as its 64-bit two's complement (negative numbers take ten bytes). */
function varint(n: number): Bytes {
  const out: Bytes = [];
  let v = BigInt.asUintN(64, BigInt(n));
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const tag = (field: number, wire: number) => varint(field * 8 + wire);
const int = (field: number, v: number): Bytes => [...tag(field, 0), ...varint(v)];
const bytes = (field: number, payload: Bytes): Bytes => [...tag(field, 2), ...varint(payload.length), ...payload];
const text = (field: number, s: string): Bytes => bytes(field, [...new TextEncoder().encode(s)]);
const floats = (field: number, values: readonly number[]): Bytes => bytes(field, [...new Uint8Array(Float32Array.from(values).buffer)]);
const ints = (field: number, values: readonly number[]): Bytes => bytes(field, values.flatMap((v) => varint(v)));

// AttributeProto: name 1, type 20 (FLOAT 1, INT 2, STRING 3, TENSOR 4, FLOATS 6, INTS 7, STRINGS 8), f 2, i 3, s 4, t 5, floats 7, ints 8, strings 9.
// A float tensor attribute (the `*_as_tensor` forms of ai.onnx.ml opset 3): TensorProto dims 1, data_type 2, float_data 4.
type Attr = number | string | readonly number[] | readonly string[] | { floats: readonly number[] } | { tensor: readonly number[] };
function attribute(name: string, value: Attr): Bytes {
  const head = text(1, name);
  if (typeof value === 'number') return bytes(5, [...head, ...int(20, 2), ...int(3, value)]);
  if (typeof value === 'string') return bytes(5, [...head, ...int(20, 3), ...text(4, value)]);
  if ('floats' in value) return bytes(5, [...head, ...int(20, 6), ...floats(7, value.floats)]);
  if ('tensor' in value) return bytes(5, [...head, ...int(20, 4), ...bytes(5, [...int(1, value.tensor.length), ...int(2, 1), ...floats(4, value.tensor)])]);
  if (value.length > 0 && typeof value[0] === 'string') return bytes(5, [...head, ...int(20, 8), ...(value as readonly string[]).flatMap((s) => text(9, s))]);
  return bytes(5, [...head, ...int(20, 7), ...ints(8, value as readonly number[])]);
}

function node(op: string, inputs: readonly string[], outputs: readonly string[], attrs: Record<string, Attr> = {}, domain = ''): Bytes {
  return bytes(1, [...inputs.flatMap((i) => text(1, i)), ...outputs.flatMap((o) => text(2, o)), ...text(4, op), ...Object.entries(attrs).flatMap(([k, v]) => attribute(k, v)), ...(domain ? text(7, domain) : [])]);
}

// TensorProto.DataType: FLOAT 1, INT64 7, STRING 8, DOUBLE 11. Width null: a one-dimensional [N] tensor.
function value(field: 11 | 12, name: string, elem: 1 | 7 | 8 | 11, width: number | null): Bytes {
  const shape = bytes(2, [...bytes(1, text(2, 'N')), ...(width === null ? [] : bytes(1, int(1, width)))]);
  return bytes(field, [...text(1, name), ...bytes(2, bytes(1, [...int(1, elem), ...shape]))]);
}

function model(nodes: Bytes[], inputs: Bytes[], outputs: Bytes[], ml = 1): Uint8Array {
  const graph = [...nodes.flat(), ...text(2, 'bench'), ...inputs.flat(), ...outputs.flat()];
  const opsets = [...bytes(8, [...text(1, ''), ...int(2, 13)]), ...bytes(8, [...text(1, 'ai.onnx.ml'), ...int(2, ml)])];
  return Uint8Array.from([...int(1, 8), ...text(2, 'disparate-bench'), ...bytes(7, graph), ...opsets]);
}

interface XgbTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
}

/**
 * An XGBoost JSON gbtree (binary:logistic, base_score 0.5) as a TreeEnsembleRegressor that sums the
 * leaves into the margin: score it with output.transform sigmoid to get XGBoost's probability.
 */
export function forestOnnx(xgb: { learner: { gradient_booster: { model: { trees: XgbTree[] } }; learner_model_param: { num_feature: string } } }): Uint8Array {
  const a = { treeids: [] as number[], nodeids: [] as number[], featureids: [] as number[], values: [] as number[], modes: [] as string[], truenodeids: [] as number[], falsenodeids: [] as number[], missing: [] as number[] };
  const t = { treeids: [] as number[], nodeids: [] as number[], ids: [] as number[], weights: [] as number[] };
  xgb.learner.gradient_booster.model.trees.forEach((tree, k) => {
    tree.left_children.forEach((left, i) => {
      const leaf = left === -1;
      a.treeids.push(k);
      a.nodeids.push(i);
      a.featureids.push(leaf ? 0 : tree.split_indices[i]!);
      a.values.push(leaf ? 0 : tree.split_conditions[i]!);
      a.modes.push(leaf ? 'LEAF' : 'BRANCH_LT');
      a.truenodeids.push(leaf ? 0 : left);
      a.falsenodeids.push(leaf ? 0 : tree.right_children[i]!);
      a.missing.push(leaf ? 0 : tree.default_left[i]!);
      if (leaf) {
        t.treeids.push(k);
        t.nodeids.push(i);
        t.ids.push(0);
        t.weights.push(tree.split_conditions[i]!);
      }
    });
  });
  const width = Number(xgb.learner.learner_model_param.num_feature);
  const ensemble = node('TreeEnsembleRegressor', ['input'], ['margin'], {
    n_targets: 1, aggregate_function: 'SUM', post_transform: 'NONE', base_values: { floats: [0] },
    nodes_treeids: a.treeids, nodes_nodeids: a.nodeids, nodes_featureids: a.featureids, nodes_values: { floats: a.values }, nodes_modes: a.modes,
    nodes_truenodeids: a.truenodeids, nodes_falsenodeids: a.falsenodeids, nodes_missing_value_tracks_true: a.missing,
    target_treeids: t.treeids, target_nodeids: t.nodeids, target_ids: t.ids, target_weights: { floats: t.weights },
  }, 'ai.onnx.ml');
  return model([ensemble], [value(11, 'input', 1, width)], [value(12, 'margin', 1, 1)]);
}

/** One node of a tree ensemble, as the ai.onnx.ml attributes list it. */
export interface EnsembleNode {
  readonly tree: number;
  readonly node: number;
  readonly feature: number;
  readonly value: number;
  readonly mode: string;
  readonly ifTrue: number;
  readonly ifFalse: number;
  readonly missingTrue: number;
}

/** A TreeEnsembleClassifier or TreeEnsembleRegressor graph fed one feature tensor, as skl2onnx and onnxmltools write it. */
export interface EnsembleGraph {
  readonly op: 'TreeEnsembleClassifier' | 'TreeEnsembleRegressor';
  readonly features: number;
  readonly nodes: readonly EnsembleNode[];
  /** Leaf weights: class ids of a classifier, target ids of a regressor. */
  readonly weights: readonly { readonly tree: number; readonly node: number; readonly id: number; readonly weight: number }[];
  readonly base?: readonly number[];
  readonly post?: string;
  /** Regressor: SUM (default), AVERAGE, MIN, MAX. */
  readonly aggregate?: string;
  readonly targets?: number;
  /** Classifier labels (default 0 and 1). */
  readonly classes?: readonly number[];
  /** Write nodes_values, the weights and base_values as float tensors (ai.onnx.ml opset 3). */
  readonly asTensor?: boolean;
  /** Feed the ensemble through a Cast to float of a double input. */
  readonly doubleInput?: boolean;
  /** Extra nodes after the ensemble's scores, e.g. a Mul, so the graph is no longer only an ensemble. */
  readonly after?: 'identity' | 'abs';
}

/**
 * A tree ensemble graph from its nodes and weights: input `input` [N, features], output `scores`
 * (the probabilities of a classifier, [N, classes]; the targets of a regressor), and a classifier's `label`.
 */
export function treeEnsembleOnnx(g: EnsembleGraph): Uint8Array {
  const classifier = g.op === 'TreeEnsembleClassifier';
  const prefix = classifier ? 'class' : 'target';
  const list = (values: readonly number[]) => (g.asTensor ? { tensor: values } : { floats: values });
  const attrs: Record<string, Attr> = {
    nodes_treeids: g.nodes.map((n) => n.tree), nodes_nodeids: g.nodes.map((n) => n.node), nodes_featureids: g.nodes.map((n) => n.feature),
    [g.asTensor ? 'nodes_values_as_tensor' : 'nodes_values']: list(g.nodes.map((n) => n.value)), nodes_modes: g.nodes.map((n) => n.mode),
    nodes_truenodeids: g.nodes.map((n) => n.ifTrue), nodes_falsenodeids: g.nodes.map((n) => n.ifFalse), nodes_missing_value_tracks_true: g.nodes.map((n) => n.missingTrue),
    [`${prefix}_treeids`]: g.weights.map((w) => w.tree), [`${prefix}_nodeids`]: g.weights.map((w) => w.node), [`${prefix}_ids`]: g.weights.map((w) => w.id),
    [g.asTensor ? `${prefix}_weights_as_tensor` : `${prefix}_weights`]: list(g.weights.map((w) => w.weight)),
    post_transform: g.post ?? 'NONE',
  };
  if (g.base) attrs[g.asTensor ? 'base_values_as_tensor' : 'base_values'] = list(g.base);
  if (classifier) attrs.classlabels_int64s = g.classes ?? [0, 1];
  else {
    attrs.n_targets = g.targets ?? 1;
    attrs.aggregate_function = g.aggregate ?? 'SUM';
  }
  const width = classifier ? Math.max(2, (g.classes ?? [0, 1]).length) : (g.targets ?? 1);
  const raw = g.after ? 'raw' : 'scores';
  const nodes = [
    ...(g.doubleInput ? [node('Cast', ['input'], ['features'], { to: 1 })] : []),
    node(g.op, [g.doubleInput ? 'features' : 'input'], classifier ? ['label', raw] : [raw], attrs, 'ai.onnx.ml'),
    ...(g.after ? [node(g.after === 'abs' ? 'Abs' : 'Identity', [raw], ['scores'])] : []),
  ];
  const outputs = [value(12, 'scores', 1, width), ...(classifier ? [value(12, 'label', 7, null)] : [])];
  return model(nodes, [value(11, 'input', g.doubleInput ? 11 : 1, g.features)], outputs, g.asTensor ? 3 : 1);
}

/**
 * A skl2onnx-style logistic pipeline: one input per column (numerics float, categoricals string),
 * Scaler on the numerics, OneHotEncoder per categorical, LinearClassifier, probabilities tensor.
 */
export function logisticPipelineOnnx(numerics: readonly string[], categoricals: readonly string[], levels: readonly string[]): Uint8Array {
  const nodes = [
    node('Concat', numerics, ['num'], { axis: 1 }),
    node('Scaler', ['num'], ['num_scaled'], { offset: { floats: numerics.map(() => 5) }, scale: { floats: numerics.map(() => 1 / 3) } }, 'ai.onnx.ml'),
    ...categoricals.flatMap((c) => [node('OneHotEncoder', [c], [`${c}_3d`], { cats_strings: levels, zeros: 1 }, 'ai.onnx.ml'), node('Flatten', [`${c}_3d`], [`${c}_oh`], { axis: 1 })]),
    node('Concat', ['num_scaled', ...categoricals.map((c) => `${c}_oh`)], ['features'], { axis: 1 }),
  ];
  const width = numerics.length + categoricals.length * levels.length;
  const coefficients = Array.from({ length: width }, (_, j) => ((j % 7) - 3) * 0.05);
  nodes.push(node('LinearClassifier', ['features'], ['label', 'probabilities'], { classlabels_ints: [0, 1], coefficients: { floats: [...coefficients.map((c) => -c), ...coefficients] }, intercepts: { floats: [1, -1] }, post_transform: 'LOGISTIC' }, 'ai.onnx.ml'));
  return model(nodes, [...numerics.map((n) => value(11, n, 1, 1)), ...categoricals.map((c) => value(11, c, 8, 1))], [value(12, 'probabilities', 1, 2)]);
}
