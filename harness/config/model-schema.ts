import { z } from 'zod';

/**
 * Model files (JSON). Every model declares its inputs; the harness refuses a population that
 * lacks one or gives it the wrong type, naming each.
 */

const Meta = {
  name: z.string().describe('Short model name.'),
  description: z.string().optional(),
  source: z.string().optional().describe('Where the model or its coefficients come from (citation).'),
};

/** A numeric input's preprocessing, as the training pipeline applied it: transform, then clip, then bins. */
const TRANSFORM = z.enum(['identity', 'log', 'log1p']);
const CLIP = z.tuple([z.number(), z.number()]).optional();
const BIN_EDGES = z
  .array(z.number())
  .min(1)
  .refine((e) => e.every((x, i) => i === 0 || x > e[i - 1]!), 'bin edges must be strictly ascending');

export const NumericInput = z
  .object({
    name: z.string(),
    type: z.literal('numeric'),
    coefficient: z.number(),
    transform: TRANSFORM.default('identity').describe('Applied first, as the training code did (np.log, np.log1p); a value outside its domain stops the run naming the row. Default identity.'),
    clip: CLIP.describe('[low, high]: values are clipped to this range after the transform (np.clip). Default none.'),
    bins: BIN_EDGES.optional()
      .describe('Ascending edges: the value (after transform and clip) becomes its bin index, the number of edges ≤ it (np.searchsorted(edges, x, side="right"); pd.cut codes with right=False), and the coefficient multiplies that index. Default none.'),
    center: z.number().default(0).describe('Standardisation: the coefficient multiplies (bin(clip(transform(x))) − center) / scale. Default 0.'),
    scale: z.number().positive().default(1).describe('Default 1.'),
  })
  .strict();

export const CategoricalInput = z
  .object({
    name: z.string(),
    type: z.literal('categorical'),
    levels: z.array(z.string()).min(1).describe('Every level the model accepts; others are refused.'),
    coefficients: z.record(z.string(), z.number()).describe('Coefficient per level; unlisted levels are the reference (0).'),
  })
  .strict();

const LinearFields = {
  ...Meta,
  intercept: z.number(),
  inputs: z.array(z.discriminatedUnion('type', [NumericInput, CategoricalInput])).min(1),
};

export const LogisticModel = z
  .object({ kind: z.literal('logistic'), ...LinearFields })
  .strict()
  .describe('score = 1 / (1 + exp(−(intercept + Σ contribution))).');

export const LinearModel = z
  .object({ kind: z.literal('linear'), ...LinearFields })
  .strict()
  .describe('score = intercept + Σ contribution (a linear probability model or a linear surrogate), same inputs as logistic.');
/** Logistic and linear models share one shape; `kind` says whether σ is applied. */
export type LogisticModel = z.infer<typeof LogisticModel> | z.infer<typeof LinearModel>;

export const PointsTable = z
  .object({
    inputs: z.array(z.string()).min(1).max(4).describe('One to four categorical inputs.'),
    points: z
      .record(z.string(), z.union([z.number(), z.record(z.string(), z.unknown())]))
      .describe('Points per level of the first input, nested per level of each further input, e.g. {"0km": {"15-18": 120}} for [distance, age]. Leaves are numbers.'),
    default: z.number().default(0).describe('Points for combinations the table does not list. Default 0.'),
  })
  .strict();

export const ScorecardModel = z
  .object({
    kind: z.literal('scorecard'),
    ...Meta,
    levels: z.record(z.string(), z.array(z.string()).min(1)).describe('Allowed levels of every input.'),
    tables: z.record(z.string(), PointsTable).describe('Named points tables.'),
    combine: z.string().describe('Arithmetic over table names: + − × ÷ and parentheses, e.g. "R1 * (R2 + R3)".'),
    categories: z
      .array(z.object({ name: z.string(), min: z.number().describe('Lowest score of the category (inclusive).') }).strict())
      .optional()
      .describe('Risk categories by score cut-off, highest first, e.g. DUO\'s [{"name": "1 very high", "min": 80}, …]. A score below every min has no category. Reported by score and explain.'),
  })
  .strict();
export type ScorecardModel = z.infer<typeof ScorecardModel>;

const Missing = z
  .enum(['error', 'pass'])
  .default('error')
  .describe('error: a missing value (NaN, empty) stops the run naming the row; pass: handed to the model as missing (NaN for trees, which follow their default direction; null for command/http). Default error.');

