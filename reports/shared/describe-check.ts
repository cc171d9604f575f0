import type { CheckResult } from '../../harness/results/index.js';
import { UNSTABLE_FLAGGED, UNSTABLE_RATE } from './build-front-page.js';
import { describeGroup } from './describe-group.js';
import { fixed, formatCount, formatLevel, formatRate } from './format-number.js';
import { baseMetric, formatMetric, formatMetricInterval, metricKind, metricLabel, parityOf } from './metric-kind.js';
import type { RateCounts, SentenceContext } from './sentence-context.js';
import { shortSource } from './short-source.js';
import { upperFirst } from './unit-noun.js';
import { withArticle } from './with-article.js';
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

/** The reference "(rest)" in a sentence: "all other households". */
const restName = (ctx: SentenceContext): string => `all other ${ctx.unit}`;

/** "17.6 % = 2,101 of 11,940"; "0 of 6,210" for a zero count; the bare rate when results carry no counts. */
function rateText(r: RateCounts): string {
  if (r.numerator === null || r.denominator === null) return formatRate(r.value);
  const counts = `${formatCount(r.numerator)} of ${formatCount(r.denominator)}`;
  return r.numerator === 0 || r.value === null ? counts : `${formatRate(r.value)} = ${counts}`;
}

const ratesText = (r: Rates): string => `${rateText(r.group)}, against ${rateText(r.reference)} for ${r.name}`;

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

/** The sentence up to its bracket; `inline` when it already states the rates behind the comparison. */
function mainClause(c: Comparison, who: string, rates: Rates | null, ctx: SentenceContext): { text: string; inline: boolean } {
  const kind = metricKind(c.metric);
  const base = baseMetric(c.metric);
  const flagged = base === 'selection_rate';
  const ref = c.reference === REST_REFERENCE ? restName(ctx) : `the reference group ${c.reference === null ? '(unknown)' : (ctx.names?.group(c.attribute, c.reference) ?? c.reference)}`;
  const plain = (text: string) => ({ text, inline: false });
  if (c.withheld !== undefined && c.withheld !== null) {
    return plain(`${who}: the ${metricLabel(c.metric)} against ${ref} is withheld because a count behind it is below ${formatCount(c.withheld)} (privacy)`);
  }
  if (c.value === null && c.lowerBound !== undefined && c.lowerBound <= 1) {
    return plain(`${who}: the ${metricLabel(c.metric)} against ${ref} is unbounded (none of ${ref} ${flagged ? 'is flagged' : `has a non-zero ${metricLabel(base)}`}), but its lower ${formatLevel(c.level)} limit ${ratioText(c.lowerBound)} includes parity, so no direction is established`);
  }
  if (c.value === null && c.lowerBound !== undefined) {
    const times = `at least ${ratioText(c.lowerBound)} times as ${flagged ? 'often' : 'high'} (the ratio is unbounded: none of ${ref} ${flagged ? 'is flagged' : `has a non-zero ${metricLabel(base)}`})`;
    return plain(flagged ? `${who} are flagged more often than ${ref}: ${times}` : `${who} have a higher ${metricLabel(base)} than ${ref}: ${times}`);
  }
  if (c.value === null) return plain(`${who}: the ${metricLabel(c.metric)} against ${ref} could not be estimated (a zero count), so its direction is unknown`);
  const parity = parityOf(c.metric);
  // A ratio without a reference group (observed ÷ expected) is a statistic of the group alone.
  if (parity === null || c.reference === null) return plain(`${who} have ${withArticle(metricLabel(c.metric))} of ${formatMetric(c.metric, c.value)}`);

  const value = valueText(c.metric, c.value);
  const label = metricLabel(base);
  // "0.00 times as often" says nothing a reader can check: say "never" and give the counts.
  const zero = kind === 'ratio' && c.value === 0 && rates !== null;
  const direction = c.untested ? 'untested' : directionOf(c.ci, parity);
  if (direction === 'higher' || direction === 'lower') {
    const size = kind === 'difference' ? `a difference of ${value}` : zero ? (flagged ? 'never' : 'zero') : `${value} times as ${flagged ? 'often' : 'high'}`;
    return plain(
      flagged
        ? `${who} are flagged ${direction === 'higher' ? 'more' : 'less'} often than ${ref}: ${size}`
        : `${who} have a ${direction} ${label} than ${ref}: ${size}`,
    );
  }
  const why = direction === 'parity' ? 'the interval includes parity' : direction === 'untested' ? 'no check of the battery tests it' : 'no interval could be estimated';
  const tail = `${c.value === parity ? 'and' : 'but'} ${why}, so no direction is established`;
  if (zero) {
    const against = `against ${rateText(rates.reference)} for ${ref}`;
    return {
      text: flagged
        ? `${who} are never flagged (${rateText(rates.group)}), ${against}, ${tail}`
        : `${who} have ${withArticle(label)} of zero (${rateText(rates.group)}), ${against}, ${tail}`,
      inline: true,
    };
  }
  if (kind === 'ratio') {
    return plain(flagged ? `${who} are flagged ${value} times as often as ${ref}, ${tail}` : `${who} have ${withArticle(label)} ${value} times that of ${ref}, ${tail}`);
  }
  if (c.value === parity) {
    return plain(flagged ? `${who} are flagged at the same rate as ${ref} (${value}), ${tail}` : `${who} have the same ${label} as ${ref} (${value}), ${tail}`);
  }
  return plain(
    flagged
      ? `${who} are flagged at a rate that differs from that of ${ref} by ${value}, ${tail}`
      : `${who} have ${withArticle(label)} that differs from that of ${ref} by ${value}, ${tail}`,
  );
}

