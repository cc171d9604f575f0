import type { TreesModel } from '../../harness/config/index.js';
import type { Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { bindFeatures, encodedModelInputs, featureNames } from './encode-features.js';
import type { Explanation, ModelAdapter, ModelMeta, Scorer } from './model-adapter.js';
import { encodedFeatures, matchFeatureNames, reorderFeatures } from './match-feature-names.js';
import { pathContributions } from './path-contributions.js';
import { predictMargins } from './predict-margins.js';
import { isLogistic, type Forest } from './xgboost-forest.js';

/**
 * Gradient-boosted trees (XGBoost JSON). Inputs are encoded into XGBoost's feature vector (float32,
 * NaN = missing), the trees are walked over flat typed arrays, and the objective's transform is
 * applied unless `output` is margin. `explain` gives Saabas path contributions in margin space,
 * summed over each input's features (a one-hot input's indicators add up to the input).
 */
export function treesAdapter(model: TreesModel, meta: ModelMeta, forest: Forest): ModelAdapter {
  const names = featureNames(model.inputs);
  // The model's own feature order: declared feature_names, else the names XGBoost saved (pandas spells them col_value).
  if (names.length !== forest.features) {
    throw new DisparateError('model', `${meta.file}: inputs encode ${names.length} features (${names.join(', ')}) but ${model.file} has ${forest.features}`);
  }
  const declared = model.feature_names ?? forest.featureNames;
  const order = declared ? matchFeatureNames(meta.file, model.file, encodedFeatures(model.inputs), declared) : names.map((_, k) => k);
  const probability = model.output === 'probability' || (model.output === 'auto' && isLogistic(forest));
  if (model.output === 'probability' && !isLogistic(forest)) throw new DisparateError('model', `${meta.file}: output: probability needs a logistic objective; ${model.file} has ${forest.objective}`);
  // Which input each feature belongs to, for explanations.
  const owner = model.inputs.flatMap((input, k) => Array.from({ length: featureNames([input]).length }, () => k));
  return {
    meta,
    inputs: encodedModelInputs(model.inputs),
    bind(table: Table): Scorer {
      const { width, encode } = bindFeatures(meta, model.inputs, table);
      return (start, end) => {
        const margins = predictMargins(forest, reorderFeatures(encode(start, end), end - start, order), end - start, width);
        if (probability) for (let i = 0; i < margins.length; i++) margins[i] = 1 / (1 + Math.exp(-margins[i]!));
        return margins;
      };
    },
    explain(table: Table, row: number): Explanation {
      const { width, encode } = bindFeatures(meta, model.inputs, table);
      const x = reorderFeatures(encode(row, row + 1), 1, order);
      const { bias, contributions } = pathContributions(forest, x, width);
      const perInput = new Float64Array(model.inputs.length);
      contributions.forEach((c, f) => (perInput[owner[order[f]!]!]! += c));
      const total = bias + perInput.reduce((a, b) => a + b, 0);
      return {
        space: 'margin',
        base: bias,
        total,
        additive: true,
        method: `path contributions (Saabas) in margin space: base margin + root means + Σ contributions = margin${probability ? '; score = σ(margin)' : ''}`,
        contributions: model.inputs.map((input, k) => ({ input: input.name, value: perInput[k]! })),
      };
    },
  };
}
