/**
 * Two levels of a categorical column that differ only by surrounding spaces ("a" and "a "), or null.
 * Such levels are almost always one group typed twice; read as two, they split the group silently.
 *
 * @example whitespaceTwins(['fr', 'nl', 'fr ']) // ['fr', 'fr ']
 */
export function whitespaceTwins(levels: readonly string[]): [string, string] | null {
  const seen = new Map<string, string>();
  for (const level of levels) {
    const key = level.trim();
    const other = seen.get(key);
    if (other !== undefined) return [other, level];
    seen.set(key, level);
  }
  return null;
}
