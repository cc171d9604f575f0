import { DisparateError } from '../../harness/errors/index.js';
import type { TextTable } from './parse-csv.js';

/**
 * Parses JSON Lines: one JSON object per line, a leading byte-order mark removed, blank lines (CRLF or
 * LF) skipped. Columns are the union of the objects' keys in order of first appearance; a key a row
 * lacks is null there. Values are kept as parsed (objects and arrays included, for the caller to
 * refuse by column). Errors name the file line; rows are counted without blank lines.
 *
 * @example
 * parseJsonl('d.jsonl', '{"a":1}\n\n{"b":"x"}\n'); // names ['a', 'b'], a = [1, null], b = [null, 'x']
 */
export function parseJsonl(file: string, input: string): TextTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const names: string[] = [];
  const columns = new Map<string, unknown[]>();
  let n = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new DisparateError('data', `${file}: line ${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new DisparateError('data', `${file}: line ${i + 1}: not a JSON object`);
    for (const [k, v] of Object.entries(obj)) {
      let col = columns.get(k);
      if (!col) {
        col = new Array<unknown>(n).fill(null);
        columns.set(k, col);
        names.push(k);
      }
      col[n] = v;
    }
    n++;
    for (const col of columns.values()) if (col.length < n) col.push(null);
  });
  if (n === 0) throw new DisparateError('data', `${file}: no rows (empty file)`);
  return { names, columns, n };
}
