import { fillUniforms } from '../../harness/stats/rng/index.js';
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
    cols.set(node.name, sampleNode(node, u, cols, s.n));
  }
  return cols;
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
