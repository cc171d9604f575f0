import { parseConfigText, PopulationSpec, readText } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { checkPopulationSpec } from './resolve-population.js';

/**
 * Parses and validates a population spec from YAML text (through the one config loader, then the
 * semantic checks); `where` (usually the file name) starts every error message. Throws
 * `DisparateError('config', '<where>: <path.to.field>: <message>')`.
 *
 * @example
 * parsePopulationSpec('name: toy\nvariables: {}', 'toy.yaml');
 */
export function parsePopulationSpec(text: string, where: string): PopulationSpec {
  const spec = parseConfigText(text, where, PopulationSpec);
  const first = checkPopulationSpec(spec)[0];
  if (first) throw new DisparateError('config', `${where}: ${first.path}: ${first.message}`);
  return spec;
}

/**
 * Reads a population spec file (YAML), validates it with the schema and the semantic checks.
 *
 * @example
 * const spec = loadPopulationSpec('datasets/populations/caf-households.yaml');
 */
export function loadPopulationSpec(file: string): PopulationSpec {
  return parsePopulationSpec(readText(file, 'config'), file);
}
