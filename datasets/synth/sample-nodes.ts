import { DisparateError } from '../../harness/errors/index.js';
import { fillUniforms, normalQuantile } from '../../harness/stats/rng/index.js';
import { categorical, numeric, type Column } from '../table/index.js';
import { betaQuantiler } from './beta-quantiler.js';
import { createPermutation, permuteIndex } from './permute-index.js';
import type {
  CategoricalNode,
  DerivedNode,
  EmpiricalNode,
  JointNode,
  NumericNode,
  ResolvedLinear,
  ResolvedNode,
  ResolvedPopulation,
} from './resolved-population.js';

/** Everything the sampler core needs; validated by the public entry points. */
export interface NodeSampling {
  readonly seed: number;
  readonly n: number;
  readonly start: number;
  /** Rows of the whole population (exact joint allocation cuts the permutation of [0, size)). */
  readonly size: number;
  /** Interventions: column → level code or number. */
  readonly fixed: ReadonlyMap<string, number>;
  /** Columns copied from an earlier sample of the same rows instead of being drawn again. */
  readonly reuse?: { readonly columns: ReadonlyMap<string, Column>; readonly nodes: ReadonlySet<string> } | undefined;
  /** Sample only these nodes (names); default all. */
  readonly only?: ReadonlySet<string> | undefined;
}

/**
 * Samples the nodes of a resolved population, in topological order, for rows [start, start + n):
 * one Philox uniform per (node, row), turned into values by inverse CDF. Returns every column drawn.
 */
export function sampleNodes(resolved: ResolvedPopulation, s: NodeSampling): Map<string, Column> {
  const cols = new Map<string, Column>();
  const u = new Float64Array(s.n);
  for (const node of resolved.order) {
    if (s.only && !s.only.has(node.name)) continue;
    if (s.reuse?.nodes.has(node.name)) {
      for (const c of node.kind === 'joint' ? node.columns.map((x) => x.name) : [node.name]) cols.set(c, s.reuse.columns.get(c)!);
      continue;
    }
    if (node.kind === 'joint') {
      sampleJoint(node, s, u, cols);
      continue;
    }
    const fixed = s.fixed.get(node.name);
    if (fixed !== undefined) {
      const isCategorical = node.kind === 'categorical' || (node.kind === 'derived' && node.levels !== null);
      cols.set(node.name, isCategorical ? categorical(node.kind === 'categorical' ? node.levels : node.levels!, new Int32Array(s.n).fill(fixed)) : numeric(new Float64Array(s.n).fill(fixed)));
      continue;
    }
    if (node.kind !== 'derived') fillUniforms(u, s.seed, node.stream, s.start);
    cols.set(node.name, sampleNode(node, u, cols, s.n));
  }
  return cols;
}

function numericValues(cols: Map<string, Column>, name: string): Float64Array {
  const c = cols.get(name);
  if (c?.kind !== 'numeric') throw new DisparateError('internal', `column "${name}" is not numeric`);
  return c.values;
}

function codesOf(cols: Map<string, Column>, name: string): Int32Array {
  const c = cols.get(name);
  if (c?.kind !== 'categorical') throw new DisparateError('internal', `column "${name}" is not categorical`);
  return c.codes;
}

/** Evaluates a linear predictor: a number when it has no terms, else one value per row. */
function evaluate(lin: ResolvedLinear, cols: Map<string, Column>, n: number): number | Float64Array {
  if (lin.categorical.length === 0 && lin.numeric.length === 0) return lin.base;
  const out = new Float64Array(n).fill(lin.base);
  for (const { parent, addend } of lin.categorical) {
    const codes = codesOf(cols, parent);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      out[i]! += c < 0 ? NaN : addend[c]!;
    }
  }
  for (const { parent, coef } of lin.numeric) {
    const x = numericValues(cols, parent);
    for (let i = 0; i < n; i++) out[i]! += coef * x[i]!;
  }
  return out;
}

