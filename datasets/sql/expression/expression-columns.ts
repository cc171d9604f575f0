import type { Expr } from './ast.js';

/** The columns an expression reads, each once, in order of first appearance (so the reader reads only these). */
export function expressionColumns(expr: Expr): string[] {
  const seen = new Set<string>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'column':
        seen.add(e.name);
        return;
      case 'number':
      case 'string':
      case 'boolean':
      case 'null':
        return;
      case 'negate':
      case 'not':
      case 'isNull':
      case 'in':
        return visit(e.operand);
      case 'arithmetic':
      case 'compare':
        visit(e.left);
        return visit(e.right);
      case 'and':
      case 'or':
        return e.operands.forEach(visit);
      case 'between':
        [e.operand, e.low, e.high].forEach(visit);
        return;
      case 'case':
        if (e.operand) visit(e.operand);
        for (const w of e.whens) [w.when, w.then].forEach(visit);
        if (e.otherwise) visit(e.otherwise);
        return;
      case 'call':
        return e.args.forEach(visit);
    }
  };
  visit(expr);
  return [...seen];
}
