import type { ResolvedPopulation } from './resolved-population.js';

/**
 * Columns whose values change when `column` is intervened on (its descendants), not counting the
 * column itself: the columns after it in its joint table, and every column computed from an
 * affected column, down to the outcome. Also returns the affected nodes (to resample).
 *
 * @example
 * descendantColumns(resolved, 'nationality').columns; // Set { 'income', 'income_band', 'rsa', …, 'fraud' }
 */
export function descendantColumns(resolved: ResolvedPopulation, column: string): { columns: Set<string>; nodes: Set<string> } {
  const owner = resolved.nodes.get(column);
  const columns = new Set<string>();
  const nodes = new Set<string>();
  if (!owner) return { columns, nodes };
  nodes.add(owner.name);
  if (owner.kind === 'joint') {
    const j = owner.columns.findIndex((c) => c.name === column);
    owner.columns.slice(j + 1).forEach((c) => columns.add(c.name));
  }
  const affected = new Set<string>([column, ...columns]);
  for (const node of resolved.order) {
    if (node === owner) continue;
    if (node.parents.some((p) => affected.has(p))) {
      nodes.add(node.name);
      const outs = node.kind === 'joint' ? node.columns.map((c) => c.name) : [node.name];
      for (const c of outs) {
        columns.add(c);
        affected.add(c);
      }
    }
  }
  return { columns, nodes };
}
