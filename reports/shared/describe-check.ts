import type { CheckResult } from '../../harness/results/index.js';
import { UNSTABLE_FLAGGED, UNSTABLE_RATE } from './build-front-page.js';
import { describeGroup } from './describe-group.js';
import { fixed, formatCount, formatLevel, formatRate } from './format-number.js';
import { EN, type Clause, type RateText } from '../i18n/index.js';
import { baseMetric, formatMetric, formatMetricInterval, metricKind, parityOf } from './metric-kind.js';
import type { RateCounts, SentenceContext } from './sentence-context.js';
import { shortSource } from './short-source.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';

/** One comparison to put in words: a check, or a key finding with an optional tolerance. */
export interface Comparison {
  metric: string;
  attribute: string;
  group: string;
  reference: string | null;
  value: number | null;
  ci: readonly [number, number] | null;
  level: number;
  /** `citedAbove`: the same source was cited in full earlier in the same text (the summary), so it is not repeated. */
  tolerance: { bounds: readonly [number, number]; origin: 'battery' | 'default'; source: string | null; citedAbove?: boolean } | null;
  verdict?: CheckResult['verdict'];
  /** min_cell when the group is a small cell, else null. */
  smallCell?: number | null;
  /** privacy.min_cell when the figure is withheld for privacy, else null. */
  withheld?: number | null;
  /** For an infinite ratio (the reference group's count is 0): the lower confidence limit. */
  lowerBound?: number | undefined;
  /**
   * A figure no check judged (the largest disparity of an attribute without a check on it): its
   * interval is not part of the error-controlled family, so no direction is claimed from it.
   */
  untested?: boolean;
}

/** The two rates a ratio or difference of rates compares, with the reference group's name. */
interface Rates {
  group: RateCounts;
  reference: RateCounts;
  name: string;
}

function ratesOf(c: Comparison, ctx: SentenceContext): Rates | null {
  const base = baseMetric(c.metric);
  const withheld = c.withheld !== undefined && c.withheld !== null;
  if (withheld || c.reference === null || parityOf(c.metric) === null || metricKind(base) !== 'rate') return null;
  const group = ctx.rate(c.attribute, c.group, base);
  const rest = c.reference === REST_REFERENCE;
  const reference = rest ? (ctx.restRate?.(c.attribute, c.group, base) ?? null) : ctx.rate(c.attribute, c.reference, base);
  return group && reference ? { group, reference, name: rest ? restName(ctx) : (ctx.names?.group(c.attribute, c.reference) ?? c.reference) } : null;
}

/** The reference "(rest)" in a sentence, in the language of `ctx`: "all other households". */
const restName = (ctx: SentenceContext): string => (ctx.T ?? EN).detail.restName((ctx.T ?? EN).unit(ctx.unit));

/** A rate with its counts in English format, for the catalogue to word ("17.6 % = 2,101 of 11,940"). */
function rateText(r: RateCounts): RateText {
  const counted = r.numerator !== null && r.denominator !== null;
  return {
    value: formatRate(r.value),
    numerator: counted ? formatCount(r.numerator) : null,
    denominator: counted ? formatCount(r.denominator) : null,
    zero: r.numerator === 0 || r.value === null,
  };
}

/**
 * A ratio as the tables print it (2 decimals), except where that would mislead in a sentence: a
 * ratio below 0.01 gets two significant digits ("0.0027", not "0.00"), and one rounding to 1.00
 * without being 1 the decimals that show its side of parity ("1.003", not "1.00").
 */
function ratioText(v: number): string {
  if (v !== 0 && Math.abs(v) < 0.01) return fixed(v, 1 - Math.floor(Math.log10(Math.abs(v))));
  for (let d = 2; d < 6; d++) if (v === 1 || Number(fixed(v, d)) !== 1) return fixed(v, d);
  return fixed(v, 6);
}