export const EncodedNumericInput = z
  .object({
    name: z.string(),
    type: z.literal('numeric'),
    transform: TRANSFORM.default('identity').describe('Applied first, as the training code did (np.log, np.log1p); a value outside its domain stops the run naming the row. Default identity.'),
    clip: CLIP.describe('[low, high]: values are clipped to this range after the transform (np.clip). Default none.'),
    bins: BIN_EDGES.optional()
      .describe('Ascending edges: the value (after transform and clip) becomes its bin index, the number of edges ≤ it (np.searchsorted(edges, x, side="right"); pd.cut codes with right=False). Default none.'),
    center: z.number().default(0).describe('Standardisation: the model sees (bin(clip(transform(x))) − center) / scale. Default 0.'),
    scale: z.number().positive().default(1).describe('Default 1.'),
    missing: Missing,
    reference: z.number().optional().describe('Value explain sets this input to when measuring its contribution to a black box. Default center.'),
  })
  .strict();

export const EncodedCategoricalInput = z
  .object({
    name: z.string(),
    type: z.literal('categorical'),
    levels: z.array(z.string()).min(1).describe('Every level the model accepts; others are refused.'),
    encoding: z
      .enum(['one_hot', 'ordinal'])
      .default('one_hot')
      .describe('one_hot: one 0/1 feature per level named "input=level" (except `drop`); ordinal: one feature, the level\'s index in `levels`. Default one_hot.'),
    drop: z.string().optional().describe('A level with no one-hot feature (the reference level of a dummy coding).'),
    missing: Missing,
    reference: z.string().optional().describe('Level explain sets this input to when measuring its contribution. Default `drop`, else the first level.'),
  })
  .strict();

export type EncodedNumericInput = z.infer<typeof EncodedNumericInput>;

/** An input of a trees or tfjs model: how a population column becomes features. */
export const EncodedInput = z.discriminatedUnion('type', [EncodedNumericInput, EncodedCategoricalInput]);
export type EncodedInput = z.infer<typeof EncodedInput>;

/** A model feature named as its training data named it, mapped explicitly to an input (and level). */
export const FeatureName = z.union([
  z.string(),
  z
    .object({
      name: z.string().describe('The feature\'s name in the model, e.g. "log_income" or "is_single_parent".'),
      input: z.string().describe('The declared input it encodes (its transform, clip and scaling apply).'),
      level: z.string().optional().describe('For a one-hot feature: the input\'s level it indicates.'),
    })
    .strict(),
]);
export type FeatureName = z.infer<typeof FeatureName>;

const Encoded = {
  inputs: z
    .array(EncodedInput)
    .min(1)
    .describe('Inputs in order; their encoded features, concatenated, are the model\'s feature vector (numeric: one feature named after the input; categorical: see encoding).'),
  feature_names: z
    .array(FeatureName)
    .min(1)
    .optional()
    .describe('The model\'s features in its own order, as the training data named them: a name matched to an encoded feature ("income", "num__income"; one-hot "unemployed_yes", "unemployed=yes", "unemployed__yes", "onehot__unemployed_yes"), or {name, input, level} for any other name. Default: for trees, the XGBoost file\'s feature_names; otherwise the encoded features in input order.'),
};

export const TreesModel = z
  .object({
    kind: z.literal('trees'),
    ...Meta,
    format: z.literal('xgboost-json').default('xgboost-json').describe('XGBoost\'s JSON model format (Booster.save_model("x.json")), gbtree booster. Default xgboost-json.'),
    file: z.string().describe('The XGBoost JSON file, relative to this model file.'),
    output: z
      .enum(['auto', 'probability', 'margin'])
      .default('auto')
      .describe('auto: what XGBoost\'s predict returns for the objective (probability for binary:logistic and reg:logistic, the margin otherwise); margin: the raw sum of leaves and base margin (output_margin=True). Default auto.'),
    ...Encoded,
  })
  .strict()
  .describe('Gradient-boosted trees. Feature names in the XGBoost file, when present, must equal the encoded feature names in order.');
export type TreesModel = z.infer<typeof TreesModel>;

export const TfjsModel = z
  .object({
    kind: z.literal('tfjs'),
    ...Meta,
    path: z.string().describe('Folder holding model.json and its weight files (or the model.json itself), relative to this model file. Read from disk, never from the network.'),
    engine: z
      .enum(['auto', 'tfjs', 'dense'])
      .default('auto')
      .describe('tfjs: model.predict in batches; dense: a hand-written float32 kernel over the exported weights (Sequential Dense layers only); auto: dense when the model allows, else tfjs. Default auto.'),
    batch_size: z.number().int().positive().default(65536).describe('Rows per predict call. Default 65,536.'),
    ...Encoded,
  })
  .strict()
  .describe('A TensorFlow.js LayersModel or GraphModel with one input (the feature vector) and one output (the score).');
