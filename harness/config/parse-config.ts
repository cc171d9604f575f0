import { readFileSync } from 'node:fs';
import { parseYamlText, yamlErrorLine } from './parse-yaml-text.js';
import type { z } from 'zod';
import { DisparateError } from '../errors/index.js';
import { decodeText, type TextEncoding } from './decode-text.js';
import { repeatedJsonKey } from './repeated-json-key.js';
import { restoreProtoKeys, shieldProtoKeys, unshield } from './proto-keys.js';
import { describeIssue } from './format-zod-issue.js';


/** Reads a text file, strictly decoded (see {@link decodeText}), or throws a data/config error naming it. */
export function readText(file: string, code: 'config' | 'data' | 'model' = 'config', encoding: TextEncoding = 'utf8', rows: 'csv' | 'lines' | 'none' = 'none'): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code;
    const reason = errno === 'ENOENT' ? 'file not found' : errno === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${errno ?? 'unknown error'})`;
    throw new DisparateError(code, `${file}: ${reason}`);
  }
  return decodeText(file, bytes, code, encoding, rows);
}

/**
 * JSON text read from `file`, parsed; malformed JSON, or a key written twice within one object, is a
 * DisparateError of `code` naming the file (and the line), never quoting the text.
 *
 * @example parseJson(readText('model.json', 'model'), 'model.json', 'model')
 */
export function parseJson(text: string, file: string, code: 'config' | 'data' | 'model'): unknown {
  // A byte-order mark is what Windows editors put before JSON; it is not content.
  // NFC, as every label read from data: "é" in a model file matches "é" in a population whichever form each was typed in.
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).normalize('NFC');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new DisparateError(code, `${file}: malformed JSON${jsonErrorPlace(text, (e as Error).message)}`);
  }
  const repeated = repeatedJsonKey(body);
  if (repeated) {
    const key = repeated.key.length > 40 ? `${repeated.key.slice(0, 40)}…` : repeated.key;
    throw new DisparateError(code, `${file}: line ${repeated.line}: key ${JSON.stringify(key)} appears twice in one object; which value is meant is unclear`);
  }
  return value;
}

/**
 * Where JSON.parse stopped, as " at line L, column C": its own message quotes the file's text, which
 * may be anything (a binary, a secret), so only the place is kept.
 */
function jsonErrorPlace(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const at = Number(position[1]);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return ` at line ${line}, column ${at - before.lastIndexOf('\n')}`;
  }
  if (/end of JSON input|Unterminated/i.test(message)) return ': the text ends before the JSON does';
  return ' (not a JSON document)';
}

/**
 * YAML (or JSON) text validated with a zod schema: the one config loader, for batteries, population
 * specs and model files alike. `where` (the file name) starts every error message; malformed YAML and
 * the first bad field are each a DisparateError of `code` naming it and, for a field, its path.
 *
 * @example parseConfigText('title: t', 'battery.yaml', Battery)
 */
export function parseConfigText<S extends z.ZodType>(text: string, where: string, schema: S, code: 'config' | 'model' = 'config'): z.infer<S> {
  let raw: unknown;
  try {
    // NFC, as every label read from data (see normaliseLabels).
    raw = parseYamlText(text.normalize('NFC'), where, code);
  } catch (e) {
    if (e instanceof DisparateError) throw e;
    const at = yamlErrorLine(e);
    const line = at !== null ? ` (line ${at})` : '';
    const first = (e as Error).message.split('\n')[0];
    throw new DisparateError(code, `${where}: malformed YAML${line}: ${first}`);
  }
  const parsed = schema.safeParse(shieldProtoKeys(raw));
  if (!parsed.success) throw new DisparateError(code, `${where}: ${unshield(describeIssue(parsed.error))}`);
  return restoreProtoKeys(parsed.data);
}

/**
 * Loads a YAML (or JSON) file and validates it with a zod schema ({@link parseConfigText}); an
 * unreadable file is a DisparateError naming it.
 */
export function loadConfigFile<S extends z.ZodType>(file: string, schema: S, code: 'config' | 'model' = 'config'): z.infer<S> {
  return parseConfigText(readText(file, code), file, schema, code);
}
