import type { Table } from '../../datasets/table/index.js';
import { inputBins, type ProxyInput, type ProxyPlan } from './proxy-plan.js';

/** Offsets of each input's table (bins × combinations, bin-major) in the concatenated tables, and their total length. */
export function proxyTableLayout(plan: ProxyPlan): { offsets: number[]; length: number } {
  const offsets: number[] = [];
  let length = 0;
  for (const input of plan.inputs) {
    offsets.push(length);
    length += inputBins(input) * plan.combinations;
  }
  return { offsets, length };
}

/** Bin of every row of a table for one input (the last bin holds missing values). */
export function binInput(input: ProxyInput, table: Table, start = 0, end = table.n): Int32Array {
  const column = table.columns.get(input.name);
  const missing = inputBins(input) - 1;
  const out = new Int32Array(end - start);
  if (!column) return out.fill(missing);
  if (input.kind === 'categorical') {
    if (column.kind !== 'categorical') return out.fill(missing);
    // Map the table's codes onto the plan's levels (a chunk may encode levels in another order).
    const map = Int32Array.from(column.levels, (l) => {
      const i = input.levels.indexOf(l);
      return i < 0 ? missing : i;
    });
    for (let i = start; i < end; i++) {
      const c = column.codes[i]!;
      out[i - start] = c < 0 ? missing : map[c]!;
    }
    return out;
  }
  if (column.kind !== 'numeric') return out.fill(missing);
  const edges = input.edges;
  for (let i = start; i < end; i++) {
    const v = column.values[i]!;
    if (Number.isNaN(v)) {
      out[i - start] = missing;
      continue;
    }
    let b = 0;
    while (b < edges.length && v >= edges[b]!) b++;
    out[i - start] = b;
  }
  return out;
}

/**
 * Counts of rows per input bin × attribute combination for one chunk (rows [start, start + n) of the
 * population; only row indices that are multiples of plan.stride count), every input's table
 * concatenated (see proxyTableLayout). Integer counts: chunks merge exactly by addition in any order.
 *
 * @example accumulateProxyTables(plan, chunkTable, chunkCombinations, 0) // Float64Array of proxyTableLayout(plan).length
 */
export function accumulateProxyTables(plan: ProxyPlan, table: Table, combinations: Int32Array, start: number, into?: Float64Array): Float64Array {
  const { offsets, length } = proxyTableLayout(plan);
  const out = into ?? new Float64Array(length);
  const C = plan.combinations;
  const stride = plan.stride;
  const first = (stride - (start % stride)) % stride;
  plan.inputs.forEach((input, k) => {
    const base = offsets[k]!;
    const missing = inputBins(input) - 1;
    const column = table.columns.get(input.name);
    if (input.kind === 'categorical' && column?.kind === 'categorical') {
      const map = Int32Array.from(column.levels, (l) => {
        const j = input.levels.indexOf(l);
        return j < 0 ? missing : j;
      });
      const codes = column.codes;
      for (let i = first; i < table.n; i += stride) {
        const c = codes[i]!;
        out[base + (c < 0 ? missing : map[c]!) * C + combinations[i]!]! += 1;
      }
    } else if (input.kind === 'numeric' && column?.kind === 'numeric') {
      const edges = Float64Array.from(input.edges);
      const m = edges.length;
      const values = column.values;
      for (let i = first; i < table.n; i += stride) {
        const v = values[i]!;
        let b = 0;
        if (Number.isNaN(v)) b = missing;
        else while (b < m && v >= edges[b]!) b++;
        out[base + b * C + combinations[i]!]! += 1;
      }
    } else {
      for (let i = first; i < table.n; i += stride) out[base + missing * C + combinations[i]!]! += 1;
    }
  });
  return out;
}
