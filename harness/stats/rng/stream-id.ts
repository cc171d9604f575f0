/**
 * FNV-1a 32-bit hash of a string's UTF-8 bytes: a stable stream id for a variable name, so that a
 * draw depends only on (seed, variable name, row, slot) and not on declaration order.
 *
 * @example
 * streamId('nationality'); // same number on every platform and in every release
 */
export function streamId(name: string): number {
  let h = 0x811c9dc5;
  const bytes = new TextEncoder().encode(name);
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
