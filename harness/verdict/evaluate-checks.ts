import type { Check } from '../config/index.js';
import { resolveMetricId } from '../metrics/index.js';
import type { CheckResult, GroupResult, Results } from '../results/index.js';
import {
  adjustPValues,
  comparisonPValue,
  differenceEquivalencePValue,
  ratioEquivalencePValue,
  summariseMean,
  type Correction,
} from '../stats/index.js';
import { normalCdf } from '../stats/index.js';

type Verdict = CheckResult['verdict'];

/** Default tolerances where a check gives none, with their origin recorded in the results. */
export const DEFAULT_BOUNDS = {
  ratio: { bounds: [0.8, 1.25] as [number, number], source: 'four-fifths rule (US EEOC Uniform Guidelines, 29 CFR 1607.4(D)) and its reciprocal' },
  difference: { bounds: [-0.05, 0.05] as [number, number], source: 'disparate default: 5 percentage points' },
} as const;

/**
 * pass: the whole interval inside the bounds; fail: the whole interval outside; otherwise
 * inconclusive. An infinite ratio (reference count 0) has only a lower limit: it fails when that
 * limit is above the upper bound.
 */
export function verdictFor(ci: readonly [number, number] | null, bounds: readonly [number, number], lowerBound?: number): Verdict {
  if (!ci) return lowerBound !== undefined && lowerBound > bounds[1] ? 'fail' : 'inconclusive';
  const [lo, hi] = ci;
  if (lo >= bounds[0] && hi <= bounds[1]) return 'pass';
  if (hi < bounds[0] || lo > bounds[1]) return 'fail';
  return 'inconclusive';
}

interface PValue {
  readonly p: number | null;
  readonly method: string | null;
}

const NONE: PValue = { p: null, method: null };

/**
 * p-value of the check's test from the counts recorded on the base metric of the group and its
 * reference: "no disparity" (the method chosen by cell size, stats/small-sample.ts) or, for an
 * equivalence check, TOST against the bounds. Mean metrics use Welch's z-test of equal means.
 */
function pValue(check: Check, bounds: readonly [number, number], g: GroupResult, ref: GroupResult | undefined): PValue {
  const { base, variant } = resolveMetricId(check.metric)!;
  if (variant === 'rate' || !ref) return NONE;
  const mine = g.metrics[base.id];
  const theirs = ref.metrics[base.id];
  const [x1, n1, x0, n0] = [mine?.numerator, mine?.denominator, theirs?.numerator, theirs?.denominator];
  if (x1 == null || n1 == null || x0 == null || n0 == null) return NONE;
  if (base.kind === 'mean') {
    if (check.test === 'equivalence') return NONE;
    const a = summariseMean(n1, x1, meanSumSq(mine));
    const b = summariseMean(n0, x0, meanSumSq(theirs));
    if (!a || !b || a.se2 + b.se2 === 0) return NONE;
    const zStat = (a.mean - b.mean) / Math.sqrt(a.se2 + b.se2);
    return { p: Math.min(1, 2 * normalCdf(-Math.abs(zStat), 0, 1)), method: 'welch-z' };
  }
  if (check.test === 'equivalence') {
    const p = variant === 'ratio' ? ratioEquivalencePValue(x1, n1, x0, n0, bounds[0], bounds[1]) : differenceEquivalencePValue(x1, n1, x0, n0, bounds[0], bounds[1]);
    return { p, method: variant === 'ratio' ? 'tost-log-ratio' : 'tost-wald-difference' };
  }
  return comparisonPValue(variant, x1, n1, x0, n0);
}

/** Mean metrics carry their sum of squares beside numerator (sum) and denominator (count). */
function meanSumSq(m: GroupResult['metrics'][string] | undefined): number {
  return m?.sum_of_squares ?? NaN;
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
  alpha = 0.05,
  exclude: ReadonlySet<string> = new Set(),
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
        if (exclude.has(`${attribute}\u0000${g.group}`)) continue;
        const m = g.metrics[check.metric];
        if (!m) continue;
        const test = pValue(check, bounds, g, ref);
        rows.push({
          id: check.id,
          metric: check.metric,
          attribute,
          group: g.group,
          reference: m.reference,
          value: m.value,
          ci: m.ci,
          ...(m.lower_bound !== undefined ? { lower_bound: m.lower_bound } : {}),
          level: m.level,
          method: m.method,
          bounds: [bounds[0], bounds[1]],
          bounds_origin: check.bounds ? 'battery' : 'default',
          source: check.source ?? (check.bounds ? null : defaults?.source ?? null),
          verdict: verdictFor(m.ci, bounds, m.lower_bound),
          p_value: test.p,
          adjusted_p_value: null,
          correction,
          small_cell: g.small_cell,
          test: check.test,
          p_method: test.method,
        });
      }
    }
  }
  return finishChecks(rows, correction, alpha);
}

/**
 * Adjusts the p-values of all check rows together (one family: the whole battery) and settles the
 * verdicts against them:
 * - a claim of disparity survives the correction: a check whose interval lies wholly outside the
 *   bounds fails only when its test of "no disparity" is significant at `alpha` after the correction;
 *   otherwise it is inconclusive (so a "fail" never sits beside an adjusted p ≥ alpha). Checks
 *   without a test (rate bounds, distances) keep the verdict of their interval;
 * - equivalence checks pass only when equivalence is shown at `alpha` after the correction, and fail
 *   when the interval lies wholly outside the bounds: their p-value tests equivalence, so a fail is
 *   judged by the interval alone (an equivalence battery asks the model to prove itself).
 */
export function finishChecks(rows: CheckResult[], correction: Correction, alpha: number): { checks: CheckResult[]; summary: Results['summary'] } {
  // Equivalence rows' p-values test "outside the bounds": a failing one is judged by its interval alone.
  const adjusted = adjustPValues(rows.map((r) => r.p_value), correction);
  rows.forEach((r, i) => {
    r.adjusted_p_value = adjusted[i] ?? null;
    const significant = r.adjusted_p_value !== null && r.adjusted_p_value < alpha;
    if (r.test === 'equivalence') {
      if (r.verdict !== 'fail') r.verdict = significant ? 'pass' : 'inconclusive';
    } else if (r.verdict === 'fail' && r.adjusted_p_value !== null && !significant) r.verdict = 'inconclusive';
  });
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  const summary = { pass: count('pass'), fail: count('fail'), inconclusive: count('inconclusive') };
  // Nothing tested is not a pass: a battery whose checks compared nothing (or that declares none) cannot vouch for the model.
  const verdict: Verdict = summary.fail > 0 ? 'fail' : summary.inconclusive > 0 || rows.length === 0 ? 'inconclusive' : 'pass';
  return { checks: rows, summary: { verdict, ...summary } };
}
