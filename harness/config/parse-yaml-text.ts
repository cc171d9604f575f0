import { parse as parseYaml } from 'yaml';
import { DisparateError } from '../errors/index.js';

/**
 * YAML text past which a battery or population spec must be written as JSON: the YAML parser takes
 * seconds per megabyte (a spec listing a million levels would take minutes), JSON.parse milliseconds.
 */
export const MAX_YAML_BYTES = 4 * 1024 * 1024;

/**
 * Parses a config file's text: as JSON when it is JSON (YAML is a superset, and JSON.parse is a
 * hundred times faster), else as YAML within {@link MAX_YAML_BYTES}. YAML errors propagate.
 *
 * @example parseYamlText('name: toy', 'toy.yaml', 'config') // { name: 'toy' }
 */
export function parseYamlText(text: string, file: string, code: 'config' | 'model'): unknown {
  const start = text.trimStart().charCodeAt(0);
  if (start === 123 || start === 91) {
    try {
      return JSON.parse(text);
    } catch {
      // not JSON after all: YAML flow style, read below
    }
  }
  if (text.length > MAX_YAML_BYTES) {
    throw new DisparateError(code, `${file}: ${text.length.toLocaleString('en-US')} characters of YAML, past the limit of ${MAX_YAML_BYTES.toLocaleString('en-US')} (YAML is slow to read); write a file this large as JSON, which YAML readers accept too`);
  }
  return parseYaml(text, { prettyErrors: true });
}
