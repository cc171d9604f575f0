import type { LogisticModel } from '../../harness/config/index.js';
import type { Table } from '../../datasets/table/index.js';
import { checkInputs, levelLookup, missingValueError } from './check-inputs.js';
import type { ModelAdapter, ModelMeta, Scorer } from './model-adapter.js';

const TRANSFORMS = {
  identity: (x: number) => x,
  log: Math.log,
  log1p: Math.log1p,
} as const;

/**
 * Logistic model: score = σ(intercept + Σ contributions). Numeric inputs contribute
 * coefficient × (transform(x) − center) / scale; categorical inputs their level's coefficient.
 *
 * @example logisticAdapter(model, meta).bind(table)(0, table.n) // Float32Array of scores
 */
export function logisticAdapter(model: LogisticModel, meta: ModelMeta): ModelAdapter {
  const inputs = model.inputs.map((i) => (i.type === 'categorical' ? { name: i.name, type: i.type, levels: i.levels } : { name: i.name, type: i.type }));
  return {
    meta,
    inputs,
    bind(table: Table): Scorer {
      const columns = checkInputs(meta, inputs, table);
      return (start, end) => {
        const logit = new Float64Array(end - start).fill(model.intercept);
        model.inputs.forEach((input, k) => {
          const column = columns[k]!;
          if (column.kind === 'categorical' && input.type === 'categorical') {
            const lookup = levelLookup(column, input.coefficients);
            for (let i = start; i < end; i++) {
              const code = column.codes[i]!;
              if (code < 0) throw missingValueError(meta, input.name, i);
              logit[i - start]! += lookup[code]!;
            }
          } else if (column.kind === 'numeric' && input.type === 'numeric') {
            const f = TRANSFORMS[input.transform];
            const a = input.coefficient / input.scale;
            for (let i = start; i < end; i++) {
              const x = f(column.values[i]!);
              if (!Number.isFinite(x)) throw missingValueError(meta, input.name, i);
              logit[i - start]! += a * (x - input.center);
            }
          }
        });
        const out = new Float32Array(end - start);
        for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-logit[i]!));
        return out;
      };
    },
  };
}
