import { createHash } from 'node:crypto';
import { cellValue, type Table } from '../../datasets/table/index.js';
import { wordsToUniform } from '../../harness/stats/rng/index.js';
import type { TieTickets } from './tie-tickets.js';

/**
 * Tickets of a real population file, whose row order is arbitrary (sorted by region, by date, or
 * reversed): a row's ticket is SHA-256 of the seed and the row's values in every column (by column
 * name, levels as text), so shuffling the file moves no ticket. Rows identical in every column draw
 * the same ticket, and which of them is flagged changes no count. Only rows tied at a cut are hashed.
 *
 * @example rowContentTickets(table, 2014)(Int32Array.of(3), new Float64Array(1))
 */
export function rowContentTickets(table: Table, seed: number): TieTickets {
  const columns = [...table.columns.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (rows, out) => {
    for (let j = 0; j < rows.length; j++) {
      const row = rows[j]!;
      const content = JSON.stringify(columns.map(([name, column]) => [name, cellValue(column, row)]));
      const h = createHash('sha256').update(`${seed}\0`).update(content).digest();
      out[j] = wordsToUniform(h.readUInt32BE(0), h.readUInt32BE(4));
    }
    return out;
  };
}
