import { computeGroupStats, groupIndexOf, HISTOGRAM_SLOT_COUNT, INTERSECTION_SEPARATOR, sweepGroupCounts, type CellCounts, type SelectionSweep } from '../accumulate/index.js';
import { DisparateError } from '../errors/index.js';
import { bootstrapGroupMetrics, bootstrapKey, computeSelectionCurves, type BootstrapTarget } from '../metrics/index.js';
import type { GroupResult, OverallResult, SelectionCurve, SuppressedCell, Warning } from '../results/index.js';
import { TOP_DECILE } from './build-cells.js';
import { zCritical } from '../stats/index.js';
import { computeWorstGroups } from './compute-worst-groups.js';
import { computeAttributeFindings, type AttributeFindings } from './compute-attribute-findings.js';
import type { MetricAt } from '../verdict/index.js';
import type { ResolvedReference } from './resolve-references.js';

/** Which intersections of the protected attributes to report (battery `intersections`). */
export type IntersectionSetting = 'full' | 'all' | 'none' | readonly (readonly string[])[];

export interface FindingsOptions {
  readonly alpha: number;
  readonly minCell: number;
  readonly labels: boolean;
  /** Named reference groups by attribute, with where they were named (for error messages); key "*": every attribute not named. */
  readonly references: ReadonlyMap<string, { group: string; origin: 'battery' | 'cli'; where: string }>;
  /** Where the data came from, for error messages about empty groups. */
  readonly dataWhere: string;
  /** Intersections to report; default "full" (all protected attributes together). */
  readonly intersections?: IntersectionSetting | undefined;
  /** Multinomial bootstrap of the cell counts; absent = none. */
  readonly bootstrap?: { readonly replicates: number; readonly seed: number } | undefined;
}

/** What a set of cell counts comes with: the exact selection sweep of its rows (see buildCells). */
export interface CellExtras {
  readonly sweep: SelectionSweep | null;
  /** Report selection curves for each attribute (the battery's `sweep`); the top decile is used regardless. */
  readonly curves: boolean;
}

/** Per-group results for every attribute and for the requested intersections. */
export interface Findings {
  readonly groups: GroupResult[];
  readonly references: Record<string, ResolvedReference>;
  readonly warnings: Warning[];
  /** Intersection cells below min_cell (never dropped: listed with their n). */
  readonly suppressed: SuppressedCell[];
  readonly worstGroups: ReturnType<typeof computeWorstGroups>;
  /** Selection curves per group of each attribute alone; empty without a sweep or when not asked for. */
  readonly curves: SelectionCurve[];
  /** A group's metric recomputed at another critical value, for the check family (see harness/verdict). */
  readonly metricAt: MetricAt;
  /** Every row together (from the first attribute: each attribute alone covers every row). */
  readonly overall: OverallResult;
}

/** Attribute-index subsets to report: each attribute alone, then the requested intersections. */
export function intersectionSubsets(attributes: readonly string[], setting: IntersectionSetting = 'full', where = 'intersections'): number[][] {
  const singles = attributes.map((_, i) => [i]);
  if (attributes.length < 2 || setting === 'none') return singles;
  if (setting === 'full') return [...singles, attributes.map((_, i) => i)];
  if (setting === 'all') {
    const out: number[][] = [];
    for (let mask = 1; mask < 1 << attributes.length; mask++) {
      const subset = attributes.map((_, i) => i).filter((i) => mask & (1 << i));
      if (subset.length >= 2) out.push(subset);
    }
    out.sort((a, b) => a.length - b.length);
    return [...singles, ...out];
  }
  return [
    ...singles,
    ...setting.map((names, k) =>
      names.map((name) => {
        const i = attributes.indexOf(name);
        if (i < 0) throw new DisparateError('config', `${where}.${k}: "${name}" is not a protected attribute (${attributes.join(', ')})`);
        return i;
      }),
    ),
  ];
}

/**
 * Groups → metrics with intervals, for each protected attribute alone and for the requested
 * intersections. An attribute level with no rows at all is an input error. Intersection cells below
 * min_cell are suppressed: listed with their n (empty ones too), kept in `groups` only when they have
 * rows (flagged small_cell, for display) and left out of checks and of the worst-group summary.
 */
