import type { GroupCounts, ScoreBinning } from '../accumulate/index.js';
import type { GroupResult, MetricValue, OverallResult, Warning } from '../results/index.js';
import {
  differenceInterval,
  differenceMethod,
  meanDifferenceInterval,
  meanInterval,
  meanRatioInterval,
  rateInterval,
  rateMethod,
  ratioInterval,
  ratioLowerLimit,
  ratioMethod,
  summariseMean,
  type Interval,
  type IntervalMethod,
} from '../stats/index.js';
import { MEAN_METRICS, RATE_METRICS, SHARE_METRICS, STATISTIC_METRICS, resolveMetricId, type MeanMetric, type RateMetric, type ShareMetric, type StatisticMetric } from './registry.js';
import { shareComparison } from './share-interval.js';
import { buildScoreHistogram } from './build-score-histogram.js';
import { complementOf, REST_REFERENCE } from './rest-reference.js';
import type { StatisticContext } from './score-statistics.js';

export interface MetricOptions {
  /** Two-sided critical value matching `level`. */
  readonly z: number;
  /** Confidence level, 1 − alpha. */
  readonly level: number;
  /** Whether any row carries a label: label metrics are computed only then. */
  readonly labels: boolean;
  readonly minCell: number;
  /** Whether any row carries a score: score metrics are computed only then. Default: when some group has scored rows. */
  readonly scores?: boolean;
  /** Bins of the groups' score histograms (GroupCounts.histogram); null or absent without histograms. */
  readonly binning?: ScoreBinning | null;
  /** Top-decile selection per group name, with the weight selected and the total; absent without a sweep. */
  readonly top?: { readonly byGroup: ReadonlyMap<string, number>; readonly selected: number; readonly total: number } | null;
  /** Rows and flagged rows over every group of the attribute, for shares; default the sum of the groups given. */
  readonly totals?: { readonly n: number; readonly flagged: number } | undefined;
  /** A check's interval (the verdict is read from it): rates, ratios and differences from exact rate intervals (see harness/stats/small-sample.ts). */
  readonly exact?: boolean | undefined;
}

/** Sum of rows and flagged rows over the groups, for shares. */
export function totalsOf(groups: readonly GroupCounts[]): { n: number; flagged: number } {
  return groups.reduce((t, g) => ({ n: t.n + g.n, flagged: t.flagged + g.flagged }), { n: 0, flagged: 0 });
}

/** A share metric and its variants against the share it is compared with (reference "all": the whole population). */
function shares(metric: ShareMetric, g: GroupCounts, opts: MetricOptions): Record<string, MetricValue> {
  const totals = opts.totals ?? { n: g.n, flagged: g.flagged };
  const x = metric.count(g);
  const X = metric.count(totals);
  const out: Record<string, MetricValue> = {
    [metric.id]: metricValue(X > 0 ? x / X : null, rateInterval(x, X, opts.z, opts.exact), rateMethod(x, X, opts.z, opts.exact), opts.level, null, { numerator: x, denominator: X }),
  };
  if (metric.against === null) return out;
  const { ratio: r, difference: d } = shareComparison(metric.count, g, totals, opts.z, opts.exact);
  const interval = (v: typeof r): Interval | null => (v.ci ? { lo: v.ci[0], hi: v.ci[1], method: v.method as IntervalMethod } : null);
  out[`${metric.id}_ratio`] = metricValue(r.value, interval(r), r.method, opts.level, 'all');
  out[`${metric.id}_difference`] = metricValue(d.value, interval(d), d.method, opts.level, 'all');
  return out;
}

/** The statistic metrics that apply, given what the data hold. */
function applicableStatistics(opts: MetricOptions, scored: boolean): StatisticMetric[] {
  const b = opts.binning ?? null;
  return STATISTIC_METRICS.filter(
    (m) =>
      (opts.labels || !m.needsLabels) &&
      (!m.needsScores || (scored && b !== null)) &&
      (!m.needsProbabilities || (b !== null && b.lo >= 0 && b.hi <= 1)) &&
      (m.against !== 'population' || (opts.top ?? null) !== null),
  );
}

