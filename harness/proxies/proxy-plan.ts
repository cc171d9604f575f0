import type { Table } from '../../datasets/table/index.js';

/** How one model input is binned for proxy tables: its levels, or interior cut points of a numeric input. Plain data (crosses into workers). */
export type ProxyInput =
  | { readonly name: string; readonly kind: 'categorical'; readonly levels: readonly string[] }
  | { readonly name: string; readonly kind: 'numeric'; readonly edges: readonly number[] };

/** The binning of every model input found in the population, fixed before any chunk is scored. */
export interface ProxyPlan {
  readonly inputs: readonly ProxyInput[];
  /** Number of attribute combinations of the run (the second axis of every table). */
  readonly combinations: number;
  /** Tables count rows whose index is a multiple of `stride` (every row for populations up to TABLE_ROWS). */
  readonly stride: number;
}

/** Rows behind the proxy tables, at most about this many: a systematic sample by row index beyond it. */
export const TABLE_ROWS = 250_000;

/** Deciles: numeric inputs get at most 10 bins (plus one for missing values). */
const QUANTILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Bins of an input: levels or edges + 1, plus one for missing values. */
export function inputBins(input: ProxyInput): number {
  return (input.kind === 'categorical' ? input.levels.length : input.edges.length + 1) + 1;
}

/**
 * The proxy plan of a run: each model input that is a column of the population, categorical inputs
 * by level and numeric inputs by the deciles of a fixed sample (rows 0 … m − 1 of the population,
 * the same whatever the chunking and workers). Inputs missing from the population are left out.
 * Tables count every row of a population up to TABLE_ROWS rows, and every ⌈size / TABLE_ROWS⌉-th
 * row (by row index, so again independent of chunking) of a larger one.
 *
 * @example planProxies(['income', 'rsa'], sampleTable, 72, 1_000_000).inputs[0] // { name: 'income', kind: 'numeric', edges: [...] }
 */
export function planProxies(inputs: readonly string[], sample: Table, combinations: number, size: number): ProxyPlan {
  const out: ProxyInput[] = [];
  for (const name of inputs) {
    const column = sample.columns.get(name);
    if (!column) continue;
    if (column.kind === 'categorical') {
      out.push({ name, kind: 'categorical', levels: [...column.levels] });
      continue;
    }
    const values = Float64Array.from(column.values).filter((v) => !Number.isNaN(v)).sort();
    const edges: number[] = [];
    for (const q of QUANTILES) {
      if (values.length === 0) break;
      const v = values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))]!;
      // A cut at the minimum would leave the lowest bin empty.
      if (v > values[0]! && (edges.length === 0 || v > edges[edges.length - 1]!)) edges.push(v);
    }
    out.push({ name, kind: 'numeric', edges });
  }
  return { inputs: out, combinations, stride: Math.max(1, Math.ceil(size / TABLE_ROWS)) };
}
