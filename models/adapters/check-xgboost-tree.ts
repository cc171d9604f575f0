import { DisparateError } from '../../harness/errors/index.js';

/** One tree of XGBoost's JSON model, after {@link checkXgboostTree}: arrays present and of one length. */
export interface RawTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: (number | boolean)[];
  sum_hessian: number[];
  split_type?: number[];
}

const ARRAYS = ['left_children', 'right_children', 'split_indices', 'split_conditions', 'default_left', 'sum_hessian'] as const;

/**
 * Checks one tree's structure before anything walks it, so that a corrupt or hostile file is an
 * error naming the tree and the node rather than an endless loop or a stack overflow: every array
 * present with one entry per node; numbers finite; a leaf (left child −1) with right child −1; an
 * internal node's children in range, not itself and not the root; no node reached twice from the
 * root (no cycle, no shared subtree); split features within 0..features−1. Returns the nodes reachable
 * from the root in pre-order (parents before children), for iterative passes over the tree.
 *
 * @example const order = checkXgboostTree(tree, 0, 'model.xgb.json', 5); // Int32Array [0, 1, 2]
 */
export function checkXgboostTree(tree: unknown, t: number, file: string, features: number): Int32Array {
  const fail = (what: string): never => {
    throw new DisparateError('model', `${file}: learner.gradient_booster.model.trees.${t}: ${what}`);
  };
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) fail('not a tree object');
  const raw = tree as Record<string, unknown>;
  for (const name of ARRAYS) if (!Array.isArray(raw[name])) fail(`${name} is ${raw[name] === null ? 'null' : raw[name] === undefined ? 'missing' : 'not an array'}`);
  const { left_children: left, right_children: right, split_indices: feature, split_conditions: condition, sum_hessian: hessian } = raw as unknown as RawTree;
  const m = left.length;
  if (m === 0) fail('left_children is empty (a tree has at least its root)');
  for (const name of ARRAYS) if ((raw[name] as unknown[]).length !== m) fail(`${name} has ${(raw[name] as unknown[]).length} entries, left_children ${m}`);
  const node = (i: number, what: string): never => fail(`node ${i}: ${what}`);
  for (let i = 0; i < m; i++) {
    const l = left[i];
    const r = right[i];
    if (!Number.isFinite(condition[i])) node(i, `split_conditions is ${JSON.stringify(condition[i]) ?? 'missing'}, not a finite number`);
    if (!Number.isFinite(hessian[i])) node(i, `sum_hessian is ${JSON.stringify(hessian[i]) ?? 'missing'}, not a finite number`);
    if (l === -1) {
      if (r !== -1) node(i, `left child −1 (a leaf) but right child ${JSON.stringify(r)}`);
      continue;
    }
    for (const [side, c] of [['left', l], ['right', r]] as const) {
      if (!Number.isInteger(c) || (c as number) < 0 || (c as number) >= m) node(i, `${side} child ${JSON.stringify(c)} is outside 1..${m - 1}`);
      if (c === i) node(i, `${side} child is the node itself`);
      if (c === 0) node(i, `${side} child is the root`);
    }
    const f = feature[i];
    if (!Number.isInteger(f) || (f as number) < 0 || (f as number) >= features) node(i, `splits on feature ${JSON.stringify(f)}, outside 0..${features - 1}`);
  }
  // Pre-order from the root with an explicit stack; a node met twice is a cycle or a shared subtree.
  const seen = new Uint8Array(m);
  const order = new Int32Array(m);
  let count = 0;
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (seen[i]) node(i, 'reached twice from the root (the children form a cycle or share a node)');
    seen[i] = 1;
    order[count++] = i;
    if (left[i] !== -1) stack.push(right[i]!, left[i]!);
  }
  return order.subarray(0, count);
}
