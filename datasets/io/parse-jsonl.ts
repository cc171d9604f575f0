import { DisparateError } from '../../harness/errors/index.js';
import { labelProblem } from '../table/index.js';
import { duplicateJsonKey } from './duplicate-json-key.js';
import type { TextTable } from './parse-csv.js';

/**
 * Parses JSON Lines: one JSON object per line, a leading byte-order mark removed, blank lines (CRLF or
 * LF) skipped, a key repeated within one object refused. Columns are the union of the objects' keys in order of first appearance; a key a row
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
      // JSON.parse's own message quotes the line; only the place is kept (see parseJson).
      const at = /at position (\d+)/.exec((e as Error).message);
      throw new DisparateError('data', `${file}: line ${i + 1}: not JSON${at ? ` (column ${Number(at[1]) + 1})` : ''}`);
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new DisparateError('data', `${file}: line ${i + 1}: not a JSON object`);
    const entries = Object.entries(obj);
    const twice = duplicateJsonKey(line, entries.length);
    if (twice !== null) throw new DisparateError('data', `${file}: line ${i + 1} (row ${n + 1}): key ${JSON.stringify(twice.length > 40 ? `${twice.slice(0, 40)}…` : twice)} appears twice in one object; which value is meant is unclear`);
    for (const [k, v] of entries) {
      let col = columns.get(k);
      if (!col) {
        const problem = labelProblem(k);
        if (problem) throw new DisparateError('data', `${file}: line ${i + 1} (row ${n + 1}): key ${problem}`);
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
