import type { Column } from '../table/index.js';
import type { CategoricalNode, ResolvedNode, ResolvedPopulation } from './resolved-population.js';
import { sampleNodes } from './sample-nodes.js';

const MAX_LEAVES = 1_000_000;
/** Rows drawn when the parents' distribution cannot be enumerated (a numeric ancestor). */
export const CALIBRATION_ROWS = 1 << 18;
/** Fixed seed of that calibration sample, so a spec means one distribution whatever the run's seed. */
export const CALIBRATION_SEED = 0x5eed;

/**
 * Distribution of a categorical node's parent combinations (index = Σ parent code × stride), used to
 * rake its table. Exact, by enumerating every combination of ancestor levels, when all ancestors are
 * categorical or joint tables; otherwise estimated from 2^18 rows sampled with a fixed seed.
 *
 * @example
 * parentWeights(resolved, resolved.nodes.get('single_parent') as CategoricalNode); // Float64Array summing to 1
 */
export function parentWeights(resolved: ResolvedPopulation, node: CategoricalNode): { weights: Float64Array; exact: boolean } {
  const combos = node.strides.length === 0 ? 1 : node.strides[0]! * levelsCount(resolved, node.parents[0]!);
  const weights = new Float64Array(combos);
  const ancestors = new Set<string>();
  const stack = [...node.parents];
  while (stack.length > 0) {
    const owner = resolved.nodes.get(stack.pop()!)!;
    if (ancestors.has(owner.name)) continue;
    ancestors.add(owner.name);
    stack.push(...owner.parents);
  }
  const anc = resolved.order.filter((x) => ancestors.has(x.name));
  if (anc.every((a) => a.kind === 'categorical' || a.kind === 'joint') && enumerate(anc, node, weights)) return { weights, exact: true };
  weights.fill(0);
  const cols = sampleNodes(resolved, { seed: CALIBRATION_SEED, n: CALIBRATION_ROWS, start: 0, size: CALIBRATION_ROWS, fixed: new Map(), only: ancestors });
  const parentCodes = node.parents.map((p) => (cols.get(p) as Extract<Column, { kind: 'categorical' }>).codes);
  let total = 0;
  for (let i = 0; i < CALIBRATION_ROWS; i++) {
    let c = 0;
    let ok = true;
    parentCodes.forEach((codes, j) => {
      const code = codes[i]!;
      if (code < 0) ok = false;
      c += code * node.strides[j]!;
    });
    if (!ok) continue;
    weights[c]! += 1;
    total++;
  }
  if (total > 0) for (let c = 0; c < combos; c++) weights[c]! /= total;
  return { weights, exact: false };
}

function levelsCount(resolved: ResolvedPopulation, column: string): number {
  const owner = resolved.nodes.get(column)!;
  if (owner.kind === 'joint') return owner.columns.find((c) => c.name === column)!.levels.length;
  if (owner.kind === 'categorical') return owner.levels.length;
  return owner.kind === 'derived' ? (owner.levels?.length ?? 0) : 0;
}

/** Depth-first enumeration of ancestor levels with their probabilities; false past MAX_LEAVES. */
function enumerate(anc: readonly ResolvedNode[], node: CategoricalNode, weights: Float64Array): boolean {
  const codes = new Map<string, number>();
  let leaves = 0;
  const visit = (idx: number, prob: number): boolean => {
    if (prob === 0) return true;
    if (idx === anc.length) {
      if (++leaves > MAX_LEAVES) return false;
      let c = 0;
      node.parents.forEach((p, j) => (c += codes.get(p)! * node.strides[j]!));
      weights[c]! += prob;
      return true;
    }
    const a = anc[idx]!;
    if (a.kind === 'categorical') {
      const K = a.levels.length;
      let row = 0;
      a.parents.forEach((p, j) => (row += codes.get(p)! * a.strides[j]!));
      for (let k = 0; k < K; k++) {
        const p = a.cum[row * K + k]! - (k === 0 ? 0 : a.cum[row * K + k - 1]!);
        codes.set(a.name, k);
        if (!visit(idx + 1, prob * p)) return false;
      }
      return true;
    }
    if (a.kind === 'joint') {
      for (let c = 0; c < a.counts.length; c++) {
        if (a.counts[c] === 0) continue;
        a.columns.forEach((col, j) => codes.set(col.name, Math.floor(c / a.strides[j]!) % col.levels.length));
        if (!visit(idx + 1, (prob * a.counts[c]!) / a.total)) return false;
      }
      return true;
    }
    return false;
  };
  return visit(0, 1);
}
