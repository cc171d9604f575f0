import { DisparateError } from '../../../harness/errors/index.js';

/**
 * The tokens of an expression. A hand-written scanner (not regular expressions over the text) so that every
 * character is accounted for: anything not part of the grammar — `;`, comments, `::`, `$`, backticks,
 * `[`, `?`, `.` between names — stops the scan with its position.
 */
export type Token =
  | { readonly type: 'number'; readonly text: string; readonly pos: number }
  | { readonly type: 'string'; readonly value: string; readonly pos: number }
  /** A column or function name; `quoted` when written in double quotes (then never a keyword). */
  | { readonly type: 'name'; readonly name: string; readonly quoted: boolean; readonly pos: number }
  | { readonly type: 'symbol'; readonly symbol: Punctuation; readonly pos: number }
  | { readonly type: 'end'; readonly pos: number };

export type Punctuation = '(' | ')' | ',' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';

/** Longest expression text accepted: a flag or filter is a line, not a program. */
export const MAX_EXPRESSION_LENGTH = 2000;

/** Text for a one-line message: control characters and line separators escaped, cut after `max` characters. */
export function showText(text: string, max = 40): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
  }
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

export function usage(where: string, what: string): DisparateError {
  return new DisparateError('usage', `${where}: ${what}`);
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
// Letters of any script, so "âge" or "geslacht_één" can be written bare; classification only, never rewriting.
const isNameStart = (ch: string | undefined): boolean => ch !== undefined && (ch === '_' || /\p{L}/u.test(ch));
const isNamePart = (ch: string | undefined): boolean => ch !== undefined && (isNameStart(ch) || isDigit(ch) || /\p{M}/u.test(ch));

/** The whole character at `i` (both halves of a surrogate pair), so letters beyond the BMP are letters. */
function codePointAt(text: string, i: number): string | undefined {
  const code = text.codePointAt(i);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

export function tokenize(text: string, where: string): Token[] {
  const tokens: Token[] = [];
  const at = (i: number): string => `at position ${i + 1}`;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(ch) || (ch === '.' && isDigit(text[i + 1]))) {
      let digits = '';
      while (isDigit(text[i])) digits += text[i++];
      // 007 is 7 on every engine, but printed as written it would look like something else (an octal, a code)
      digits = digits.replace(/^0+(?=\d)/, '');
      if (text[i] === '.') {
        i++;
        let fraction = '';
        while (isDigit(text[i])) fraction += text[i++];
        digits = `${digits === '' ? '0' : digits}.${fraction === '' ? '0' : fraction}`;
      }
      if (text[i] === 'e' || text[i] === 'E') {
        let exponent = 'e';
        i++;
        if (text[i] === '+' || text[i] === '-') exponent += text[i++];
        if (!isDigit(text[i])) throw usage(where, `malformed number "${showText(text.slice(start, i + 1))}" ${at(start)}`);
        while (isDigit(text[i])) exponent += text[i++];
        digits += exponent;
      }
      // "1abc" or "1.2.3" would be read by some engines as a number then an alias; refuse it here.
      if (isNamePart(codePointAt(text, i)) || text[i] === '.') throw usage(where, `malformed number "${showText(text.slice(start, i + 1))}" ${at(start)}`);
      if (!Number.isFinite(Number(digits))) throw usage(where, `number "${showText(digits)}" ${at(start)} is too large`);
      tokens.push({ type: 'number', text: digits, pos: start });
      continue;
    }
    if (ch === "'" || ch === '"') {
      // A quote inside is written twice ('it''s', "odd""name"); nothing else is an escape.
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw usage(where, `${ch === "'" ? 'text' : 'quoted name'} opened ${at(start)} is never closed (${ch} missing)`);
        if (text[i] === ch) {
          if (text[i + 1] === ch) {
            value += ch;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] === '\u0000') throw usage(where, `NUL character ${at(i)} is not allowed`);
        // PostgreSQL, SQLite, DuckDB and Trino read a backslash literally, Spark SQL and BigQuery as an escape
        // (there '\' never closes): one text, two meanings, so it is refused rather than printed.
        if (text[i] === '\\') throw usage(where, `backslash ${at(i)} is not accepted in ${ch === "'" ? 'text' : 'a quoted name'}: Spark SQL and BigQuery read it as an escape, the other engines literally`);
        value += text[i++];
      }
      if (ch === "'") tokens.push({ type: 'string', value, pos: start });
      else {
        if (value === '') throw usage(where, `empty quoted name "" ${at(start)}`);
        tokens.push({ type: 'name', name: value, quoted: true, pos: start });
      }
      continue;
    }
    if (isNameStart(codePointAt(text, i))) {
      let name = '';
      for (let c = codePointAt(text, i); isNamePart(c); c = codePointAt(text, i)) {
        name += c;
        i += c!.length;
      }
      tokens.push({ type: 'name', name, quoted: false, pos: start });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '--' || two === '/*') throw usage(where, `comments ("${two}") are not allowed (${at(i)})`);
    if (two === '<>' || two === '<=' || two === '>=' || two === '!=') {
      tokens.push({ type: 'symbol', symbol: two === '!=' ? '<>' : two, pos: start });
      i += 2;
      continue;
    }
    if ('()=<>+-*/,'.includes(ch)) {
      tokens.push({ type: 'symbol', symbol: ch as Punctuation, pos: start });
      i++;
      continue;
    }
    if (ch === ';') throw usage(where, `";" ${at(i)} is not allowed: one expression, not statements`);
    const shown = showText(String.fromCodePoint(text.codePointAt(i)!));
    throw usage(where, `unexpected character "${shown}" ${at(i)}${ch === '.' ? ' (qualified names like t.x are not allowed; quote a name with a dot: "a.b")' : ''}`);
  }
  tokens.push({ type: 'end', pos: text.length });
  return tokens;
}
