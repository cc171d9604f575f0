import type { Column, Table } from './table.js';

/** Rows [start, end) of a table as views on the same buffers (no copy). */
export function sliceTable(table: Table, start: number, end: number): Table {
  const columns = new Map<string, Column>();
  for (const [name, c] of table.columns) {
    columns.set(name, c.kind === 'numeric' ? { kind: 'numeric', values: c.values.subarray(start, end) } : { kind: 'categorical', levels: c.levels, codes: c.codes.subarray(start, end) });
  }
  return { n: end - start, columns };
}
