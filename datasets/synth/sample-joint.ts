import { fillUniforms } from '../../harness/stats/rng/index.js';
import { categorical, type Column } from '../table/index.js';
import { findCell } from './find-cell.js';
import { createPermutation, permuteIndex } from './permute-index.js';
import type { JointNode } from './resolved-population.js';
import type { NodeSampling } from './sample-nodes.js';

/**
 * A joint table: the row's uniform picks a cell by inverse CDF over the cells in mixed-radix order
 * (exact allocation: the uniform is (π(row) + 0.5) / size for a counter-based permutation π). An
 * intervention on column j keeps the columns before j, sets j, and redraws the columns after j by
 * quantile coupling: the row's relative position inside its block of cells (same columns ≤ j) is
 * carried to the block with the new level, so twins reuse the row's noise. Writes one column per
 * table column into `cols`; `u` is scratch space of `s.n` entries.
 *
 * @example
 * sampleJoint(node, s, new Float64Array(s.n), cols); // cols gains the table's columns (duo-2014: origin, education, …)
 */
export function sampleJoint(node: JointNode, s: NodeSampling, u: Float64Array, cols: Map<string, Column>): void {
  const { n } = s;
  const { starts, strides, columns } = node;
  const C = node.counts.length;
  if (node.allocation === 'exact') {
    const perm = createPermutation(s.seed, node.stream, s.size);
    for (let i = 0; i < n; i++) u[i] = (permuteIndex(perm, s.start + i) + 0.5) / s.size;
  } else fillUniforms(u, s.seed, node.stream, s.start);
  const interventions = columns.flatMap((c, j) => {
    const code = s.fixed.get(c.name);
    return code === undefined ? [] : [{ j, code }];
  });
  const codes = columns.map(() => new Int32Array(n));
  for (let i = 0; i < n; i++) {
    let ui = u[i]!;
    let cell = findCell(starts, ui, 0, C);
    let missingAfter = Infinity;
    for (const { j, code } of interventions) {
      const stride = strides[j]!;
      const current = Math.floor(cell / stride) % columns[j]!.levels.length;
      const blockStart = cell - (cell % stride);
      const newStart = blockStart + (code - current) * stride;
      const lo = starts[blockStart]!;
      const hi = starts[blockStart + stride]!;
      const nlo = starts[newStart]!;
      const nhi = starts[newStart + stride]!;
      if (!(nhi > nlo)) {
        missingAfter = j; // no cell has these levels: the twin is undefined after column j
        cell = newStart;
        break;
      }
      const q = hi > lo ? (ui - lo) / (hi - lo) : 0.5;
      ui = nlo + q * (nhi - nlo);
      cell = findCell(starts, ui, newStart, newStart + stride);
      // At the block's upper edge rounding may land on a trailing empty cell: step back to a real one.
      while (node.counts[cell]! === 0 && cell > newStart) cell--;
    }
    for (let j = 0; j < columns.length; j++) {
      const fixed = s.fixed.get(columns[j]!.name);
      codes[j]![i] = fixed !== undefined ? fixed : j > missingAfter ? -1 : Math.floor(cell / strides[j]!) % columns[j]!.levels.length;
    }
  }
  columns.forEach((c, j) => cols.set(c.name, categorical(c.levels, codes[j]!)));
}
