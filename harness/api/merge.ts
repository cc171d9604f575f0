import { loadResultsFile, mergeResults } from '../battery/index.js';
import type { Results } from '../results/index.js';
import { provenance, type Provenance } from './provenance.js';

/**
 * Merges the results of disjoint parts of one population (results.json files, or their parsed
 * contents with a name each) into the results of the whole, as `disparate merge` does.
 *
 * @example
 * import { merge } from 'disparate';
 * const whole = merge(['north/results.json', 'south/results.json']);
 */
export function merge(parts: readonly (string | { file: string; results: Results })[], given?: Provenance): Results {
  const inputs = parts.map((p) => (typeof p === 'string' ? loadResultsFile(p) : p));
  return mergeResults(inputs, given ?? provenance(`merge(${inputs.map((i) => i.file).join(', ')})`));
}
