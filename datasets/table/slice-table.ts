import type { Column, Table } from './table.js';

/** Rows [start, end) of a table as views on the same buffers (no copy). */
export function sliceTable(table: Table, start: number, end: number): Table {
  const columns = new Map<string, Column>();
  for (const [name, c] of table.columns) {
    columns.set(name, c.kind === 'numeric' ? { kind: 'numeric', values: c.values.subarray(start, end) } : { kind: 'categorical', levels: c.levels, codes: c.codes.subarray(start, end) });
  }
  return { n: end - start, columns };
}

/** The given rows of a table, in the given order (a copy). */
export function takeRows(table: Table, rows: ArrayLike<number>): Table {
  const columns = new Map<string, Column>();
  for (const [name, c] of table.columns) {
    if (c.kind === 'numeric') {
      const values = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = c.values[rows[i]!]!;
      columns.set(name, { kind: 'numeric', values });
    } else {
      const codes = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]!]!;
      columns.set(name, { kind: 'categorical', levels: c.levels, codes });
    }
  }
  return { n: rows.length, columns };
}
