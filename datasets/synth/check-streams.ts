import type { PopulationSpec } from '../../harness/config/index.js';
import { streamId } from '../../harness/stats/rng/index.js';

/**
 * Reports a variable (or the outcome) whose name hashes to the same random stream as an earlier one.
 *
 * @example
 * checkStreams(spec, ctx.issue); // usually reports nothing
 */
export function checkStreams(spec: PopulationSpec, issue: (path: string, message: string) => void): void {
  // Stream ids are 32-bit hashes of names: refuse the (rare) collision rather than share noise.
  const streams = new Map<number, string>();
  for (const n of new Set([...Object.keys(spec.variables), ...(spec.outcome ? [spec.outcome.name] : [])])) {
    const id = streamId(n);
    const other = streams.get(id);
    if (other !== undefined) issue(n === spec.outcome?.name ? 'outcome.name' : `variables.${n}`, `name hashes to the same random stream as "${other}"; rename one of them`);
    streams.set(id, n);
  }
}
