import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { treeEnsembleOnnx, type EnsembleGraph, type EnsembleNode } from '../../bench/onnx-graphs.js';
import { compileOnnxTrees } from '../../models/adapters/compile-onnx-trees.js';
import { loadOnnxRuntime } from '../../models/adapters/load-onnx-runtime.js';
import { scoreTreeEnsemble } from '../../models/adapters/score-tree-ensemble.js';
import type { TreeEnsemble } from '../../models/adapters/tree-ensemble.js';

/**
 * The compiled tree ensemble against onnxruntime-node itself: random small ensembles written by
 * bench/onnx-graphs.ts (every node mode, NaN inputs and missing_value_tracks_true, base values, each
 * post transform and aggregate, classifiers and regressors) score every output column alike to 1e-6.
 */
const MODES = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ'];
const POSTS = ['NONE', 'LOGISTIC', 'SOFTMAX', 'SOFTMAX_ZERO'];
// Thresholds and inputs share a few values, so equality tests and ties at thresholds happen.
const VALUES = [-1, 0, 0.5, 1, 2.25];

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A tree of depth ≤ `depth`: its nodes (pre-order ids) and leaf weights from `leaf`. */
function tree(r: Rand, t: number, features: number, depth: number, modes: readonly string[], leaf: (node: number) => EnsembleGraph['weights']): { nodes: EnsembleNode[]; weights: EnsembleGraph['weights'][number][] } {
  const nodes: EnsembleNode[] = [];
  const weights: EnsembleGraph['weights'][number][] = [];
  let next = 0;
  const grow = (level: number): number => {
    const id = next++;
    const at = nodes.length;
    if (level === depth || (level > 0 && r() < 0.3)) {
      nodes.push({ tree: t, node: id, feature: 0, value: 0, mode: 'LEAF', ifTrue: 0, ifFalse: 0, missingTrue: 0 });
      weights.push(...leaf(id));
      return id;
    }
    nodes.push({ tree: t, node: id, feature: 0, value: 0, mode: 'LEAF', ifTrue: 0, ifFalse: 0, missingTrue: 0 });
    const ifTrue = grow(level + 1);
    const ifFalse = grow(level + 1);
    const value = r() < 0.7 ? pick(r, VALUES) : Math.fround((r() - 0.5) * 6);
    nodes[at] = { tree: t, node: id, feature: Math.floor(r() * features), value, mode: pick(r, modes), ifTrue, ifFalse, missingTrue: r() < 0.5 ? 1 : 0 };
    return id;
  };
  grow(0);
  return { nodes, weights };
}

