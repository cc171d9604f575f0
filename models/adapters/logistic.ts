import type { LogisticModel } from '../../harness/config/index.js';
import { cellValue, type Table } from '../../datasets/table/index.js';
import { checkInputs, levelLookup, missingValueError } from './check-inputs.js';
import { encodeNumber } from './encode-features.js';
import type { Explanation, ModelAdapter, ModelMeta, Scorer } from './model-adapter.js';

/** Rows per tile: 4,096 float64 logits (32 KiB) stay in the L1/L2 cache. */
const TILE = 4096;

const TRANSFORMS = {
  identity: (x: number) => x,
  log: Math.log,
  log1p: Math.log1p,
} as const;

/**
 * Logistic model: score = σ(intercept + Σ contributions); a `linear` model (same shape) leaves out
 * σ. Numeric inputs contribute coefficient × (bin(clip(transform(x))) − center) / scale, as the
 * trees, tfjs and onnx kinds encode a numeric input ({@link encodeNumber}); categorical inputs
 * their level's coefficient. `explain` returns exactly those contributions, which with the
 * intercept sum to the logit (or the linear score).
 *
 * @example logisticAdapter(model, meta).bind(table)(0, table.n) // Float32Array of scores
 */
export function logisticAdapter(model: LogisticModel, meta: ModelMeta): ModelAdapter {
  const inputs = model.inputs.map((i) => (i.type === 'categorical' ? { name: i.name, type: i.type, levels: i.levels } : { name: i.name, type: i.type }));
  const link = model.kind === 'linear' ? (x: number) => x : (x: number) => 1 / (1 + Math.exp(-x));
  return {
    meta,
    inputs,
    bind(table: Table): Scorer {
      const columns = checkInputs(meta, inputs, table);
      const lookups = model.inputs.map((input, k) => {
        const column = columns[k]!;
        return column.kind === 'categorical' && input.type === 'categorical' ? levelLookup(column, input.coefficients) : null;
      });
      // Rows go through every input one tile at a time, so the tile's logits stay in cache instead of
      // streaming a whole chunk's logits through memory once per input.
      const addTile = (logit: Float64Array, base: number, t0: number, t1: number) => {
        model.inputs.forEach((input, k) => {
          const column = columns[k]!;
          if (column.kind === 'categorical' && input.type === 'categorical') {
            const lookup = lookups[k]!;
            const codes = column.codes;
            for (let i = t0, j = t0 - base; i < t1; i++, j++) {
              const code = codes[i]!;
              if (code < 0) throw missingValueError(meta, input.name, i);
              logit[j]! += lookup[code]!;
            }
          } else if (column.kind === 'numeric' && input.type === 'numeric') {
            const a = input.coefficient / input.scale;
            const c = input.center;
            const values = column.values;
            if (input.clip || input.bins) {
              // Clipping and binning: the shared encoder, so every kind reads these fields alike.
              for (let i = t0, j = t0 - base; i < t1; i++, j++) {
                const v = values[i]!;
                if (v !== v) throw missingValueError(meta, input.name, i);
                const x = encodeNumber(input, v);
                if (!Number.isFinite(x)) throw missingValueError(meta, input.name, i, { name: input.transform, value: v });
                logit[j]! += input.coefficient * x;
              }
            } else if (input.transform === 'identity') {
              for (let i = t0, j = t0 - base; i < t1; i++, j++) {
                const x = values[i]!;
                if (x !== x) throw missingValueError(meta, input.name, i);
                logit[j]! += a * (x - c);
              }
            } else {
              const f = TRANSFORMS[input.transform];
              for (let i = t0, j = t0 - base; i < t1; i++, j++) {
                const x = f(values[i]!);
                if (!Number.isFinite(x)) throw missingValueError(meta, input.name, i, { name: input.transform, value: values[i]! });
                logit[j]! += a * (x - c);
              }
            }
          }
        });
      };
      return (start, end) => {
        const logit = new Float64Array(end - start).fill(model.intercept);
        for (let t0 = start; t0 < end; t0 += TILE) addTile(logit, start, t0, Math.min(end, t0 + TILE));
        const out = new Float32Array(end - start);
        for (let i = 0; i < out.length; i++) out[i] = link(logit[i]!);
        return out;
      };
    },
    explain(table: Table, row: number): Explanation {
      const columns = checkInputs(meta, inputs, table);
      let total = model.intercept;
      const contributions = model.inputs.map((input, k) => {
        const column = columns[k]!;
        const raw = cellValue(column, row);
        if (raw === null) throw missingValueError(meta, input.name, row);
        let value: number;
        if (input.type === 'categorical') value = Object.hasOwn(input.coefficients, String(raw)) ? input.coefficients[String(raw)]! : 0;
        else if (input.clip || input.bins) {
          const x = encodeNumber(input, Number(raw));
          if (!Number.isFinite(x)) throw missingValueError(meta, input.name, row, { name: input.transform, value: Number(raw) });
          value = input.coefficient * x;
        } else value = (input.coefficient * (TRANSFORMS[input.transform](Number(raw)) - input.center)) / input.scale;
        total += value;
        return { input: input.name, value, detail: String(raw) };
      });
      return {
        space: model.kind === 'linear' ? 'score' : 'logit',
        base: model.intercept,
        total,
        additive: true,
        method: model.kind === 'linear' ? 'exact: intercept + Σ coefficient terms = score' : 'exact: intercept + Σ coefficient terms = logit; score = σ(logit)',
        contributions,
      };
    },
  };
}
