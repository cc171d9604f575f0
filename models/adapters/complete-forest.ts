import type { Forest } from './xgboost-forest.js';

/**
 * Trees padded to complete binary trees (a shallow leaf is pushed down as a node that always goes
 * left, with its value copied to every leaf below), so a row's walk is exactly `depth` steps of
 * i = 2i + 1 + (x < threshold ? 0 : 1) with no leaf test and no child pointers.
 */
export interface CompleteForest {
  readonly depth: number;
  /** Per tree, 2^depth − 1 internal nodes. */
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  readonly defaultLeft: Uint8Array;
  /** Per tree, 2^depth leaf values. */
  readonly leaf: Float32Array;
}

export const MAX_COMPLETE_DEPTH = 10;

/**
 * Pads every tree to the ensemble's maximum depth (see {@link CompleteForest}); null when too deep
 * (past {@link MAX_COMPLETE_DEPTH}) or when every tree is a single leaf.
 *
 * @example
 * completeForest(forest)?.depth; // e.g. 4 for trees of depth ≤ 4
 */
export function completeForest(f: Omit<Forest, 'complete'>): CompleteForest | null {
  let depth = 0;
  for (const root of f.roots) depth = Math.max(depth, nodeDepth(f, root));
  if (depth > MAX_COMPLETE_DEPTH || depth === 0) return null;
  const internal = 2 ** depth - 1;
  const leaves = 2 ** depth;
  const trees = f.roots.length;
  const out = {
    depth,
    feature: new Int32Array(trees * internal),
    threshold: new Float32Array(trees * internal).fill(Infinity),
    defaultLeft: new Uint8Array(trees * internal).fill(1),
    leaf: new Float32Array(trees * leaves),
  };
  f.roots.forEach((root, t) => {
    const place = (node: number, slot: number, level: number) => {
      if (level === depth) {
        out.leaf[t * leaves + slot - internal] = f.value[node]!;
        return;
      }
      const at = t * internal + slot;
      if (f.feature[node]! < 0) {
        // A leaf above the last level: always left (x < +∞, and NaN takes the default, left), same value below.
        place(node, 2 * slot + 1, level + 1);
        place(node, 2 * slot + 2, level + 1);
        return;
      }
      out.feature[at] = f.feature[node]!;
      out.threshold[at] = f.threshold[node]!;
      out.defaultLeft[at] = f.defaultLeft[node]!;
      place(f.children[2 * node]!, 2 * slot + 1, level + 1);
      place(f.children[2 * node + 1]!, 2 * slot + 2, level + 1);
    };
    place(root, 0, 0);
  });
  return out;
}

/** Depth of the tree below node i (0 for a leaf), with an explicit stack: a deep tree must not overflow the call stack. */
function nodeDepth(f: { feature: Int32Array; children: Int32Array }, i: number): number {
  let depth = 0;
  const stack: number[] = [i, 0];
  while (stack.length > 0) {
    const level = stack.pop()!;
    const node = stack.pop()!;
    if (f.feature[node]! < 0) {
      depth = Math.max(depth, level);
      continue;
    }
    stack.push(f.children[2 * node]!, level + 1, f.children[2 * node + 1]!, level + 1);
  }
  return depth;
}
