import { DisparateError } from '../errors/index.js';

/** How the bytes of a text file are read: strict UTF-8 (the default), or ISO-8859-1 when a user says so. */
export type TextEncoding = 'utf8' | 'latin1';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a text file's bytes. UTF-8 is decoded strictly: a byte sequence that is not UTF-8 (a
 * latin-1 "é" is the single byte 0xE9) is an error naming the file, the line, the data row and
 * the byte offset, never a U+FFFD that would merge "né" and "nè" into one group. `latin1` maps
 * each byte to the code point of the same value (ISO-8859-1), for files a user declares so.
 * A leading byte-order mark is kept for the parsers to remove.
 *
 * @example
 * decodeText('a.csv', Buffer.from([0x6e, 0xe9]), 'data'); // throws "a.csv: not valid UTF-8 at byte offset 1 (line 1, the header): …"
 */
export function decodeText(file: string, bytes: Uint8Array, code: 'config' | 'data' | 'model', encoding: TextEncoding = 'utf8', rows: 'csv' | 'lines' | 'none' = 'none'): string {
  if (code !== 'data') {
    const nul = bytes.indexOf(0);
    // A binary file given where YAML or JSON is expected: say so, and quote none of it.
    if (nul >= 0) throw new DisparateError(code, `${file}: not a text file (a NUL byte at byte offset ${nul}); expected ${code === 'model' ? 'a JSON model file' : 'a YAML or JSON file'}`);
  }
  if (encoding === 'latin1') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    let line = 1;
    let blank = 0;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] !== 10) continue;
      if (isBlankLine(bytes, lineStart, i)) blank++;
      line++;
      lineStart = i + 1;
    }
    // Rows are counted as in the parsers' messages: blank lines (and a CSV header) excluded.
    const row = rows === 'none' ? null : line - blank - (rows === 'csv' ? 1 : 0);
    const where = row === null ? `line ${line}` : row < 1 ? `line ${line}, the header` : `row ${row}, line ${line}`;
    const hint = code === 'data' ? 're-save it as UTF-8, or pass --encoding latin1 (battery: encoding: latin1) if it is ISO-8859-1' : 're-save it as UTF-8';
    throw new DisparateError(code, `${file}: not valid UTF-8 at byte offset ${offset} (${where}): byte 0x${bytes[offset]!.toString(16).padStart(2, '0').toUpperCase()}; ${hint}`);
  }
}

function isBlankLine(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b !== 13 && b !== 32 && b !== 9) return false;
  }
  return true;
}