const at = (p: number | Float64Array, i: number): number => (typeof p === 'number' ? p : p[i]!);

function sampleNode(node: Exclude<ResolvedNode, JointNode>, u: Float64Array, cols: Map<string, Column>, n: number): Column {
  switch (node.kind) {
    case 'categorical':
      return categorical(node.levels, sampleCategorical(node, u, cols, n));
    case 'derived':
      return sampleDerived(node, cols, n);
    case 'numeric':
      return numeric(finish(node, sampleNumeric(node, u, cols, n)));
    case 'empirical':
      return numeric(finish(node, sampleEmpirical(node, u, cols, n)));
    case 'outcome': {
      const eta = evaluate(node.logit, cols, n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const e = at(eta, i);
        out[i] = Number.isNaN(e) ? NaN : u[i]! < 1 / (1 + Math.exp(-e)) ? 1 : 0;
      }
      return numeric(out);
    }
  }
}

/** Row offsets (combination index × K) of a conditional table; -1 where a parent is missing. */
function tableOffsets(parents: readonly string[], strides: readonly number[], K: number, cols: Map<string, Column>, n: number): Int32Array {
  const offset = new Int32Array(n);
  parents.forEach((parent, j) => {
    const pc = codesOf(cols, parent);
    const stride = strides[j]! * K;
    for (let i = 0; i < n; i++) {
      const c = pc[i]!;
      offset[i] = offset[i]! < 0 || c < 0 ? -1 : offset[i]! + c * stride;
    }
  });
  return offset;
}

function sampleCategorical(node: CategoricalNode, u: Float64Array, cols: Map<string, Column>, n: number): Int32Array {
  const K = node.levels.length;
  const { cum } = node;
  const codes = new Int32Array(n);
  if (node.parents.length === 0) {
    for (let i = 0; i < n; i++) {
      const ui = u[i]!;
      let k = 0;
      while (k < K - 1 && ui >= cum[k]!) k++;
      codes[i] = k;
    }
    return codes;
  }
  const offset = tableOffsets(node.parents, node.strides, K, cols, n);
  for (let i = 0; i < n; i++) {
    const base = offset[i]!;
    if (base < 0) {
      codes[i] = -1;
      continue;
    }
    const ui = u[i]!;
    let k = 0;
    while (k < K - 1 && ui >= cum[base + k]!) k++;
    codes[i] = k;
  }
  return codes;
}

function sampleEmpirical(node: EmpiricalNode, u: Float64Array, cols: Map<string, Column>, n: number): Float64Array {
  const K = node.breaks.length - 1;
  const { cum, breaks } = node;
  const out = new Float64Array(n);
  const offset = node.parents.length === 0 ? null : tableOffsets(node.parents, node.strides, K, cols, n);
  for (let i = 0; i < n; i++) {
    const base = offset === null ? 0 : offset[i]!;
    if (base < 0) {
      out[i] = NaN;
      continue;
    }
    const ui = u[i]!;
    let k = 0;
    while (k < K - 1 && ui >= cum[base + k]!) k++;
    const lo = k === 0 ? 0 : cum[base + k - 1]!;
    const width = cum[base + k]! - lo;
    const frac = width > 0 ? Math.min(1, Math.max(0, (ui - lo) / width)) : 0;
    out[i] = breaks[k]! + (breaks[k + 1]! - breaks[k]!) * frac;
  }
  return out;
}

