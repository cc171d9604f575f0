import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeEnsembleOnnx, type EnsembleGraph } from '../../bench/onnx-graphs.js';

import { DisparateError, exitCodeFor } from '../../harness/errors/index.js';
import { resolveBattery, runPopulation } from '../../harness/pipeline/index.js';
import { bindAsync, loadAnyModel } from '../../models/adapters/index.js';
import { checkCompiled, largestDifference } from '../../models/adapters/check-engine.js';
import { compileOnnxTrees } from '../../models/adapters/compile-onnx-trees.js';
import { loadOnnxRuntime } from '../../models/adapters/load-onnx-runtime.js';
import { withOutputs } from '../../models/adapters/onnx-graph.js';
import { scoreTreeEnsemble } from '../../models/adapters/score-tree-ensemble.js';
import type { TreeEnsemble } from '../../models/adapters/tree-ensemble.js';
import { provenanceRows } from '../../reports/shared/index.js';
import { fixedContext } from '../helpers.js';
import { FIX, fixtureReference, welfareData } from './onnx-fixture.js';

/**
 * The onnx adapter's engines: the committed TreeEnsembleClassifier fixture (test/fixtures/onnx) is
 * compiled with engine auto and run by onnxruntime with engine onnxruntime, both against XGBoost's own
 * predictions; graphs the compiler does not take go to onnxruntime; a compiled score that differs from
 * onnxruntime refuses the model.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-onnx-engine-'));
const data = welfareData();
const reference = fixtureReference('trees');

function treesModel(change: Record<string, unknown>): string {
  const model = JSON.parse(readFileSync(`${FIX}/trees.model.json`, 'utf8')) as Record<string, unknown>;
  const out = join(dir, `trees-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(out, JSON.stringify({ ...model, file: `${FIX}/trees.onnx`, ...change }));
  return out;
}
const score = (file: string) => bindAsync(loadAnyModel(file), data)(0, data.n);
const worst = (a: ArrayLike<number>, b: ArrayLike<number>) => largestDifference(a, b, a.length).difference;

/** A two-tree regressor on two features; `change` alters the graph. */
function smallGraph(change: Partial<EnsembleGraph> = {}): EnsembleGraph {
  const nodes = [0, 1].flatMap((t) => [
    { tree: t, node: 0, feature: t, value: 0.5, mode: 'BRANCH_LEQ', ifTrue: 1, ifFalse: 2, missingTrue: 1 },
    { tree: t, node: 1, feature: 0, value: 0, mode: 'LEAF', ifTrue: 0, ifFalse: 0, missingTrue: 0 },
    { tree: t, node: 2, feature: 0, value: 0, mode: 'LEAF', ifTrue: 0, ifFalse: 0, missingTrue: 0 },
  ]);
  const weights = [0, 1].flatMap((t) => [{ tree: t, node: 1, id: 0, weight: 0.25 + t }, { tree: t, node: 2, id: 0, weight: -0.5 - t }]);
  return { op: 'TreeEnsembleRegressor', features: 2, nodes, weights, base: [0.125], ...change };
}