/** A random ensemble in the subset the compiler takes, from a seed. */
function randomEnsemble(seed: number): EnsembleGraph {
  let s = seed >>> 0;
  const r: Rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let v = Math.imul(s ^ (s >>> 15), s | 1);
    v ^= v + Math.imul(v ^ (v >>> 7), v | 61);
    return ((v ^ (v >>> 14)) >>> 0) / 4294967296;
  };
  const features = 1 + Math.floor(r() * 4);
  const trees = 1 + Math.floor(r() * 4);
  const modes = r() < 0.5 ? MODES.slice(0, 4) : MODES;
  const w = () => Math.fround((r() - 0.3) * 2);
  const kind = pick(r, ['binary-one', 'binary-both', 'multiclass', 'regressor-one', 'regressor-many'] as const);
  const positive = r() < 0.4;
  const columns = kind === 'multiclass' ? 3 + Math.floor(r() * 2) : kind === 'regressor-many' ? 2 + Math.floor(r() * 2) : kind.startsWith('binary') ? 2 : 1;
  const leaf = (t: number) => (node: number): EnsembleGraph['weights'] => {
    if (kind === 'binary-one' || kind === 'regressor-one') return [{ tree: t, node, id: 0, weight: positive ? Math.abs(w()) : w() }];
    if (kind === 'binary-both') return [{ tree: t, node, id: 0, weight: w() }, { tree: t, node, id: 1, weight: w() }];
    // A classifier's every leaf weighs some class (onnxruntime cannot label a row no weight reached).
    return Array.from({ length: Math.floor(r() * 3) + (kind === 'multiclass' ? 1 : 0) }, () => ({ tree: t, node, id: Math.floor(r() * columns), weight: w() }));
  };
  const parts = Array.from({ length: trees }, (_, t) => tree(r, t, features, 1 + Math.floor(r() * 3), modes, leaf(t)));
  const op = kind.startsWith('regressor') ? 'TreeEnsembleRegressor' : 'TreeEnsembleClassifier';
  const baseLength = kind === 'binary-both' ? 0 : r() < 0.5 ? 0 : kind === 'binary-one' || kind === 'regressor-one' ? 1 : columns;
  const post = pick(r, POSTS);
  return {
    op, features, post,
    nodes: parts.flatMap((p) => p.nodes),
    weights: parts.flatMap((p) => p.weights),
    base: Array.from({ length: baseLength }, w),
    ...(op === 'TreeEnsembleRegressor' ? { targets: columns, aggregate: pick(r, ['SUM', 'AVERAGE', 'MIN', 'MAX']) } : { classes: Array.from({ length: columns }, (_, k) => k) }),
    asTensor: r() < 0.3,
    doubleInput: r() < 0.3,
  };
}

function rows(g: EnsembleGraph, n: number, seed: number): Float32Array {
  const r = fc.sample(fc.float({ min: -3, max: 3, noDefaultInfinity: true, noNaN: true }), { seed, numRuns: n * g.features });
  return Float32Array.from(r, (v, k) => (k % 5 === 0 ? NaN : k % 3 === 0 ? VALUES[k % VALUES.length]! : v));
}

/** onnxruntime-node's scores of the graph: [rows × width]. */
async function reference(bytes: Uint8Array, x: Float32Array, n: number, g: EnsembleGraph): Promise<{ data: Float32Array; width: number }> {
  const { ort } = await loadOnnxRuntime('node', 'test');
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 3 });
  const input = g.doubleInput ? new ort.Tensor('float64', Float64Array.from(x), [n, g.features]) : new ort.Tensor('float32', x, [n, g.features]);
  const y = (await session.run({ input }, ['scores'])).scores!;
  return { data: y.data as Float32Array, width: y.size / n };
}

async function compare(g: EnsembleGraph, seed: number): Promise<number> {
  const bytes = treeEnsembleOnnx(g);
  const compiled = compileOnnxTrees(bytes, 'input', 'scores', g.features);
  expect(compiled, JSON.stringify(g)).not.toBeTypeOf('string');
  const e = compiled as TreeEnsemble;
  const n = 40;
  const x = rows(g, n, seed);
  const ref = await reference(bytes, x, n, g);
  expect(ref.width).toBe(e.width);
  let worst = 0;
  for (let c = 0; c < e.width; c++) {
    const ours = scoreTreeEnsemble(e, x, n, g.features, c);
    for (let i = 0; i < n; i++) {
      const want = ref.data[i * ref.width + c]!;
      const d = ours[i] === want || (Number.isNaN(want) && Number.isNaN(ours[i]!)) ? 0 : Math.abs(ours[i]! - want);
      if (!(d <= 1e-6)) throw new Error(`seed ${seed}, row ${i}, column ${c}: compiled ${ours[i]} vs onnxruntime ${want}\n${JSON.stringify(g)}`);
      worst = Math.max(worst, d);
    }
  }
  return worst;
}

describe('compiled tree ensembles against onnxruntime-node', () => {
  it('random small ensembles score every column within 1e-6', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
        await compare(randomEnsemble(seed), seed);
      }),
      { numRuns: 300, seed: 20261207 },
    );
  }, 120_000);
});
