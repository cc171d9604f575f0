import { computeGroupStats, INTERSECTION_SEPARATOR, type CellCounts } from '../accumulate/index.js';
import { DisparateError } from '../errors/index.js';
import { computeGroupMetrics } from '../metrics/index.js';
import type { GroupResult, Warning } from '../results/index.js';
import { zCritical } from '../stats/index.js';
import { resolveReference, type ResolvedReference } from './resolve-references.js';

export interface FindingsOptions {
  readonly alpha: number;
  readonly minCell: number;
  readonly labels: boolean;
  /** Named reference groups by attribute, with where they were named (for error messages). */
  readonly references: ReadonlyMap<string, { group: string; origin: 'battery' | 'cli'; where: string }>;
  /** Where the data came from, for error messages about empty groups. */
  readonly dataWhere: string;
}

/** Per-group results for every attribute and for the intersection of all of them. */
export interface Findings {
  readonly groups: GroupResult[];
  readonly references: Record<string, ResolvedReference>;
  readonly warnings: Warning[];
}

/**
 * Groups → metrics with intervals, for each protected attribute alone and for their intersection.
 * An attribute level with no rows at all is an input error; empty intersection cells are kept
 * (n = 0) and reported as a warning.
 */
export function computeFindings(cells: CellCounts, opts: FindingsOptions): Findings {
  const z = zCritical(opts.alpha);
  const level = 1 - opts.alpha;
  const subsets: number[][] = cells.attributes.map((_, i) => [i]);
  if (cells.attributes.length > 1) subsets.push(cells.attributes.map((_, i) => i));
  const groups: GroupResult[] = [];
  const warnings: Warning[] = [];
  const references: Record<string, ResolvedReference> = {};
  for (const subset of subsets) {
    const stats = computeGroupStats(cells, subset);
    const attribute = stats[0]!.attribute;
    if (subset.length === 1) {
      const empty = stats.find((g) => g.n === 0);
      if (empty) throw new DisparateError('data', `${opts.dataWhere}: group "${empty.group}" of "${attribute}" is empty: no rows to measure`);
    }
    const ref = resolveReference(attribute, stats, opts.references.get(attribute));
    references[attribute] = ref;
    const present = subset.length === 1 ? stats : stats.filter((g) => g.n > 0);
    if (present.length < stats.length) {
      warnings.push({ code: 'empty-intersection', message: `${attribute}: ${stats.length - present.length} of ${stats.length} combinations have no rows and are omitted` });
    }
    const { results, warnings: w } = computeGroupMetrics(present, ref.group, { z, level, labels: opts.labels, minCell: opts.minCell });
    groups.push(...results);
    warnings.push(...w);
    const small = results.filter((g) => g.small_cell);
    if (small.length > 0) {
      warnings.push({
        code: 'small-cell',
        message: `${attribute}: ${small.length} group(s) below min_cell ${opts.minCell} (${small.map((g) => `${g.group} n=${g.n}`).join(', ')}); their estimates are shown but unreliable`,
      });
    }
  }
  return { groups, references, warnings };
}

export { INTERSECTION_SEPARATOR };
