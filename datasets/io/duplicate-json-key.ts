/**
 * The first key that appears twice at the top level of one JSON object's text, or null. JSON.parse
 * keeps the last value of a repeated key without a word; a JSON Lines reader must refuse it instead.
 * `expected` is the parsed object's key count: one pass counts the keys written (strings skipped with
 * their escapes, nesting tracked), and only a line that writes more keys than it holds is searched.
 *
 * @example duplicateJsonKey('{"a":1,"b":{"a":2},"a":3}', 2) // 'a'
 */
export function duplicateJsonKey(text: string, expected: number): string | null {
  const keys: string[] = [];
  if (scanKeys(text, null) <= expected) return null;
  scanKeys(text, keys);
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return null;
}

/** Counts the top-level keys of an object's text; collects them into `into` when given. */
function scanKeys(text: string, into: string[] | null): number {
  let depth = 0;
  let count = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
      if (depth !== 1) continue;
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
      if (text.charCodeAt(j) !== 58) continue;
      count++;
      if (into) into.push(JSON.parse(text.slice(start, i + 1)) as string);
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return count;
}
