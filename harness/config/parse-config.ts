import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { DisparateError } from '../errors/index.js';

/** Formats the first zod issue as "path.to.field: message". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  return `${path}: ${issue.message}`;
}

/** Reads a text file or throws a data/config error naming it. */
export function readText(file: string, code: 'config' | 'data' | 'model' = 'config'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
    throw new DisparateError(code, `${file}: ${reason}`);
  }
}

/**
 * JSON text read from `file`, parsed; malformed JSON is a DisparateError of `code` naming the file.
 *
 * @example parseJson(readText('model.json', 'model'), 'model.json', 'model')
 */
export function parseJson(text: string, file: string, code: 'config' | 'data' | 'model'): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DisparateError(code, `${file}: malformed JSON: ${(e as Error).message}`);
  }
}

/**
 * Loads a YAML (or JSON) file and validates it with a zod schema; any failure is a
 * DisparateError naming the file and the path of the first bad field.
 */
export function loadConfigFile<S extends z.ZodType>(file: string, schema: S, code: 'config' | 'model' = 'config'): z.infer<S> {
  const text = readText(file, code);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` (line ${e.linePos[0].line})` : '';
    const first = (e as Error).message.split('\n')[0];
    throw new DisparateError(code, `${file}: malformed YAML${where}: ${first}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DisparateError(code, `${file}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}
