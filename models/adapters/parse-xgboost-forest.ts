import { DisparateError } from '../../harness/errors/index.js';
import { checkXgboostTree, type RawTree } from './check-xgboost-tree.js';
import { completeForest } from './complete-forest.js';
import { IDENTITY, LOGISTIC, type Forest } from './xgboost-forest.js';

/**
 * Reads XGBoost's JSON model (Booster.save_model("m.json"), XGBoost ≥ 1.0) into a {@link Forest}.
 * Refuses what it cannot score faithfully: other boosters (dart, gblinear), multi-class models,
 * categorical splits, and objectives other than logistic and squared-error regression.
 *
 * @example
 * const forest = parseXgboostForest(parseJson(text, 'model.json', 'model'), 'model.json');
 */
export function parseXgboostForest(raw: unknown, file: string): Forest {
  const learner = get(raw, ['learner'], file);
  const booster = get(learner, ['gradient_booster'], file) as { name?: string };
  if (booster.name !== 'gbtree') throw new DisparateError('model', `${file}: booster "${booster.name}" is not supported (gbtree only)`);
  const param = get(learner, ['learner_model_param'], file) as Record<string, string>;
  const objective = String((get(learner, ['objective', 'name'], file) as string) ?? '');
  if (!LOGISTIC.has(objective) && !IDENTITY.has(objective)) throw new DisparateError('model', `${file}: objective "${objective}" is not supported (binary:logistic, reg:logistic, binary:logitraw, reg:squarederror)`);
  if (Number(param.num_class ?? 0) > 1 || Number(param.num_target ?? 1) > 1) throw new DisparateError('model', `${file}: multi-class and multi-target models are not supported`);
  const features = Number(param.num_feature);
  if (!Number.isSafeInteger(features) || features < 1) throw new DisparateError('model', `${file}: learner.learner_model_param.num_feature: ${JSON.stringify(param.num_feature)} is not a positive integer`);
  const baseScore = Math.fround(Number(param.base_score ?? 0.5));
  // ProbToMargin of the objective, in float32 as XGBoost computes it.
  const baseMargin = LOGISTIC.has(objective) ? Math.fround(-Math.log(Math.fround(Math.fround(1 / baseScore) - 1))) : baseScore;
  const model = get(booster, ['model'], file) as { trees: unknown; tree_info?: number[] };
  if (!Array.isArray(model.trees)) throw new DisparateError('model', `${file}: learner.gradient_booster.model.trees is ${model.trees === null ? 'null' : model.trees === undefined ? 'missing' : 'not an array'}`);
  // Every tree is checked before any is read or walked.
  const orders = model.trees.map((tree, t) => checkXgboostTree(tree, t, file, features));
  const trees = model.trees as RawTree[];
  const total = trees.reduce((s, t) => s + t.left_children.length, 0);
  const forest = {
    features,
    featureNames: (learner as { feature_names?: string[] }).feature_names?.length ? (learner as { feature_names: string[] }).feature_names : null,
    objective,
    baseMargin,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float32Array(total),
    children: new Int32Array(2 * total),
    defaultLeft: new Uint8Array(total),
    value: new Float64Array(total),
  };
  let offset = 0;
  trees.forEach((tree, t) => {
    const m = tree.left_children.length;
    if (tree.split_type?.some((s) => s !== 0)) throw new DisparateError('model', `${file}: tree ${t} has categorical splits, which are not supported (one-hot encode the input instead)`);
    forest.roots[t] = offset;
    for (let i = 0; i < m; i++) {
      const g = offset + i;
      const left = tree.left_children[i]!;
      forest.threshold[g] = tree.split_conditions[i]!;
      if (left === -1) {
        forest.feature[g] = -1;
        forest.value[g] = Math.fround(tree.split_conditions[i]!);
        continue;
      }
      forest.feature[g] = tree.split_indices[i]!;
      forest.children[2 * g] = offset + left;
      forest.children[2 * g + 1] = offset + tree.right_children[i]!;
      forest.defaultLeft[g] = tree.default_left[i] ? 1 : 0;
    }
    fillMeans(forest, tree, offset, orders[t]!);
    offset += m;
  });
  return { ...forest, complete: completeForest(forest) };
}

function get(obj: unknown, path: string[], file: string): unknown {
  let cur = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) {
      throw new DisparateError('model', `${file}: not an XGBoost JSON model: missing ${path.join('.')}`);
    }
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Cover-weighted mean leaf value below each node (XGBoost's FillNodeMeanValues), children before parents. */
function fillMeans(forest: { value: Float64Array }, tree: RawTree, offset: number, order: Int32Array): void {
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    if (tree.left_children[i] === -1) continue;
    const l = tree.left_children[i]!;
    const r = tree.right_children[i]!;
    forest.value[offset + i] = (forest.value[offset + l]! * tree.sum_hessian[l]! + forest.value[offset + r]! * tree.sum_hessian[r]!) / tree.sum_hessian[i]!;
  }
}
