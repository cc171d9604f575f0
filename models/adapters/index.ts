export { evaluateArithmetic, expressionNames, parseArithmetic, type Expr } from './arithmetic.js';
export { bindFeatures, featureNames } from './encode-features.js';
export { loadAnyModel, loadModel } from './load-model.js';
export { bindAsync, type AnyModelAdapter, type AsyncModelAdapter, type AsyncScorer, type Contribution, type Explanation, type ModelAdapter, type ModelInput, type ModelMeta, type Scorer } from './model-adapter.js';
export { scoreCategory } from './scorecard.js';
export { loadTf } from './tfjs.js';
export { parseXgboostForest } from './parse-xgboost-forest.js';
export { predictMargins } from './predict-margins.js';
export { type Forest } from './xgboost-forest.js';
