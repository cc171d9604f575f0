import { createRequire } from 'node:module';
import type { PopulationIssue, RowExpression } from './resolved-population.js';

type Arquero = typeof import('arquero');
let arquero: Arquero | undefined;
/**
 * arquero on first use: its ~470 modules take a good part of a second to load, and every command would pay
 * for them at start (the CLI loads all commands) though only populations with derived expressions need them.
 */
const aq = (): Arquero => (arquero ??= createRequire(import.meta.url)('arquero') as Arquero);

interface AstNode {
  readonly type: string;
  readonly name?: string;
  readonly callee?: AstNode;
}

/** Functions whose value is not a function of the row alone: refused so that a population stays a pure function of the seed. */
const IMPURE = new Set(['random', 'row_number', 'now']);

/**
 * Compiles an arquero table expression (`"d => d.income / 12"`) into a row function and lists the
 * columns it reads. Aggregates, window functions and `op.random` are refused: a derived column must
 * be a function of its own row, so that chunks, workers and counterfactual twins agree.
 *
 * @example
 * const { fn, columns } = compileExpression('d => d.income / 12', 'variables.monthly.expr', issues)!;
 * columns; // ['income']
 */
export function compileExpression(
  expr: string,
  path: string,
  issues: PopulationIssue[],
): { fn: RowExpression; columns: string[] } | undefined {
  try {
    const { parse, walk_ast } = aq();
    const ast = parse({ value: expr }, { ast: true }) as { exprs: AstNode[] };
    const columns: string[] = [];
    let bad: string | undefined;
    const visitor = {
      Column: (node: AstNode) => {
        if (node.name !== undefined && !columns.includes(node.name)) columns.push(node.name);
      },
      CallExpression: (node: AstNode) => {
        const fname = node.callee?.name;
        if (fname !== undefined && IMPURE.has(fname)) bad = fname;
      },
    };
    for (const e of ast.exprs) walk_ast(e, null, visitor, undefined);
    if (bad !== undefined) {
      issues.push({ path, message: `op.${bad} is not a function of the row; derived columns must be deterministic (the sampler supplies randomness)` });
      return undefined;
    }
    const compiled = parse({ value: expr }) as { exprs: RowExpression[]; ops?: unknown[] };
    if ((compiled.ops ?? []).length > 0) {
      issues.push({ path, message: 'aggregate and window functions (op.mean, op.rank, …) are not allowed: a derived column is computed row by row' });
      return undefined;
    }
    return { fn: compiled.exprs[0]!, columns };
  } catch (error) {
    issues.push({ path, message: `invalid arquero expression: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
}
