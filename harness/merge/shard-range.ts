/**
 * Rows [start, end) of shard `index` of `count`: contiguous ranges of the row index, as even as
 * integers allow.
 *
 * @example shardRange(10, 1, 3) // [3, 6]
 */
export function shardRange(n: number, index: number, count: number): [number, number] {
  return [Math.floor((index * n) / count), Math.floor(((index + 1) * n) / count)];
}