function sampleDerived(node: DerivedNode, cols: Map<string, Column>, n: number): Column {
  let x: Float64Array;
  if (node.expr === null) x = numericValues(cols, node.from!);
  else {
    const data: Record<string, ArrayLike<unknown> & { at(i: number): unknown }> = {};
    for (const p of node.parents) {
      const c = cols.get(p)!;
      data[p] = c.kind === 'numeric' ? c.values : Array.from(c.codes, (code) => (code < 0 ? null : c.levels[code]!));
    }
    const fn = node.expr;
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
        if (k === undefined) throw new DisparateError('config', `variables.${node.name}.expr: returned "${String(v)}", not one of its levels (${node.levels.join(', ')})`);
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

/** Poisson inverse CDF by summing the pmf from 0; normal approximation beyond lambda = 500. */
function poissonQuantile(u: number, lambda: number): number {
  if (!(lambda > 0)) return lambda === 0 ? 0 : NaN;
  if (lambda > 500) return Math.max(0, Math.ceil(lambda + Math.sqrt(lambda) * normalQuantile(u) - 0.5));
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  while (u > cdf) {
    k++;
    p *= lambda / k;
    if (p === 0) break; // the tail beyond double precision
    cdf += p;
  }
  return k;
}

function sampleNumeric(node: NumericNode, u: Float64Array, cols: Map<string, Column>, n: number): Float64Array {
  const out = new Float64Array(n);
  const [p0, p1] = node.params.map((p) => evaluate(p, cols, n));
  const a = p0!;
  switch (node.dist) {
    case 'normal':
    case 'lognormal': {
      const b = p1!;
      const log = node.dist === 'lognormal';
      for (let i = 0; i < n; i++) {
        const x = at(a, i) + at(b, i) * normalQuantile(u[i]!);
        out[i] = log ? Math.exp(x) : x;
      }
      // Negative or zero scale parameters coming from terms give NaN rather than a silent wrong value.
      if (typeof b !== 'number') for (let i = 0; i < n; i++) if (!(b[i]! > 0)) out[i] = NaN;
      break;
    }
    case 'uniform': {
      const b = p1!;
      for (let i = 0; i < n; i++) {
        const lo = at(a, i);
        out[i] = lo + (at(b, i) - lo) * u[i]!;
      }
      break;
    }
    case 'poisson':
      for (let i = 0; i < n; i++) out[i] = poissonQuantile(u[i]!, at(a, i));
      break;
    case 'beta': {
      const b = p1!;
      if (typeof a === 'number' && typeof b === 'number') {
        const q = betaQuantiler(a, b);
        for (let i = 0; i < n; i++) out[i] = q(u[i]!);
      } else {
        for (let i = 0; i < n; i++) out[i] = betaQuantiler(at(a, i), at(b, i))(u[i]!);
      }
      break;
    }
  }
  return out;
}

/** Rounding, then censoring to [min, max]. */
function finish(node: NumericNode | EmpiricalNode, out: Float64Array): Float64Array {
  const n = out.length;
  const { min, max, round } = node;
  if (round !== undefined) {
    if (round >= 0) {
      const f = 10 ** round;
      for (let i = 0; i < n; i++) out[i] = Math.round(out[i]! * f) / f;
    } else {
      const g = 10 ** -round;
      for (let i = 0; i < n; i++) out[i] = Math.round(out[i]! / g) * g;
    }
  }
  if (min > -Infinity || max < Infinity) {
    for (let i = 0; i < n; i++) {
      const v = out[i]!;
      out[i] = v < min ? min : v > max ? max : v;
    }
  }
  return out;
}

/** Index of the cell whose share interval [starts[c], starts[c + 1]) holds u, searched within [lo, hi). */
function findCell(starts: Float64Array, u: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const mid = (a + b + 1) >> 1;
    if (starts[mid]! <= u) a = mid;
    else b = mid - 1;
  }
  return a;
}

/**
 * A joint table: the row's uniform picks a cell by inverse CDF over the cells in mixed-radix order
 * (exact allocation: the uniform is (π(row) + 0.5) / size for a counter-based permutation π). An
 * intervention on column j keeps the columns before j, sets j, and redraws the columns after j by
 * quantile coupling: the row's relative position inside its block of cells (same columns ≤ j) is
 * carried to the block with the new level, so twins reuse the row's noise.
 */
function sampleJoint(node: JointNode, s: NodeSampling, u: Float64Array, cols: Map<string, Column>): void {
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