/**
 * A ratio against a reference group flagged for under 1 % of its members, or fewer than 30 times,
 * swings with a handful of cases: the sentence says so, so a ratio in the hundreds never stands alone.
 */
function unstableNote(c: Comparison, rates: Rates | null): string {
  const ref = rates?.reference;
  // a reference never flagged is explained by the sentence itself (the ratio is unbounded)
  if (metricKind(c.metric) !== 'ratio' || !ref || ref.numerator === null || ref.denominator === null || ref.numerator === 0) return '';
  if (ref.numerator / ref.denominator >= UNSTABLE_RATE && ref.numerator >= UNSTABLE_FLAGGED) return '';
  return ` The reference group's rate rests on ${formatCount(ref.numerator)} ${ref.numerator === 1 ? 'case' : 'cases'}: the ratio is unstable; read the difference in points.`;
}

/**
 * A plain-text sentence naming the group (with the results' unit noun), direction, reference group,
 * the rates and counts behind a comparison of rates, interval and tolerance. A direction is stated
 * only when the whole interval lies on one side of parity (ratio 1, difference 0); otherwise the
 * sentence says the interval includes parity. Pure; not escaped: writers escape it for their format.
 * @example describeComparison(comparison, sentenceContext(results))
 * // "Students with nationality non_eu are flagged more often than the reference group french: 3.08 times as often
 * //  (17.6 % = 2,101 of 11,940, against 5.7 % = 6,012 of 105,477 for french; 95 % CI 2.68–3.57;
 * //  tolerance 0.80–1.25 per the battery, source: EEOC): fail."
 */
export function describeComparison(c: Comparison, ctx: SentenceContext): string {
  const who = `${upperFirst(ctx.unit)} with ${describeGroup(c.attribute, c.group, ctx.names)}`;
  const rates = ratesOf(c, ctx);
  const main = mainClause(c, who, rates, ctx);
  const ci = c.withheld
    ? `${formatLevel(c.level)} CI withheld`
    : c.ci === null && c.lowerBound !== undefined
      ? `lower ${formatLevel(c.level)} limit ${ratioText(c.lowerBound)}, upper unbounded`
      : `${formatLevel(c.level)} CI ${intervalText(c.metric, c.ci)}`;
  const tol =
    c.tolerance === null
      ? 'no tolerance set for this comparison'
      : `tolerance ${formatMetricInterval(c.metric, c.tolerance.bounds)} ${
          c.tolerance.origin === 'battery' ? 'per the battery' : 'by default'
        }, ${c.tolerance.source === null ? 'no source cited' : c.tolerance.citedAbove ? `source: ${shortSource(c.tolerance.source)}, cited in full above` : `source: ${c.tolerance.source}`}`;
  const verdict = c.verdict === undefined ? '.' : `: ${c.verdict}.`;
  const small =
    c.smallCell === undefined || c.smallCell === null
      ? ''
      : ` This is a small cell (n < ${formatCount(c.smallCell)}): the estimate is unreliable.`;
  const bracket = [rates !== null && !main.inline ? ratesText(rates) : null, ci, tol].filter((s) => s !== null).join('; ');
  return `${main.text} (${bracket})${verdict}${small}${unstableNote(c, rates)}`;
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