const valueText = (metric: string, v: number): string => (metricKind(metric) === 'ratio' ? ratioText(v) : formatMetric(metric, v));

function intervalText(metric: string, ci: readonly [number, number] | null): string {
  return ci === null || metricKind(metric) !== 'ratio' ? formatMetricInterval(metric, ci) : `${ratioText(ci[0])}–${ratioText(ci[1])}`;
}

/**
 * Which side of parity the interval puts the group on: a direction is claimed only when the whole
 * interval lies on one side (the point estimate alone never decides it).
 */
function directionOf(ci: readonly [number, number] | null, parity: number): 'higher' | 'lower' | 'parity' | 'no interval' | 'untested' {
  if (ci === null) return 'no interval';
  if (ci[0] > parity) return 'higher';
  if (ci[1] < parity) return 'lower';
  return 'parity';
}

/** The case of the sentence up to its bracket; `inline` when it already states the rates behind the comparison. */
function mainClause(c: Comparison, who: string, rates: Rates | null, ctx: SentenceContext): { clause: Clause; inline: boolean } {
  const kind = metricKind(c.metric);
  const base = baseMetric(c.metric);
  // against everyone else ("(rest)") the catalogue names "all other households", never "the reference group"
  const rest = c.reference === REST_REFERENCE;
  const subject = {
    who,
    reference: c.reference === null ? null : rest ? restName(ctx) : (ctx.names?.group(c.attribute, c.reference) ?? c.reference),
    rest: rest ? (ctx.T ?? EN).unit(ctx.unit) : null,
    metric: c.metric,
    base,
    flagged: base === 'selection_rate',
  };
  const plain = (clause: Clause) => ({ clause, inline: false });
  if (c.withheld !== undefined && c.withheld !== null) return plain({ ...subject, kind: 'withheld', k: formatCount(c.withheld) });
  if (c.value === null && c.lowerBound !== undefined && c.lowerBound <= 1) {
    return plain({ ...subject, kind: 'unbounded-parity', level: formatLevel(c.level), lower: ratioText(c.lowerBound) });
  }
  if (c.value === null && c.lowerBound !== undefined) return plain({ ...subject, kind: 'unbounded', lower: ratioText(c.lowerBound) });
  if (c.value === null) return plain({ ...subject, kind: 'not-estimated' });
  const parity = parityOf(c.metric);
  // A ratio without a reference group (observed ÷ expected) is a statistic of the group alone.
  if (parity === null || c.reference === null) return plain({ ...subject, kind: 'statistic', value: formatMetric(c.metric, c.value) });

  const value = valueText(c.metric, c.value);
  // "0.00 times as often" says nothing a reader can check: say "never" and give the counts.
  const zero = kind === 'ratio' && c.value === 0 && rates !== null;
  const direction = c.untested ? 'untested' : directionOf(c.ci, parity);
  if (direction === 'higher' || direction === 'lower') {
    const size = kind === 'difference' ? { kind: 'difference' as const, value } : zero ? { kind: 'zero' as const } : { kind: 'times' as const, value };
    return plain({ ...subject, kind: 'direction', higher: direction === 'higher', size });
  }
  const tail = { equal: c.value === parity, why: direction };
  if (zero) {
    const D = (ctx.T ?? EN).detail;
    return { clause: { ...subject, kind: 'zero', groupRate: D.rate(rateText(rates.group)), referenceRate: D.rate(rateText(rates.reference)), tail }, inline: true };
  }
  if (kind === 'ratio') return plain({ ...subject, kind: 'ratio', value, tail });
  return plain({ ...subject, kind: c.value === parity ? 'same' : 'differs', value, tail });
}

/**
 * A ratio against a reference group flagged for under 1 % of its members, or fewer than 30 times,
 * swings with a handful of cases: the sentence says so, so a ratio in the hundreds never stands alone.
 */
