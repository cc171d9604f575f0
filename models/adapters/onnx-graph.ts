import { encodeBytesField, fieldText, packedVarints, protobufFields, type ProtobufField } from './protobuf-fields.js';

/** A graph input or output: its name and, for a tensor, its element type and shape (null = unknown dimension). */
export interface OnnxValue {
  readonly name: string;
  /** ONNX element type name (float, double, int64, int32, string, bool …); null for sequences and maps. */
  readonly type: string | null;
  readonly shape: readonly (number | null)[] | null;
}

/** What the adapter needs to know of an ONNX model, read from its bytes without a runtime. */
export interface OnnxGraph {
  /** Inputs the caller feeds (initialisers listed as inputs by old exporters are left out). */
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
  /** ZipMap outputs → the probabilities tensor each one wraps and its class labels. */
  readonly zipMaps: ReadonlyMap<string, { readonly tensor: string; readonly classes: readonly string[] }>;
}

// TensorProto.DataType numbers → names, as onnxruntime's JS API spells them where it has them.
const ELEMENT: Record<number, string> = { 1: 'float32', 2: 'uint8', 3: 'int8', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool', 10: 'float16', 11: 'float64' };

const sub = (fields: readonly ProtobufField[], n: number) => fields.filter((f) => f.field === n);
const text = (f: ProtobufField | undefined) => (f ? fieldText(f) : '');

function valueInfo(bytes: Uint8Array): OnnxValue {
  const fields = protobufFields(bytes);
  const name = text(sub(fields, 1)[0]);
  const type = sub(fields, 2)[0];
  const tensor = type ? sub(protobufFields(type.bytes), 1)[0] : undefined;
  if (!tensor) return { name, type: null, shape: null };
  const t = protobufFields(tensor.bytes);
  const elem = sub(t, 1)[0]?.value ?? 0;
  const shapeField = sub(t, 2)[0];
  const shape = shapeField
    ? sub(protobufFields(shapeField.bytes), 1).map((dim) => {
        const value = sub(protobufFields(dim.bytes), 1)[0];
        return value ? value.value : null;
      })
    : null;
  return { name, type: ELEMENT[elem] ?? `type ${elem}`, shape };
}

/**
 * Reads an ONNX ModelProto's graph inputs, outputs and ZipMap nodes. Throws (a plain Error) when the
 * bytes are not an ONNX model.
 *
 * @example describeOnnxGraph(readFileSync('pipeline.onnx')).inputs.map((i) => i.name)
 */
export function describeOnnxGraph(bytes: Uint8Array): OnnxGraph {
  const graph = sub(protobufFields(bytes), 7)[0];
  if (!graph) throw new Error('no graph');
  const fields = protobufFields(graph.bytes);
  const initialisers = new Set(sub(fields, 5).map((f) => text(sub(protobufFields(f.bytes), 8)[0])));
  const zipMaps = new Map<string, { tensor: string; classes: string[] }>();
  for (const node of sub(fields, 1)) {
    const n = protobufFields(node.bytes);
    if (sub(n, 4).map(fieldText)[0] !== 'ZipMap') continue;
    const input = sub(n, 1).map(fieldText)[0];
    const output = sub(n, 2).map(fieldText)[0];
    if (!input || !output) continue;
    const classes: string[] = [];
    for (const attr of sub(n, 5)) {
      const a = protobufFields(attr.bytes);
      const name = sub(a, 1).map(fieldText)[0];
      // AttributeProto: ints (8, packed or not) for classlabels_int64s, strings (9) for classlabels_strings.
      if (name === 'classlabels_strings') classes.push(...sub(a, 9).map(fieldText));
      if (name === 'classlabels_int64s') {
        for (const f of sub(a, 8)) {
          if (f.wire === 0) classes.push(String(f.value));
          else classes.push(...packedVarints(f.bytes).map(String));
        }
      }
    }
    zipMaps.set(output, { tensor: input, classes });
  }
  return {
    inputs: sub(fields, 11).map((f) => valueInfo(f.bytes)).filter((v) => !initialisers.has(v.name)),
    outputs: sub(fields, 12).map((f) => valueInfo(f.bytes)),
    zipMaps,
  };
}

/**
 * The same model with exactly `names` as its graph outputs (an existing output keeps its declared
 * type). onnxruntime's JavaScript bindings cannot return a ZipMap's sequence of maps (and mislabel
 * the outputs of a run that skips one), so the probabilities tensor the ZipMap reads becomes the one
 * output; the nodes and weights are untouched, and the manifest hashes the original bytes.
 */
export function withOutputs(bytes: Uint8Array, names: readonly string[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of protobufFields(bytes)) {
    if (f.field !== 7) {
      parts.push(f.raw);
      continue;
    }
    const graph = protobufFields(f.bytes);
    const declared = new Map(sub(graph, 12).map((o) => [text(sub(protobufFields(o.bytes), 1)[0]), o.raw]));
    const kept = graph.filter((g) => g.field !== 12).map((g) => g.raw);
    const outputs = names.map((name) => declared.get(name) ?? encodeBytesField(12, encodeBytesField(1, new TextEncoder().encode(name))));
    parts.push(encodeBytesField(7, concat([...kept, ...outputs])));
  }
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
