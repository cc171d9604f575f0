export { evaluateArithmetic, expressionNames, parseArithmetic, type Expr } from './arithmetic.js';
export { loadModel } from './load-model.js';
export type { ModelAdapter, ModelInput, ModelMeta, Scorer } from './model-adapter.js';
