import type { OnnxModel } from '../../harness/config/index.js';
import type { Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { CHECK_ROWS, CHECK_TOLERANCE, checkCompiled } from './check-engine.js';
import { compileOnnxTrees } from './compile-onnx-trees.js';
import { bindFeatures, encodedModelInputs } from './encode-features.js';
import { loadOnnxRuntime } from './load-onnx-runtime.js';
import { encodedFeatures, matchFeatureNames, reorderFeatures } from './match-feature-names.js';
import type { AsyncModelAdapter, EngineReport, ModelMeta } from './model-adapter.js';
import { columnFeeds, type Feeds } from './onnx-column-feeds.js';
import { describeOnnxGraph, withOutputs, type OnnxGraph, type OnnxValue } from './onnx-graph.js';
import { scoreTreeEnsemble } from './score-tree-ensemble.js';
import type { TreeEnsemble } from './tree-ensemble.js';

type Ort = typeof import('onnxruntime-node');
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

/**
 * An ONNX model. A graph that is one tree ensemble our evaluator reproduces (compile-onnx-trees.ts) is
 * scored by it with `engine: auto`, and the first rows of the first batch each adapter scores are also
 * run through onnxruntime: a difference above 1e-6 refuses the model. Every other graph, or any graph
 * with another engine, is run by onnxruntime (see {@link loadOnnxRuntime}). The graph is read once
 * (its bytes are hashed by the caller); the runtime and the session load on the first scored chunk,
 * one session per thread, single-threaded so a row's score never depends on how rows were split.
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
  const ensemble = model.engine === 'auto' && feed.mode === 'tensor' ? compiledEnsemble(bytes, feed.input.name, output.tensor, feed.order.length) : null;
  const compiledColumn = ensemble ? (output.column ?? ensemble.width - 1) : 0;
  if (ensemble && compiledColumn >= ensemble.width) throw new DisparateError('model', `${meta.file}: output.class: column ${compiledColumn} but "${output.tensor}" has ${ensemble.width} columns`);
  const runnable = withOutputs(bytes, [output.tensor]);
  const runtime = model.engine === 'onnxruntime' ? 'auto' : model.engine;
  let session: Promise<Session> | undefined;
  const open = async () => {
    const { ort, engine } = await loadOnnxRuntime(runtime, meta.file);
    session ??= ort.InferenceSession.create(runnable, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', logSeverityLevel: 3 }).catch((e: Error) => {
      throw new DisparateError('model', `${meta.file}: onnxruntime cannot load ${model.file}: ${e.message.split('\n')[0]}`);
    });
    return { ort, engine, session: await session };
  };
  /** onnxruntime's score column (before output.transform) for rows [b, e). */
  const runOrt = async (s: Session, feeds: Feeds, b: number, e: number): Promise<Float64Array> => {
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
    return Float64Array.from({ length: rows }, (_, i) => Number(data[i * width + column]));
  };
  const tensorFeeds = (ort: Ort, x: Float32Array, rows: number): Feeds => {
    const { input } = feed as Extract<Feed, { mode: 'tensor' }>;
    const dims = [rows, x.length / rows];
    return { [input.name]: input.type === 'float64' ? new ort.Tensor('float64', Float64Array.from(x), dims) : new ort.Tensor('float32', x, dims) };
  };
  /** The compiled scores of the check sample (the first rows of x) against onnxruntime's; throws past the tolerance. */
  const check = async (x: Float32Array, scores: ArrayLike<number>, rows: number, first: number) => {
    const { ort, engine, session: s } = await open();
    const k = Math.min(CHECK_ROWS, rows);
    const reference = await runOrt(s, tensorFeeds(ort, x.subarray(0, k * (x.length / rows)), k), first, first + k);
    return { rows: k, difference: checkCompiled(meta.file, scores, reference, k, first), reference: `onnxruntime-${engine}` };
  };
  let checked = false;
  return {
    meta,
    inputs: encodedModelInputs(model.inputs),
    async: true,
    bind(table: Table) {
      const encoder = feed.mode === 'tensor' ? bindFeatures(meta, model.inputs, table) : null;
      let columns: ReturnType<typeof columnFeeds> | undefined;
      return async (start, end) => {
        const out = new Float32Array(end - start);
        for (let b = start; b < end; b += model.batch_size) {
          const e = Math.min(end, b + model.batch_size);
          let raw: ArrayLike<number>;
          if (ensemble) {
            const x = reorderFeatures(encoder!.encode(b, e), e - b, (feed as Extract<Feed, { mode: 'tensor' }>).order);
            raw = scoreTreeEnsemble(ensemble, x, e - b, x.length / (e - b), compiledColumn);
            if (!checked) {
              await check(x, raw, e - b, b);
              checked = true;
            }
          } else {
            const { ort, session: s } = await open();
            if (feed.mode === 'tensor') raw = await runOrt(s, tensorFeeds(ort, reorderFeatures(encoder!.encode(b, e), e - b, feed.order), e - b), b, e);
            else raw = await runOrt(s, (columns ??= columnFeeds(ort, model, meta, graph, table))(b, e), b, e);
          }
          for (let i = 0; i < raw.length; i++) out[b - start + i] = output.sigmoid ? 1 / (1 + Math.exp(-raw[i]!)) : raw[i]!;
        }
        return out;
      };
    },
    async checkEngine(table: Table): Promise<EngineReport> {
      const rows = Math.min(CHECK_ROWS, table.n);
      if (!ensemble || rows === 0) return { name: ensemble ? 'compiled tree ensemble' : 'onnxruntime' };
      const x = reorderFeatures(bindFeatures(meta, model.inputs, table).encode(0, rows), rows, (feed as Extract<Feed, { mode: 'tensor' }>).order);
      const result = await check(x, scoreTreeEnsemble(ensemble, x, rows, x.length / rows, compiledColumn), rows, 0);
      return { name: 'compiled tree ensemble', check: { reference: result.reference, rows: result.rows, max_difference: result.difference, tolerance: CHECK_TOLERANCE } };
    },
  };
}

/** The graph's compiled tree ensemble, or null when it is not one our evaluator reproduces. */
function compiledEnsemble(bytes: Uint8Array, feedTensor: string, outputTensor: string, width: number): TreeEnsemble | null {
  try {
    const compiled = compileOnnxTrees(bytes, feedTensor, outputTensor, width);
    return typeof compiled === 'string' ? null : compiled;
  } catch {
    return null;
  }
}
