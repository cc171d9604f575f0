import { readFileSync } from 'node:fs';
import { decodeText, parseYamlText, restoreProtoKeys, shieldProtoKeys, unshield } from '../../harness/config/index.js';
import { PopulationSpec } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { formatZodIssue } from './format-zod-issue.js';
import { checkPopulationSpec } from './resolve-population.js';

/**
 * Parses and validates a population spec from YAML text; `where` (usually the file name) starts
 * every error message. Throws `DisparateError('config', '<where>: <path.to.field>: <message>')`.
 *
 * @example
 * parsePopulationSpec('name: toy\nvariables: {}', 'toy.yaml');
 */
export function parsePopulationSpec(text: string, where: string): PopulationSpec {
  let raw: unknown;
  try {
    // NFC, as every label read from data (see normaliseLabels).
    raw = parseYamlText(text.normalize('NFC'), where, 'config');
  } catch (error) {
    if (error instanceof DisparateError) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DisparateError('config', `${where}: invalid YAML: ${message}`);
  }
  const result = PopulationSpec.safeParse(shieldProtoKeys(raw));
  if (!result.success) {
    const first = result.error.issues[0];
    throw new DisparateError('config', `${where}: ${first ? unshield(formatZodIssue(first)) : 'invalid population spec'}`);
  }
  restoreProtoKeys(result.data);
  const first = checkPopulationSpec(result.data)[0];
  if (first) throw new DisparateError('config', `${where}: ${first.path}: ${first.message}`);
  return result.data;
}

/**
 * Reads a population spec file (YAML), validates it with the schema and the semantic checks.
 *
 * @example
 * const spec = loadPopulationSpec('datasets/populations/caf-households.yaml');
 */
export function loadPopulationSpec(file: string): PopulationSpec {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new DisparateError('config', `${file}: cannot read population spec (${code})`);
  }
  return parsePopulationSpec(decodeText(file, bytes, 'config'), file);
}
