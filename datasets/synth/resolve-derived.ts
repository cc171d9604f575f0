import type { DerivedVariable } from '../../harness/config/index.js';
import { checkLevels } from './check-levels.js';
import { checkBins } from './check-bins.js';
import { compileExpression } from './compile-expression.js';
import type { ResolveContext } from './resolve-context.js';
import type { DerivedNode } from './resolved-population.js';

/**
 * Compiles a derived variable: a numeric variable binned (`from` + `bins`), or an arquero
 * expression of its row (`expr`, optionally binned or mapped to text `levels`); undefined when
 * there is nothing to compile (neither or both of from and expr, or an invalid expression).
 *
 * @example
 * resolveDerived(ctx, 'income_band', spec.variables.income_band, 'variables.income_band'); // { from: 'income', bounds: [12000, 30000], … }
 */
export function resolveDerived(ctx: ResolveContext, name: string, v: DerivedVariable, path: string): DerivedNode | undefined {
  const { issue, columnInfo, levelsOfColumn, spec } = ctx;
  if ((v.from === undefined) === (v.expr === undefined)) {
    issue(path, 'give from (a numeric variable to bin) or expr (an arquero expression), one of them');
    return undefined;
  }
  if (v.bins && v.levels) issue(`${path}.levels`, 'give bins (to bin a number) or levels (an expression returning text), not both');
  const levels = v.bins ? v.bins.map((b) => b.level) : (v.levels ?? null);
  const bounds = v.bins ? checkBins(ctx, levels!, v.bins, path) : null;
  if (v.levels && !v.bins) checkLevels(issue, v.levels, `${path}.levels`);
  if (v.from !== undefined) {
    const from = Object.hasOwn(spec.variables, v.from) ? spec.variables[v.from] : undefined;
    if (!v.bins) issue(`${path}.bins`, 'from needs bins (or use expr for arithmetic)');
    if (!columnInfo.has(v.from)) issue(`${path}.from`, `unknown variable "${v.from}"`);
    else if (!from || from.type !== 'numeric' || levelsOfColumn(v.from)) {
      if (levelsOfColumn(v.from) !== null) issue(`${path}.from`, `"${v.from}" is not numeric; derived variables bin a numeric variable`);
    }
    return { kind: 'derived', name, from: v.from, expr: null, source: null, parents: [v.from], levels, bounds };
  }
  const compiled = compileExpression(v.expr!, `${path}.expr`, ctx.issues);
  if (!compiled) return undefined;
  for (const c of compiled.columns) {
    if (!columnInfo.has(c)) issue(`${path}.expr`, `unknown column "${c}"${spec.outcome?.name === c ? ' (the outcome cannot be a parent)' : ''}`);
    if (c === name) issue(`${path}.expr`, 'a variable cannot depend on itself');
  }
  return { kind: 'derived', name, from: null, expr: compiled.fn, source: v.expr!, parents: compiled.columns, levels, bounds };
}
