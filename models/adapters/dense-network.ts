/**
 * A feed-forward stack of dense layers read straight from a tfjs LayersModel's topology and weights,
 * scored by a hand-written kernel: kernels transposed so the inner loop runs over contiguous memory,
 * products summed in double, each layer's output stored as float32 (as tfjs's CPU backend stores
 * tensors). It needs no tfjs runtime, so it scores synchronously.
 */
export interface DenseLayer {
  readonly inputs: number;
  readonly units: number;
  /** units × inputs, row-major (the transposed Keras kernel). */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly activation: Activation;
}

const ACTIVATIONS = {
  linear: (x: number) => x,
  relu: (x: number) => (x > 0 ? x : 0),
  sigmoid: (x: number) => 1 / (1 + Math.exp(-x)),
  tanh: Math.tanh,
  softplus: (x: number) => Math.log1p(Math.exp(x)),
} as const;
export type Activation = keyof typeof ACTIVATIONS;

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

/**
 * The dense layers of a Sequential topology, or a reason why the model is not one (another layer
 * type or activation, quantised or non-float32 weights): the caller then uses tfjs itself.
 */
export function readDenseNetwork(topology: unknown, specs: readonly WeightSpec[], data: ArrayBuffer): DenseLayer[] | string {
  const t = topology as { class_name?: string; config?: { layers?: { class_name: string; config: Record<string, unknown> }[] } | { class_name: string; config: Record<string, unknown> }[] };
  if (t?.class_name !== 'Sequential') return `topology is ${t?.class_name ?? 'unknown'}, not Sequential`;
  const layers = Array.isArray(t.config) ? t.config : t.config?.layers;
  if (!layers) return 'no layers in the topology';
  const offsets: number[] = [];
  let offset = 0;
  for (const s of specs) {
    if (s.dtype !== 'float32' || s.quantization) return `weight ${s.name} is ${s.quantization ? 'quantised' : s.dtype}`;
    offsets.push(offset);
    offset += 4 * s.shape.reduce((a, b) => a * b, 1);
  }
  if (offset !== data.byteLength) return `weights take ${offset} bytes but ${data.byteLength} were read`;
  const out: DenseLayer[] = [];
  let w = 0;
  for (const layer of layers) {
    if (layer.class_name === 'InputLayer' || layer.class_name === 'Dropout') continue;
    if (layer.class_name !== 'Dense') return `layer ${String(layer.config.name)} is ${layer.class_name}`;
    const activation = String(layer.config.activation ?? 'linear') as Activation;
    if (!Object.hasOwn(ACTIVATIONS, activation)) return `activation ${activation} of layer ${String(layer.config.name)}`;
    const kernel = specs[w];
    if (!kernel || kernel.shape.length !== 2 || !kernel.name.endsWith('/kernel')) return `expected the kernel of ${String(layer.config.name)} at weight ${w + 1}`;
    const [inputs, units] = kernel.shape as [number, number];
    const k = new Float32Array(data, offsets[w]!, inputs * units);
    w++;
    let bias = new Float32Array(units);
    if (layer.config.use_bias !== false) {
      const b = specs[w];
      if (!b || b.shape.length !== 1 || b.shape[0] !== units || !b.name.endsWith('/bias')) return `expected the bias of ${String(layer.config.name)} at weight ${w + 1}`;
      bias = new Float32Array(data.slice(offsets[w]!, offsets[w]! + 4 * units));
      w++;
    }
    const weights = new Float32Array(units * inputs);
    for (let i = 0; i < inputs; i++) for (let j = 0; j < units; j++) weights[j * inputs + i] = k[i * units + j]!;
    if (out.length > 0 && out[out.length - 1]!.units !== inputs) return `layer ${String(layer.config.name)} takes ${inputs} inputs after a layer of ${out[out.length - 1]!.units} units`;
    out.push({ inputs, units, weights, bias, activation });
  }
  if (w !== specs.length) return `${specs.length - w} weights belong to no dense layer`;
  if (out.length === 0) return 'no dense layers';
  return out;
}

/**
 * Forward pass of `n` rows (row-major float32, `layers[0].inputs` wide); the last layer's outputs.
 * Four rows at a time share each weight load (the loop is bound by loads, not multiplications).
 */
export function denseForward(layers: readonly DenseLayer[], x: Float32Array, n: number): Float32Array {
  let cur = x;
  for (const { inputs, units, weights, bias, activation } of layers) {
    const next = new Float32Array(n * units);
    const act = ACTIVATIONS[activation];
    const relu = activation === 'relu';
    let r = 0;
    for (; r + 3 < n; r += 4) {
      const x0 = r * inputs, x1 = x0 + inputs, x2 = x1 + inputs, x3 = x2 + inputs;
      for (let j = 0; j < units; j++) {
        const wo = j * inputs;
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (let k = 0; k < inputs; k++) {
          const w = weights[wo + k]!;
          a0 += cur[x0 + k]! * w;
          a1 += cur[x1 + k]! * w;
          a2 += cur[x2 + k]! * w;
          a3 += cur[x3 + k]! * w;
        }
        const b = bias[j]!;
        const z0 = Math.fround(a0 + b), z1 = Math.fround(a1 + b), z2 = Math.fround(a2 + b), z3 = Math.fround(a3 + b);
        const o = r * units + j;
        if (relu) {
          next[o] = z0 > 0 ? z0 : 0;
          next[o + units] = z1 > 0 ? z1 : 0;
          next[o + 2 * units] = z2 > 0 ? z2 : 0;
          next[o + 3 * units] = z3 > 0 ? z3 : 0;
        } else {
          next[o] = act(z0);
          next[o + units] = act(z1);
          next[o + 2 * units] = act(z2);
          next[o + 3 * units] = act(z3);
        }
      }
    }
    for (; r < n; r++) {
      const xo = r * inputs;
      for (let j = 0; j < units; j++) {
        const wo = j * inputs;
        let a = 0;
        for (let k = 0; k < inputs; k++) a += cur[xo + k]! * weights[wo + k]!;
        next[r * units + j] = act(Math.fround(a + bias[j]!));
      }
    }
    cur = next;
  }
  return cur;
}
