import type { Results } from '../../../harness/results/index.js';
import { overallSelectionRate } from '../measures.js';
import { CATEGORY_MIN, type OriginColumn } from './published.js';

/**
 * Readers shared by the duo-2014 and duo-2019 packs. Each pack runs R1 × (R2 + R3) once per category
 * bound (runs `category-80`, `category-60`, … `category-1`, flagged = score ≥ bound), so the share of a
 * risk category is a difference of two flagged shares; and a main run with the selection.
 */

/** Flagged ÷ rows of one group of one run; null when the run or group is missing. */
export function groupRate(run: Results | undefined, attribute: string, group: string): number | null {
  const g = run?.groups.find((x) => x.attribute === attribute && x.group === group);
  return g && g.n > 0 ? g.flagged / g.n : null;
}

/** Share scoring at least `bound` among `column` (null = everyone) in the run `category-<bound>`. */
function atLeast(runs: ReadonlyMap<string, Results>, bound: number, column: OriginColumn | null): number | null {
  const run = runs.get(`category-${bound}`);
  if (!run) return null;
  return column ? groupRate(run, column.attribute, column.group) : overallSelectionRate(run, 'origin_group');
}

/** Share in risk category `category` (1 … 6) among `column` (null = everyone). */
export function categoryShare(runs: ReadonlyMap<string, Results>, category: number, column: OriginColumn | null): number | null {
  const upper = category === 1 ? 0 : atLeast(runs, CATEGORY_MIN[category - 2]!, column);
  const lower = category === 6 ? 1 : atLeast(runs, CATEGORY_MIN[category - 1]!, column);
  return upper === null || lower === null ? null : lower - upper;
}

/** Category runs of a pack: `category-<bound>` → its battery file. */
export const CATEGORY_RUNS: Readonly<Record<string, string>> = Object.fromEntries(CATEGORY_MIN.map((b) => [`category-${b}`, `battery-category-${b}.yaml`]));
