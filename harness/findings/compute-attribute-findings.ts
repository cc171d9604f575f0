import type { GroupCounts } from '../accumulate/index.js';
import { complementOf, computeGroupMetrics, computeMetricValue, computeOverall, REST_REFERENCE, totalsOf, type MetricOptions } from '../metrics/index.js';
import type { GroupResult, MetricValue, OverallResult, SuppressedCell, Warning } from '../results/index.js';
import { normalCdf, zCritical } from '../stats/index.js';
import { EVERY_ATTRIBUTE, resolveReference, type ResolvedReference } from './resolve-references.js';

export interface AttributeFindingsOptions {
  readonly alpha: number;
  readonly minCell: number;
  readonly labels: boolean;
  /** Named reference groups by attribute, with where they were named (for error messages); key "*": every attribute not named. */
  readonly references: ReadonlyMap<string, { group: string; origin: 'battery' | 'cli'; where: string }>;
}

/** One attribute's (or one intersection's) findings. */
export interface AttributeFindings {
  readonly reference: ResolvedReference;
  /** Every group of an attribute alone; only the cells with rows of an intersection. */
  readonly groups: GroupResult[];
  readonly warnings: Warning[];
  /** Intersection cells below min_cell, empty ones included (none for an attribute alone). */
  readonly suppressed: SuppressedCell[];
  /** One group's metric recomputed at two-sided critical value z: the check interval at the family level. */
  readonly metricAt: (group: string, metricId: string, z: number) => MetricValue | null;
  /** Every group together (the overall row). */
  readonly overall: OverallResult;
}

/**
 * The groups of one attribute, or of one intersection of attributes, → reference group, metrics
 * with intervals, suppressed cells and warnings. Shared by a run or audit (groups summed from cell
 * counts) and by `merge` (groups summed across results.json files), so both judge the same way:
 * intersection cells below min_cell (the reference excepted) are suppressed, listed with their n and
 * kept in `groups` only when they have rows; attributes alone are never suppressed, and their small
 * groups are flagged in a warning.
 *
 *   GroupCounts[] ──► resolveReference ──► (intersection) suppress small cells ──► computeGroupMetrics
 *
 * @example
 * const { reference, groups } = computeAttributeFindings(computeGroupStats(cells, [0]), false, { alpha: 0.05, minCell: 30, labels: true, references: new Map() });
 */
export function computeAttributeFindings(
  stats: readonly GroupCounts[],
  intersection: boolean,
  opts: AttributeFindingsOptions,
  metrics: Pick<MetricOptions, 'binning' | 'top' | 'scores'> = {},
): AttributeFindings {
  const attribute = stats[0]!.attribute;
  const reference = resolveReference(attribute, stats, opts.references.get(attribute) ?? opts.references.get(EVERY_ATTRIBUTE));
  const warnings: Warning[] = [];
  const suppressed: SuppressedCell[] = [];
  if (intersection) {
    for (const g of stats) {
      if (g.n < opts.minCell && g.group !== reference.group) suppressed.push({ attribute, group: g.group, n: g.n, reason: g.n === 0 ? 'empty' : 'below-min-cell' });
    }
    if (suppressed.length > 0) {
      warnings.push({
        code: 'suppressed-cells',
        message: `${attribute}: ${suppressed.length} of ${stats.length} cells below min_cell ${opts.minCell} are suppressed (left out of checks): ${suppressed.map((s) => `${s.group} n=${s.n}`).join(', ')}`,
      });
    }
  }
  const present = intersection ? stats.filter((g) => g.n > 0) : stats;
  const metricOptions: MetricOptions = { z: zCritical(opts.alpha), level: 1 - opts.alpha, labels: opts.labels, minCell: opts.minCell, totals: totalsOf(present), ...metrics };
  const { results, warnings: w } = computeGroupMetrics(present, reference.group, metricOptions);
  const named = present.find((g) => g.group === reference.group);
  // at the family level too, a group's reference is everyone else when the attribute's is REST_REFERENCE
  const refOf = (g: GroupCounts): GroupCounts => (reference.group === REST_REFERENCE || !named ? complementOf(present, g) : named);
  const metricAt = (group: string, metricId: string, z: number): MetricValue | null => {
    const g = present.find((x) => x.group === group);
    return g ? computeMetricValue(metricId, g, refOf(g), { ...metricOptions, z, level: 1 - 2 * normalCdf(-z, 0, 1), exact: true }) : null;
  };
  warnings.push(...w);
  const small = intersection ? [] : results.filter((g) => g.small_cell);
  if (small.length > 0) {
    warnings.push({
      code: 'small-cell',
      message: `${attribute}: ${small.length} group(s) below min_cell ${opts.minCell} (${small.map((g) => `${g.group} n=${g.n}`).join(', ')}); their estimates are shown but unreliable`,
    });
  }
  return { reference, groups: results, warnings, suppressed, metricAt, overall: computeOverall(present, metricOptions) };
}
