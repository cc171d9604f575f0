import type { CheckResult, GroupResult, Results } from '../../harness/results/index.js';
import { shareComparison } from '../../harness/metrics/index.js';
import { differenceInterval, normalQuantile } from '../../harness/stats/index.js';
import { displayNames, type DisplayNames } from './display-names.js';
import { formatLevel, formatRate } from './format-number.js';
import { messagesFor, type Lang, type Messages, type RatePhrase } from '../i18n/index.js';
import { perBase, percent, plainInterval, plainNumber, points } from './front-numbers.js';
import { INTERSECTION_SEPARATOR } from './intersection.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';
import { unitNoun } from './unit-noun.js';

/** A reference group whose rate is under this share, or with fewer flagged than {@link UNSTABLE_FLAGGED}, makes ratios unstable. */
export const UNSTABLE_RATE = 0.01;
export const UNSTABLE_FLAGGED = 30;

/** One established disparity in plain words. */
export interface FrontFinding {
  text: string;
  verdict: CheckResult['verdict'];
  /** The finding leads with the difference and over-representation because its reference is unstable. */
  unstable: boolean;
}

/** The front page as data: the writers lay it out, they add no words of their own. */
export interface FrontPage {
  title: string;
  question: string | null;
  verdict: CheckResult['verdict'] | null;
  verdictSentence: string;
  ruleSentence: string | null;
  findings: FrontFinding[];
  /** Said when no disparity is established. */
  noFindings: string | null;
  /** Unstable reference groups, one sentence each. */
  warnings: string[];
  cannotTell: string[];
  /** The groups are samples (a random sample beside the model's selections), not a population. */
  sampled: boolean;
}

const MAX_FINDINGS = 5;

/** z of a two-sided interval at `level`. */
const zAt = (level: number): number => normalQuantile(1 - (1 - level) / 2, 0, 1);

/**
 * How large a disparity reads for ranking: the difference of the two rates in points (a ratio against
 * a rare reference would put the least stable comparison first), else |log ratio| for share checks.
 */
function strength(results: Results, c: CheckResult): number {
  if (c.metric === 'selection_rate_ratio') {
    const g = results.groups.find((x) => x.attribute === c.attribute && x.group === c.group);
    const ref = g ? referenceCounts(results, g, c.reference) : null;
    const rate = (x: Pick<GroupResult, 'n' | 'flagged'> | null | undefined) => (x && x.n > 0 ? x.flagged / x.n : 0);
    return Math.abs(rate(g) - rate(ref));
  }
  if (c.value === null) return c.lower_bound !== undefined ? Infinity : -1;
  return c.value > 0 ? Math.abs(Math.log(c.value)) : Infinity;
}

/** Whether a check establishes a disparity: its family interval lies on one side of parity, or it fails. */
const established = (c: CheckResult): boolean => !c.withheld && ((c.direction ?? null) !== null || c.verdict === 'fail') && (c.value !== null || c.lower_bound !== undefined);

function ratePhrase(g: Pick<GroupResult, 'n' | 'flagged'>, base: number): RatePhrase {
  return { perBase: g.flagged === 0 ? null : plainNumber((g.flagged / g.n) * base), base, count: g.flagged, n: g.n };
}

/** Whether an attribute's reference group is flagged too rarely for ratios against it to be read alone. */
export function unstableReference(ref: Pick<GroupResult, 'n' | 'flagged'>): boolean {
  return ref.n > 0 && (ref.flagged / ref.n < UNSTABLE_RATE || ref.flagged < UNSTABLE_FLAGGED);
}

function ratioText(v: number): string {
  return v === 0 ? '0' : plainNumber(v);
}

/**
 * The counts a group is compared with: the reference group's row, or, for the reference "(rest)", the
 * group's `rest` (everyone not in it); null when neither is in the results.
 */
export function referenceCounts(results: Results, g: GroupResult, reference: string | null): (Pick<GroupResult, 'n' | 'flagged'> & { suppressed?: boolean | undefined; group: string }) | null {
  if (reference === REST_REFERENCE) return g.rest ? { n: g.rest.n, flagged: g.rest.flagged, group: REST_REFERENCE } : null;
  return results.groups.find((x) => x.attribute === g.attribute && x.group === reference) ?? null;
}