function statistics(metrics: readonly StatisticMetric[], g: GroupCounts, ref: GroupCounts, opts: MetricOptions): Record<string, MetricValue> {
  const alpha = 1 - opts.level;
  const ctx = (x: GroupCounts): StatisticContext => ({
    g: x,
    ref,
    binning: opts.binning ?? null,
    alpha,
    z: opts.z,
    top: opts.top ? { group: opts.top.byGroup.get(x.group) ?? 0, selected: opts.top.selected, total: opts.top.total } : null,
  });
  const out: Record<string, MetricValue> = {};
  for (const m of metrics) {
    if (m.against === 'reference' && g === ref) continue;
    const v = m.compute(ctx(g));
    out[m.id] = metricValue(v.value, v.ci ? { lo: v.ci[0], hi: v.ci[1], method: v.method ?? m.method } : null, v.method ?? m.method, opts.level, m.against === 'reference' ? ref.group : m.against === 'population' ? 'all' : null);
    for (const variant of m.variants) {
      // Against itself the reference has nothing to compare: no `_difference` entry.
      if (g === ref) continue;
      const r = m.compute(ctx(ref));
      const value = v.value !== null && r.value !== null ? v.value - r.value : null;
      const se = g !== ref && v.se && r.se ? Math.sqrt(v.se ** 2 + r.se ** 2) : null;
      // A generated name such as "delong-logit-wald-difference" (listed in IntervalMethod).
      const method = `${m.method}-wald-${variant}` as IntervalMethod;
      out[`${m.id}_${variant}`] = metricValue(value, value !== null && se ? { lo: value - opts.z * se, hi: value + opts.z * se, method } : null, method, opts.level, ref.group);
    }
  }
  return out;
}

function metricValue(
  value: number | null,
  interval: Interval | null,
  method: string,
  level: number,
  reference: string | null,
  counts?: { numerator: number; denominator: number; sum_of_squares?: number },
): MetricValue {
  return {
    value,
    ci: interval ? [interval.lo, interval.hi] : null,
    level,
    method: interval?.method ?? method,
    reference,
    ...(counts ? { numerator: counts.numerator, denominator: counts.denominator } : {}),
    ...(counts?.sum_of_squares !== undefined ? { sum_of_squares: counts.sum_of_squares } : {}),
  };
}

function rate(metric: RateMetric, g: GroupCounts, opts: MetricOptions): MetricValue {
  const x = metric.numerator(g);
  const m = metric.denominator(g);
  return metricValue(m > 0 ? x / m : null, rateInterval(x, m, opts.z, opts.exact), rateMethod(x, m, opts.z, opts.exact), opts.level, null, { numerator: x, denominator: m });
}

function ratio(metric: RateMetric, g: GroupCounts, ref: GroupCounts, opts: MetricOptions): MetricValue {
  const [x1, n1, x0, n0] = [metric.numerator(g), metric.denominator(g), metric.numerator(ref), metric.denominator(ref)];
  const value = n1 > 0 && n0 > 0 && x0 > 0 ? x1 / n1 / (x0 / n0) : null;
  const out = metricValue(value, ratioInterval(x1, n1, x0, n0, opts.z, opts.exact), ratioMethod(x1, n1, x0, n0, opts.z, opts.exact), opts.level, ref.group);
  // Flagged while the reference never is: the ratio is infinite, but how large it is at least is known.
  const lower = ratioLowerLimit(x1, n1, x0, n0, opts.z, opts.exact);
  return lower === null ? out : { ...out, lower_bound: lower, method: ratioMethod(x1, n1, x0, n0, opts.z, opts.exact) };
}

