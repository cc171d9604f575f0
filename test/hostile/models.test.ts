import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCategorical, numeric, type Column, type Table } from '../../datasets/table/index.js';
import { checkFiniteScores, loadAnyModel, loadModel, parseXgboostForest, predictMargins } from '../../models/adapters/index.js';
import { scoreTable } from '../../models/explain/index.js';
import { expectBadInput, expectBadInputAsync } from './expect-error.js';

// Models are data: a model file, an XGBoost forest or a tfjs weight manifest that is inconsistent
// is refused before anything is scored, naming the file and the field; scores must be finite.

let dir: string;
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const json = (name: string, value: unknown) => file(name, JSON.stringify(value));

const logistic = (inputs: unknown[]) => ({ kind: 'logistic', name: 'm', intercept: 0, inputs });
const income = { name: 'income', type: 'numeric', coefficient: 0.001 };
const disability = (coefficients: Record<string, number>, levels = ['none', 'disabled']) => ({ name: 'disability', type: 'categorical', levels, coefficients });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'disparate-hostile-models-'));
});

describe('model files: each input once, every coefficient and points entry for a declared level', () => {
  it('logistic: an input declared twice (its coefficient would count twice)', () => {
    const path = json('twice.json', logistic([income, disability({}), income]));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.2: input "income" is declared twice (inputs.0 and inputs.2) with the same transform (identity)`);
  });

  it('logistic: a categorical input declared twice', () => {
    const path = json('twice-categorical.json', logistic([disability({ disabled: 0.5 }), income, disability({ disabled: 0.2 })]));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.2: input "disability" is declared twice (inputs.0 and inputs.2)`);
  });

  it('logistic: one column as two terms under different transforms (x and log x) is a model, not a repeat', () => {
    const path = json('terms.json', logistic([income, { ...income, transform: 'log1p', coefficient: 0.5 }]));
    expect(loadAnyModel(path).inputs).toHaveLength(2);
  });

  it('trees: an input declared twice', () => {
    const path = json('twice-trees.json', { kind: 'trees', name: 't', file: 'x.json', inputs: [{ name: 'a', type: 'numeric' }, { name: 'a', type: 'numeric' }] });
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.1: input "a" is declared twice (inputs.0 and inputs.1) with the same transform (identity)`);
  });

  it('command: an input declared twice', () => {
    const path = json('twice-command.json', { kind: 'command', name: 'c', command: ['true'], inputs: [{ name: 'a', type: 'numeric' }, { name: 'b', type: 'numeric' }, { name: 'a', type: 'categorical' }] });
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.2: input "a" is declared twice (inputs.0 and inputs.2)`);
  });

  it('logistic: a coefficient for a misspelt level (every "disabled" row would silently score 0)', () => {
    const path = json('misspelt.json', logistic([income, disability({ disabeld: 0.8 })]));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.1.coefficients.disabeld: "disabeld" is not one of the input's levels (none, disabled); a coefficient for a level the population never has would be ignored`);
  });

  it('logistic: declared levels equal but for their Unicode form', () => {
    const path = file('nfd-levels.json', JSON.stringify(logistic([disability({}, ['\u00e9', 'x', 'e\u0301'])])).replace('e\u0301', 'e\\u0301'));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.0.levels.2: levels "é" and "e\\u0301" are the same text in different Unicode forms (NFC and NFD); write them the same way`);
  });

  it('logistic: a level declared twice', () => {
    const path = json('dup-levels.json', logistic([disability({}, ['none', 'disabled', 'none'])]));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.0.levels.2: level "none" appears twice`);
  });

  it('logistic: a level holding a NUL', () => {
    const path = json('nul-level.json', logistic([disability({}, ['none', 'dis\u0000abled'])]));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.0.levels.1: level "dis\\u0000abled" holds the control character U+0000 (position 4); remove it`);
  });

  const scorecard = (points: unknown) => ({ kind: 'scorecard', name: 's', levels: { distance: ['0km', '5km'], age: ['18', '25'] }, tables: { R1: { inputs: ['distance', 'age'], points } }, combine: 'R1' });
  it('scorecard: points for a misspelt level of the first input', () => {
    const path = json('points-first.json', scorecard({ '0km': { '18': 1 }, '5 km': { '18': 2 } }));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: tables.R1.points.5 km: "5 km" is not one of the input's levels (0km, 5km); points for a level "distance" never has would never be given`);
  });

  it('scorecard: points for a misspelt level of the second input', () => {
    const path = json('points-second.json', scorecard({ '0km': { '18': 1, '52': 3 } }));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: tables.R1.points.0km.52: "52" is not one of the input's levels (18, 25); points for a level "age" never has would never be given`);
  });

  it('scorecard: points nested one level short', () => {
    const path = json('points-short.json', scorecard({ '0km': 4 }));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: tables.R1.points.0km: expected points nested per level of "age", found the number 4`);
  });

  it('scorecard: a table naming one input twice', () => {
    const path = json('table-twice.json', { ...scorecard({}), tables: { R1: { inputs: ['age', 'age'], points: {} } } });
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: tables.R1.inputs: input "age" is named twice`);
  });

  it('trees: a dropped level that is not declared', () => {
    const path = json('drop.json', { kind: 'trees', name: 't', file: 'x.json', inputs: [{ name: 'a', type: 'categorical', levels: ['x', 'y'], drop: 'z' }] });
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.0.drop: "z" is not one of the input's levels (x, y); the dropped level must be a declared one`);
  });

  it('trees: a reference that is not declared', () => {
    const path = json('reference.json', { kind: 'trees', name: 't', file: 'x.json', inputs: [{ name: 'a', type: 'categorical', levels: ['x', 'y'], reference: 'w' }] });
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: inputs.0.reference: "w" is not one of the input's levels (x, y); the reference must be a declared level`);
  });

  it('a coefficient for a level named __proto__ is kept and applied, not dropped', () => {
    const path = json('proto.json', logistic([disability({ __proto__: 2, constructor: 1 } as unknown as Record<string, number>, ['__proto__', 'constructor', 'toString'])]));
    writeFileSync(path, readFileSync(path, 'utf8').replace('"coefficients":{"constructor":1}', '"coefficients":{"__proto__":2,"constructor":1}'));
    const model = loadModel(path);
    const table: Table = { n: 3, columns: new Map<string, Column>([['disability', encodeCategorical(['__proto__', 'constructor', 'toString'])]]) };
    const scores = model.bind(table)(0, 3);
    expect(Array.from(scores).map((s) => Math.log(s / (1 - s)))).toEqual([expect.closeTo(2, 5), expect.closeTo(1, 5), expect.closeTo(0, 5)]);
  });

  it('a coefficient written twice for one level (JSON keeps the last without a word) is refused', () => {
    const path = file('repeated-key.json', '{"kind": "logistic", "name": "m", "intercept": 0, "inputs": [\n {"name": "d", "type": "categorical", "levels": ["no", "yes"],\n  "coefficients": {"yes": 0.4, "yes": 0.8}}]}');
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: line 3: key "yes" appears twice in one object; which value is meant is unclear`);
  });

  it('the same key in two different objects is no repeat', () => {
    const path = json('two-objects.json', logistic([disability({ disabled: 0.5 }), { ...disability({ disabled: 0.1 }), name: 'other' }]));
    expect(loadAnyModel(path).inputs).toHaveLength(2);
  });

  it('a model.json with a UTF-8 byte-order mark is accepted', () => {
    const path = file('bom.json', `\uFEFF${JSON.stringify(logistic([income]))}`);
    expect(loadAnyModel(path).meta.kind).toBe('logistic');
  });

  it('a binary file given as a model is named as such and none of it is quoted', () => {
    const path = file('binary.json', Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x73, 0x65, 0x63, 0x72, 0x65, 0x74]));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: not a text file (a NUL byte at byte offset 1); expected a JSON model file`);
  });

  it('malformed JSON names the place, not the text', () => {
    const path = file('malformed.json', '{"kind": "logistic", "name": "api-key-123456",, }');
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: malformed JSON at line 1, column 47`);
  });

  it('a model file that is not valid UTF-8 names the byte offset', () => {
    const path = file('latin1.json', Buffer.concat([Buffer.from('{"kind": "logistic", "name": "n'), Buffer.from([0xe9]), Buffer.from('"}')]));
    expectBadInput(() => loadAnyModel(path), 'model', `${path}: not valid UTF-8 at byte offset 31 (line 1): byte 0xE9; re-save it as UTF-8`);
  });
});

describe('XGBoost trees are checked before any walk', () => {
  const leafTree = () => ({ left_children: [1, -1, -1], right_children: [2, -1, -1], split_indices: [0, 0, 0], split_conditions: [0.5, -0.25, 0.75], default_left: [1, 0, 0], sum_hessian: [2, 1, 1] });
  const forest = (trees: unknown, features = '2') => ({
    learner: {
      gradient_booster: { name: 'gbtree', model: { trees, tree_info: [] } },
      learner_model_param: { base_score: '5E-1', num_class: '0', num_feature: features, num_target: '1' },
      objective: { name: 'binary:logistic' },
    },
  });
  const parse = (trees: unknown, features?: string) => () => parseXgboostForest(forest(trees, features), 'm.xgb.json');
  const at = 'm.xgb.json: learner.gradient_booster.model.trees';
  const edit = (f: (t: ReturnType<typeof leafTree>) => void) => {
    const t = leafTree();
    f(t);
    return [t];
  };

  it.each([
    ['a left child pointing to its own node', edit((t) => (t.left_children[0] = 0)), `${at}.0: node 0: left child is the node itself`],
    ['a right child pointing to its own node', edit((t) => { t.left_children = [1, -1, 3, -1]; t.right_children = [2, -1, 2, -1]; t.split_indices.push(0); t.split_conditions.push(1); t.default_left.push(0); t.sum_hessian.push(1); }), `${at}.0: node 2: right child is the node itself`],
    ['a child index out of range', edit((t) => (t.right_children[0] = 7)), `${at}.0: node 0: right child 7 is outside 1..2`],
    ['a negative child index other than −1', edit((t) => (t.right_children[0] = -2)), `${at}.0: node 0: right child -2 is outside 1..2`],
    ['a fractional child index', edit((t) => (t.left_children[0] = 1.5)), `${at}.0: node 0: left child 1.5 is outside 1..2`],
    ['a child pointing back to the root (a cycle)', edit((t) => { t.left_children[1] = 0; t.right_children[1] = 2; }), `${at}.0: node 1: left child is the root`],
    ['a cycle below the root', edit((t) => { t.left_children = [1, 2, -1, 1]; t.right_children = [3, 3, -1, 2]; t.split_indices.push(0); t.split_conditions.push(1); t.default_left.push(0); t.sum_hessian.push(1); }), `${at}.0: node 1: reached twice from the root (the children form a cycle or share a node)`],
    ['two parents sharing a child', edit((t) => { t.left_children = [1, 3, 3, -1]; t.right_children = [2, 3, 3, -1]; t.split_indices.push(0); t.split_conditions.push(1); t.default_left.push(0); t.sum_hessian.push(1); }), `${at}.0: node 3: reached twice from the root (the children form a cycle or share a node)`],
    ['a leaf with a right child', edit((t) => (t.right_children[1] = 2)), `${at}.0: node 1: left child −1 (a leaf) but right child 2`],
    ['a split on a feature the model does not have', edit((t) => (t.split_indices[0] = 5)), `${at}.0: node 0: splits on feature 5, outside 0..1`],
    ['a split condition that is not a number', edit((t) => ((t.split_conditions as unknown[])[0] = 'NaN')), `${at}.0: node 0: split_conditions is "NaN", not a finite number`],
    ['arrays of different lengths', edit((t) => t.sum_hessian.pop()), `${at}.0: sum_hessian has 2 entries, left_children 3`],
    ['an empty tree', edit((t) => { for (const k of Object.keys(t)) (t as Record<string, unknown[]>)[k] = []; }), `${at}.0: left_children is empty (a tree has at least its root)`],
    ['a missing array', edit((t) => delete (t as Partial<typeof t>).right_children), `${at}.0: right_children is missing`],
    ['a null array', edit((t) => ((t as Record<string, unknown>).left_children = null)), `${at}.0: left_children is null`],
    ['a null tree', [null], `${at}.0: not a tree object`],
  ])('%s', (_, trees, message) => {
    expectBadInput(parse(trees), 'model', message);
  });

  it('a cycle through two internal nodes is found by the walk from the root', () => {
    const t = { left_children: [1, 2, 1], right_children: [3, 3, 3], split_indices: [0, 0, 0, 0], split_conditions: [0, 0, 0, 0], default_left: [0, 0, 0, 0], sum_hessian: [1, 1, 1, 1] };
    t.left_children.push(-1);
    t.right_children.push(-1);
    expectBadInput(parse([t]), 'model', `${at}.0: node 1: reached twice from the root (the children form a cycle or share a node)`);
  });

  it('a missing tree array', () => {
    expectBadInput(parse(undefined), 'model', 'm.xgb.json: learner.gradient_booster.model.trees is missing');
  });

  it('a null tree array', () => {
    expectBadInput(parse(null), 'model', 'm.xgb.json: learner.gradient_booster.model.trees is null');
  });

  it('a num_feature that is not a positive integer', () => {
    expectBadInput(parse([leafTree()], '-3'), 'model', 'm.xgb.json: learner.learner_model_param.num_feature: "-3" is not a positive integer');
  });

  it('a chain 50,000 nodes deep is read and walked without recursion (no stack overflow)', () => {
    const m = 100_001;
    const t = { left_children: [] as number[], right_children: [] as number[], split_indices: [] as number[], split_conditions: [] as number[], default_left: [] as number[], sum_hessian: [] as number[] };
    for (let i = 0; i < m; i++) {
      const internal = i % 2 === 0 && i + 2 < m;
      t.left_children.push(internal ? i + 1 : -1);
      t.right_children.push(internal ? i + 2 : -1);
      t.split_indices.push(0);
      t.split_conditions.push(internal ? 1 : 0.5);
      t.default_left.push(0);
      t.sum_hessian.push(1);
    }
    // Each internal node's left child is a leaf, its right child the next internal node: depth 50,000.
    for (let i = 0; i + 2 < m; i += 2) {
      t.left_children[i] = i + 1;
      t.right_children[i] = i + 2;
    }
    const f = parseXgboostForest(forest([t]), 'deep.xgb.json');
    const margins = predictMargins(f, Float32Array.of(5, 0), 2, 1);
    expect(margins[0]).toBeCloseTo(0.5, 5);
  });
});

describe('tfjs weight manifests are checked before tfjs allocates anything', () => {
  const zoo = 'models/zoo/caf-mlp';
  function tfjsModel(name: string, edit: (manifest: { weights: { shape: unknown; dtype: unknown }[] }[]) => void): string {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    const model = JSON.parse(readFileSync(`${zoo}/tfjs/model.json`, 'utf8')) as { weightsManifest: { weights: { shape: unknown; dtype: unknown }[] }[] };
    edit(model.weightsManifest);
    writeFileSync(join(folder, 'model.json'), JSON.stringify(model));
    copyFileSync(`${zoo}/tfjs/weights.bin`, join(folder, 'weights.bin'));
    const wrapper = JSON.parse(readFileSync(`${zoo}/model.json`, 'utf8')) as { path: string };
    wrapper.path = name;
    return json(`${name}.model.json`, wrapper);
  }

  it('a negative dimension', () => {
    const path = tfjsModel('negative', (m) => (m[0]!.weights[0]!.shape = [-12, 16]));
    expectBadInput(() => loadAnyModel(path), 'model', `${join(dir, 'negative', 'model.json')}: weightsManifest.0.weights.0.shape: dimension 0 is -12; dimensions are non-negative integers`);
  });

  it('a fractional dimension', () => {
    const path = tfjsModel('fraction', (m) => (m[0]!.weights[1]!.shape = [15.5]));
    expectBadInput(() => loadAnyModel(path), 'model', `${join(dir, 'fraction', 'model.json')}: weightsManifest.0.weights.1.shape: dimension 0 is 15.5; dimensions are non-negative integers`);
  });

  it('a shape that is not a list', () => {
    const path = tfjsModel('no-shape', (m) => (m[0]!.weights[2]!.shape = 16));
    expectBadInput(() => loadAnyModel(path), 'model', `${join(dir, 'no-shape', 'model.json')}: weightsManifest.0.weights.2.shape: 16 is not a list of dimensions`);
  });

  it('an unknown dtype', () => {
    const path = tfjsModel('dtype', (m) => (m[0]!.weights[3]!.dtype = 'complex64'));
    expectBadInput(() => loadAnyModel(path), 'model', `${join(dir, 'dtype', 'model.json')}: weightsManifest.0.weights.3.dtype: "complex64" is not a numeric dtype (float32, int32, …)`);
  });

  it('shapes that do not match the weight file', () => {
    const path = tfjsModel('mismatch', (m) => (m[0]!.weights[0]!.shape = [12, 17]));
    expectBadInput(() => loadAnyModel(path), 'model', `${join(dir, 'mismatch', 'model.json')}: weightsManifest: the weight shapes take 948 bytes, the weight files hold 900`);
  });
});

describe('scores must be finite, whatever the adapter', () => {
  it.each([
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [NaN, 'NaN'],
  ])('%s', (bad, shown) => {
    expectBadInput(() => checkFiniteScores('model.json', Float32Array.of(0.1, 0.2, bad), 100), 'model', `model.json: score is ${shown} at row 103; a model must give every row a finite score`);
  });

  it('a precomputed score of 1e39 (Infinity once a float32) is refused by score', async () => {
    const scores = file('scores.csv', 'id,score\n1,0.5\n2,1e39\n');
    const model = json('scores-model.json', { kind: 'scores', name: 's', file: 'scores.csv', id: 'id' });
    const table: Table = { n: 2, columns: new Map<string, Column>([['id', numeric(Float64Array.of(1, 2))]]) };
    expect(scores).toContain('scores.csv');
    await expectBadInputAsync(() => scoreTable(loadAnyModel(model), table), 'model', `${model}: score is Infinity at row 2; a model must give every row a finite score`);
  });

  it('ids "0007" and 7 are never joined: the precomputed score of "0007" is not given to id 7', () => {
    file('ids.csv', 'id,score\n0007,0.9\n8,0.1\n');
    const model = json('ids-model.json', { kind: 'scores', name: 's', file: 'ids.csv', id: 'id' });
    const table: Table = { n: 1, columns: new Map<string, Column>([['id', numeric(Float64Array.of(7))]]) };
    expectBadInput(() => loadModel(model).bind(table)(0, 1), 'data', `${model}: no score in ${join(dir, 'ids.csv')} for id 7 (row 1)`);
  });
});
