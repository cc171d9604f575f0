import type { AdditiveModel } from '../../harness/config/index.js';
import type { CategoricalColumn, NumericColumn, Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { checkInputs, missingValueError } from './check-inputs.js';
import { encodeNumber } from './encode-features.js';
import type { Explanation, ModelAdapter, ModelInput, ModelMeta, Scorer } from './model-adapter.js';

/** A term compiled to flat form: the inputs it reads and its scores in row-major bin order. */
interface CompiledTerm {
  readonly label: string;
  readonly inputs: readonly number[];
  /** Bins of the second input (1 for a shape function): score of bins (i, j) at i × stride + j. */
  readonly stride: number;
  readonly scores: Float64Array;
}

const binCount = (input: AdditiveModel['inputs'][number]) => (input.type === 'numeric' ? input.edges!.length + 1 : input.levels!.length);

/** Checks the model's tables against its inputs' bins (a DisparateError('model') names the field) and flattens them. */
function compile(model: AdditiveModel, file: string): CompiledTerm[] {
  model.inputs.forEach((input, k) => {
    if (input.type === 'numeric') {
      if (!input.edges) throw new DisparateError('model', `${file}: inputs.${k}.edges: required for a numeric input`);
      if (input.edges.some((e, i) => !Number.isFinite(e) || (i > 0 && e <= input.edges![i - 1]!))) throw new DisparateError('model', `${file}: inputs.${k}.edges: must be finite and strictly ascending`);
    } else {
      if (!input.levels) throw new DisparateError('model', `${file}: inputs.${k}.levels: required for a categorical input`);
      const numericOnly = (['transform', 'clip', 'center', 'scale'] as const).find((f) => input[f] !== undefined);
      if (numericOnly) throw new DisparateError('model', `${file}: inputs.${k}.${numericOnly}: applies to a numeric input only`);
    }
  });
  return model.terms.map((term, t) => {
    const inputs = term.inputs.map((name) => {
      const k = model.inputs.findIndex((i) => i.name === name);
      if (k < 0) throw new DisparateError('model', `${file}: terms.${t}.inputs: "${name}" is not a declared input`);
      return k;
    });
    const [rows, cols] = inputs.map((k) => binCount(model.inputs[k]!)) as [number, number | undefined];
    const stride = cols ?? 1;
    const scores = new Float64Array(rows * stride);
    if (term.scores.length !== rows) throw new DisparateError('model', `${file}: terms.${t}.scores: ${term.scores.length} entries for the ${rows} bins of "${term.inputs[0]}"`);
    term.scores.forEach((row, i) => {
      const values = typeof row === 'number' ? [row] : row;
      if ((cols === undefined) !== (typeof row === 'number') || values.length !== stride) {
        throw new DisparateError('model', `${file}: terms.${t}.scores.${i}: expected ${cols === undefined ? 'a number' : `${cols} numbers, one per bin of "${term.inputs[1]}"`}`);
      }
      scores.set(values, i * stride);
    });
    return { label: term.inputs.join(' × '), inputs, stride, scores };
  });
}

/** Bin of every row of a column for one input: edges counted for numbers (after their transform, clip and standardisation), level index for categories. */
function binner(meta: ModelMeta, input: AdditiveModel['inputs'][number], column: NumericColumn | CategoricalColumn): (row: number) => number {
  if (column.kind === 'categorical') {
    const bins = column.levels.map((level) => input.levels!.indexOf(level));
    return (row) => {
      const code = column.codes[row]!;
      if (code < 0) throw missingValueError(meta, input.name, row);
      return bins[code]!;
    };
  }
  const edges = Float64Array.from(input.edges!);
  const encoding = { transform: input.transform ?? 'identity', clip: input.clip, center: input.center ?? 0, scale: input.scale ?? 1 };
  const plain = encoding.transform === 'identity' && !encoding.clip && encoding.center === 0 && encoding.scale === 1;
  return (row) => {
    const v = column.values[row]!;
    if (Number.isNaN(v)) throw missingValueError(meta, input.name, row);
    // transform, clip and standardise as every kind does (encodeNumber), then the model's own edges.
    const x = plain ? v : encodeNumber(encoding, v);
    if (Number.isNaN(x)) throw missingValueError(meta, input.name, row, { name: encoding.transform, value: v });
    // Binary search: the number of edges ≤ x.
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * An additive model with pairwise interactions (an EBM): the logit (or the score, with link
 * identity) is the intercept plus one table lookup per term. `explain` returns those lookups, which
 * sum with the intercept to the logit exactly.
 *
 * @example additiveAdapter(model, meta).bind(table)(0, table.n)
 */
export function additiveAdapter(model: AdditiveModel, meta: ModelMeta): ModelAdapter {
  const terms = compile(model, meta.file);
  const inputs: ModelInput[] = model.inputs.map((i) => (i.type === 'categorical' ? { name: i.name, type: i.type, levels: i.levels! } : { name: i.name, type: i.type }));
  const link = model.link === 'logit' ? (x: number) => 1 / (1 + Math.exp(-x)) : (x: number) => x;
  const binners = (table: Table) => {
    const columns = checkInputs(meta, inputs, table);
    return model.inputs.map((input, k) => binner(meta, input, columns[k] as NumericColumn | CategoricalColumn));
  };
  /** Term scores of rows [start, end), term by term: sums[i] accumulates in the same order as explain. */
  const scoreRows = (bins: ((row: number) => number)[], start: number, end: number, each?: (t: number, values: Float64Array) => void) => {
    const n = end - start;
    const binned = bins.map((bin) => Int32Array.from({ length: n }, (_, i) => bin(start + i)));
    const sums = new Float64Array(n).fill(model.intercept);
    terms.forEach((term, t) => {
      const first = binned[term.inputs[0]!]!;
      const second = term.inputs.length === 2 ? binned[term.inputs[1]!]! : null;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = term.scores[first[i]! * term.stride + (second ? second[i]! : 0)]!;
      for (let i = 0; i < n; i++) sums[i]! += values[i]!;
      each?.(t, values);
    });
    return sums;
  };
  return {
    meta,
    inputs,
    bind(table: Table): Scorer {
      const bins = binners(table);
      return (start, end) => Float32Array.from(scoreRows(bins, start, end), link);
    },
    explain(table: Table, row: number): Explanation {
      const values = new Float64Array(terms.length);
      const total = scoreRows(binners(table), row, row + 1, (t, v) => (values[t] = v[0]!))[0]!;
      return {
        space: model.link === 'logit' ? 'logit' : 'score',
        base: model.intercept,
        total,
        additive: true,
        method: `term scores of the additive model: intercept + Σ terms = ${model.link === 'logit' ? 'logit; score = σ(logit)' : 'score'}`,
        contributions: terms.map((term, t) => ({ input: term.label, value: values[t]! })),
      };
    },
  };
}
