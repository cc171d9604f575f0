import type { Check } from '../config/index.js';
import type { CheckResult, GroupResult, Results, SuppressedCell, Warning } from '../results/index.js';
import type { Correction } from '../stats/index.js';
import { checkCandidates, judgeFamily, type CheckCandidate, type MetricAt } from '../verdict/index.js';

/** Checks judged on a set of groups, with what they leave unsaid as warnings. */
export interface Verdicts {
  readonly checks: CheckResult[];
  readonly summary: Results['summary'];
  /** "no-checks" when none are declared; "check-compared-nothing" for each check that tested no group. */
  readonly warnings: Warning[];
  /** The rows before judgement, for a caller that adds checks of its own to the family (audit's selective labels). */
  readonly candidates: CheckCandidate[];
}

/**
 * Every check against the groups, suppressed intersection cells left out, p-values adjusted across
 * the whole battery (one family). A battery with no checks, or a check that compared no group with
 * its reference, is not a pass: each gets a warning naming it. Shared by runs, audits and `merge`.
 *
 * @example
 * const { summary } = computeVerdicts([Check.parse({ id: 'four-fifths', metric: 'selection_rate_ratio' })], groups, [], 'holm', 0.05);
 */
export function computeVerdicts(
  checks: readonly Check[],
  groups: readonly GroupResult[],
  suppressed: readonly SuppressedCell[],
  correction: Correction,
  alpha: number,
  metricAt?: MetricAt,
): Verdicts {
  const exclude = new Set(suppressed.map((s) => `${s.attribute}\u0000${s.group}`));
  const candidates = checkCandidates(checks, groups, exclude, metricAt);
  const judged = judgeFamily(candidates, correction, alpha);
  const warnings: Warning[] = [];
  if (correction === 'holm' && judged.checks.length > 0) {
    warnings.push({
      code: 'holm-as-bonferroni',
      message: "correction holm: a check can be wrong in two ways (a false fail or a false pass), so Holm's step-down cannot control both; the checks were judged with Bonferroni's simultaneous intervals, which do (summary.rule gives their level)",
    });
  }
  if (checks.length === 0) warnings.push({ code: 'no-checks', message: 'no checks declared: metrics are reported but nothing is tested, so the verdict is inconclusive' });
  for (const check of checks) {
    if (check.severity === 'off' || judged.checks.some((c) => c.id === check.id)) continue;
    const attributes = check.attribute === 'all' ? [...new Set(groups.map((g) => g.attribute))] : [check.attribute];
    const listed = attributes.map((a) => `${a}: ${groups.filter((g) => g.attribute === a).map((g) => g.group).join(', ') || 'no groups'}`).join('; ');
    warnings.push({ code: 'check-compared-nothing', message: `check ${check.id}: no group to compare with its reference (${listed}), so it tested nothing` });
  }
  // A declared check that tested nothing leaves the battery's promise unkept: not a pass.
  const idle = warnings.some((w) => w.code === 'check-compared-nothing');
  const summary = idle && judged.summary.verdict === 'pass' ? { ...judged.summary, verdict: 'inconclusive' as const } : judged.summary;
  return { checks: judged.checks, summary, warnings, candidates };
}