function difference(metric: RateMetric, g: GroupCounts, ref: GroupCounts, opts: MetricOptions): MetricValue {
  const [x1, n1, x0, n0] = [metric.numerator(g), metric.denominator(g), metric.numerator(ref), metric.denominator(ref)];
  const value = n1 > 0 && n0 > 0 ? x1 / n1 - x0 / n0 : null;
  return metricValue(value, differenceInterval(x1, n1, x0, n0, opts.z, opts.exact), differenceMethod(x1, n1, x0, n0, opts.z, opts.exact), opts.level, ref.group);
}

function means(metric: MeanMetric, g: GroupCounts, ref: GroupCounts, opts: MetricOptions): Record<string, MetricValue> {
  const a = metric.moments(g);
  const b = metric.moments(ref);
  const sa = summariseMean(a.n, a.sum, a.sumSq);
  const sb = summariseMean(b.n, b.sum, b.sumSq);
  const va = a.n > 0 ? a.sum / a.n : null;
  const vb = b.n > 0 ? b.sum / b.n : null;
  return {
    [metric.id]: metricValue(va, meanInterval(a.n, a.sum, a.sumSq, opts.z), 'normal-mean', opts.level, null, { numerator: a.sum, denominator: a.n, sum_of_squares: a.sumSq }),
    [`${metric.id}_ratio`]: metricValue(va !== null && vb ? va / vb : null, sa && sb ? meanRatioInterval(sa, sb, opts.z) : null, 'delta-log-mean-ratio', opts.level, ref.group),
    [`${metric.id}_difference`]: metricValue(va !== null && vb !== null ? va - vb : null, sa && sb ? meanDifferenceInterval(sa, sb, opts.z) : null, 'welch-mean-difference', opts.level, ref.group),
  };
}

/**
 * One metric of one group against `reference`, as {@link computeGroupMetrics} computes it: what the
 * verdict uses to recompute a check's interval at the battery's simultaneous level. Null for an
 * unknown id or a statistic that does not apply.
 *
 * @example computeMetricValue('selection_rate_ratio', group, reference, { ...opts, z: 3.02, level: 0.9975 })
 */
export function computeMetricValue(metricId: string, g: GroupCounts, ref: GroupCounts, opts: MetricOptions): MetricValue | null {
  const resolved = resolveMetricId(metricId);
  if (!resolved) return null;
  const { base, variant } = resolved;
  if (base.kind === 'rate') return variant === 'rate' ? rate(base, g, opts) : variant === 'ratio' ? ratio(base, g, ref, opts) : difference(base, g, ref, opts);
  if (base.kind === 'mean') return means(base, g, ref, opts)[metricId] ?? null;
  if (base.kind === 'share') return shares(base, g, opts)[metricId] ?? null;
  return statistics([base], g, ref, opts)[metricId] ?? null;
}

/**
 * Every registered metric and its ratio/difference variants for the groups of one attribute,
 * against `reference`: a group, or REST_REFERENCE (each group against everyone else; the counts of that
 * complement are recorded in the group's `rest`). Undefined values become null with a warning; small cells are flagged.
 * Interval methods are chosen by cell size (see stats/small-sample.ts) and named in `method`.
 *
 * @example computeGroupMetrics(groupStats, 'french', { z: 1.96, level: 0.95, labels: true, minCell: 30 })
 */