describe('onnx tree ensembles: compiled engine and onnxruntime', () => {
  it('the fixture reproduces XGBoost\'s predictions within 1e-6 through both engines, which agree within 1e-6', async () => {
    const compiled = await score(treesModel({}));
    const runtime = await score(treesModel({ engine: 'onnxruntime' }));
    expect(worst(compiled, reference)).toBeLessThanOrEqual(1e-6);
    expect(worst(runtime, reference)).toBeLessThanOrEqual(1e-6);
    expect(worst(compiled, runtime)).toBeLessThanOrEqual(1e-6);
  });

  it('a battery records the engine in the manifest: compiled and checked on the first 1,000 rows, or onnxruntime', async () => {
    copyFileSync(`${FIX}/welfare.csv`, join(dir, 'welfare.csv'));
    const battery = (model: string) => {
      const file = join(dir, `battery-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, `title: onnx engines\nseed: 3\npopulation: { file: welfare.csv }\nmodel: ${model}\ndecision: { rule: top_fraction, fraction: 0.1 }\nprotected: [nationality]\nproxies: false\n`);
      return resolveBattery(file);
    };
    const compiled = await runPopulation(battery(treesModel({})), { workers: 1, chunkSize: 100, context: fixedContext });
    const engine = compiled.manifest.model?.engine;
    expect(engine).toMatchObject({ name: 'compiled tree ensemble', check: { reference: 'onnxruntime-node', rows: 1000, tolerance: 1e-6 } });
    expect(engine?.check?.max_difference).toBeLessThanOrEqual(1e-6);
    expect(provenanceRows(compiled.manifest).find(([field]) => field === 'Model engine')?.[1]).toMatch(/^tree ensemble compiled by disparate, checked against onnxruntime-node on the first 1,000 rows: largest difference \d\.\de[+-]\d+, tolerance 1e-6$/);
    const runtime = await runPopulation(battery(treesModel({ engine: 'onnxruntime' })), { workers: 2, chunkSize: 100, context: fixedContext });
    expect(runtime.manifest.model?.engine).toEqual({ name: 'onnxruntime' });
    expect(provenanceRows(runtime.manifest).find(([field]) => field === 'Model engine')?.[1]).toBe('onnxruntime');
    expect(runtime.groups.map((g) => g.metrics.mean_score?.value)).toEqual(compiled.groups.map((g) => g.metrics.mean_score?.value).map((v) => expect.closeTo(v!, 6)));
  }, 60_000);

  it('compiles a lone ensemble, through Cast and Identity and as float tensors; leaves any other graph to onnxruntime, saying why', () => {
    expect(compileOnnxTrees(readFileSync(`${FIX}/trees.onnx`), 'input', 'probabilities', 12)).not.toBeTypeOf('string');
    for (const change of [{}, { doubleInput: true }, { after: 'identity' as const }, { asTensor: true }]) {
      expect(compileOnnxTrees(treeEnsembleOnnx(smallGraph(change)), 'input', 'scores', 2), JSON.stringify(change)).not.toBeTypeOf('string');
    }
    expect(compileOnnxTrees(readFileSync(`${FIX}/pipeline.onnx`), 'age', 'probabilities', 3)).toMatch(/0 tree ensembles/);
    expect(compileOnnxTrees(readFileSync(`${FIX}/mlp.onnx`), 'float_input', 'probabilities', 12)).toMatch(/0 tree ensembles/);
    expect(compileOnnxTrees(treeEnsembleOnnx(smallGraph({ after: 'abs' })), 'input', 'scores', 2)).toBe('a Abs node');
    expect(compileOnnxTrees(treeEnsembleOnnx(smallGraph({ post: 'PROBIT' })), 'input', 'scores', 2)).toBe('post_transform PROBIT');
    expect(compileOnnxTrees(treeEnsembleOnnx(smallGraph()), 'input', 'scores', 1)).toMatch(/feature 1 of a 1-feature input/);
    const twoWeights = smallGraph();
    expect(compileOnnxTrees(treeEnsembleOnnx({ ...twoWeights, weights: [...twoWeights.weights, { tree: 0, node: 1, id: 0, weight: 1 }] }), 'input', 'scores', 2)).toMatch(/several weights/);
  });

  it('an unsupported graph is scored by onnxruntime with engine auto, as with engine onnxruntime', async () => {
    writeFileSync(join(dir, 'abs.onnx'), treeEnsembleOnnx(smallGraph({ after: 'abs' })));
    const model = (engine: string) => {
      const file = join(dir, `abs-${engine}.json`);
      writeFileSync(file, JSON.stringify({ kind: 'onnx', name: 'abs', file: 'abs.onnx', engine, inputs: [{ name: 'a', type: 'numeric' }, { name: 'b', type: 'numeric' }] }));
      return loadAnyModel(file);
    };
    const table = { n: 4, columns: new Map([['a', { kind: 'numeric' as const, values: Float64Array.of(0, 1, 0.5, 2) }], ['b', { kind: 'numeric' as const, values: Float64Array.of(0, 0, 1, 0.5) }]]) };
    const auto = model('auto');
    expect(auto.async && (await auto.checkEngine!(table))).toEqual({ name: 'onnxruntime' });
    // |0.125 + leaf of tree 0 + leaf of tree 1|, in float32.
    const expected = [[0.25, 1.25], [-0.5, 1.25], [0.25, -1.5], [-0.5, 1.25]].map(([a, b]) => Math.fround(Math.abs(Math.fround(Math.fround(a! + b!) + 0.125))));
    expect(Array.from(await bindAsync(auto, table)(0, 4))).toEqual(expected);
    expect(Array.from(await bindAsync(model('onnxruntime'), table)(0, 4))).toEqual(expected);
  });

  it('a compiled score that differs from onnxruntime past 1e-6 refuses the model, naming its file (exit 2)', async () => {
    expect(largestDifference(Float32Array.of(0.5, 0.25, NaN, Infinity), Float32Array.of(0.5, 0.2500005, NaN, Infinity), 4)).toEqual({ difference: Math.fround(0.2500005) - 0.25, row: 1 });
    expect(largestDifference([0, 1], [0, NaN], 2)).toEqual({ difference: Infinity, row: 1 });
    expect(checkCompiled('model.json', [0.5, 0.25], [0.5, 0.2500005], 2, 0)).toBeLessThanOrEqual(1e-6);
    // The fixture with the first tree's root branches swapped: the check against onnxruntime catches the misread tree.
    const bytes = readFileSync(`${FIX}/trees.onnx`);
    const e = compileOnnxTrees(bytes, 'input', 'probabilities', 12) as TreeEnsemble;
    const root = e.roots[0]!;
    const corrupt: TreeEnsemble = { ...e, forest: null, children: e.children.map((c, k) => (k === 2 * root ? e.children[2 * root + 1]! : k === 2 * root + 1 ? e.children[2 * root]! : c)) };
    const x = new Float32Array(12 * 50).map((_, k) => ((k * 7919) % 1000) / (k % 12 < 3 ? 1 : 1000));
    const { ort } = await loadOnnxRuntime('node', 'test');
    const session = await ort.InferenceSession.create(withOutputs(bytes, ['probabilities']), { intraOpNumThreads: 1, logSeverityLevel: 3 });
    const probabilities = (await session.run({ input: new ort.Tensor('float32', x, [50, 12]) }, ['probabilities'])).probabilities!.data as Float32Array;
    const onnxruntime = Float32Array.from({ length: 50 }, (_, i) => probabilities[2 * i + 1]!);
    expect(checkCompiled('trees.model.json', scoreTreeEnsemble(e, x, 50, 12, 1), onnxruntime, 50, 0)).toBeLessThanOrEqual(1e-6);
    let error: unknown;
    try {
      checkCompiled('trees.model.json', scoreTreeEnsemble(corrupt, x, 50, 12, 1), onnxruntime, 50, 100);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DisparateError);
    expect(exitCodeFor(error)).toBe(2);
    expect((error as Error).message).toMatch(/^trees\.model\.json: engine: the compiled tree ensemble scores row \d+ \S+ where onnxruntime scores \S+ \(difference \S+ > 0\.000001\); set engine: onnxruntime to score with onnxruntime alone$/);
  });
});
