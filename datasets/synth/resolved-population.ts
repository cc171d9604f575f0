import type { PopulationSpec } from '../../harness/config/population-schema.js';

/**
 * A population spec checked and compiled for sampling: nodes in topological order, with every
 * per-level parameter table precomputed so that sampling is a few passes over typed arrays.
 */
export interface ResolvedPopulation {
  readonly spec: PopulationSpec;
  /** Sampling order: parents before children; the outcome, if any, last. */
  readonly order: readonly ResolvedNode[];
  /** Column names in declaration order, the outcome last. */
  readonly columns: readonly string[];
  readonly nodes: ReadonlyMap<string, ResolvedNode>;
}

/** base + Σ addend[parent code] + Σ coef × parent value. */
export interface ResolvedLinear {
  readonly base: number;
  readonly categorical: readonly { readonly parent: string; readonly addend: Float64Array }[];
  readonly numeric: readonly { readonly parent: string; readonly coef: number }[];
}

export type NumericDist = 'normal' | 'lognormal' | 'uniform' | 'poisson';

export type ResolvedNode =
  | {
      readonly kind: 'categorical';
      readonly name: string;
      readonly stream: number;
      readonly levels: readonly string[];
      readonly parents: readonly string[];
      /** Mixed-radix stride of each parent's code in the combination index. */
      readonly strides: readonly number[];
      /** Cumulative probabilities, combinations × levels; the last of each row is exactly 1. */
      readonly cum: Float64Array;
    }
  | {
      readonly kind: 'numeric';
      readonly name: string;
      readonly stream: number;
      readonly dist: NumericDist;
      /** Parameters in the order of the distribution: (mean, sd), (meanlog, sdlog), (min, max), (lambda). */
      readonly params: readonly ResolvedLinear[];
      readonly parents: readonly string[];
      readonly min: number;
      readonly max: number;
      readonly round: number | undefined;
    }
  | {
      readonly kind: 'derived';
      readonly name: string;
      readonly from: string;
      readonly parents: readonly string[];
      readonly levels: readonly string[];
      /** Exclusive upper bounds of all bins but the last. */
      readonly bounds: Float64Array;
    }
  | {
      readonly kind: 'outcome';
      readonly name: string;
      readonly stream: number;
      readonly parents: readonly string[];
      readonly logit: ResolvedLinear;
    };

/** A semantic problem in a spec, with the dotted path of the field at fault. */
export interface PopulationIssue {
  readonly path: string;
  readonly message: string;
}