export type TfjsModel = z.infer<typeof TfjsModel>;

export const OnnxOutput = z
  .object({
    name: z.string().optional().describe('Graph output to read. Default: the first ZipMap output (skl2onnx, onnxmltools), else the first float output whose name contains "prob", else the first float output.'),
    class: z
      .union([z.number().int().min(0), z.string()])
      .optional()
      .describe('Which column is the score: a column index of a probabilities tensor, or a ZipMap class label ("1", "fraud"). Default: the last column (the positive class of a binary classifier); a one-column output is read as is.'),
    transform: z.enum(['identity', 'sigmoid']).default('identity').describe('sigmoid turns a raw score (a logit) into a probability. Default identity.'),
  })
  .strict();

export const OnnxModel = z
  .object({
    kind: z.literal('onnx'),
    ...Meta,
    file: z.string().describe('The ONNX graph (.onnx), relative to this model file. skl2onnx, onnxmltools (XGBoost, LightGBM, CatBoost), torch.onnx and tf2onnx write it.'),
    tensor: z
      .string()
      .optional()
      .describe('Name of the one float input fed the encoded feature vector (rows × features). Default: when every graph input is named after a declared input, each gets its own column (numbers as the input\'s element type, levels as strings), as a ColumnTransformer pipeline exported by skl2onnx expects; otherwise the graph\'s only input.'),
    output: OnnxOutput.default({ transform: 'identity' }).describe('Which output and column is the score.'),
    engine: z
      .enum(['auto', 'onnxruntime', 'node', 'web'])
      .default('auto')
      .describe('auto: a graph that is one tree ensemble (TreeEnsembleClassifier or TreeEnsembleRegressor fed the feature tensor) is compiled and walked in JavaScript, its first rows checked against onnxruntime on every run (a difference above 1e-6 refuses the model); any other graph runs on onnxruntime-node, else onnxruntime-web where the native binding cannot load. onnxruntime: always onnxruntime (node, else web); node: onnxruntime-node (native CPU) only; web: onnxruntime-web (WebAssembly) only. Default auto.'),
    batch_size: z.number().int().positive().default(65536).describe('Rows per session run. Default 65,536.'),
    ...Encoded,
  })
  .strict()
  .describe('An ONNX model: a tree ensemble compiled and checked against onnxruntime, any other graph run by onnxruntime, one session per worker thread, single-threaded inside so results do not depend on the number of workers.');
export type OnnxModel = z.infer<typeof OnnxModel>;

export const AdditiveInput = z
  .object({
    name: z.string(),
    type: z.enum(['numeric', 'categorical']),
    edges: z
      .array(z.number())
      .optional()
      .describe('Numeric: ascending cut points; a value\'s bin is the number of edges ≤ it (below the first edge: bin 0; at or above the last: bin edges.length), as interpret\'s EBM bins (np.searchsorted(cuts, x, side="right")).'),
    levels: z.array(z.string()).min(1).optional().describe('Categorical: every level the model accepts; a level\'s bin is its index here.'),
    transform: TRANSFORM.optional()
      .describe('Numeric: applied first, as the training pipeline did before the model saw the value (np.log, np.log1p); a value outside its domain stops the run naming the row. Default identity.'),
    clip: CLIP.describe('Numeric: [low, high], applied after the transform (np.clip). Default none.'),
    center: z.number().optional().describe('Numeric: standardisation before binning: the edges apply to (clip(transform(x)) − center) / scale, as after a StandardScaler in the pipeline. Default 0.'),
    scale: z.number().positive().optional().describe('Numeric: see center. Default 1.'),
  })
  .strict();

export const AdditiveTerm = z
  .object({
    inputs: z.array(z.string()).min(1).max(2).describe('One input (a shape function) or two (a pairwise interaction).'),
    scores: z
      .array(z.union([z.number(), z.array(z.number())]))
      .min(1)
      .describe('Score per bin of the first input; for a pair, per bin of the first input an array per bin of the second (scores[i][j]).'),
  })
  .strict();

export const AdditiveModel = z
  .object({
    kind: z.literal('additive'),
    ...Meta,
    intercept: z.number(),
    link: z.enum(['logit', 'identity']).default('logit').describe('logit: score = σ(intercept + Σ term scores) (a classifier); identity: the sum itself (a regressor). Default logit.'),
    inputs: z.array(AdditiveInput).min(1).describe('Inputs and their binning; missing values are refused, naming the row.'),
    terms: z.array(AdditiveTerm).min(1),
  })
  .strict()
  .describe('A generalized additive model with pairwise interactions, such as an Explainable Boosting Machine (interpret): per-input bin scores and pairwise tables summed with the intercept. explain gives each term\'s score exactly.');
