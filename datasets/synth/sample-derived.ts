import { DisparateError } from '../../harness/errors/index.js';
import { categorical, numeric, quoteLabel, type Column } from '../table/index.js';
import { numericValues } from './column-values.js';
import type { DerivedNode } from './resolved-population.js';

/**
 * A derived column, computed from columns already drawn (no uniform of its own): the `from`
 * variable or the expression's value, then binned; or the expression's text mapped to its levels.
 *
 * @example
 * sampleDerived(node, cols, n); // income_band from income
 */
export function sampleDerived(node: DerivedNode, cols: Map<string, Column>, n: number): Column {
  let x: Float64Array;
  if (node.expr === null) x = numericValues(cols, node.from!);
  else {
    const data: Record<string, ArrayLike<unknown> & { at(i: number): unknown }> = {};
    for (const p of node.parents) {
      const c = cols.get(p)!;
      data[p] = c.kind === 'numeric' ? c.values : Array.from(c.codes, (code) => (code < 0 ? null : c.levels[code]!));
    }
    const expr = node.expr;
    let row = 0;
    // The row an expression failed at travels with its error (see sampleNodes).
    const fn = (i: number, d: typeof data, o: undefined): unknown => {
      row = i;
      try {
        return expr(i, d, o);
      } catch (e) {
        throw Object.assign(e instanceof Error ? e : new Error(String(e)), { row });
      }
    };
    if (node.levels !== null && node.bounds === null) {
      // Categorical result: text mapped to the declared levels.
      const index = new Map(node.levels.map((lv, k) => [lv, k]));
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = fn(i, data, undefined);
        if (v === null || v === undefined) {
          codes[i] = -1;
          continue;
        }
        const k = index.get(String(v));
        if (k === undefined) throw Object.assign(new DisparateError('config', `variables.${node.name}.expr: returned ${quoteLabel(String(v))}, not one of its levels (${node.levels.join(', ')})`), { row: i });
        codes[i] = k;
      }
      return categorical(node.levels, codes);
    }
    x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = fn(i, data, undefined);
      x[i] = v === null || v === undefined ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
    }
    if (node.bounds === null) return numeric(x);
  }
  const bounds = node.bounds!;
  const B = bounds.length;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    let k = 0;
    while (k < B && !(v < bounds[k]!)) k++;
    codes[i] = k;
  }
  return categorical(node.levels!, codes);
}
