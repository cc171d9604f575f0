import { DisparateError } from '../../harness/errors/index.js';
import { LABEL_LIMITS, labelProblem } from '../table/index.js';

/** A text file's columns in file order, values as read (CSV: strings, null for an empty cell). */
export interface TextTable {
  readonly names: readonly string[];
  readonly columns: ReadonlyMap<string, readonly unknown[]>;
  /** Data rows, blank lines and the header excluded. */
  readonly n: number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Parses CSV text (RFC 4180) strictly, so that a malformed file is an error instead of shifted or
 * dropped values: a leading byte-order mark is removed, blank lines (CRLF or LF) are skipped, quoted
 * fields may hold commas, quotes ("") and newlines, every row must have as many fields as the header
 * and header names must be unique. Empty cells are null. Rows are counted 1-based from the first
 * data row, blank lines excluded, as in every "row N" message; the file line is added to locate it.
 *
 * @example
 * parseCsv('a.csv', '\uFEFFname,x\r\n"b, c",1\r\n\r\n'); // { names: ['name', 'x'], n: 1, … }
 * parseCsv('a.csv', 'name,x\nb\n'); // throws "a.csv: row 1 (line 2) has 1 field, the header has 2"
 */
export function parseCsv(file: string, input: string): TextTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') throw new DisparateError('data', `${file}: no rows (empty file)`);
  const len = text.length;
  let header: string[] | null = null;
  let values: (string | null)[][] = [];
  let n = 0;
  let pos = 0;
  let line = 1;
  // `what` follows the place: ": field 2 …" or " has 3 fields …".
  const fail = (startLine: number, what: string): never => {
    const where = header ? `row ${n + 1} (line ${startLine})` : `header (line ${startLine})`;
    throw new DisparateError('data', `${file}: ${where}${what}`);
  };
  while (pos < len) {
    const startLine = line;
    const fields: string[] = [];
    let quoted = false;
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        quoted = true;
        let value = '';
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) fail(startLine, `: field ${fields.length + 1} opens a quote that is never closed`);
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) !== QUOTE) {
            pos = q + 1;
            break;
          }
          value += '"';
          from = q + 2;
        }
        for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) line++;
        while (text[pos] === ' ' || text[pos] === '\t') pos++;
        const c = text.charCodeAt(pos);
        if (pos < len && c !== COMMA && c !== LF && c !== CR) fail(startLine, `: field ${fields.length + 1} has text after its closing quote`);
        fields.push(value);
      } else {
        let end = pos;
        for (let c = text.charCodeAt(end); end < len && c !== COMMA && c !== LF && c !== CR; c = text.charCodeAt(++end));
        fields.push(text.slice(pos, end));
        pos = end;
      }
      if (text.charCodeAt(pos) === COMMA) {
        pos++;
        continue;
      }
      if (pos < len) {
        pos += text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
        line++;
      }
      break;
    }
    if (fields.length === 1 && !quoted && fields[0]!.trim() === '') continue;
    if (!header) {
      const seen = new Map<string, number>();
      fields.forEach((raw, j) => {
        if (raw.length > LABEL_LIMITS.length) fail(startLine, `: field ${j + 1} is a column name of ${raw.length.toLocaleString('en-US')} characters (limit ${LABEL_LIMITS.length.toLocaleString('en-US')}); is the first line a header?`);
        const problem = labelProblem(raw);
        if (problem) fail(startLine, `: column name ${problem}`);
        // Column names in NFC, as labels and the names a battery gives (see normaliseLabels).
        const name = raw.normalize('NFC');
        fields[j] = name;
        const first = seen.get(name);
        if (first !== undefined) fail(startLine, `: column "${name}" appears twice (fields ${first + 1} and ${j + 1}); column names must be unique`);
        seen.set(name, j);
      });
      header = fields;
      values = fields.map(() => []);
      continue;
    }
    if (fields.length !== header.length) {
      const hint = fields.length > header.length ? ' (quote values that contain commas)' : '';
      fail(startLine, ` has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${header.length}${hint}`);
    }
    fields.forEach((v, j) => values[j]!.push(v === '' ? null : v));
    n++;
  }
  if (!header) throw new DisparateError('data', `${file}: no rows (empty file)`);
  if (n === 0) throw new DisparateError('data', `${file}: no rows (only a header)`);
  return { names: header, columns: new Map(header.map((name, j) => [name, values[j]!])), n };
}