export function computeFindings(cells: CellCounts, opts: FindingsOptions, extras: CellExtras = { sweep: null, curves: false }): Findings {
  const { sweep } = extras;
  const topIndex = sweep ? sweep.fractions.indexOf(TOP_DECILE) : -1;
  const curves: SelectionCurve[] = [];
  const z = zCritical(opts.alpha);
  const level = 1 - opts.alpha;
  const subsets = intersectionSubsets(cells.attributes.map((a) => a.name), opts.intersections);
  const groups: GroupResult[] = [];
  const warnings: Warning[] = [];
  const suppressed: SuppressedCell[] = [];
  // No prototype: an attribute may be named "__proto__".
  const references = Object.create(null) as Record<string, ResolvedReference>;
  const targets: BootstrapTarget[] = [];
  const byAttribute = new Map<string, AttributeFindings['metricAt']>();
  let overall: OverallResult | null = null;
  for (const subset of subsets) {
    const stats = computeGroupStats(cells, subset);
    const attribute = stats[0]!.attribute;
    if (subset.length === 1) {
      const empty = stats.find((g) => g.n === 0);
      if (empty) throw new DisparateError('data', `${opts.dataWhere}: group "${empty.group}" of "${attribute}" is empty: no rows to measure`);
    }
    const perGroup = sweep ? sweepGroupCounts(sweep, groupIndexOf(cells, subset), stats.length) : null;
    let top: { byGroup: Map<string, number>; selected: number; total: number } | null = null;
    if (perGroup && topIndex >= 0) {
      const S = HISTOGRAM_SLOT_COUNT;
      const at = (k: number) => (topIndex * stats.length + k) * S;
      const byGroup = new Map(stats.map((g, k) => [g.group, perGroup[at(k)]! + perGroup[at(k) + 1]! + perGroup[at(k) + 2]!] as const));
      top = { byGroup, selected: [...byGroup.values()].reduce((a, b) => a + b, 0), total: stats.reduce((a, g) => a + g.n, 0) };
    }
    const found = computeAttributeFindings(stats, subset.length > 1, opts, { binning: cells.binning, top });
    const ref = found.reference;
    overall ??= found.overall;
    byAttribute.set(attribute, found.metricAt);
    references[attribute] = ref;
    targets.push({ subset, reference: ref.group });
    suppressed.push(...found.suppressed);
    if (perGroup && sweep && extras.curves && subset.length === 1) {
      curves.push(...computeSelectionCurves(stats, ref.group, sweep.fractions, sweep.cuts, perGroup, z, opts.labels));
    }
    groups.push(...found.groups);
    warnings.push(...found.warnings);
  }
  if (opts.bootstrap) {
    const intervals = bootstrapGroupMetrics(cells, targets, opts.bootstrap, level, opts.labels);
    for (const g of groups) {
      for (const [id, m] of Object.entries(g.metrics)) {
        const key = bootstrapKey(g.attribute, g.group, id);
        if (!intervals.has(key)) continue;
        const choice = intervals.get(key)!;
        const ci = m.value !== null && !(g.is_reference && m.reference !== null) ? choice.interval : null;
        m.bootstrap_ci = ci ? [ci.lo, ci.hi] : null;
        if (ci) m.bootstrap_method = ci.method;
        if (ci && choice.fallback) m.bootstrap_fallback = choice.fallback;
      }
    }
  }
  const excluded = new Set(suppressed.map((s) => `${s.attribute}\u0000${s.group}`));
  const worstGroups = computeWorstGroups(groups.filter((g) => !excluded.has(`${g.attribute}\u0000${g.group}`)));
  const metricAt: MetricAt = (attribute, group, metricId, z) => byAttribute.get(attribute)?.(group, metricId, z) ?? null;
  return { groups, references, warnings, suppressed, worstGroups, curves, metricAt, overall: overall! };
}

export { INTERSECTION_SEPARATOR };
