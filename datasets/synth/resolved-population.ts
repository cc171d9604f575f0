import type { PopulationSpec } from '../../harness/config/index.js';

/**
 * A population spec checked and compiled for sampling: nodes in topological order, with every
 * per-level parameter table precomputed so that sampling is a few passes over typed arrays.
 */
export interface ResolvedPopulation {
  readonly spec: PopulationSpec;
  /** Sampling order: parents before children; the outcome, if any, last. */
  readonly order: readonly ResolvedNode[];
  /** Column names in declaration order (a joint variable's columns in its place), the outcome last. */
  readonly columns: readonly string[];
  /** Column name → the node that produces it (a joint node under each of its columns, and its own name). */
  readonly nodes: ReadonlyMap<string, ResolvedNode>;
  /** Constraints as excluded combinations, each checked against the tables when the spec resolved. */
  readonly exclusions: readonly Exclusion[];
  /** True when a joint table is allocated exactly: chunked sampling must then pass the population size. */
  readonly needsSize: boolean;
  /** Where the spec comes from (its file, or `population "<name>"`), to start the messages of sampling errors. */
  readonly where?: string;
}

/** Rows with, for every listed column, one of the listed level codes, are impossible. */
export interface Exclusion {
  /** Where the rule is written, e.g. `constraints.0`. */
  readonly path: string;
  readonly description: string;
  readonly columns: readonly { readonly column: string; readonly codes: readonly number[] }[];
}

/** base + Σ addend[parent code] + Σ coef × parent value. */
export interface ResolvedLinear {
  readonly base: number;
  readonly categorical: readonly { readonly parent: string; readonly addend: Float64Array }[];
  readonly numeric: readonly { readonly parent: string; readonly coef: number }[];
}

export type NumericDist = 'normal' | 'lognormal' | 'uniform' | 'poisson' | 'beta';

/** A compiled arquero row expression: `(row, data, op) => value`, data = column name → array. */
export type RowExpression = (row: number, data: Record<string, ArrayLike<unknown> & { at(i: number): unknown }>, op: unknown) => unknown;

export interface CategoricalNode {
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

export interface NumericNode {
  readonly kind: 'numeric';
  readonly name: string;
  readonly stream: number;
  readonly dist: NumericDist;
  /** Parameters in the order of the distribution: (mean, sd), (meanlog, sdlog), (min, max), (lambda), (alpha, beta). */
  readonly params: readonly ResolvedLinear[];
  readonly parents: readonly string[];
  readonly min: number;
  readonly max: number;
  readonly round: number | undefined;
}

export interface EmpiricalNode {
  readonly kind: 'empirical';
  readonly name: string;
  readonly stream: number;
  readonly parents: readonly string[];
  readonly strides: readonly number[];
  /** Bin edges, K + 1. */
  readonly breaks: Float64Array;
  /** Cumulative bin shares, combinations × K. */
  readonly cum: Float64Array;
  readonly min: number;
  readonly max: number;
  readonly round: number | undefined;
}

export interface DerivedNode {
  readonly kind: 'derived';
  readonly name: string;
  /** Numeric variable binned (from + bins), or null for an expression. */
  readonly from: string | null;
  readonly expr: RowExpression | null;
  readonly source: string | null;
  readonly parents: readonly string[];
  /** Levels of a categorical result (bins or text levels); null for a numeric result. */
  readonly levels: readonly string[] | null;
  /** Exclusive upper bounds of all bins but the last; null when not binned. */
  readonly bounds: Float64Array | null;
}

export interface JointNode {
  readonly kind: 'joint';
  readonly name: string;
  readonly stream: number;
  readonly parents: readonly string[];
  readonly columns: readonly { readonly name: string; readonly levels: readonly string[] }[];
  /** Mixed-radix stride of each column in the cell index (first column slowest). */
  readonly strides: readonly number[];
  /** Cell counts in cell-index order. */
  readonly counts: Float64Array;
  /** starts[c] = share of cells before c; starts[C] = 1. */
  readonly starts: Float64Array;
  readonly total: number;
  readonly allocation: 'multinomial' | 'exact';
}

export interface OutcomeNode {
  readonly kind: 'outcome';
  readonly name: string;
  readonly stream: number;
  readonly parents: readonly string[];
  readonly logit: ResolvedLinear;
}

export type ResolvedNode = CategoricalNode | NumericNode | EmpiricalNode | DerivedNode | JointNode | OutcomeNode;

/** Levels of a categorical output column, or null for a numeric one. */
export function columnLevels(node: ResolvedNode, column: string): readonly string[] | null {
  switch (node.kind) {
    case 'categorical':
      return node.levels;
    case 'derived':
      return node.levels;
    case 'joint':
      return node.columns.find((c) => c.name === column)?.levels ?? null;
    default:
      return null;
  }
}

/** A semantic problem in a spec, with the dotted path of the field at fault. */
export interface PopulationIssue {
  readonly path: string;
  readonly message: string;
}
