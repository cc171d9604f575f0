import type { CompleteForest } from './complete-forest.js';
import { ROW_BLOCK } from './row-block.js';

/**
 * The complete-tree walk, eight rows at a time (then four, then one): their paths are independent,
 * so the comparisons overlap instead of waiting on each other (about 4× faster than one row at a
 * time here; eight rows add about 12 % over four). Adds each tree's leaf to `out[r]` for the first
 * `count` rows r of `rows` (row k is row k when all `out.length` rows are listed).
 *
 * @example
 * walkComplete(forest.complete!, forest.roots.length, x, width, rows, count, out);
 */
export function walkComplete(c: CompleteForest, trees: number, x: Float32Array, width: number, rows: Int32Array, count: number, out: Float32Array): void {
  const { depth, feature: cf, threshold: ct, leaf } = c;
  const internal = 2 ** depth - 1;
  const leaves = internal + 1;
  // Every row complete (the usual case): row k is row k, no indirection.
  const dense = count === out.length;
  for (let b = 0; b < count; b += ROW_BLOCK) {
    const e = Math.min(count, b + ROW_BLOCK);
    for (let t = 0; t < trees; t++) {
      const ib = t * internal;
      const lb = t * leaves - internal;
      let k = b;
      for (; k + 7 < e; k += 8) {
        const r0 = dense ? k : rows[k]!, r1 = dense ? k + 1 : rows[k + 1]!, r2 = dense ? k + 2 : rows[k + 2]!, r3 = dense ? k + 3 : rows[k + 3]!;
        const r4 = dense ? k + 4 : rows[k + 4]!, r5 = dense ? k + 5 : rows[k + 5]!, r6 = dense ? k + 6 : rows[k + 6]!, r7 = dense ? k + 7 : rows[k + 7]!;
        const x0 = r0 * width, x1 = r1 * width, x2 = r2 * width, x3 = r3 * width, x4 = r4 * width, x5 = r5 * width, x6 = r6 * width, x7 = r7 * width;
        let i0 = 0, i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0, i6 = 0, i7 = 0;
        for (let d = 0; d < depth; d++) {
          i0 = 2 * i0 + 2 - +(x[x0 + cf[ib + i0]!]! < ct[ib + i0]!);
          i1 = 2 * i1 + 2 - +(x[x1 + cf[ib + i1]!]! < ct[ib + i1]!);
          i2 = 2 * i2 + 2 - +(x[x2 + cf[ib + i2]!]! < ct[ib + i2]!);
          i3 = 2 * i3 + 2 - +(x[x3 + cf[ib + i3]!]! < ct[ib + i3]!);
          i4 = 2 * i4 + 2 - +(x[x4 + cf[ib + i4]!]! < ct[ib + i4]!);
          i5 = 2 * i5 + 2 - +(x[x5 + cf[ib + i5]!]! < ct[ib + i5]!);
          i6 = 2 * i6 + 2 - +(x[x6 + cf[ib + i6]!]! < ct[ib + i6]!);
          i7 = 2 * i7 + 2 - +(x[x7 + cf[ib + i7]!]! < ct[ib + i7]!);
        }
        out[r0]! += leaf[lb + i0]!;
        out[r1]! += leaf[lb + i1]!;
        out[r2]! += leaf[lb + i2]!;
        out[r3]! += leaf[lb + i3]!;
        out[r4]! += leaf[lb + i4]!;
        out[r5]! += leaf[lb + i5]!;
        out[r6]! += leaf[lb + i6]!;
        out[r7]! += leaf[lb + i7]!;
      }
      for (; k + 3 < e; k += 4) {
        const r0 = dense ? k : rows[k]!, r1 = dense ? k + 1 : rows[k + 1]!, r2 = dense ? k + 2 : rows[k + 2]!, r3 = dense ? k + 3 : rows[k + 3]!;
        const x0 = r0 * width, x1 = r1 * width, x2 = r2 * width, x3 = r3 * width;
        let i0 = 0, i1 = 0, i2 = 0, i3 = 0;
        for (let d = 0; d < depth; d++) {
          i0 = 2 * i0 + 2 - +(x[x0 + cf[ib + i0]!]! < ct[ib + i0]!);
          i1 = 2 * i1 + 2 - +(x[x1 + cf[ib + i1]!]! < ct[ib + i1]!);
          i2 = 2 * i2 + 2 - +(x[x2 + cf[ib + i2]!]! < ct[ib + i2]!);
          i3 = 2 * i3 + 2 - +(x[x3 + cf[ib + i3]!]! < ct[ib + i3]!);
        }
        out[r0]! += leaf[lb + i0]!;
        out[r1]! += leaf[lb + i1]!;
        out[r2]! += leaf[lb + i2]!;
        out[r3]! += leaf[lb + i3]!;
      }
      for (; k < e; k++) {
        const r = rows[k]!;
        let i = 0;
        for (let d = 0; d < depth; d++) i = 2 * i + 2 - +(x[r * width + cf[ib + i]!]! < ct[ib + i]!);
        out[r]! += leaf[lb + i]!;
      }
    }
  }
}
