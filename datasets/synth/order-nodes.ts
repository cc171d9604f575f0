import type { ResolvedNode } from './resolved-population.js';

/**
 * Topological order of the variables' nodes: depth-first from each name in declaration order,
 * parents before children. Undefined after reporting the first circular dependency.
 *
 * @example
 * orderNodes(['income_band', 'income'], nodes, issue)!.map((x) => x.name); // ['income', 'income_band']
 */
export function orderNodes(names: readonly string[], nodes: ReadonlyMap<string, ResolvedNode>, issue: (path: string, message: string) => void): ResolvedNode[] | undefined {
  const order: ResolvedNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (column: string): boolean => {
    const node = nodes.get(column)!;
    const n = node.name;
    const s = state.get(n);
    if (s === 'done') return true;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(n)), n];
      issue(`variables.${n}`, `circular dependency: ${cycle.join(' → ')}`);
      return false;
    }
    state.set(n, 'visiting');
    stack.push(n);
    for (const p of node.parents) if (!visit(p)) return false;
    stack.pop();
    state.set(n, 'done');
    order.push(node);
    return true;
  };
  for (const n of names) if (!visit(n)) return undefined;
  return order;
}
