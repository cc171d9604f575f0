import { loadResultsFile, mergeResults, mergeShards } from '../merge/index.js';
import type { Results } from '../results/index.js';
import { provenance, type Provenance } from '../config/index.js';

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

/**
 * Joins the part files of a sharded run (`disparate run --shard I/N`, every I once) into the
 * results of the whole run, identical to the run on one machine; the battery must be where the
 * shards read it.
 *
 * @example
 * import { mergeParts } from 'disparate';
 * const whole = await mergeParts(['parts/shard-0-of-2.part', 'parts/shard-1-of-2.part']);
 */
export async function mergeParts(files: readonly string[], given?: Provenance): Promise<Results> {
  return mergeShards(files, given ?? provenance(`merge(${files.join(', ')})`));
}
