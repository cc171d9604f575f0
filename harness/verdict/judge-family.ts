import type { CheckResult, Results } from '../results/index.js';
import { zCritical, type Correction } from '../stats/index.js';
import { claimOf, claimPValue, type Limits } from './claim-p-value.js';
import { familyRule } from './family-rule.js';

/** One check row waiting for its verdict, with the means to recompute its interval at any level. */
export interface CheckCandidate {
  /** The row as reported; `ci`, `level`, `verdict`, the p-values, `claim` and `direction` are set here. */
  readonly row: CheckResult;
  /** The check's interval at two-sided critical value z (`hi` = Infinity when unbounded); null when it has none. */
  readonly intervalAt: (z: number) => Limits | null;
  /** The method of that interval at z, when it depends on the level (exact-based above 95 %); else row.method stands. */
  readonly methodAt?: ((z: number) => string | null) | undefined;
  /** No disparity, for direction claims: 1 for a ratio, 0 for a difference; null for a statistic of the group alone. */
  readonly parity: number | null;
}

type Verdict = CheckResult['verdict'];

/**
 * The battery's verdict rule, one family for every check row (rates and distances included):
 *
 *   claim p-values (interval inversion) ──► family level (familyRule) ──► each interval at that
 *   level ──► fail: wholly outside the tolerance · pass: wholly inside · else inconclusive
 *
 * Each row's `ci` and `level` are its interval at the family level, so what the report shows is what
 * was judged; `direction` is set only when that interval lies on one side of parity.
 */
export function judgeFamily(candidates: readonly CheckCandidate[], correction: Correction, alpha: number): { checks: CheckResult[]; summary: Results['summary'] } {
  const claims = candidates.map((c) => {
    // The point estimate says which claim the data lean to; only that one can ever be made. An
    // unbounded ratio (value null, a lower limit only) leans to a fail.
    const v = c.row.value;
    const claim = v === null || v > c.row.bounds[1] || v < c.row.bounds[0] ? 'fail' : 'pass';
    return { claim, p: claimPValue(c.intervalAt, c.row.bounds, claim) } as const;
  });
  const { t, adjusted, rule } = familyRule(claims.map((c) => c.p), correction, alpha);
  const z = zCritical(t);
  const checks = candidates.map((c, i): CheckResult => {
    const limits = c.intervalAt(z);
    const verdict: Verdict = claimOf(limits, c.row.bounds) ?? 'inconclusive';
    // The interval contains its own estimate, so it can only support the claim the estimate leans to.
    if (verdict !== 'inconclusive' && verdict !== claims[i]!.claim) throw new Error(`check ${c.row.id} ${c.row.attribute}=${c.row.group}: interval at the family level supports "${verdict}" but the estimate leans to "${claims[i]!.claim}"`);
    const unbounded = limits !== null && limits.hi === Infinity;
    // Under Benjamini–Hochberg the intervals' guarantee (false coverage) covers only the rows claimed:
    // an inconclusive row states no direction there.
    const covered = rule.method !== 'benjamini-hochberg' || verdict !== 'inconclusive';
    const direction = limits === null || c.parity === null || !covered ? null : limits.lo > c.parity ? 'higher' : limits.hi < c.parity ? 'lower' : null;
    const { lower_bound: _drop, ...rest } = c.row;
    return {
      ...rest,
      method: c.methodAt?.(z) ?? rest.method,
      ci: limits === null || unbounded ? null : [limits.lo, limits.hi],
      ...(unbounded ? { lower_bound: limits.lo } : {}),
      level: rule.level,
      verdict,
      claim: claims[i]!.claim,
      direction,
      p_value: claims[i]!.p,
      adjusted_p_value: adjusted[i]!,
      correction,
      p_method: 'interval-inversion',
    };
  });
  // Checks at severity warn are judged in the same family but left out of the verdict and its counts.
  const deciding = checks.filter((r) => r.severity !== 'warn');
  const warned = checks.filter((r) => r.severity === 'warn');
  const tallyOf = (rows: readonly CheckResult[]) => {
    const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
    return { pass: count('pass'), fail: count('fail'), inconclusive: count('inconclusive') };
  };
  const tally = tallyOf(deciding);
  // Nothing tested is not a pass: a battery whose checks compared nothing cannot vouch for the model.
  const verdict: Verdict = tally.fail > 0 ? 'fail' : tally.inconclusive > 0 || deciding.length === 0 ? 'inconclusive' : 'pass';
  return { checks, summary: { verdict, ...tally, ...(warned.length > 0 ? { warn: tallyOf(warned) } : {}), rule } };
}
