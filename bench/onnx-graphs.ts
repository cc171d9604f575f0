/**
 * ONNX graphs for the benchmarks, written without Python: a minimal protobuf writer for the few
 * ModelProto fields a graph of ai.onnx.ml operators needs. Not a general ONNX writer.
 */
type Bytes = number[];

function varint(n: number): Bytes {
  const out: Bytes = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const tag = (field: number, wire: number) => varint(field * 8 + wire);
const int = (field: number, v: number): Bytes => [...tag(field, 0), ...varint(v < 0 ? 2 ** 64 + v : v)];
const bytes = (field: number, payload: Bytes): Bytes => [...tag(field, 2), ...varint(payload.length), ...payload];
const text = (field: number, s: string): Bytes => bytes(field, [...new TextEncoder().encode(s)]);
const floats = (field: number, values: readonly number[]): Bytes => bytes(field, [...new Uint8Array(Float32Array.from(values).buffer)]);
const ints = (field: number, values: readonly number[]): Bytes => bytes(field, values.flatMap((v) => varint(v)));

// AttributeProto: name 1, type 20 (FLOAT 1, INT 2, STRING 3, FLOATS 6, INTS 7, STRINGS 8), f 2, i 3, s 4, floats 7, ints 8, strings 9.
type Attr = number | string | readonly number[] | readonly string[] | { floats: readonly number[] };
function attribute(name: string, value: Attr): Bytes {
  const head = text(1, name);
  if (typeof value === 'number') return bytes(5, [...head, ...int(20, 2), ...int(3, value)]);
  if (typeof value === 'string') return bytes(5, [...head, ...int(20, 3), ...text(4, value)]);
  if ('floats' in value) return bytes(5, [...head, ...int(20, 6), ...floats(7, value.floats)]);
  if (value.length > 0 && typeof value[0] === 'string') return bytes(5, [...head, ...int(20, 8), ...(value as readonly string[]).flatMap((s) => text(9, s))]);
  return bytes(5, [...head, ...int(20, 7), ...ints(8, value as readonly number[])]);
}

function node(op: string, inputs: readonly string[], outputs: readonly string[], attrs: Record<string, Attr> = {}, domain = ''): Bytes {
  return bytes(1, [...inputs.flatMap((i) => text(1, i)), ...outputs.flatMap((o) => text(2, o)), ...text(4, op), ...Object.entries(attrs).flatMap(([k, v]) => attribute(k, v)), ...(domain ? text(7, domain) : [])]);
}

// TensorProto.DataType: FLOAT 1, STRING 8.
function value(field: 11 | 12, name: string, elem: 1 | 8, width: number): Bytes {
  const shape = bytes(2, [...bytes(1, text(2, 'N')), ...bytes(1, int(1, width))]);
  return bytes(field, [...text(1, name), ...bytes(2, bytes(1, [...int(1, elem), ...shape]))]);
}

function model(nodes: Bytes[], inputs: Bytes[], outputs: Bytes[]): Uint8Array {
  const graph = [...nodes.flat(), ...text(2, 'bench'), ...inputs.flat(), ...outputs.flat()];
  const opsets = [...bytes(8, [...text(1, ''), ...int(2, 13)]), ...bytes(8, [...text(1, 'ai.onnx.ml'), ...int(2, 1)])];
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
