import type { Table } from '../table/index.js';
import type { ResolvedPopulation } from './resolved-population.js';

/**
 * Rows of a table that fall in an excluded combination of the population's constraints, per
 * constraint. Sampled populations have none by construction; direct-effect twins and real data may.
 *
 * @example
 * countConstraintViolations(resolved, twins); // { total: 12, byConstraint: [{ path: 'constraints.0', description: 'AAH only if disabled', count: 12 }] }
 */
export function countConstraintViolations(resolved: ResolvedPopulation, table: Table): { total: number; byConstraint: { path: string; description: string; count: number }[] } {
  const bad = new Uint8Array(table.n);
  const byConstraint = resolved.exclusions.map((e) => {
    const parts = e.columns.map(({ column, codes }) => {
      const c = table.columns.get(column);
      return { codes: c?.kind === 'categorical' ? c.codes : null, allowed: new Set(codes) };
    });
    let count = 0;
    if (parts.every((p) => p.codes !== null)) {
      for (let i = 0; i < table.n; i++) {
        if (parts.every((p) => p.allowed.has(p.codes![i]!))) {
          count++;
          bad[i] = 1;
        }
      }
    }
    return { path: e.path, description: e.description, count };
  });
  let total = 0;
  for (const b of bad) total += b;
  return { total, byConstraint };
}
