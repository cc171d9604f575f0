import type { OnnxModel } from '../../harness/config/index.js';
import type { CategoricalColumn, NumericColumn, Table } from '../../datasets/table/index.js';
import { checkInputs, missingValueError } from './check-inputs.js';
import { encodeNumber, encodedModelInputs } from './encode-features.js';
import type { ModelMeta } from './model-adapter.js';
import type { OnnxGraph, OnnxValue } from './onnx-graph.js';

type Ort = typeof import('onnxruntime-node');
export type Feeds = Record<string, InstanceType<Ort['Tensor']>>;

/** One tensor per graph input, each [rows, 1]: numbers in the input's element type, levels as strings. */
export function columnFeeds(ort: Ort, model: OnnxModel, meta: ModelMeta, graph: OnnxGraph, table: Table): (start: number, end: number) => Feeds {
  const columns = checkInputs(meta, encodedModelInputs(model.inputs), table);
  const plans = graph.inputs.map((g) => {
    const k = model.inputs.findIndex((i) => i.name === g.name);
    return { g, input: model.inputs[k]!, column: columns[k]! };
  });
  return (start, end) => {
    const n = end - start;
    const feeds: Feeds = {};
    for (const { g, input, column } of plans) {
      const dims = g.shape?.length === 1 ? [n] : [n, 1];
      if (input.type === 'categorical') {
        const cat = column as CategoricalColumn;
        if (g.type === 'string') {
          const levels = Array.from({ length: n }, (_, i) => {
            const code = cat.codes[start + i]!;
            if (code < 0 && input.missing === 'error') throw missingValueError(meta, input.name, start + i);
            return code < 0 ? '' : cat.levels[code]!;
          });
          feeds[g.name] = new ort.Tensor('string', levels, dims);
          continue;
        }
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const code = cat.codes[start + i]!;
          if (code < 0 && input.missing === 'error') throw missingValueError(meta, input.name, start + i);
          values[i] = code < 0 ? NaN : input.levels.indexOf(cat.levels[code]!);
        }
        feeds[g.name] = numberTensor(ort, g, values, dims);
        continue;
      }
      const source = (column as NumericColumn).values;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = source[start + i]!;
        if (Number.isNaN(v)) {
          if (input.missing === 'error') throw missingValueError(meta, input.name, start + i);
          values[i] = NaN;
          continue;
        }
        values[i] = encodeNumber(input, v);
        if (Number.isNaN(values[i]!)) throw missingValueError(meta, input.name, start + i, { name: input.transform, value: v });
      }
      feeds[g.name] = numberTensor(ort, g, values, dims);
    }
    return feeds;
  };
}

function numberTensor(ort: Ort, g: OnnxValue, values: Float64Array, dims: number[]): InstanceType<Ort['Tensor']> {
  if (g.type === 'float32') return new ort.Tensor('float32', Float32Array.from(values), dims);
  if (g.type === 'float64') return new ort.Tensor('float64', values, dims);
  if (g.type === 'int32') return new ort.Tensor('int32', Int32Array.from(values, Math.round), dims);
  return new ort.Tensor('int64', BigInt64Array.from(values, (v) => BigInt(Math.round(v))), dims);
}