function rateFinding(T: Messages, results: Results, c: CheckResult, names: DisplayNames, unit: string): FrontFinding | null {
  const groups = results.groups.filter((g) => g.attribute === c.attribute);
  const g = groups.find((x) => x.group === c.group);
  const ref = g ? referenceCounts(results, g, c.reference) : null;
  if (!g || !ref || g.n === 0 || ref.n === 0 || g.suppressed || ref.suppressed) return null;
  const who = T.who(names.group(c.attribute, c.group), unit);
  // everyone else: "other households", never a group's name
  const refWho = ref.group === REST_REFERENCE ? T.restGroup(unit) : T.who(names.group(c.attribute, ref.group), unit);
  const base = perBase([g.flagged / g.n, ref.flagged / ref.n]);
  const rate = ratePhrase(g, base);
  const refRate = ratePhrase(ref, base);
  const level = formatLevel(c.level);
  const z = zAt(c.level);
  const diff = g.flagged / g.n - ref.flagged / ref.n;
  const higher = (c.direction ?? (diff > 0 ? 'higher' : 'lower')) === 'higher';
  const verdict = c.verdict;
  const totals = groups.reduce((t, x) => ({ n: t.n + x.n, flagged: t.flagged + x.flagged }), { n: 0, flagged: 0 });
  if (unstableReference(ref)) {
    const d = differenceInterval(g.flagged, g.n, ref.flagged, ref.n, z, true);
    const share = shareComparison((x) => x.flagged, g, totals, z, true).ratio;
    const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${points(v)}`;
    return {
      verdict,
      unstable: true,
      text: T.unstableFinding({
        group: who, reference: refWho, rate, refRate, higher, unit,
        points: points(diff),
        pointsCi: d ? T.pointsInterval(level, signed(d.lo), signed(d.hi)) : level,
        share: percent(g.n / totals.n),
        flaggedShare: percent(totals.flagged > 0 ? g.flagged / totals.flagged : 0),
        overTimes: share.value === null ? '—' : ratioText(share.value),
        overCi: share.ci ? T.intervalText(level, ...plainInterval(share.ci)) : level,
        times: c.value === null ? T.atLeastRatio(ratioText(c.lower_bound ?? 0)) : c.value === 0 && c.ci ? T.zeroRatio(ratioText(c.ci[1])) : ratioText(c.value),
        refFlagged: ref.flagged,
      }),
    };
  }
  if (c.value === null) {
    return { verdict, unstable: false, text: T.unboundedFinding({ group: who, reference: refWho, rate, refRate, atLeast: ratioText(c.lower_bound ?? 0), level: T.atLevel(level), points: points(diff) }) };
  }
  const ci = c.ci ? T.intervalText(level, ...plainInterval(c.ci)) : level;
  const times = c.value === 0 && c.ci ? T.zeroRatio(ratioText(c.ci[1])) : ratioText(c.value);
  // the shares (Le Monde's measure for CAF) need the whole population: not for the cells of an intersection, some of which may be suppressed
  const whole = !c.attribute.includes(INTERSECTION_SEPARATOR) && totals.n > 0 && totals.flagged > 0;
  return {
    verdict,
    unstable: false,
    text: T.rateFinding({
      group: who, reference: refWho, rate, refRate, times, ci, points: points(diff), higher, unit,
      share: whole ? percent(g.n / totals.n) : null,
      flaggedShare: whole ? percent(g.flagged / totals.flagged) : null,
    }),
  };
}

function shareFinding(T: Messages, results: Results, c: CheckResult, names: DisplayNames, unit: string): FrontFinding | null {
  const s = results.selective_labels?.groups.find((g) => g.attribute === c.attribute && g.group === c.group);
  if (!s || c.value === null || !c.ci) return null;
  const burden = c.metric === 'equal_burden';
  return {
    verdict: c.verdict,
    unstable: false,
    text: T.shareFinding({
      group: T.who(names.group(c.attribute, c.group), unit),
      share: percent(s.model_share),
      baseline: percent(burden ? s.error_share : s.random_share),
      baselineName: burden ? T.errorsFound : T.randomSample,
      times: ratioText(c.value),
      ci: T.intervalText(formatLevel(c.level), ...plainInterval(c.ci)),
    }),
  };
}

/**
 * The established disparities a front page leads with, strongest first: per attribute the strongest
 * selection-rate check whose family interval lies on one side of parity (or that fails), then the
 * strongest intersection cell; share checks (model selections against a random sample) where there
 * are no selection-rate checks. At most five. Never a point estimate with an unadjusted interval.
 */
function findings(T: Messages, results: Results, names: DisplayNames, unit: string): FrontFinding[] {
  const byRate = results.checks.filter((c) => c.metric === 'selection_rate_ratio' && established(c));
  const byShare = results.checks.filter((c) => (c.metric === 'statistical_parity' || c.metric === 'equal_burden') && established(c));
  const pool = byRate.length > 0 ? byRate : byShare;
  const order = { fail: 0, inconclusive: 1, pass: 2 } as const;
  // on a tie (the two groups of a yes/no attribute against everyone else mirror each other), the group flagged more often first
  const up = (c: CheckResult) => ((c.direction ?? (c.value !== null && c.value < 1 ? 'lower' : 'higher')) === 'higher' ? 0 : 1);
  const ranked = [...pool].sort((a, b) => order[a.verdict] - order[b.verdict] || strength(results, b) - strength(results, a) || up(a) - up(b));
  const picked: CheckResult[] = [];
  const seen = new Set<string>();
  // one per attribute (and per metric) first, single attributes before intersections
  for (const single of [true, false]) {
    for (const c of ranked) {
      const key = `${c.metric}\u0000${c.attribute}`;
      // an intersection cell only when fewer than four attributes have their own finding: it would crowd the first screen
      if (!single && (picked.length >= 4 || picked.some((p) => p.attribute.includes(INTERSECTION_SEPARATOR)))) continue;
      if (c.attribute.includes(INTERSECTION_SEPARATOR) === single || seen.has(key)) continue;
      seen.add(key);
      picked.push(c);
    }
  }
  // more cells of the same intersection would repeat what the first one says
  // against everyone else, the other group of a two-group attribute is the same comparison seen from the other side
  const mirror = (c: CheckResult) =>
    c.reference === REST_REFERENCE && picked.some((p) => p.attribute === c.attribute && p.metric === c.metric) && new Set(results.groups.filter((g) => g.attribute === c.attribute).map((g) => g.group)).size === 2;
  for (const c of ranked) if (!picked.includes(c) && !c.attribute.includes(INTERSECTION_SEPARATOR) && !mirror(c)) picked.push(c);
  const out: FrontFinding[] = [];
  for (const c of picked) {
    if (out.length >= MAX_FINDINGS) break;
    const f = c.metric === 'selection_rate_ratio' ? rateFinding(T, results, c, names, unit) : shareFinding(T, results, c, names, unit);
    if (f) out.push(f);
  }
  return out;
}

function unstableWarnings(T: Messages, results: Results, names: DisplayNames, unit: string): string[] {
  const out: string[] = [];
  for (const attribute of results.manifest.protected) {
    // everyone else can be rarely flagged too, when one group takes nearly every flag
    if (results.manifest.references[attribute]?.group === REST_REFERENCE && !results.selective_labels) {
      for (const g of results.groups.filter((x) => x.attribute === attribute && x.rest && !x.suppressed)) {
        if (!unstableReference(g.rest!)) continue;
        out.push(T.unstableWarning({ attribute: names.attributeInText(attribute), reference: T.restOf(names.group(attribute, g.group), unit), flagged: g.rest!.flagged, n: g.rest!.n, rate: formatRate(g.rest!.flagged / g.rest!.n) }));
      }
      continue;
    }
    const ref = results.groups.find((g) => g.attribute === attribute && g.is_reference);
    if (!ref || results.selective_labels || !unstableReference(ref) || ref.suppressed) continue;
    out.push(T.unstableWarning({ attribute: names.attributeInText(attribute), reference: names.group(attribute, ref.group), flagged: ref.flagged, n: ref.n, rate: formatRate(ref.flagged / ref.n) }));
  }
  return out;
}

function cannotTell(T: Messages, results: Results): string[] {
  const m = results.manifest;
  const unit = T.unit(unitNoun(m));
  const out: string[] = [];
  if (m.labels.startsWith('none')) out.push(T.cannot.noLabels);
  else if (m.labels.startsWith('synthetic')) out.push(T.cannot.simulated);
  else if (results.selective_labels || m.mode === 'audit') out.push(T.cannot.selective);
  if (m.mode === 'run' && m.population !== null && m.data === null) out.push(T.cannot.synthetic(unit));
  if (m.mode === 'audit') out.push(T.cannot.recorded);
  const small = results.groups.filter((g) => g.small_cell).length + (results.suppressed?.length ?? 0);
  if (small > 0) out.push(T.cannot.small(small, m.min_cell));
  out.push(T.cannot.lawful);
  return out;
}

/**
 * The front page of a report: title, the question (battery description), the verdict in one
 * sentence, three to five established disparities in plain words, unstable references and what the
 * audit cannot tell, in the catalogue of `lang` (English by default). Pure; not escaped.
 *
 * @example buildFrontPage(results).findings[0].text
 * // "13 of every 100 non-EU households are flagged, against 4.2 of every 100 French households — 3.1 times as often (99.89 % CI 2.9–3.3), 8.8 points more."
 */
export function buildFrontPage(results: Results, lang: Lang = 'en'): FrontPage {
  const T = messagesFor(lang);
  const names = displayNames(results, lang);
  const unit = T.unit(unitNoun(results.manifest));
  const s = results.summary;
  const total = s.pass + s.fail + s.inconclusive;
  const level = formatLevel(s.rule?.level ?? results.checks[0]?.level ?? 1 - results.manifest.alpha);
  const failing = [...new Set(results.checks.filter((c) => c.verdict === 'fail' && !c.attribute.includes(INTERSECTION_SEPARATOR)).map((c) => names.attributeInText(c.attribute)))];
  const found = findings(T, results, names, unit);
  return {
    title: results.manifest.title,
    question: results.manifest.description ?? null,
    verdict: total === 0 ? null : s.verdict,
    verdictSentence: T.verdict({ verdict: total === 0 ? null : s.verdict, pass: s.pass, fail: s.fail, inconclusive: s.inconclusive, failing, level }),
    ruleSentence: total === 0 ? null : T.rule(level, s.rule?.family_size ?? total, formatLevel(1 - results.manifest.alpha)),
    findings: found,
    noFindings: found.length === 0 && total > 0 ? T.noFindings(level) : null,
    warnings: unstableWarnings(T, results, names, unit),
    cannotTell: cannotTell(T, results),
    sampled: results.selective_labels !== undefined,
  };
}
