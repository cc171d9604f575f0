import type { Table } from '../../datasets/table/index.js';

/** An input a model declares: the harness maps a population column to it, or refuses. */
export interface ModelInput {
  readonly name: string;
  readonly type: 'numeric' | 'categorical';
  /** Allowed levels of a categorical input. */
  readonly levels?: readonly string[];
  /** Value explain sets the input to when measuring a black box's dependence on it. */
  readonly reference?: number | string;
}

/** Provenance of a loaded model, recorded in the manifest. */
export interface ModelMeta {
  readonly kind: string;
  readonly name: string;
  readonly source: string | null;
  readonly file: string;
  /** sha256 of the model file's bytes, and of every file it refers to (trees, tfjs, onnx, scores, a command's script and artifacts, an http model's artifacts), in order. */
  readonly hash: string;
  /** The files hashed besides the model file, absolute, in hash order (none for a self-contained model). */
  readonly artifacts?: readonly string[];
  /** What a run should report about the model itself, e.g. a command model that lists no artifacts. */
  readonly warnings?: readonly { readonly code: string; readonly message: string }[];
}

/** Which engine scores a model and, for a compiled tree ensemble, how far it was from onnxruntime on the check sample. */
export interface EngineReport {
  /** "compiled tree ensemble" or "onnxruntime". */
  readonly name: string;
  readonly check?: { readonly reference: string; readonly rows: number; readonly max_difference: number; readonly tolerance: number };
}

/** A scorer bound to one table's columns: scores rows [start, end). */
export type Scorer = (start: number, end: number) => Float32Array;

/** The asynchronous variant, for models behind a process, a socket or a lazily loaded runtime. */
export type AsyncScorer = (start: number, end: number) => Promise<Float32Array>;

/** One input's share of a score, in the explanation's `space`. */
export interface Contribution {
  readonly input: string;
  readonly value: number;
  /** What the input's value was, or which table cell it hit. */
  readonly detail?: string;
}

/**
 * Why a row got its score. Additive explanations satisfy base + Σ contributions = total (exactly,
 * up to float rounding); a scorecard's table points are combined by its expression instead.
 */
export interface Explanation {
  /** logit (logistic), score (linear, black boxes), margin (trees), points (scorecard tables). */
  readonly space: 'logit' | 'score' | 'margin' | 'points';
  readonly base: number;
  readonly total: number;
  readonly additive: boolean;
  readonly method: string;
  readonly contributions: readonly Contribution[];
}

/**
 * A loaded model. Loading (I/O) and binding (checking a table's columns against the declared
 * inputs) are separate from scoring, which is pure and batched. `explain`, when present, gives the
 * model's own exact attribution of one row; without it, explain falls back to a black-box method.
 */
export interface ModelAdapter {
  readonly meta: ModelMeta;
  readonly inputs: readonly ModelInput[];
  readonly async?: false;
  bind(table: Table): Scorer;
  explain?(table: Table, row: number): Explanation;
  /** The model's own category of a score (a scorecard's risk categories), or null. */
  category?(score: number): string | null;
}

/** A model that scores asynchronously (tfjs, command, http). Same contract, awaited. */
export interface AsyncModelAdapter {
  readonly meta: ModelMeta;
  readonly inputs: readonly ModelInput[];
  readonly async: true;
  bind(table: Table): AsyncScorer;
  /** An ONNX model's engine, checked against onnxruntime on the first rows of `table` when compiled. */
  checkEngine?(table: Table): Promise<EngineReport>;
  explain?(table: Table, row: number): Explanation;
  category?(score: number): string | null;
}

export type AnyModelAdapter = ModelAdapter | AsyncModelAdapter;

/** A binder that works for either kind of adapter: always awaitable. */
export function bindAsync(model: AnyModelAdapter, table: Table): AsyncScorer {
  const scorer = model.bind(table);
  return async (start, end) => scorer(start, end);
}
