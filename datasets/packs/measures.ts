import type { GroupResult, Results } from '../../harness/results/index.js';

/**
 * Figures packs read off results.json: totals and shares over the groups of one attribute.
 * Missing groups give null, never a silent zero.
 */
function groupsOf(results: Results, attribute: string): GroupResult[] {
  return results.groups.filter((g) => g.attribute === attribute);
}

function find(results: Results, attribute: string, group: string): GroupResult | undefined {
  return results.groups.find((g) => g.attribute === attribute && g.group === group);
}

/** Flagged ÷ rows over the whole population (summed over the groups of `attribute`). */
export function overallSelectionRate(results: Results, attribute: string): number | null {
  const gs = groupsOf(results, attribute);
  const n = gs.reduce((s, g) => s + g.n, 0);
  return n > 0 ? gs.reduce((s, g) => s + g.flagged, 0) / n : null;
}

/** A group's share of all flagged rows. */
export function shareOfFlagged(results: Results, attribute: string, group: string): number | null {
  const total = groupsOf(results, attribute).reduce((s, g) => s + g.flagged, 0);
  const g = find(results, attribute, group);
  return g && total > 0 ? g.flagged / total : null;
}

/** A group's share of all rows. */
export function shareOfPopulation(results: Results, attribute: string, group: string): number | null {
  const total = groupsOf(results, attribute).reduce((s, g) => s + g.n, 0);
  const g = find(results, attribute, group);
  return g && total > 0 ? g.n / total : null;
}

/** One metric's value for one group. */
export function metricValue(results: Results, attribute: string, group: string, metric: string): number | null {
  return find(results, attribute, group)?.metrics[metric]?.value ?? null;
}
