import type { Check } from '../config/index.js';
import { resolveMetricId } from '../metrics/index.js';
import type { CheckResult, GroupResult, Results } from '../results/index.js';
import { adjustPValues, differencePValue, ratioPValue, type Correction } from '../stats/index.js';

type Verdict = CheckResult['verdict'];

/** Default tolerances where a check gives none, with their origin recorded in the results. */
export const DEFAULT_BOUNDS = {
  ratio: { bounds: [0.8, 1.25] as [number, number], source: 'four-fifths rule (US EEOC Uniform Guidelines, 29 CFR 1607.4(D)) and its reciprocal' },
  difference: { bounds: [-0.05, 0.05] as [number, number], source: 'disparate default: 5 percentage points' },
} as const;

/** pass: the whole interval inside the bounds; fail: the whole interval outside; otherwise inconclusive. */
export function verdictFor(ci: readonly [number, number] | null, bounds: readonly [number, number]): Verdict {
  if (!ci) return 'inconclusive';
  const [lo, hi] = ci;
  if (lo >= bounds[0] && hi <= bounds[1]) return 'pass';
  if (hi < bounds[0] || lo > bounds[1]) return 'fail';
  return 'inconclusive';
}

/** p-value of "no disparity" from the counts recorded on the base rate of the group and its reference. */
function pValue(metricId: string, g: GroupResult, ref: GroupResult | undefined): number | null {
  const { base, variant } = resolveMetricId(metricId)!;
  if (variant === 'rate' || !ref) return null;
  const mine = g.metrics[base.id];
  const theirs = ref.metrics[base.id];
  const [x1, n1, x0, n0] = [mine?.numerator, mine?.denominator, theirs?.numerator, theirs?.denominator];
  if (x1 == null || n1 == null || x0 == null || n0 == null) return null;
  return variant === 'ratio' ? ratioPValue(x1, n1, x0, n0) : differencePValue(x1, n1, x0, n0);
}

/**
 * Evaluates every check against every non-reference group of its attribute(s) and adjusts the
 * p-values of "no disparity" across all of them. Checks whose metric is absent (label metrics
 * without labels) are an error raised earlier, when the battery is resolved.
 */
export function evaluateChecks(
  checks: readonly Check[],
  groups: readonly GroupResult[],
  correction: Correction,
): { checks: CheckResult[]; summary: Results['summary'] } {
  const attributes = [...new Set(groups.map((g) => g.attribute))];
  const rows: CheckResult[] = [];
  for (const check of checks) {
    const resolved = resolveMetricId(check.metric)!;
    const defaults = resolved.variant === 'rate' ? undefined : DEFAULT_BOUNDS[resolved.variant];
    const bounds = check.bounds ?? defaults?.bounds;
    if (!bounds) throw new Error(`check ${check.id}: no bounds for a rate metric (validated earlier)`);
    const targets = check.attribute === 'all' ? attributes : [check.attribute];
    for (const attribute of targets) {
      const members = groups.filter((g) => g.attribute === attribute);
      const ref = members.find((g) => g.is_reference);
      for (const g of members) {
        if (g.is_reference && resolved.variant !== 'rate') continue;
        const m = g.metrics[check.metric];
        if (!m) continue;
        rows.push({
          id: check.id,
          metric: check.metric,
          attribute,
          group: g.group,
          reference: m.reference,
          value: m.value,
          ci: m.ci,
          level: m.level,
          method: m.method,
          bounds: [bounds[0], bounds[1]],
          bounds_origin: check.bounds ? 'battery' : 'default',
          source: check.source ?? (check.bounds ? null : defaults?.source ?? null),
          verdict: verdictFor(m.ci, bounds),
          p_value: pValue(check.metric, g, ref),
          adjusted_p_value: null,
          correction,
          small_cell: g.small_cell,
        });
      }
    }
  }
  const adjusted = adjustPValues(rows.map((r) => r.p_value), correction);
  rows.forEach((r, i) => (r.adjusted_p_value = adjusted[i] ?? null));
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  const summary = { pass: count('pass'), fail: count('fail'), inconclusive: count('inconclusive') };
  const verdict: Verdict = summary.fail > 0 ? 'fail' : summary.inconclusive > 0 ? 'inconclusive' : 'pass';
  return { checks: rows, summary: { verdict, ...summary } };
}
