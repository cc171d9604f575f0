import type { Warning } from '../../harness/results/index.js';

/**
 * Warnings grouped by code, in order of first appearance, each with its recorded messages: a
 * translated report explains each code once instead of repeating it for every group it concerns.
 *
 * @example warningGroups([{ code: 'small-cell', message: 'a' }, { code: 'small-cell', message: 'b' }]) // [["small-cell", ["a", "b"]]]
 */
export function warningGroups(warnings: readonly Warning[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const w of warnings) groups.set(w.code, [...(groups.get(w.code) ?? []), w.message]);
  return [...groups];
}
