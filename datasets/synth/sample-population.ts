import type { PopulationSpec } from '../../harness/config/population-schema.js';
import { DisparateError } from '../../harness/errors/index.js';
import { fillUniforms, normalQuantile, splitSeed } from '../../harness/stats/rng/index.js';
import { categorical, numeric, type Column, type Table } from '../table/index.js';
import { resolvePopulation } from './resolve-population.js';
import type { ResolvedLinear, ResolvedNode, ResolvedPopulation } from './resolved-population.js';

export interface SampleOptions {
  /** Master seed, an integer in [0, 2^53). */
  readonly seed: number;
  /** Number of rows to sample. */
  readonly n: number;
  /** Index of the first row (default 0): rows [start, start + n) are the same whatever the chunking. */
  readonly start?: number;
  /**
   * Interventions do(variable = value): the variable is set for every row and its descendants are
   * recomputed from the same noise, so the result is each row's counterfactual twin.
   */
  readonly do?: Readonly<Record<string, string | number>>;
}

const resolvedCache = new WeakMap<PopulationSpec, ResolvedPopulation>();

function isResolved(x: PopulationSpec | ResolvedPopulation): x is ResolvedPopulation {
  return 'order' in x && Array.isArray(x.order);
}

/**
 * Samples rows [start, start + n) of a population. Row i's values depend only on (seed, variable
 * name, i): one Philox uniform per (variable, row), turned into a value by inverse CDF (normal
 * quantile: AS 241, see `harness/stats/rng/normal-quantile.ts`).
 *
 * @example
 * const table = samplePopulation(spec, { seed: 1, n: 200_000 });
 * const chunk = samplePopulation(spec, { seed: 1, n: 1000, start: 5000 }); // rows 5000..5999 of the same population
 */
export function samplePopulation(population: PopulationSpec | ResolvedPopulation, options: SampleOptions): Table {
  let resolved: ResolvedPopulation;
  if (isResolved(population)) resolved = population;
  else {
    resolved = resolvedCache.get(population) ?? resolvePopulation(population);
    resolvedCache.set(population, resolved);
  }
  const { seed, n, start = 0 } = options;
  try {
    splitSeed(seed);
  } catch {
    throw new DisparateError('usage', `seed must be an integer in [0, 2^53), got ${seed}`);
  }
  if (!Number.isSafeInteger(n) || n < 0) throw new DisparateError('usage', `size must be a non-negative integer, got ${n}`);
  if (!Number.isSafeInteger(start) || start < 0 || start + n > Number.MAX_SAFE_INTEGER) {
    throw new DisparateError('usage', `start must be a non-negative integer, got ${start}`);
  }
  const interventions = checkInterventions(resolved, options.do ?? {});

  const cols = new Map<string, Column>();
  const u = new Float64Array(n);
  for (const node of resolved.order) {
    const fixed = interventions.get(node.name);
    if (fixed !== undefined) {
      cols.set(node.name, node.kind === 'categorical' || node.kind === 'derived' ? categorical(node.levels, new Int32Array(n).fill(fixed)) : numeric(new Float64Array(n).fill(fixed)));
      continue;
    }
    if (node.kind !== 'derived') fillUniforms(u, seed, node.stream, start);
    cols.set(node.name, sampleNode(node, u, cols, n));
  }
  const columns = new Map<string, Column>();
  for (const name of resolved.columns) columns.set(name, cols.get(name)!);
  return { n, columns };
}

function checkInterventions(resolved: ResolvedPopulation, interventions: Readonly<Record<string, string | number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, value] of Object.entries(interventions)) {
    const node = resolved.nodes.get(name);
    if (!node) throw new DisparateError('usage', `do(${name} = ${value}): no variable "${name}"`);
    if (node.kind === 'categorical' || node.kind === 'derived') {
      const code = node.levels.indexOf(String(value));
      if (code < 0) throw new DisparateError('usage', `do(${name} = ${value}): not a level of "${name}" (levels: ${node.levels.join(', ')})`);
      out.set(name, code);
    } else {
      if (typeof value !== 'number') throw new DisparateError('usage', `do(${name} = ${value}): "${name}" is numeric, give a number`);
      out.set(name, value);
    }
  }
  return out;
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

function sampleNode(node: ResolvedNode, u: Float64Array, cols: Map<string, Column>, n: number): Column {
  switch (node.kind) {
    case 'categorical':
      return categorical(node.levels, sampleCategorical(node, u, cols, n));
    case 'derived': {
      const x = numericValues(cols, node.from);
      const { bounds } = node;
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
      return categorical(node.levels, codes);
    }
    case 'numeric':
      return numeric(sampleNumeric(node, u, cols, n));
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

function sampleCategorical(node: Extract<ResolvedNode, { kind: 'categorical' }>, u: Float64Array, cols: Map<string, Column>, n: number): Int32Array {
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
  // Row offsets into `cum`: Σ parent code × stride, times K; -1 marks a missing parent.
  const offset = new Int32Array(n);
  node.parents.forEach((parent, j) => {
    const pc = codesOf(cols, parent);
    const stride = node.strides[j]! * K;
    for (let i = 0; i < n; i++) {
      const c = pc[i]!;
      offset[i] = offset[i]! < 0 || c < 0 ? -1 : offset[i]! + c * stride;
    }
  });
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

/** Poisson inverse CDF by summing the pmf from 0; normal approximation beyond lambda = 500. */
function poissonQuantile(u: number, z: () => number, lambda: number): number {
  if (!(lambda > 0)) return lambda === 0 ? 0 : NaN;
  if (lambda > 500) return Math.max(0, Math.ceil(lambda + Math.sqrt(lambda) * z() - 0.5));
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

function sampleNumeric(node: Extract<ResolvedNode, { kind: 'numeric' }>, u: Float64Array, cols: Map<string, Column>, n: number): Float64Array {
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
      for (let i = 0; i < n; i++) {
        const ui = u[i]!;
        out[i] = poissonQuantile(ui, () => normalQuantile(ui), at(a, i));
      }
      break;
  }
  // Negative or zero scale parameters coming from terms give NaN rather than a silent wrong value.
  if (node.dist === 'normal' || node.dist === 'lognormal') {
    const b = p1!;
    if (typeof b !== 'number') for (let i = 0; i < n; i++) if (!(b[i]! > 0)) out[i] = NaN;
  }
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