export function computeGroupMetrics(
  groups: readonly GroupCounts[],
  reference: string,
  opts: MetricOptions,
): { results: GroupResult[]; warnings: Warning[] } {
  const rest = reference === REST_REFERENCE;
  const named = rest ? undefined : groups.find((g) => g.group === reference);
  if (!rest && !named) throw new Error(`reference group ${reference} missing from computed groups`);
  // everyone else: each group against its complement (disjoint from it, so two-sample intervals apply)
  const refOf = (g: GroupCounts): GroupCounts => named ?? complementOf(groups, g);
  const rates = RATE_METRICS.filter((m) => opts.labels || !m.needsLabels);
  const scored = opts.scores ?? groups.some((g) => g.scoreCount > 0);
  const meanMetrics = scored ? MEAN_METRICS.filter((m) => opts.labels || !m.needsLabels) : [];
  const statisticMetrics = applicableStatistics(opts, scored);
  const warnings: Warning[] = [];
  const withTotals: MetricOptions = { ...opts, totals: opts.totals ?? totalsOf(groups) };
  const results = groups.map((g): GroupResult => {
    const ref = refOf(g);
    const values: Record<string, MetricValue> = {};
    for (const metric of rates) {
      values[metric.id] = rate(metric, g, opts);
      values[`${metric.id}_ratio`] = ratio(metric, g, ref, opts);
      values[`${metric.id}_difference`] = difference(metric, g, ref, opts);
    }
    for (const metric of meanMetrics) Object.assign(values, means(metric, g, ref, opts));
    Object.assign(values, statistics(statisticMetrics, g, ref, opts));
    for (const metric of SHARE_METRICS) Object.assign(values, shares(metric, g, withTotals));
    const undefinedIds = Object.entries(values).filter(([, v]) => v.value === null).map(([id]) => id);
    if (g.n > 0 && undefinedIds.length > 0) {
      warnings.push({
        code: 'undefined-metric',
        message: `${g.attribute}=${g.group}: ${undefinedIds.join(', ')} undefined (zero denominator or zero reference count); shown as null`,
      });
    }
    const noInterval = Object.entries(values).filter(([, v]) => v.value !== null && v.ci === null).map(([id]) => id);
    if (noInterval.length > 0) {
      warnings.push({
        code: 'undefined-interval',
        message: `${g.attribute}=${g.group}: no interval for ${noInterval.join(', ')} (too few rows, or a zero count leaves the ratio's upper limit unbounded); checks on them are inconclusive`,
      });
    }
    const small = g.n < opts.minCell;
    return {
      attribute: g.attribute,
      group: g.group,
      is_reference: g === ref,
      n: g.n,
      flagged: g.flagged,
      tp: opts.labels ? g.tp : null,
      fp: opts.labels ? g.fp : null,
      tn: opts.labels ? g.tn : null,
      fn: opts.labels ? g.fn : null,
      labelled: g.labelled,
      small_cell: small,
      mean_score: g.scoreCount > 0 ? g.scoreSum / g.scoreCount : null,
      ...(rest ? { rest: { n: ref.n, flagged: ref.flagged, tp: opts.labels ? ref.tp : null, fp: opts.labels ? ref.fp : null, tn: opts.labels ? ref.tn : null, fn: opts.labels ? ref.fn : null, labelled: ref.labelled } } : {}),
      metrics: values,
      ...(opts.binning && g.histogram && g.scoreCount > 0 ? { score_histogram: buildScoreHistogram(g.histogram, opts.binning, opts.labels) } : {}),
    };
  });
  return { results, warnings };
}

/**
 * The whole population of one attribute's groups (every group together): counts, mean score and
 * each rate metric with its interval (reference null). The overall row of the attribute's table.
 *
 * @example computeOverall(groupStats, { z: 1.96, level: 0.95, labels: true, minCell: 30 }).metrics['selection_rate']
 */
export function computeOverall(groups: readonly GroupCounts[], opts: MetricOptions): OverallResult {
  const all = complementOf(groups, { ...groups[0]!, group: '\u0000every group' });
  const metrics: Record<string, MetricValue> = {};
  for (const metric of RATE_METRICS) if (opts.labels || !metric.needsLabels) metrics[metric.id] = rate(metric, all, opts);
  return {
    n: all.n,
    flagged: all.flagged,
    tp: opts.labels ? all.tp : null,
    fp: opts.labels ? all.fp : null,
    tn: opts.labels ? all.tn : null,
    fn: opts.labels ? all.fn : null,
    labelled: all.labelled,
    mean_score: all.scoreCount > 0 ? all.scoreSum / all.scoreCount : null,
    metrics,
  };
}
