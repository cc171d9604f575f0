/**
 * Names for a one-line message: at most `max` of them, each clipped to 40 characters, then how many
 * more. A file with ten thousand columns, or a column name of a megabyte, must not become the message.
 *
 * @example listNames(['a', 'b', 'c'], 2) // 'a, b and 1 more'
 */
export function listNames(names: Iterable<string>, max = 20): string {
  const all = [...names];
  const shown = all.slice(0, max).map((n) => (n.length > 40 ? `${n.slice(0, 40)}…` : n));
  return all.length > max ? `${shown.join(', ')} and ${all.length - max} more` : shown.join(', ');
}
