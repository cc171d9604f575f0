import { createRequire } from 'node:module';
import { DisparateError } from '../errors/index.js';
import { requireBuilt } from '../stats/index.js';

type YamlModule = typeof import('yaml');
let yaml: YamlModule | undefined;

/**
 * The YAML parser, loaded on first use: some 190 modules that an audit, a merge or a comparison never
 * need (required as CommonJS, its build for Node, which loads faster than its ES modules).
 */
function yamlModule(): YamlModule {
  if (yaml) return yaml;
  const require = createRequire(import.meta.url);
  yaml = requireBuilt<YamlModule>(require, YAML_BUNDLE) ?? (require('yaml') as YamlModule);
  return yaml;
}

/** The file `npm run build` joins the parser's modules into, beside this module (harness/cli/bundle.ts). */
export const YAML_BUNDLE = 'yaml.cjs';

/** The line a YAML syntax error points at, when the error is the parser's. */
export function yamlErrorLine(e: unknown): number | null {
  return yaml !== undefined && e instanceof yaml.YAMLParseError && e.linePos ? e.linePos[0].line : null;
}

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
  return yamlModule().parse(text, { prettyErrors: true });
}
