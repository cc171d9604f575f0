import type { Table } from '../../datasets/table/index.js';

/** An input a model declares: the harness maps a population column to it, or refuses. */
export interface ModelInput {
  readonly name: string;
  readonly type: 'numeric' | 'categorical';
  /** Allowed levels of a categorical input. */
  readonly levels?: readonly string[];
}

/** Provenance of a loaded model, recorded in the manifest. */
export interface ModelMeta {
  readonly kind: string;
  readonly name: string;
  readonly source: string | null;
  readonly file: string;
  /** sha256 of the model file's bytes. */
  readonly hash: string;
}

/** A scorer bound to one table's columns: scores rows [start, end). */
export type Scorer = (start: number, end: number) => Float32Array;

/**
 * A loaded model. Loading (I/O) and binding (checking a table's columns against the declared
 * inputs) are separate from scoring, which is pure and batched.
 */
export interface ModelAdapter {
  readonly meta: ModelMeta;
  readonly inputs: readonly ModelInput[];
  bind(table: Table): Scorer;
}