function unstableNote(c: Comparison, rates: Rates | null, ctx: SentenceContext): string {
  const ref = rates?.reference;
  // a reference never flagged is explained by the sentence itself (the ratio is unbounded)
  if (metricKind(c.metric) !== 'ratio' || !ref || ref.numerator === null || ref.denominator === null || ref.numerator === 0) return '';
  if (ref.numerator / ref.denominator >= UNSTABLE_RATE && ref.numerator >= UNSTABLE_FLAGGED) return '';
  return (ctx.T ?? EN).num((ctx.T ?? EN).detail.unstable(ref.numerator, formatCount(ref.numerator)));
}

// Stand-ins for the source while the sentence's numbers are put in the language's format (never in a report).
const SOURCE = '\u0000source\u0000';
const SHORT = '\u0000short\u0000';

/**
 * A plain-text sentence naming the group (with the results' unit noun), direction, reference group,
 * the rates and counts behind a comparison of rates, interval and tolerance, in the language of
 * `ctx` (English by default). A direction is stated only when the whole interval lies on one side
 * of parity (ratio 1, difference 0); otherwise the sentence says the interval includes parity.
 * The tolerance's source is cited as written. Pure; not escaped: writers escape it for their format.
 * @example describeComparison(comparison, sentenceContext(results))
 * // "Students with nationality non_eu are flagged more often than the reference group french: 3.08 times as often
 * //  (17.6 % = 2,101 of 11,940, against 5.7 % = 6,012 of 105,477 for french; 95 % CI 2.68–3.57;
 * //  tolerance 0.80–1.25 per the battery, source: EEOC): fail."
 */
export function describeComparison(c: Comparison, ctx: SentenceContext): string {
  const D = (ctx.T ?? EN).detail;
  const who = D.who((ctx.T ?? EN).unit(ctx.unit), describeGroup(c.attribute, c.group, ctx.names, D.group));
  const rates = ratesOf(c, ctx);
  const main = mainClause(c, who, rates, ctx);
  const level = formatLevel(c.level);
  const ci = c.withheld
    ? D.ciWithheld(level)
    : c.ci === null && c.lowerBound !== undefined
      ? D.ciUnbounded(level, ratioText(c.lowerBound))
      : D.ci(level, intervalText(c.metric, c.ci));
  const t = c.tolerance;
  const tol = D.tolerance(
    t === null ? null : { bounds: formatMetricInterval(c.metric, t.bounds), battery: t.origin === 'battery', source: t.source === null ? null : SOURCE, short: t.source !== null && t.citedAbove ? SHORT : null },
  );
  const verdict = c.verdict === undefined ? '.' : D.verdictEnd(c.verdict);
  const small = c.smallCell === undefined || c.smallCell === null ? '' : D.smallCell(formatCount(c.smallCell));
  const bracket = [rates !== null && !main.inline ? D.rates(rateText(rates.group), rateText(rates.reference), rates.name) : null, ci, tol].filter((s) => s !== null).join(D.semicolon);
  // the numbers the sentence computed go into the language's format; the source (a section, a year) stays as written
  const sentence = (ctx.T ?? EN).num(`${D.clause(main.clause)} (${bracket})${verdict}${small}`);
  const source = t?.source ?? '';
  return `${sentence.replace(SHORT, () => shortSource(source)).replace(SOURCE, () => source)}${unstableNote(c, rates, ctx)}`;
}

/**
 * {@link describeComparison} for a check result (small cell, privacy and correction from the check and
 * `ctx`); `citedAbove` when its source was already cited in full in the same text.
 */
export function describeCheck(check: CheckResult, ctx: SentenceContext, citedAbove = false): string {
  return describeComparison(
    {
      ...check,
      lowerBound: check.lower_bound,
      tolerance: { bounds: check.bounds, origin: check.bounds_origin, source: check.source, citedAbove },
      smallCell: check.small_cell ? ctx.minCell : null,
      withheld: check.withheld ? ctx.privacyK : null,
    },
    ctx,
  );
}
