import { localNumber } from './locale-number.js';

/** One verdict count, for the verdict sentence. */
export interface VerdictCounts {
  verdict: 'pass' | 'fail' | 'inconclusive' | null;
  pass: number;
  fail: number;
  inconclusive: number;
  /** Attributes (in words) with at least one failing check. */
  failing: readonly string[];
  level: string;
}

/** A rate as "13 of every 100" or, for a zero count, "none of 36,566". */
export interface RatePhrase {
  /** Rate × base, already rounded for reading; null: the count is zero. */
  perBase: string | null;
  base: number;
  count: number;
  n: number;
}

/** A count with English thousands separators, whatever the language (the catalogues localise it). */
export const countText = (n: number): string => String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Text with its first letter in upper case, for the start of a sentence. */
export const upper = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const ofEvery = (r: RatePhrase): string => (r.perBase === null ? `none of ${countText(r.n)}` : `${r.perBase} of every ${countText(r.base)}`);
const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/**
 * The English catalogue: every sentence and frame word of the report's front page and section
 * titles, written for a minister, a judge or a journalist: plain words first, the method second.
 * Its shape is {@link Messages}; the other languages are typed against it, so a missing key is a
 * type error. Number arguments arrive in English format; each catalogue puts them in its own.
 */
export const EN = {
  lang: 'en',
  /** The numbers of a fragment in this language's format. */
  num: (text: string): string => localNumber('en', text),
  /** The battery's unit noun ("households") in this language; an unknown noun is kept as written. */
  unit: (unit: string): string => unit,
  verdictWord: { pass: 'pass', fail: 'fail', inconclusive: 'inconclusive', 'no check': 'no check' } as Record<'pass' | 'fail' | 'inconclusive' | 'no check', string>,
  /** The label before the verdict in Markdown ("**Verdict: ✗ fail**"). */
  verdictLabel: 'Verdict',
  /** The colon after a label (French sets it off with a no-break space). */
  colon: ':',
  /** Said at the start of the detail sections when they are not in this language; empty in English. */
  detailNote: '',
  sections: {
    summary: 'Every check in words',
    verdicts: 'Verdicts',
    charts: 'Charts',
    groups: 'Group metrics',
    warnings: 'Warnings',
    methods: 'Methods',
    provenance: 'Provenance',
  },
  page: 'Page',
  of: 'of',
  noFindingsSection: 'No findings to report.',
  noChecks: 'No checks were configured.',
  noCharts: 'No charts.',
  noGroups: 'No groups.',
  noWarnings: 'No warnings.',
  noWarningsMarkdown: 'None.',
  /** What the CLI prints after a run: counts, the checks it names and the report's path. */
  terminal: {
    verdict: (r: { verdict: 'pass' | 'fail' | 'inconclusive'; pass: number; fail: number; inconclusive: number }, warnings: number): string =>
      `verdict: ${r.verdict.toUpperCase()} (${r.pass} pass, ${r.fail} fail, ${r.inconclusive} inconclusive)${warnings ? `, ${warnings} warning(s)` : ''}`,
    more: (n: number): string => `  and ${n} more (every check is in the report)`,
    report: (path: string): string => `report: ${path}`,
    withheld: 'withheld',
    unstable: (flagged: number, n: number): string => ` — unstable: the reference group is flagged ${countText(flagged)} times in ${countText(n)}`,
  },

  kicker: 'Disparate-impact report',
  /** A group with the unit noun: "non-EU households"; a label that starts with a preposition follows it ("households with a disabled member"). */
  who: (label: string, unit: string): string => (/^(with|without|in|on|from|aged|of|living|receiving)\b/i.test(label) ? `${unit} ${label}` : `${label} ${unit}`),
  questionHeading: 'The question',
  findingsHeading: 'What the audit found',
  cannotTellHeading: 'What this audit cannot tell you',
  contentsHeading: 'Contents',
  headlineCaption: (unit: string, sampled: boolean): string =>
    sampled
      ? 'Share of the model\'s selections against share of the random sample, per group: a group right of its ring is selected more often than its size would imply.'
      : `Share of the flagged against share of all ${unit}, per group: a group right of its ring is flagged more often than its size would imply.`,

  verdict(c: VerdictCounts): string {
    const total = c.pass + c.fail + c.inconclusive;
    if (c.verdict === null || total === 0) return 'No checks were configured: the figures in this report describe, they do not judge.';
    if (c.verdict === 'fail') {
      const where = c.failing.length ? ` by ${list(c.failing)}` : '';
      return `The audit fails: ${c.fail} of ${total} ${plural(total, 'check', 'checks')} ${plural(c.fail, 'shows', 'show')} a disparity${where} beyond the tolerance; ${c.inconclusive === 0 ? 'none' : c.inconclusive} ${plural(c.inconclusive, 'is', 'are')} inconclusive and ${c.pass === 0 ? 'none' : c.pass} ${plural(c.pass, 'passes', 'pass')}.`;
    }
    if (c.verdict === 'pass') return `The audit passes: all ${total} ${plural(total, 'check', 'checks')} show the disparity within the tolerance.`;
    return `The audit is inconclusive: no check shows a disparity beyond the tolerance, but ${c.inconclusive} of ${total} cannot show it within the tolerance either (${c.pass} ${plural(c.pass, 'passes', 'pass')}).`;
  },

  rule: (level: string, m: number, alpha: string): string =>
    m > 1
      ? `Every interval below is at ${level}, so that all ${m} checks hold together with ${alpha} confidence.`
      : `The interval is at ${level}.`,

  /** "13 of every 100 non-EU households are flagged, against 4.2 of every 100 French households — 3.1 times as often (99.89 % CI 2.9–3.3), 8.8 points more. They are 8.0 % of all households and 21 % of those flagged." */
  rateFinding(f: { group: string; reference: string; rate: RatePhrase; refRate: RatePhrase; times: string; ci: string; points: string; higher: boolean; share: string | null; flaggedShare: string | null; unit: string }): string {
    const shares = f.share !== null && f.flaggedShare !== null ? ` They are ${f.share} of all ${f.unit} and ${f.flaggedShare} of those flagged.` : '';
    return `${upper(ofEvery(f.rate))} ${f.group} are flagged, against ${ofEvery(f.refRate)} ${f.reference} — ${f.times} times as often (${f.ci}), ${f.points} points ${f.higher ? 'more' : 'fewer'}.${shares}`;
  },

  /** Reference never flagged: only a lower limit. */
  unboundedFinding(f: { group: string; reference: string; rate: RatePhrase; refRate: RatePhrase; atLeast: string; level: string; points: string }): string {
    return `${upper(ofEvery(f.rate))} ${f.group} are flagged, against ${ofEvery(f.refRate)} ${f.reference} — ${f.points} points more; the ratio has no upper limit (at least ${f.atLeast} times as often, ${f.level}).`;
  },

  /** Unstable reference: the difference and over-representation lead, the ratio follows with its caveat. */
  unstableFinding(f: {
    group: string; reference: string; rate: RatePhrase; refRate: RatePhrase; points: string; pointsCi: string; higher: boolean;
    share: string; flaggedShare: string; overTimes: string; overCi: string; unit: string; times: string; refFlagged: number;
  }): string {
    return `${upper(ofEvery(f.rate))} ${f.group} are flagged, against ${ofEvery(f.refRate)} ${f.reference}: ${f.points} percentage points ${f.higher ? 'more' : 'fewer'} (${f.pointsCi}). ` +
      `They are ${f.share} of all ${f.unit} but ${f.flaggedShare} of those flagged (${f.overTimes} times their share, ${f.overCi}). ` +
      `The ratio, ${f.times} times as often, rests on only ${countText(f.refFlagged)} flagged ${f.reference}: do not quote it alone.`;
  },

  /** A check on shares (model selections against a random sample). */
  shareFinding(f: { group: string; share: string; baseline: string; baselineName: string; times: string; ci: string }): string {
    return `${upper(f.group)} are ${f.share} of those the model selected but ${f.baseline} of ${f.baselineName}: ${f.times} times their share (${f.ci}).`;
  },
  randomSample: 'the random sample',
  errorsFound: 'the errors found at random',

  unstableWarning: (w: { attribute: string; reference: string; flagged: number; n: number; rate: string }): string =>
    `Unstable reference: by ${w.attribute}, the reference group (${w.reference}) is flagged for only ${countText(w.flagged)} of ${countText(w.n)} (${w.rate}). ` +
    'Ratios against so small a rate are huge and swing with a handful of cases: read the difference in percentage points and the over-representation instead.',

  noFindings: (level: string): string => `No disparity is established at ${level}: every interval includes parity, or no check covers the groups.`,

  cannot: {
    noLabels: 'Whether the people flagged were more or less often in error: there is no ground truth, so no error rates.',
    synthetic: (unit: string): string =>
      `How the agency treats real ${unit}: the population is synthetic, so these findings are properties of the model and its decision rule, not a record of the agency's practice.`,
    simulated: 'How often the flagged are really in error: the ground truth is simulated by the population spec\'s outcome model, not observed.',
    selective: 'Error rates among those never investigated: labels exist only where someone looked, and who was looked at was chosen by the model.',
    recorded: 'Why the decisions were taken: recorded decisions show who was flagged, not which inputs made the difference.',
    small: (count: number, minCell: number): string =>
      `Anything firm about the ${countText(count)} ${plural(count, 'group', 'groups')} with fewer than ${countText(minCell)} rows: ${plural(count, 'it is', 'they are')} shown, flagged as small, and ${plural(count, 'its estimates are', 'their estimates are')} unreliable.`,
    lawful: 'Whether a disparity is lawful or justified: the tolerance is a yardstick cited with its source, not a legal finding.',
  },

  /** "0 (at most 0.43)": a zero ratio with the upper limit of its interval. */
  zeroRatio: (upperLimit: string): string => `0 (at most ${upperLimit})`,
  /** "at least 12": a ratio with only a lower limit. */
  atLeastRatio: (lowerLimit: string): string => `at least ${lowerLimit}`,
  // fragments, in English number format: the sentence that holds them formats its numbers once
  intervalText: (level: string, lo: string, hi: string): string => `${level} CI ${lo}–${hi}`,
  pointsInterval: (level: string, lo: string, hi: string): string => `${level} CI ${lo} to ${hi}`,
  atLevel: (level: string): string => `lower ${level} limit`,

  // the reference "everyone else" (reference: overall) and the overall row of the group tables
  /** The reference "(rest)" in a finding, where a group with its unit would stand: "45 of every 1,000 other households". */
  restGroup: (unit: string): string => `other ${unit}`,
  /** The reference "(rest)" in a table cell or a list. */
  restReference: 'everyone else',
  /** Everyone but one group, in the unstable-reference warning: "all but the low-income households". */
  restOf: (group: string, unit: string): string => `all but the ${group} ${unit}`,
  /** The row of the whole population in each attribute's table. */
  overallRow: (unit: string): string => `All ${unit}`,
};

/** The shape of every catalogue: the English one's keys, with their argument and result types. */
export type Messages = typeof EN;
