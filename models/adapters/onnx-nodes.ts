import { fieldText, float32Values, int64Values, protobufFields, type ProtobufField } from './protobuf-fields.js';

/**
 * A node attribute's values, whatever its form: `floats` holds FLOAT, FLOATS and a float TENSOR
 * (the `*_as_tensor` attributes of ai.onnx.ml opset 3), `ints` INT and INTS, `strings` STRING and
 * STRINGS; `tensorType` is the element type of a TENSOR attribute (1 float, 11 double), else null.
 */
export interface OnnxAttribute {
  readonly floats: readonly number[];
  readonly ints: readonly number[];
  readonly strings: readonly string[];
  readonly tensorType: number | null;
}

/** One node of the graph, in the graph's order. */
export interface OnnxNode {
  readonly op: string;
  /** '' for the default ONNX domain. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: ReadonlyMap<string, OnnxAttribute>;
}

/** The graph's nodes and the operator set versions the model imports (domain → version; '' is ai.onnx). */
export interface OnnxNodes {
  readonly nodes: readonly OnnxNode[];
  readonly opsets: ReadonlyMap<string, number>;
}

const sub = (fields: readonly ProtobufField[], n: number) => fields.filter((f) => f.field === n);

// AttributeProto: name 1, f 2, i 3, s 4, t 5, floats 7, ints 8, strings 9. TensorProto: data_type 2, float_data 4, raw_data 9.
function attribute(bytes: Uint8Array): [string, OnnxAttribute] {
  const a = protobufFields(bytes);
  const floats = [...sub(a, 2), ...sub(a, 7)].flatMap(float32Values);
  const ints = [...sub(a, 3), ...sub(a, 8)].flatMap(int64Values);
  const strings = [...sub(a, 4), ...sub(a, 9)].map(fieldText);
  let tensorType: number | null = null;
  const tensor = sub(a, 5)[0];
  if (tensor) {
    const t = protobufFields(tensor.bytes);
    tensorType = sub(t, 2)[0]?.value ?? 0;
    if (tensorType === 1) {
      floats.push(...sub(t, 4).flatMap(float32Values));
      for (const raw of sub(t, 9)) floats.push(...float32Values({ ...raw, wire: 2 }));
    }
  }
  return [fieldText(sub(a, 1)[0] ?? { field: 1, wire: 2, value: 0, bytes: new Uint8Array(), raw: new Uint8Array() }), { floats, ints, strings, tensorType }];
}

/**
 * Reads an ONNX ModelProto's nodes with their attributes, and its opset imports. Throws (a plain
 * Error) on malformed bytes.
 *
 * @example readOnnxNodes(bytes).nodes.find((n) => n.op === 'TreeEnsembleClassifier')?.attributes.get('post_transform')
 */
export function readOnnxNodes(bytes: Uint8Array): OnnxNodes {
  const model = protobufFields(bytes);
  const opsets = new Map<string, number>();
  for (const o of sub(model, 8)) {
    const f = protobufFields(o.bytes);
    const domain = sub(f, 1)[0];
    opsets.set(domain ? fieldText(domain) : '', sub(f, 2)[0]?.value ?? 0);
  }
  const graph = sub(model, 7)[0];
  const nodes = graph
    ? sub(protobufFields(graph.bytes), 1).map((node): OnnxNode => {
        const n = protobufFields(node.bytes);
        const domain = sub(n, 7)[0];
        return {
          op: sub(n, 4).map(fieldText)[0] ?? '',
          domain: domain ? fieldText(domain) : '',
          inputs: sub(n, 1).map(fieldText),
          outputs: sub(n, 2).map(fieldText),
          attributes: new Map(sub(n, 5).map((f) => attribute(f.bytes))),
        };
      })
    : [];
  return { nodes, opsets };
}
