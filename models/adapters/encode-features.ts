import type { EncodedInput, EncodedNumericInput } from '../../harness/config/index.js';
import type { CategoricalColumn, Column, NumericColumn, Table } from '../../datasets/table/index.js';
import { checkInputs, missingValueError } from './check-inputs.js';
import type { ModelInput, ModelMeta } from './model-adapter.js';

/**
 * Feature names of encoded inputs, in order: a numeric input is one feature named after it; a
 * one-hot categorical one feature per level, "input=level" (minus `drop`); an ordinal one feature.
 *
 * @example featureNames([{ name: 'nat', type: 'categorical', levels: ['a', 'b'], encoding: 'one_hot', drop: 'a', missing: 'error' }]) // ['nat=b']
 */
export function featureNames(inputs: readonly EncodedInput[]): string[] {
  return inputs.flatMap((input) =>
    input.type === 'numeric' || input.encoding === 'ordinal' ? [input.name] : input.levels.filter((l) => l !== input.drop).map((l) => `${input.name}=${l}`),
  );
}

/** The declared inputs of encoded models, as the harness checks them against a population. */
export function encodedModelInputs(inputs: readonly EncodedInput[]): ModelInput[] {
  return inputs.map((i) =>
    i.type === 'categorical'
      ? { name: i.name, type: i.type, levels: i.levels, reference: i.reference ?? i.drop ?? i.levels[0]! }
      : { name: i.name, type: i.type, reference: i.reference ?? i.center },
  );
}

/**
 * A numeric input's value as the model sees it: transform, clip, bin index, then (x − center) / scale. NaN when
 * the value is outside the transform's domain (log of 0 or less, log1p of −1 or less).
 *
 * @example encodeNumber({ transform: 'log1p', clip: [0, 5], center: 2, scale: 1 }, Math.E - 1) // -1
 */
export function encodeNumber(input: Pick<EncodedNumericInput, 'transform' | 'clip' | 'bins' | 'center' | 'scale'>, v: number): number {
  let t = input.transform === 'log' ? Math.log(v) : input.transform === 'log1p' ? Math.log1p(v) : v;
  if (t === -Infinity) return NaN;
  if (input.clip) t = Math.min(input.clip[1], Math.max(input.clip[0], t));
  if (input.bins) {
    let bin = 0;
    while (bin < input.bins.length && input.bins[bin]! <= t) bin++;
    t = bin;
  }
  return (t - input.center) / input.scale;
}

/** Rows [start, end) → row-major float32 feature matrix (rows × features). */
export type FeatureEncoder = (start: number, end: number) => Float32Array;

/**
 * Binds encoded inputs to a table (checking every column) and returns an encoder of row ranges.
 * Missing values follow each input's policy: `error` throws naming the row, `pass` writes NaN.
 */
export function bindFeatures(meta: ModelMeta, inputs: readonly EncodedInput[], table: Table): { width: number; encode: FeatureEncoder } {
  const columns = checkInputs(meta, encodedModelInputs(inputs), table);
  const width = featureNames(inputs).length;
  const plans = inputs.map((input, k) => {
    const column: Column = columns[k]!;
    if (input.type === 'numeric') return { input, column: column as NumericColumn, slots: null as Int32Array | null };
    const cat = column as CategoricalColumn;
    // Column code → feature offset within the input's block (-1: no feature, e.g. the dropped level).
    const slots = new Int32Array(cat.levels.length).fill(-1);
    const kept = input.levels.filter((l) => l !== input.drop);
    cat.levels.forEach((level, code) => {
      slots[code] = input.encoding === 'ordinal' ? input.levels.indexOf(level) : kept.indexOf(level);
    });
    return { input, column: cat, slots };
  });
  const encode: FeatureEncoder = (start, end) => {
    const n = end - start;
    const x = new Float32Array(n * width);
    let offset = 0;
    for (const { input, column, slots } of plans) {
      if (input.type === 'numeric') {
        const values = (column as NumericColumn).values;
        const { center, scale, transform, clip } = input;
        if (transform === 'identity' && !clip && !input.bins) {
          // No transform, clip or bins: encodeNumber is (v − center) / scale (exactly v at center 0 and
          // scale 1), with −Infinity refused; computed here without a call per value, which cost the
          // dense tfjs engine a fifth of its rows per second.
          for (let i = 0, o = offset; i < n; i++, o += width) {
            const v = values[start + i]!;
            if (v !== v) {
              if (input.missing === 'error') throw missingValueError(meta, input.name, start + i);
              x[o] = NaN;
              continue;
            }
            const t = (v - center) / scale;
            if (t !== t || v === -Infinity) throw missingValueError(meta, input.name, start + i, { name: transform, value: v });
            x[o] = t;
          }
          offset += 1;
          continue;
        }
        for (let i = 0; i < n; i++) {
          const v = values[start + i]!;
          if (Number.isNaN(v)) {
            if (input.missing === 'error') throw missingValueError(meta, input.name, start + i);
            x[i * width + offset] = NaN;
            continue;
          }
          const t = encodeNumber(input, v);
          if (Number.isNaN(t)) throw missingValueError(meta, input.name, start + i, { name: input.transform, value: v });
          x[i * width + offset] = t;
        }
        offset += 1;
        continue;
      }
      const codes = (column as CategoricalColumn).codes;
      const ordinal = input.encoding === 'ordinal';
      const size = ordinal ? 1 : input.levels.filter((l) => l !== input.drop).length;
      for (let i = 0; i < n; i++) {
        const code = codes[start + i]!;
        const base = i * width + offset;
        if (code < 0) {
          if (input.missing === 'error') throw missingValueError(meta, input.name, start + i);
          for (let j = 0; j < size; j++) x[base + j] = NaN;
          continue;
        }
        const slot = slots![code]!;
        if (ordinal) x[base] = slot;
        else if (slot >= 0) x[base + slot] = 1;
      }
      offset += size;
    }
    return x;
  };
  return { width, encode };
}
