import type { Check } from '../config/index.js';
import { isRestReference, resolveMetricId } from '../metrics/index.js';
import type { CheckResult, GroupResult, MetricValue, Results } from '../results/index.js';
import type { Correction } from '../stats/index.js';
import { claimOf, type Limits } from './claim-p-value.js';
import { judgeFamily, type CheckCandidate } from './judge-family.js';
import { rescaledInterval } from './rescaled-interval.js';

type Verdict = CheckResult['verdict'];

/** Default tolerances where a check gives none, with their origin recorded in the results. */
export const DEFAULT_BOUNDS = {
  ratio: { bounds: [0.8, 1.25] as [number, number], source: 'four-fifths rule (US EEOC Uniform Guidelines, 29 CFR 1607.4(D)) and its reciprocal' },
  difference: { bounds: [-0.05, 0.05] as [number, number], source: 'disparate default: 5 percentage points' },
} as const;

/**
 * One metric of one group recomputed at two-sided critical value z (the metric's own interval
 * method, from the counts): how a check's interval is set at the battery's family level.
 */
export type MetricAt = (attribute: string, group: string, metricId: string, z: number) => (Pick<MetricValue, 'ci' | 'lower_bound'> & { readonly method?: string }) | null;

/** A metric value's limits: its interval, or [lower limit, ∞) for an unbounded ratio. */
export function limitsOf(m: Pick<MetricValue, 'ci' | 'lower_bound'> | null | undefined): Limits | null {
  if (!m) return null;
  if (m.ci) return { lo: m.ci[0], hi: m.ci[1] };
  return m.lower_bound !== undefined ? { lo: m.lower_bound, hi: Infinity } : null;
}

/**
 * pass: the whole interval inside the bounds; fail: the whole interval outside; otherwise
 * inconclusive. An infinite ratio (reference count 0) has only a lower limit: it fails when that
 * limit is above the upper bound.
 */
export function verdictFor(ci: readonly [number, number] | null, bounds: readonly [number, number], lowerBound?: number): Verdict {
  return claimOf(ci ? { lo: ci[0], hi: ci[1] } : lowerBound !== undefined ? { lo: lowerBound, hi: Infinity } : null, bounds) ?? 'inconclusive';
}

/**
 * Every check against every non-reference group of its attribute(s) (a rate check against every
 * group), judged as one family by {@link judgeFamily}. `metricAt` recomputes a row's interval at the
 * family level from the counts; without it (results read back, hand-built groups) the recorded
 * interval is rescaled by a normal approximation. Checks whose metric is absent (label metrics
 * without labels) are an error raised earlier, when the battery is resolved.
 */
export function evaluateChecks(
  checks: readonly Check[],
  groups: readonly GroupResult[],
  correction: Correction,
  alpha = 0.05,
  exclude: ReadonlySet<string> = new Set(),
  metricAt?: MetricAt,
): { checks: CheckResult[]; summary: Results['summary'] } {
  return judgeFamily(checkCandidates(checks, groups, exclude, metricAt), correction, alpha);
}

/**
 * With everyone else as the reference and exactly two groups, everyone else of one group is the other
 * group: the two comparisons are one comparison seen from both sides (a ratio and its reciprocal, a
 * difference and its opposite). Only one is a check, so the family counts it once and the report does
 * not state the same finding twice: the smaller group against the larger (the first listed on a tie).
 * Returns the group whose comparison is left out, or null.
 */
export function mirrorOf(members: readonly GroupResult[], metric: string): GroupResult | null {
  if (members.length !== 2 || !members.every((g) => isRestReference(g.metrics[metric]?.reference))) return null;
  const [a, b] = members as [GroupResult, GroupResult];
  return b.n < a.n ? a : b;
}

/** The rows of a battery's checks, before judgement: what {@link judgeFamily} takes. */
export function checkCandidates(checks: readonly Check[], groups: readonly GroupResult[], exclude: ReadonlySet<string> = new Set(), metricAt?: MetricAt): CheckCandidate[] {
  const attributes = [...new Set(groups.map((g) => g.attribute))];
  const out: CheckCandidate[] = [];
  for (const check of checks) {
    if (check.severity === 'off') continue;
    const resolved = resolveMetricId(check.metric)!;
    const defaults = resolved.variant === 'rate' ? undefined : DEFAULT_BOUNDS[resolved.variant];
    const bounds = check.bounds ?? defaults?.bounds;
    if (!bounds) throw new Error(`check ${check.id}: no bounds for a rate metric (validated earlier)`);
    const targets = check.attribute === 'all' ? attributes : [check.attribute];
    for (const attribute of targets) {
      const members = groups.filter((x) => x.attribute === attribute && !exclude.has(`${attribute}\u0000${x.group}`));
      const mirror = resolved.variant === 'rate' ? null : mirrorOf(members, check.metric);
      for (const g of groups.filter((x) => x.attribute === attribute)) {
        if (g.is_reference && resolved.variant !== 'rate') continue;
        if (exclude.has(`${attribute}\u0000${g.group}`)) continue;
        if (g === mirror) continue;
        const m = g.metrics[check.metric];
        if (!m) continue;
        // The judge asks for the interval and then its method at the same level: computed once.
        let last: { z: number; value: ReturnType<MetricAt> } | null = null;
        const at = (z: number) => (last?.z === z ? last.value : (last = { z, value: metricAt!(attribute, g.group, check.metric, z) }).value);
        const intervalAt = metricAt ? (z: number) => limitsOf(at(z)) : rescaledInterval(m.ci, m.level, resolved.variant, m.lower_bound);
        out.push({
          intervalAt,
          ...(metricAt ? { methodAt: (z: number) => at(z)?.method ?? null } : {}),
          parity: m.reference === null ? null : resolved.variant === 'ratio' ? 1 : resolved.variant === 'difference' ? 0 : null,
          row: {
            id: check.id,
            metric: check.metric,
            attribute,
            group: g.group,
            reference: m.reference,
            value: m.value,
            ci: m.ci,
            ...(m.lower_bound !== undefined ? { lower_bound: m.lower_bound } : {}),
            level: m.level,
            method: metricAt ? m.method : `${m.method}, rescaled`,
            bounds: [bounds[0], bounds[1]],
            bounds_origin: check.bounds ? 'battery' : 'default',
            source: check.source ?? (check.bounds ? null : defaults?.source ?? null),
            verdict: 'inconclusive',
            p_value: null,
            adjusted_p_value: null,
            correction: 'none',
            small_cell: g.small_cell,
            ...(check.severity === 'warn' ? { severity: 'warn' as const } : {}),
          },
        });
      }
    }
  }
  return out;
}
