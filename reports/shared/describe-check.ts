import type { CheckResult } from '../../harness/results/index.js';
import { describeGroup } from './describe-group.js';
import { formatLevel, formatCount, formatP } from './format-number.js';
import { baseMetric, formatMetric, formatMetricInterval, metricKind, metricLabel } from './metric-kind.js';

/** One comparison to put in words: a check, or a key finding with an optional tolerance. */
export interface Comparison {
  metric: string;
  attribute: string;
  group: string;
  reference: string | null;
  value: number | null;
  ci: readonly [number, number] | null;
  level: number;
  tolerance: { bounds: readonly [number, number]; origin: 'battery' | 'default'; source: string | null } | null;
  verdict?: CheckResult['verdict'];
  /** min_cell when the group is a small cell, else null. */
  smallCell?: number | null;
  /** privacy.min_cell when the figure is withheld for privacy, else null. */
  withheld?: number | null;
  /** When the interval lies outside the tolerance but the disparity did not survive the correction: its adjusted p and the correction. */
  notSignificant?: { adjustedP: number; correction: string } | null;
}

function mainClause(c: Comparison, who: string): string {
  const kind = metricKind(c.metric);
  const base = baseMetric(c.metric);
  const flagged = base === 'selection_rate';
  const ref = `the reference group ${c.reference ?? '(unknown)'}`;
  if (c.withheld !== undefined && c.withheld !== null) {
    return `${who}: the ${metricLabel(c.metric)} against ${ref} is withheld because a count behind it is below ${formatCount(c.withheld)} (privacy)`;
  }
  if (c.value === null) return `${who}: the ${metricLabel(c.metric)} against ${ref} could not be estimated (a zero count), so its direction is unknown`;
  if (kind === 'ratio' || kind === 'difference') {
    const up = kind === 'ratio' ? c.value > 1 : c.value > 0;
    const same = kind === 'ratio' ? c.value === 1 : c.value === 0;
    const size =
      kind === 'ratio'
        ? `${formatMetric(c.metric, c.value)} times as ${flagged ? 'often' : 'high'}`
        : `a difference of ${formatMetric(c.metric, c.value)}`;
    if (flagged) {
      const dir = same ? 'as often as' : up ? 'more often than' : 'less often than';
      return `${who} are flagged ${dir} ${ref}: ${size}`;
    }
    const dir = same ? 'the same' : up ? 'a higher' : 'a lower';
    return `${who} have ${dir} ${metricLabel(base)} ${same ? 'as' : 'than'} ${ref}: ${size}`;
  }
  return `${who} have a ${metricLabel(c.metric)} of ${formatMetric(c.metric, c.value)}`;
}

/**
 * A plain-text sentence naming direction, reference group, interval and tolerance.
 * Not escaped: writers escape it for their format.
 * @example "Households with nationality non_eu are flagged more often than the reference group french:
 *   2.10 times as often (95 % CI 1.72–2.56; tolerance 0.80–1.25 per the battery, source: EEOC): fail."
 */
export function describeComparison(c: Comparison): string {
  const who = `Households with ${describeGroup(c.attribute, c.group)}`;
  const ci = c.withheld ? `${formatLevel(c.level)} CI withheld` : `${formatLevel(c.level)} CI ${formatMetricInterval(c.metric, c.ci)}`;
  const tol =
    c.tolerance === null
      ? 'no tolerance set for this comparison'
      : `tolerance ${formatMetricInterval(c.metric, c.tolerance.bounds)} ${
          c.tolerance.origin === 'battery' ? 'per the battery' : 'by default'
        }, ${c.tolerance.source === null ? 'no source cited' : `source: ${c.tolerance.source}`}`;
  const why = c.notSignificant ? ` (the interval lies outside the tolerance, but the disparity is not significant after the ${c.notSignificant.correction} adjustment for every check of the battery: adjusted p = ${formatP(c.notSignificant.adjustedP)})` : '';
  const verdict = c.verdict === undefined ? '.' : `: ${c.verdict}${why}.`;
  const small =
    c.smallCell === undefined || c.smallCell === null
      ? ''
      : ` This is a small cell (n < ${formatCount(c.smallCell)}): the estimate is unreliable.`;
  return `${mainClause(c, who)} (${ci}; ${tol})${verdict}${small}`;
}

/** {@link describeComparison} for a check result; `privacyK` is privacy.min_cell when suppression applies. */
export function describeCheck(check: CheckResult, minCell: number, privacyK: number | null = null): string {
  return describeComparison({
    ...check,
    tolerance: { bounds: check.bounds, origin: check.bounds_origin, source: check.source },
    smallCell: check.small_cell ? minCell : null,
    withheld: check.withheld ? privacyK : null,
    notSignificant: outsideButNotSignificant(check) ? { adjustedP: check.adjusted_p_value!, correction: check.correction } : null,
  });
}

/** An inconclusive standard check whose interval lies wholly outside its bounds: the correction made it so. */
function outsideButNotSignificant(c: CheckResult): boolean {
  if (c.verdict !== 'inconclusive' || c.test === 'equivalence' || !c.ci || c.adjusted_p_value === null) return false;
  return c.ci[1] < c.bounds[0] || c.ci[0] > c.bounds[1];
}
