import { DisparateError } from '../../harness/errors/index.js';
import { categorical, numeric, type Column, type Table } from '../table/index.js';

export interface Duplicated {
  /** n × values rows, value-major: all rows with the first value, then all with the second, … */
  readonly table: Table;
  /** Row of the original table each row copies. */
  readonly source: Int32Array;
  /** Index into `values` of the value each row carries. */
  readonly value: Int32Array;
  readonly values: readonly (string | number)[];
}

/**
 * Counterfactual duplication as in Lighthouse Reports' audit of Rotterdam's model: every row copied
 * once per value of one attribute, everything else unchanged (a direct-effect twin per value, for
 * real or synthetic rows alike). Default values: every level of a categorical attribute.
 *
 * @example
 * const { table } = duplicateByValues(rows, 'gender', ['man', 'woman']); // 2n rows: all men, then all women
 */
export function duplicateByValues(table: Table, attribute: string, values?: readonly (string | number)[]): Duplicated {
  const col = table.columns.get(attribute);
  if (!col) throw new DisparateError('usage', `duplicate by "${attribute}": no such column (columns: ${[...table.columns.keys()].join(', ')})`);
  const vals = values ?? (col.kind === 'categorical' ? col.levels : undefined);
  if (!vals || vals.length === 0) throw new DisparateError('usage', `duplicate by "${attribute}": numeric column, list the values`);
  const n = table.n;
  const m = vals.length;
  const source = new Int32Array(n * m);
  const value = new Int32Array(n * m);
  for (let v = 0; v < m; v++) {
    for (let i = 0; i < n; i++) {
      source[v * n + i] = i;
      value[v * n + i] = v;
    }
  }
  const columns = new Map<string, Column>();
  for (const [name, c] of table.columns) {
    if (name === attribute) {
      if (c.kind === 'categorical') {
        const codes = vals.map((x) => {
          const k = c.levels.indexOf(String(x));
          if (k < 0) throw new DisparateError('usage', `duplicate by "${attribute}": "${x}" is not a level (levels: ${c.levels.join(', ')})`);
          return k;
        });
        columns.set(name, categorical(c.levels, Int32Array.from(value, (v) => codes[v]!)));
      } else {
        columns.set(name, numeric(Float64Array.from(value, (v) => Number(vals[v]))));
      }
    } else if (c.kind === 'categorical') {
      columns.set(name, categorical(c.levels, Int32Array.from(source, (i) => c.codes[i]!)));
    } else {
      columns.set(name, numeric(Float64Array.from(source, (i) => c.values[i]!)));
    }
  }
  return { table: { n: n * m, columns }, source, value, values: vals };
}
