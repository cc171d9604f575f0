/**
 * The first key written twice within one object of a JSON text, at any depth, with its line; null
 * when there is none. JSON.parse keeps the last value without a word, so a model file with
 * `"coefficients": {"yes": 0.4, "yes": 0.8}` would be scored with 0.8 and nobody told. One pass,
 * strings skipped with their escapes; keys are decoded only when they are read.
 *
 * @example repeatedJsonKey('{"a": {"x": 1, "x": 2}}') // { key: 'x', line: 1 }
 */
export function repeatedJsonKey(text: string): { key: string; line: number } | null {
  const stack: (Set<string> | null)[] = [];
  let line = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 123) stack.push(new Set());
    else if (c === 91) stack.push(null);
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 34) {
      const start = i;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
      const keys = stack[stack.length - 1];
      if (!keys) continue;
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) j++;
      if (text.charCodeAt(j) !== 58) continue;
      let key: string;
      try {
        key = JSON.parse(text.slice(start, i + 1)) as string;
      } catch {
        return null; // malformed: JSON.parse reports it
      }
      if (keys.has(key)) return { key, line };
      keys.add(key);
    }
  }
  return null;
}
