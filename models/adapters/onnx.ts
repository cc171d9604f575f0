import type { OnnxModel } from '../../harness/config/index.js';
import type { CategoricalColumn, NumericColumn, Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { checkInputs, missingValueError } from './check-inputs.js';
import { bindFeatures, encodeNumber, encodedModelInputs } from './encode-features.js';
import { loadOnnxRuntime } from './load-onnx-runtime.js';
import { encodedFeatures, matchFeatureNames, reorderFeatures } from './match-feature-names.js';
import type { AsyncModelAdapter, ModelMeta } from './model-adapter.js';
import { describeOnnxGraph, withOutputs, type OnnxGraph, type OnnxValue } from './onnx-graph.js';

type Ort = typeof import('onnxruntime-node');
type Feeds = Record<string, InstanceType<Ort['Tensor']>>;
type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

/** Which tensor and column of the graph is the score. */
interface ScoreOutput {
  readonly tensor: string;
  readonly column: number | null;
  readonly sigmoid: boolean;
}

function chooseOutput(model: OnnxModel, graph: OnnxGraph, file: string): ScoreOutput {
  const names = graph.outputs.map((o) => `"${o.name}"`).join(', ');
  const wanted = model.output.name;
  const isFloat = (o: OnnxValue) => o.type === 'float32' || o.type === 'float64';
  const chosen = wanted
    ? graph.outputs.find((o) => o.name === wanted)
    : (graph.outputs.find((o) => graph.zipMaps.has(o.name)) ?? graph.outputs.find((o) => isFloat(o) && /prob/i.test(o.name)) ?? graph.outputs.find(isFloat));
  if (!chosen) throw new DisparateError('model', `${file}: output.name: ${wanted ? `"${wanted}" is not an output of the graph` : 'the graph has no float or ZipMap output'} (outputs: ${names})`);
  const sigmoid = model.output.transform === 'sigmoid';
  const cls = model.output.class;
  const zip = graph.zipMaps.get(chosen.name);
  if (zip) {
    const column = cls === undefined ? zip.classes.length - 1 : typeof cls === 'string' ? zip.classes.indexOf(cls) : cls;
    if (column < 0 || column >= zip.classes.length) throw new DisparateError('model', `${file}: output.class: ${JSON.stringify(cls)} is not a class of ZipMap "${chosen.name}" (classes: ${zip.classes.join(', ')})`);
    return { tensor: zip.tensor, column, sigmoid };
  }
  if (!isFloat(chosen)) throw new DisparateError('model', `${file}: output.name: "${chosen.name}" is a ${chosen.type ?? 'non-tensor'} output; a score needs a float tensor or a ZipMap (outputs: ${names})`);
  if (typeof cls === 'string') throw new DisparateError('model', `${file}: output.class: "${cls}" names a class, but "${chosen.name}" is a plain tensor; give a column index`);
  return { tensor: chosen.name, column: cls ?? null, sigmoid };
}

/** How the population reaches the graph: one tensor per input column, or one encoded feature tensor. */
type Feed = { readonly mode: 'columns' } | { readonly mode: 'tensor'; readonly input: OnnxValue; readonly order: number[] };

function chooseFeed(model: OnnxModel, graph: OnnxGraph, file: string): Feed {
  const declared = new Set(model.inputs.map((i) => i.name));
  const graphInputs = graph.inputs.map((i) => `"${i.name}" (${i.type ?? 'non-tensor'})`).join(', ');
  const tensorName = model.tensor ?? (graph.inputs.every((i) => declared.has(i.name)) ? null : graph.inputs.length === 1 ? graph.inputs[0]!.name : undefined);
  if (tensorName === undefined) throw new DisparateError('model', `${file}: inputs: the graph's inputs ${graphInputs} are neither all declared inputs nor one feature tensor; declare them or set tensor`);
  if (tensorName === null) {
    if (model.feature_names) throw new DisparateError('model', `${file}: feature_names: the graph takes one tensor per column (${graphInputs}); feature_names apply to a single feature tensor`);
    const unused = model.inputs.filter((i) => !graph.inputs.some((g) => g.name === i.name)).map((i) => `"${i.name}"`);
    if (unused.length > 0) throw new DisparateError('model', `${file}: inputs: ${unused.join(', ')} declared but not inputs of the graph (${graphInputs})`);
    for (const g of graph.inputs) {
      const input = model.inputs.find((i) => i.name === g.name)!;
      const ok = input.type === 'categorical' && input.encoding === 'one_hot' ? g.type === 'string' : ['float32', 'float64', 'int64', 'int32'].includes(g.type ?? '');
      if (!ok) throw new DisparateError('model', `${file}: inputs: graph input "${g.name}" is ${g.type ?? 'non-tensor'}, which a ${input.type} input${input.type === 'categorical' ? ` (encoding ${input.encoding})` : ''} cannot feed`);
    }
    return { mode: 'columns' };
  }
  const input = graph.inputs.find((i) => i.name === tensorName);
  if (!input) throw new DisparateError('model', `${file}: tensor: "${tensorName}" is not an input of the graph (inputs: ${graphInputs})`);
  if (graph.inputs.length > 1) throw new DisparateError('model', `${file}: tensor: the graph has ${graph.inputs.length} inputs (${graphInputs}); a feature tensor must be the only one`);
  if (input.type !== 'float32' && input.type !== 'float64') throw new DisparateError('model', `${file}: tensor: "${tensorName}" is ${input.type ?? 'non-tensor'}; the feature tensor must be float or double`);
  const features = encodedFeatures(model.inputs);
  const order = model.feature_names ? matchFeatureNames(file, model.file, features, model.feature_names) : features.map((_, k) => k);
  const width = input.shape?.[input.shape.length - 1];
  if (typeof width === 'number' && width !== order.length) throw new DisparateError('model', `${file}: inputs encode ${order.length} features but "${tensorName}" takes ${width}`);
  return { mode: 'tensor', input, order };
}

/** One tensor per graph input, each [rows, 1]: numbers in the input's element type, levels as strings. */
function columnFeeds(ort: Ort, model: OnnxModel, meta: ModelMeta, graph: OnnxGraph, table: Table): (start: number, end: number) => Feeds {
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

/**
 * An ONNX model run by onnxruntime (see {@link loadOnnxRuntime}). The graph is read once (its bytes
 * are hashed by the caller); the runtime and the session load on the first scored chunk, one session
 * per thread, single-threaded so a row's score never depends on how rows were split.
 */
export function onnxAdapter(model: OnnxModel, meta: ModelMeta, bytes: Uint8Array): AsyncModelAdapter {
  let graph: OnnxGraph;
  try {
    graph = describeOnnxGraph(bytes);
  } catch (e) {
    throw new DisparateError('model', `${meta.file}: file: ${model.file} is not an ONNX model (${(e as Error).message})`);
  }
  const feed = chooseFeed(model, graph, meta.file);
  const output = chooseOutput(model, graph, meta.file);
  const runnable = withOutputs(bytes, [output.tensor]);
  let session: Promise<Session> | undefined;
  const open = async (ort: Ort) => {
    try {
      return await ort.InferenceSession.create(runnable, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', logSeverityLevel: 3 });
    } catch (e) {
      throw new DisparateError('model', `${meta.file}: onnxruntime cannot load ${model.file}: ${(e as Error).message.split('\n')[0]}`);
    }
  };
  return {
    meta,
    inputs: encodedModelInputs(model.inputs),
    async: true,
    bind(table: Table) {
      const encoder = feed.mode === 'tensor' ? bindFeatures(meta, model.inputs, table) : null;
      let columns: ReturnType<typeof columnFeeds> | undefined;
      return async (start, end) => {
        const { ort } = await loadOnnxRuntime(model.engine, meta.file);
        session ??= open(ort);
        const s = await session;
        const out = new Float32Array(end - start);
        for (let b = start; b < end; b += model.batch_size) {
          const e = Math.min(end, b + model.batch_size);
          let feeds: Feeds;
          if (feed.mode === 'tensor') {
            const x = reorderFeatures(encoder!.encode(b, e), e - b, feed.order);
            const dims = [e - b, feed.order.length];
            feeds = { [feed.input.name]: feed.input.type === 'float64' ? new ort.Tensor('float64', Float64Array.from(x), dims) : new ort.Tensor('float32', x, dims) };
          } else {
            columns ??= columnFeeds(ort, model, meta, graph, table);
            feeds = columns(b, e);
          }
          let result;
          try {
            result = await s.run(feeds);
          } catch (err) {
            throw new DisparateError('model', `${meta.file}: onnxruntime could not score rows ${b + 1}–${e}: ${(err as Error).message.split('\n')[0]}`);
          }
          const y = result[output.tensor]!;
          const rows = e - b;
          const width = y.size / rows;
          if (!Number.isInteger(width) || width < 1) {
            throw new DisparateError('model', `${meta.file}: output "${output.tensor}" has ${y.size} values for ${rows} rows; a score needs a whole number of columns per row`);
          }
          // The positive class is the last column of a binary classifier's probabilities.
          const column = output.column ?? width - 1;
          if (column >= width) throw new DisparateError('model', `${meta.file}: output.class: column ${column} but "${output.tensor}" has ${width} columns`);
          const data = y.data as ArrayLike<number | bigint>;
          for (let i = 0; i < rows; i++) {
            const v = Number(data[i * width + column]);
            out[b - start + i] = output.sigmoid ? 1 / (1 + Math.exp(-v)) : v;
          }
        }
        return out;
      };
    },
  };
}
