import type { RakeMargin } from '../../harness/config/index.js';
import { combinations } from './combinations.js';
import { cumulative, sum } from './cumulative.js';
import { parentWeights } from './parent-weights.js';
import { rakeTable, type CompiledMargin } from './rake-table.js';
import type { CategoricalNode, PopulationIssue, ResolvedPopulation } from './resolved-population.js';

/**
 * Rakes one categorical node's table to its published margins; undefined after reporting a problem.
 * `resolved` must hold the node's ancestors as they will be sampled (already raked themselves).
 *
 * @example
 * rakeNode(resolved, singleParent, [{ by: [], probs: [0.84, 0.16] }], 'variables.single_parent.rake', issues)!.cum;
 * // the table scaled so that 16 % of the population is a single parent
 */
export function rakeNode(resolved: ResolvedPopulation, node: CategoricalNode, margins: readonly RakeMargin[], path: string, issues: PopulationIssue[]): CategoricalNode | undefined {
  const issue = (p: string, message: string): void => void issues.push({ path: p, message });
  const K = node.levels.length;
  const C = node.cum.length / K;
  const compiled: CompiledMargin[] = [];
  let ok = true;
  margins.forEach((m, i) => {
    const mp = `${path}.${i}`;
    const byIndex = m.by.map((b) => node.parents.indexOf(b));
    const badBy = m.by.findIndex((b, j) => byIndex[j]! < 0);
    if (badBy >= 0) return void ((ok = false), issue(`${mp}.by.${badBy}`, `"${m.by[badBy]}" is not a parent of "${node.name}" (parents: ${node.parents.join(', ') || 'none'})`));
    const byLevels = m.by.map((b) => {
      const owner = resolved.nodes.get(b)!;
      return owner.kind === 'joint' ? owner.columns.find((c) => c.name === b)!.levels : owner.kind === 'categorical' ? owner.levels : owner.kind === 'derived' ? owner.levels! : [];
    });
    const { strides, keys } = combinations(byLevels);
    const target = new Float64Array(keys.length * K);
    const rows: Record<string, number[]> | undefined = m.by.length === 0 ? (m.probs ? { '': m.probs } : undefined) : m.table;
    if (!rows) return void ((ok = false), issue(mp, m.by.length === 0 ? 'give probs (overall shares), or by + table' : 'with by, give table (shares within each group)'));
    keys.forEach((key, g) => {
      const row = Object.hasOwn(rows, key) ? rows[key] : undefined;
      const rp = m.by.length === 0 ? `${mp}.probs` : `${mp}.table.${key}`;
      if (row === undefined) return void ((ok = false), issue(`${mp}.table`, `missing row "${key}" (one row per combination of ${m.by.join(', ')} levels)`));
      if (row.length !== K) return void ((ok = false), issue(rp, `expected ${K} shares (one per level), got ${row.length}`));
      if (Math.abs(sum(row) - 1) > 1e-9) return void ((ok = false), issue(rp, `shares sum to ${sum(row)}, not 1`));
      row.forEach((x, k) => (target[g * K + k] = x));
    });
    const group = new Int32Array(C);
    for (let c = 0; c < C; c++) {
      let g = 0;
      byIndex.forEach((pj, j) => {
        const parent = node.parents[pj]!;
        const L = resolved.nodes.get(parent)!.kind === 'joint' ? byLevels[j]!.length : byLevels[j]!.length;
        g += (Math.floor(c / node.strides[pj]!) % L) * strides[j]!;
      });
      group[c] = g;
    }
    compiled.push({ group, groups: keys.length, target });
  });
  if (!ok) return undefined;
  const prior = new Float64Array(C * K);
  for (let c = 0; c < C; c++) for (let k = 0; k < K; k++) prior[c * K + k] = node.cum[c * K + k]! - (k === 0 ? 0 : node.cum[c * K + k - 1]!);
  const { weights } = parentWeights(resolved, node);
  const result = rakeTable(prior, weights, K, compiled);
  if (result.gap > 1e-6) {
    issue(path, `raking did not converge (largest gap to a target share ${result.gap.toPrecision(3)}): the margins contradict each other or the table's zeros`);
    return undefined;
  }
  const cum = new Float64Array(C * K);
  for (let c = 0; c < C; c++) cumulative(result.probs.subarray(c * K, (c + 1) * K), cum, c * K);
  return { ...node, cum };
}