export type AdditiveModel = z.infer<typeof AdditiveModel>;

/** An input handed as-is to a black box (command or http): a number or a level, null when missing. */
export const RawInput = z
  .object({
    name: z.string(),
    type: z.enum(['numeric', 'categorical']),
    levels: z.array(z.string()).min(1).optional().describe('Levels a categorical input accepts.'),
    missing: Missing,
    reference: z.union([z.number(), z.string()]).optional().describe('Value explain sets this input to when measuring its contribution. Default 0 or the first level.'),
  })
  .strict();
export type RawInput = z.infer<typeof RawInput>;

export const CommandModel = z
  .object({
    kind: z.literal('command'),
    ...Meta,
    command: z.array(z.string()).min(1).describe('Program and arguments, e.g. ["python3", "score.py"]; a relative program path is resolved against this model file\'s folder, which is also the working directory.'),
    batch_size: z.number().int().positive().default(1000).describe('Applicants per request line. Default 1,000.'),
    timeout_ms: z.number().int().positive().default(60000).describe('Whole-call timeout per scored chunk. Default 60,000.'),
    artifacts: z
      .array(z.string())
      .default([])
      .describe('Files the command reads (weights, a pickle, a vocabulary), relative to this model file: hashed into the manifest\'s model hash with the descriptor and the script, so that replacing one changes the hash. The program and any argument naming a file are hashed without being listed. A run warns when a command model lists none. Default none.'),
    inputs: z.array(RawInput).min(1),
  })
  .strict()
  .describe('An external process. Each stdin line is a JSON array of applicant objects; it must answer each with one stdout line, a JSON array of as many numbers, then exit 0 when stdin closes.');
export type CommandModel = z.infer<typeof CommandModel>;

export const HttpModel = z
  .object({
    kind: z.literal('http'),
    ...Meta,
    url: z.string().url().describe('Endpoint receiving POST {"rows": [applicant, …]} and answering {"scores": [number, …]}.'),
    headers: z.record(z.string(), z.string()).default({}).describe('Extra request headers.'),
    batch_size: z.number().int().positive().default(10000).describe('Applicants per request. Default 10,000.'),
    concurrency: z.number().int().positive().default(4).describe('Requests in flight at once (per worker thread). Default 4.'),
    timeout_ms: z.number().int().positive().default(30000).describe('Deadline of one request\'s whole exchange: connecting, sending, the headers and the whole body. Also the longest wait before a retry: a longer Retry-After stops the run. Default 30,000.'),
    retries: z.number().int().min(0).default(3).describe('Retries of a request after a timeout, a network error, a cut-off body, 429 or 5xx; then the run stops. Default 3.'),
    backoff_ms: z.number().int().min(0).default(250).describe('First retry delay, doubled each retry, at most timeout_ms (Retry-After wins when given). Default 250.'),
    redirects: z
      .array(z.string().url())
      .default([])
      .describe('URLs on the origin of `url` the endpoint may redirect to with 307 or 308 (the batch is posted again there). Any other redirect stops the run: rows and headers are never sent to an undeclared URL. Default none.'),
    artifacts: z
      .array(z.string())
      .default([])
      .describe('Copies of the files the service behind the endpoint runs (its model file, weights, a pickle), relative to this model file: hashed into the manifest\'s model hash with the descriptor, so the manifest records which files were audited. The endpoint itself is not hashed: pair them with a verify block to show it answers as those files do. Default none.'),
    inputs: z.array(RawInput).min(1),
  })
  .strict();
export type HttpModel = z.infer<typeof HttpModel>;

export const ScoresModel = z
  .object({
    kind: z.literal('scores'),
    ...Meta,
    file: z.string().describe('CSV or JSONL file of precomputed scores (or 0/1 decisions), relative to this model file.'),
    id: z.string().describe('Id column, present in both the scores file and the population.'),
    score: z.string().default('score').describe('Score column of the file. Default "score".'),
  })
  .strict()
  .describe('Precomputed scores joined to the population by id; every population id must have exactly one score.');
export type ScoresModel = z.infer<typeof ScoresModel>;

export const ModelFile = z.discriminatedUnion('kind', [LogisticModel, LinearModel, ScorecardModel, TreesModel, TfjsModel, OnnxModel, AdditiveModel, CommandModel, HttpModel, ScoresModel]);
export type ModelFile = z.infer<typeof ModelFile>;
