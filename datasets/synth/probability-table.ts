import { combinations } from './combinations.js';
import { cumulative, sum } from './cumulative.js';
import type { ResolveContext } from './resolve-context.js';

/** A compiled table: cumulative rows, combinations × K, in the order of `keys`. */
export interface ProbabilityTable {
  readonly parents: string[];
  readonly strides: number[];
  readonly cum: Float64Array;
  readonly keys: string[];
}

/**
 * Compiles a `probs` or `parents` + `table` pair to cumulative rows of K entries (one per `what`:
 * level or bin); undefined after reporting a problem that leaves no table to build.
 *
 * @example
 * probabilityTable(ctx, 'disability', { probs: [0.91, 0.09] }, 2, 'level', 'variables.disability');
 * // { parents: [], strides: [], cum: [0.91, 1], keys: [''] }
 */
export function probabilityTable(
  ctx: ResolveContext,
  name: string,
  v: { probs?: number[] | undefined; parents?: string[] | undefined; table?: Record<string, number[]> | undefined },
  K: number,
  what: string,
  path: string,
): ProbabilityTable | undefined {
  const { issue } = ctx;
  const parents = v.parents ?? [];
  if (v.probs !== undefined && v.table !== undefined) return void issue(path, 'give either probs (unconditional) or parents + table, not both');
  if (v.probs !== undefined) {
    if (parents.length > 0) issue(`${path}.parents`, 'probs are unconditional: remove parents, or give a table');
    if (v.probs.length !== K) issue(`${path}.probs`, `expected ${K} probabilities (one per ${what}), got ${v.probs.length}`);
    else if (Math.abs(sum(v.probs) - 1) > 1e-9) issue(`${path}.probs`, `probabilities sum to ${sum(v.probs)}, not 1`);
    const cum = new Float64Array(K);
    if (v.probs.length === K) cumulative(v.probs, cum, 0);
    return { parents: [], strides: [], cum, keys: [''] };
  }
  if (v.table === undefined) return void issue(path, 'needs probs, or parents and table');
  if (parents.length === 0) return void issue(`${path}.parents`, 'a table needs parents (the variables whose levels key its rows)');
  const combos = tableParents(ctx, name, parents, path);
  if (!combos) return undefined;
  const cum = new Float64Array(combos.keys.length * K);
  combos.keys.forEach((key, c) => {
    const row = Object.hasOwn(v.table!, key) ? v.table![key] : undefined;
    if (row === undefined) issue(`${path}.table`, `missing row "${key}" (one row per combination of ${parents.join(', ')} levels)`);
    else if (row.length !== K) issue(`${path}.table.${key}`, `expected ${K} probabilities (one per ${what}), got ${row.length}`);
    else if (Math.abs(sum(row) - 1) > 1e-9) issue(`${path}.table.${key}`, `probabilities sum to ${sum(row)}, not 1`);
    else cumulative(row, cum, c * K);
  });
  const seen = new Set(combos.keys);
  for (const key of Object.keys(v.table)) {
    if (!seen.has(key)) issue(`${path}.table.${key}`, `not a combination of ${parents.join('|')} levels (e.g. "${combos.keys[0]}")`);
  }
  return { parents, strides: combos.strides, cum, keys: combos.keys };
}

/** Categorical parents of a table: levels and strides, or undefined after reporting the problem. */
function tableParents(ctx: ResolveContext, name: string, parents: readonly string[], path: string): { strides: number[]; keys: string[] } | undefined {
  const parentLevels: (readonly string[])[] = [];
  let ok = true;
  parents.forEach((parent, i) => {
    const lv = ctx.levelsOfColumn(parent);
    if (!ctx.columnInfo.has(parent)) ctx.issue(`${path}.parents.${i}`, `unknown variable "${parent}"`);
    else if (!lv) ctx.issue(`${path}.parents.${i}`, `"${parent}" is numeric; a table needs categorical parents (bin it with a derived variable)`);
    else if (parents.indexOf(parent) !== i) ctx.issue(`${path}.parents.${i}`, `duplicate parent "${parent}"`);
    else if (parent === name) ctx.issue(`${path}.parents.${i}`, 'a variable cannot be its own parent');
    else {
      parentLevels.push(lv);
      return;
    }
    ok = false;
  });
  return ok ? combinations(parentLevels) : undefined;
}
