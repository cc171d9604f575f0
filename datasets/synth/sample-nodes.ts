import { DisparateError } from '../../harness/errors/index.js';
import { fillUniforms } from '../../harness/stats/rng/index.js';
import { evaluateLinear } from './evaluate-linear.js';
import { categorical, numeric, type Column } from '../table/index.js';
import type { JointNode, ResolvedNode, ResolvedPopulation } from './resolved-population.js';
import { roundAndCensor } from './round-and-censor.js';
import { sampleCategorical } from './sample-categorical.js';
import { sampleDerived } from './sample-derived.js';
import { sampleEmpirical } from './sample-empirical.js';
import { sampleJoint } from './sample-joint.js';
import { sampleNumeric } from './sample-numeric.js';
import { sampleOutcome } from './sample-outcome.js';

/** Everything the sampler core needs; validated by the public entry points. */
export interface NodeSampling {
  readonly seed: number;
  readonly n: number;
  readonly start: number;
  /** Rows of the whole population (exact joint allocation cuts the permutation of [0, size)). */
  readonly size: number;
  /** Interventions: column → level code or number. */
  readonly fixed: ReadonlyMap<string, number>;
  /** Columns copied from an earlier sample of the same rows instead of being drawn again. */
  readonly reuse?: { readonly columns: ReadonlyMap<string, Column>; readonly nodes: ReadonlySet<string> } | undefined;
  /** Sample only these nodes (names); default all. */
  readonly only?: ReadonlySet<string> | undefined;
}

/**
 * Samples the nodes of a resolved population, in topological order, for rows [start, start + n):
 * one Philox uniform per (node, row), turned into values by inverse CDF. Returns every column drawn.
 */
export function sampleNodes(resolved: ResolvedPopulation, s: NodeSampling): Map<string, Column> {
  const cols = new Map<string, Column>();
  const u = new Float64Array(s.n);
  for (const node of resolved.order) {
    if (s.only && !s.only.has(node.name)) continue;
    if (s.reuse?.nodes.has(node.name)) {
      for (const c of node.kind === 'joint' ? node.columns.map((x) => x.name) : [node.name]) cols.set(c, s.reuse.columns.get(c)!);
      continue;
    }
    if (node.kind === 'joint') {
      sampleJoint(node, s, u, cols);
      continue;
    }
    const fixed = s.fixed.get(node.name);
    if (fixed !== undefined) {
      const isCategorical = node.kind === 'categorical' || (node.kind === 'derived' && node.levels !== null);
      cols.set(node.name, isCategorical ? categorical(node.kind === 'categorical' ? node.levels : node.levels!, new Int32Array(s.n).fill(fixed)) : numeric(new Float64Array(s.n).fill(fixed)));
      continue;
    }
    if (node.kind !== 'derived') fillUniforms(u, s.seed, node.stream, s.start);
    cols.set(node.name, sampleNodeAt(resolved, node, u, cols, s));
  }
  return cols;
}

/**
 * One node's column; what fails while sampling it (a scale parameter that terms make ≤ 0 at some row,
 * an expression that throws, e.g. op.repeat('x', 2e9)) is a config error naming the spec, the
 * variable and the row, never an internal error or a NaN that a model would be blamed for.
 */
function sampleNodeAt(resolved: ResolvedPopulation, node: Exclude<ResolvedNode, JointNode>, u: Float64Array, cols: Map<string, Column>, s: NodeSampling): Column {
  const where = resolved.where ?? `population "${resolved.spec.name}"`;
  let column: Column;
  try {
    column = sampleNode(node, u, cols, s.n);
  } catch (e) {
    const row = (e as { row?: number }).row;
    if (e instanceof DisparateError) throw new DisparateError(e.code, `${where}: ${e.message}${row === undefined ? '' : ` (row ${s.start + row + 1})`}`);
    throw new DisparateError('config', `${where}: variables.${node.name}: cannot be computed${row === undefined ? ` for rows ${s.start + 1}…${s.start + s.n}` : ` at row ${s.start + row + 1}`}: ${(e as Error).message.split('\n')[0]!.slice(0, 120)}`);
  }
  if (node.kind === 'numeric' && (node.dist === 'normal' || node.dist === 'lognormal') && typeof node.params[1] !== 'number') {
    const values = (column as { values: Float64Array }).values;
    const bad = scaleProblem(node, cols, s.n, values);
    if (bad >= 0) {
      const p = node.dist === 'normal' ? 'sd' : 'sdlog';
      throw new DisparateError('config', `${where}: variables.${node.name}.params.${p}: its terms make it ≤ 0 at row ${s.start + bad + 1}; a scale must be > 0 for every combination of parents`);
    }
  }
  return column;
}

/** First row whose scale parameter came out ≤ 0 (sampleNumeric marks such rows NaN), or −1. */
function scaleProblem(node: Extract<ResolvedNode, { kind: 'numeric' }>, cols: Map<string, Column>, n: number, values: Float64Array): number {
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) {
      const b = evaluateLinear(node.params[1]!, cols, n);
      if (typeof b !== 'number' && !(b[i]! > 0)) return i;
    }
  }
  return -1;
}

function sampleNode(node: Exclude<ResolvedNode, JointNode>, u: Float64Array, cols: Map<string, Column>, n: number): Column {
  switch (node.kind) {
    case 'categorical':
      return categorical(node.levels, sampleCategorical(node, u, cols, n));
    case 'derived':
      return sampleDerived(node, cols, n);
    case 'numeric':
      return numeric(roundAndCensor(node, sampleNumeric(node, u, cols, n)));
    case 'empirical':
      return numeric(roundAndCensor(node, sampleEmpirical(node, u, cols, n)));
    case 'outcome':
      return numeric(sampleOutcome(node, u, cols, n));
  }
}
